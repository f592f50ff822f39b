"""Apply evaluated rows through an app's services, all or nothing unless bad rows are skipped."""

from collections.abc import Callable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from .results import ImportResult, RowOutcome


class _Rollback(Exception):
    pass


def apply_rows(result: ImportResult, apply_one: Callable[[RowOutcome], object], *, skip_bad_rows: bool) -> int:
    """Run `apply_one` for every new/update row in one transaction. A service that refuses a row
    during the apply (say a quota taken meanwhile) turns that row into an error and rolls all back,
    unless bad rows are skipped. Sets `result.applied`; returns how many rows were written."""
    if result.has_errors and not skip_bad_rows:
        return 0
    done = 0
    try:
        with transaction.atomic():
            for outcome in result.rows:
                if outcome.status not in ("new", "update"):
                    continue
                try:
                    with transaction.atomic():
                        apply_one(outcome)
                    done += 1
                except (ValidationError, PermissionDenied) as exc:
                    messages = getattr(exc, "messages", None) or [str(exc) or "无权操作。"]
                    outcome.status, outcome.errors = "error", [("", "；".join(messages))]
                    if not skip_bad_rows:
                        raise _Rollback from exc
    except _Rollback:
        return 0
    result.applied = True
    return done

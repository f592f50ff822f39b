"""Chinese names of the codes the product stores (操作记录的操作, 提醒的类型).

Audit rows store an action code (`leave.request`, `posting.appoint`), reminders a kind
(`report_due`): stable keys for filters and tests, never shown as they are. Each app registers the
names of its codes here (its `labels.py`, imported by its AppConfig.ready): the kernel knows no domain,
and admin and pages show `action_label(code)` / `reminder_kind_label(kind)`. A test
(tests/polish/test_labels.py) finds every code written in the code base and asks for its name.
"""

from collections.abc import Mapping

ACTION_LABELS: dict[str, str] = {}
REMINDER_KIND_LABELS: dict[str, str] = {}
IMPORT_KIND_LABELS: dict[str, str] = {}  # ImportUpload.kind -> the flow's title (core.import_views.ImportFlow)


def action_labels_register(labels: Mapping[str, str], *, prefix: str = "") -> None:
    """Names of audit action codes; `prefix` ("posting.") is put before each key."""
    ACTION_LABELS.update({f"{prefix}{code}": str(label) for code, label in labels.items()})


def reminder_kind_labels_register(labels: Mapping[str, str]) -> None:
    REMINDER_KIND_LABELS.update({code: str(label) for code, label in labels.items()})


def action_label(code: str) -> str:
    """The Chinese name of an audit action code; an unregistered code is shown as it is."""
    return ACTION_LABELS.get(code, code)


def reminder_kind_label(kind: str) -> str:
    return REMINDER_KIND_LABELS.get(kind, kind)


def import_kind_label(kind: str) -> str:
    return IMPORT_KIND_LABELS.get(kind, kind)

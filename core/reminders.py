"""Reminders, exactly once.

1. A scan (domain rules in each app register with `rule`) yields candidate reminders, each with a
   unique key (recipient, kind, subject, period). They are inserted with conflicts ignored: running the
   scan twice, or two scans at once, creates each reminder once.
2. For every pending delivery a send task is enqueued after commit (never a far-future ETA task).
   Rules select what is due *and not yet reminded*, never "what falls on exactly today": a reminder
   whose day was missed (worker down, server off over a holiday) is caught up at the next scan. An
   item reminded in rungs (7 days before, 1 day before; overdue 1, 4, 8, 15 days) yields only the
   latest rung reached (`latest_rung`), keyed by the rung: each rung is sent once, on its own day, and
   after a long gap only the highest rung due is sent, never a burst of every rung at once.
   Subjects that are closed (a terminated or completed posting, `subject_closed`) get no reminder,
   whatever rule proposes one; one made before its subject closed is not sent after.
3. The send task claims each delivery row with select_for_update(skip_locked), sends, marks it sent in
   the same transaction. A retry, a second worker or a second task finds it sent or locked and does
   nothing. A failing channel is retried with backoff and then marked failed; others are not blocked.
"""

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .channels import CHANNELS
from .models import Delivery, Reminder
from .queue import enqueue_on_commit

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Candidate:
    key: str
    recipient_id: int
    kind: str
    title: str
    body: str = ""
    url: str = ""
    subject_id: int | None = None  # the record the reminder is about ...
    subject_type: str = ""  # ... named "app_label.model" (the rules' apps know what it is; core does not)


RULES: list[Callable[[date], Iterable[Candidate]]] = []
# "app_label.model" -> fn(ids) -> the ids among them that are closed (no more reminders about them)
CLOSED_SUBJECTS: dict[str, Callable[[set[int]], set[int]]] = {}


def _content_type(label: str):
    """ "app_label.model" -> its ContentType (cached by Django), or None."""
    if not label:
        return None
    from django.contrib.contenttypes.models import ContentType

    app_label, model = label.split(".")
    return ContentType.objects.get_by_natural_key(app_label, model)


def rule(fn):
    """Register a scan rule: fn(today) -> candidates."""
    RULES.append(fn)
    return fn


def subject_closed(label: str):
    """Register how to tell closed subjects: `@subject_closed("secondment.posting")` on
    `fn(ids) -> closed ids`. A candidate about a closed subject is dropped, whichever rule made it."""

    def register(fn: Callable[[set[int]], set[int]]) -> Callable[[set[int]], set[int]]:
        CLOSED_SUBJECTS[label] = fn
        return fn

    return register


def latest_rung(elapsed: int, rungs: Iterable[int]) -> int | None:
    """The latest rung reached after `elapsed` days (rungs are day offsets from the item's reference
    day, negative before it), or None when none is reached yet. The scan sends this rung only: a rung
    already sent is not sent again (its key exists), a rung passed over during a gap is not sent late."""
    reached = [rung for rung in rungs if rung <= elapsed]
    return max(reached) if reached else None


def candidates(today: date) -> list[Candidate]:
    found: dict[str, Candidate] = {}
    for fn in RULES:
        for candidate in fn(today):
            found.setdefault(candidate.key, candidate)
    by_type: dict[str, set[int]] = {}
    for c in found.values():
        if c.subject_type in CLOSED_SUBJECTS and c.subject_id is not None:
            by_type.setdefault(c.subject_type, set()).add(c.subject_id)
    closed = {(label, pk) for label, ids in by_type.items() for pk in CLOSED_SUBJECTS[label](ids)}
    return [c for c in found.values() if (c.subject_type, c.subject_id) not in closed]


@transaction.atomic
def reminder_scan(*, today: date | None = None) -> tuple[int, list[int]]:
    """Insert today's reminders (conflicts ignored) and their deliveries. Returns (created, ids of
    reminders with pending deliveries) — the caller sends those after commit."""
    today = today or timezone.localdate()
    found = candidates(today)
    keys = [c.key for c in found]
    before = set(Reminder.objects.filter(key__in=keys).values_list("key", flat=True))
    Reminder.objects.bulk_create(
        [
            Reminder(
                key=c.key,
                recipient_id=c.recipient_id,
                kind=c.kind,
                title=c.title[:200],
                body=c.body,
                url=c.url,
                subject_type=_content_type(c.subject_type),
                subject_id=c.subject_id,
            )
            for c in found
        ],
        ignore_conflicts=True,
        batch_size=500,
    )
    new_ids = list(Reminder.objects.filter(key__in=set(keys) - before).values_list("pk", flat=True))
    Delivery.objects.bulk_create(
        [Delivery(reminder_id=pk, channel=channel.name) for pk in new_ids for channel in CHANNELS],
        ignore_conflicts=True,
        batch_size=500,
    )
    pending = list(
        Delivery.objects.filter(status=Delivery.Status.PENDING, reminder__key__in=keys)
        .values_list("reminder_id", flat=True)
        .distinct()
    )
    return len(new_ids), pending


def reminder_create_now(candidate: Candidate) -> Reminder | None:
    """For events that remind "at once" (a report returned): the same insert, sent after commit."""
    with transaction.atomic():
        reminder, created = Reminder.objects.get_or_create(
            key=candidate.key,
            defaults={
                "recipient_id": candidate.recipient_id,
                "kind": candidate.kind,
                "title": candidate.title[:200],
                "body": candidate.body,
                "url": candidate.url,
                "subject_type": _content_type(candidate.subject_type),
                "subject_id": candidate.subject_id,
            },
        )
        if not created:
            return None
        Delivery.objects.bulk_create(
            [Delivery(reminder=reminder, channel=c.name) for c in CHANNELS], ignore_conflicts=True
        )
        enqueue_on_commit("core.tasks.send_reminder", reminder.pk)
    return reminder


class RetryLater(Exception):
    """A channel failed and should be tried again later."""


def _subject_closed_now(reminder_id: int) -> bool:
    row = (
        Reminder.objects.filter(pk=reminder_id, subject_id__isnull=False)
        .values_list("subject_type__app_label", "subject_type__model", "subject_id")
        .first()
    )
    if row is None:
        return False
    is_closed = CLOSED_SUBJECTS.get(f"{row[0]}.{row[1]}")
    return bool(is_closed and is_closed({row[2]}))


def reminder_deliver(*, reminder_id: int) -> dict[str, str]:
    """Deliver every pending channel of one reminder, each exactly once. Raises RetryLater when a
    channel failed but has attempts left (the task retries with backoff)."""
    outcome: dict[str, str] = {}
    if _subject_closed_now(reminder_id):
        # made before its posting closed, sent after (a retry, a queue backlog): not sent at all
        skipped = Delivery.objects.filter(reminder_id=reminder_id, status=Delivery.Status.PENDING).update(
            status=Delivery.Status.SKIPPED
        )
        return {"closed": "skipped"} if skipped else outcome
    retry = False
    for channel in CHANNELS:
        with transaction.atomic():
            delivery = (
                Delivery.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related("reminder__recipient", "reminder__subject_type")
                .filter(reminder_id=reminder_id, channel=channel.name, status=Delivery.Status.PENDING)
                .first()
            )
            if delivery is None:
                continue  # sent, failed, skipped, or being sent by another worker right now
            reminder = delivery.reminder
            if not channel.applies(reminder):
                delivery.status = Delivery.Status.SKIPPED
                delivery.save(update_fields=["status"])
                outcome[channel.name] = "skipped"
                continue
            delivery.attempts += 1
            try:
                with transaction.atomic():
                    channel.send(reminder)
            except Exception as exc:  # any channel failure is recorded, never propagated to others
                logger.warning("reminder %s via %s failed: %s", reminder_id, channel.name, exc)
                delivery.last_error = f"{type(exc).__name__}: {exc}"[:2000]
                if delivery.attempts >= settings.REMINDER_MAX_ATTEMPTS:
                    delivery.status = Delivery.Status.FAILED
                    outcome[channel.name] = "failed"
                else:
                    retry = True
                    outcome[channel.name] = "retry"
                delivery.save(update_fields=["attempts", "last_error", "status"])
                continue
            delivery.status, delivery.sent_at = Delivery.Status.SENT, timezone.now()
            delivery.save(update_fields=["attempts", "status", "sent_at"])
            outcome[channel.name] = "sent"
    if retry:
        raise RetryLater(outcome)
    return outcome

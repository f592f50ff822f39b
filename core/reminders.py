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
from django.db import connection, transaction
from django.db.models import F
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


def link_for(viewname: str) -> Callable[[int], str]:
    """`reverse(viewname, args=[pk])` for many pks: reversed once, then filled in (a month start makes
    20,000 links, and reverse() costs more than the rest of a candidate). Call it inside the rule."""
    from django.urls import reverse

    marker = 987654321
    before, after = reverse(viewname, args=[marker]).split(str(marker), 1)
    return lambda pk: f"{before}{pk}{after}"


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


def _insert_deliveries(reminder_ids: list[int]) -> None:
    """A pending delivery per channel for each of these reminders, in one INSERT … SELECT (no model
    instance per row: a month start makes 60,000); one that exists already is left as it is."""
    if not reminder_ids:
        return
    q = connection.ops.quote_name
    channels = " UNION ALL ".join("SELECT %s AS channel" for _ in CHANNELS)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {q(Delivery._meta.db_table)} (reminder_id, channel, status, attempts, last_error, sent_at) "
            f"SELECT r.id, c.channel, %s, 0, '', NULL FROM {q(Reminder._meta.db_table)} r, ({channels}) c "
            f"WHERE r.id IN ({', '.join(['%s'] * len(reminder_ids))}) "
            "ON CONFLICT (reminder_id, channel) DO NOTHING",
            [Delivery.Status.PENDING, *(channel.name for channel in CHANNELS), *reminder_ids],
        )


# candidates one step of the scan checks and inserts: a bounded number of statements per step (the key
# check, the reminders, their ids, the deliveries, the pending ones), not per reminder
SCAN_BATCH = 2000


@transaction.atomic
def reminder_scan(*, today: date | None = None) -> tuple[int, list[int]]:
    """Insert today's reminders (conflicts ignored) and their deliveries. Returns (created, ids of
    reminders with pending deliveries) — the caller sends those after commit."""
    today = today or timezone.localdate()
    found = candidates(today)
    content_types = {label: _content_type(label) for label in {c.subject_type for c in found}}
    created = 0
    pending: list[int] = []
    for start in range(0, len(found), SCAN_BATCH):
        batch = found[start : start + SCAN_BATCH]
        before = set(Reminder.objects.filter(key__in=[c.key for c in batch]).values_list("key", flat=True))
        fresh = [c for c in batch if c.key not in before]
        new_ids: list[int] = []
        if fresh:
            Reminder.objects.bulk_create(
                [
                    Reminder(
                        key=c.key,
                        recipient_id=c.recipient_id,
                        kind=c.kind,
                        title=c.title[:200],
                        body=c.body,
                        url=c.url,
                        subject_type=content_types[c.subject_type],
                        subject_id=c.subject_id,
                    )
                    for c in fresh
                ],
                ignore_conflicts=True,  # another scan at the same time: each key once all the same
                batch_size=SCAN_BATCH,
            )
            new_ids = list(Reminder.objects.filter(key__in=[c.key for c in fresh]).values_list("pk", flat=True))
            _insert_deliveries(new_ids)
        created += len(new_ids)
        pending.extend(new_ids)
        if before:
            # made by an earlier scan and not delivered yet (the worker was down): sent now
            pending.extend(
                Delivery.objects.filter(status=Delivery.Status.PENDING, reminder__key__in=before)
                .values_list("reminder_id", flat=True)
                .distinct()
            )
    return created, pending


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


def _closed_now(reminder_ids: list[int]) -> set[int]:
    """The reminders among these whose subject is closed now: one query, then one per subject type."""
    by_type: dict[str, dict[int, list[int]]] = {}
    rows = Reminder.objects.filter(pk__in=reminder_ids, subject_id__isnull=False).values_list(
        "pk", "subject_type__app_label", "subject_type__model", "subject_id"
    )
    for pk, app_label, model, subject_id in rows:
        by_type.setdefault(f"{app_label}.{model}", {}).setdefault(subject_id, []).append(pk)
    closed: set[int] = set()
    for label, subjects in by_type.items():
        is_closed = CLOSED_SUBJECTS.get(label)
        if is_closed:
            for subject_id in is_closed(set(subjects)):
                closed.update(subjects[subject_id])
    return closed


# reminders one send task delivers: each channel claims, sends and records a batch in a bounded number of
# queries (a month start makes ~17,000 reminders: one task and one transaction each would take minutes;
# 500 rather than 200: the statements per batch are the same, and each costs little more for 500 rows)
DELIVERY_BATCH = 500


def reminder_deliver(*, reminder_id: int | None = None, reminder_ids: Iterable[int] = ()) -> dict:
    """Deliver every pending channel of one reminder (`reminder_id`: returns {channel: outcome}) or of a
    batch (`reminder_ids`: returns {reminder id: {channel: outcome}}), each exactly once. Per channel,
    one transaction claims the batch's pending rows (select_for_update skip_locked: rows another worker
    holds are left to it), sends, and marks them in bulk. Raises RetryLater (with the same outcome) when
    a channel failed but has attempts left (the task retries with backoff)."""
    ids = [reminder_id] if reminder_id is not None else list(dict.fromkeys(reminder_ids))
    outcomes: dict[int, dict[str, str]] = {pk: {} for pk in ids}
    closed = _closed_now(ids) if ids else set()
    if closed:
        # made before its posting closed, sent after (a retry, a queue backlog): not sent at all
        with transaction.atomic():
            rows = list(
                Delivery.objects.select_for_update(skip_locked=True, of=("self",))
                .filter(reminder_id__in=closed, status=Delivery.Status.PENDING)
                .values_list("pk", "reminder_id")
            )
            Delivery.objects.filter(pk__in=[pk for pk, _ in rows]).update(status=Delivery.Status.SKIPPED)
        for _, pk in rows:
            outcomes[pk] = {"closed": "skipped"}
    open_ids = [pk for pk in ids if pk not in closed]
    retry = False
    for channel in CHANNELS if open_ids else ():
        never = channel.never_applies() if hasattr(channel, "never_applies") else None
        if never is not None:
            # skipped without loading a row: claimed (rows another worker holds are left to it) and marked
            with transaction.atomic():
                rows = list(
                    Delivery.objects.select_for_update(skip_locked=True, of=("self",))
                    .filter(never, reminder_id__in=open_ids, channel=channel.name, status=Delivery.Status.PENDING)
                    .values_list("pk", "reminder_id")
                )
                if rows:
                    Delivery.objects.filter(pk__in=[pk for pk, _ in rows]).update(status=Delivery.Status.SKIPPED)
            for _, pk in rows:
                outcomes[pk][channel.name] = "skipped"
            if not never:
                continue  # an empty condition: the channel applies to nothing, all of it is skipped
        with transaction.atomic():
            deliveries = list(
                Delivery.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related("reminder__recipient", "reminder__subject_type")
                .filter(reminder_id__in=open_ids, channel=channel.name, status=Delivery.Status.PENDING)
                .order_by("pk")
            )
            if not deliveries:
                continue  # sent, failed, skipped, or being sent by another worker right now
            reminders = [d.reminder for d in deliveries]
            if hasattr(channel, "prepare"):
                channel.prepare(reminders)  # what the batch needs, in a few queries
            to_send = []
            for delivery in deliveries:
                if channel.applies(delivery.reminder):
                    delivery.attempts += 1
                    to_send.append(delivery)
                else:
                    delivery.status = Delivery.Status.SKIPPED
                    outcomes[delivery.reminder_id][channel.name] = "skipped"
            if hasattr(channel, "send_many"):
                # a channel that only writes rows: all of the batch in one statement, in this transaction
                channel.send_many([d.reminder for d in to_send])
                failures = {}
            else:
                failures = {}
                try:
                    for delivery in to_send:
                        try:
                            channel.send(delivery.reminder)
                        except Exception as exc:  # any failure is recorded, never propagated to others
                            logger.warning("reminder %s via %s failed: %s", delivery.reminder_id, channel.name, exc)
                            failures[delivery.pk] = exc
                finally:
                    if hasattr(channel, "finish"):
                        channel.finish(reminders)
            # recorded in a few statements: skipped, sent, and each failure (rare) on its own
            skipped_ids = [d.pk for d in deliveries if d.status == Delivery.Status.SKIPPED]
            if skipped_ids:
                Delivery.objects.filter(pk__in=skipped_ids).update(status=Delivery.Status.SKIPPED)
            sent = [d for d in to_send if d.pk not in failures]
            if sent:
                Delivery.objects.filter(pk__in=[d.pk for d in sent]).update(
                    status=Delivery.Status.SENT, sent_at=timezone.now(), attempts=F("attempts") + 1
                )
            for delivery in sent:
                outcomes[delivery.reminder_id][channel.name] = "sent"
            for delivery in to_send:
                exc = failures.get(delivery.pk)
                if exc is None:
                    continue
                delivery.last_error = f"{type(exc).__name__}: {exc}"[:2000]
                if delivery.attempts >= settings.REMINDER_MAX_ATTEMPTS:
                    delivery.status = Delivery.Status.FAILED
                    outcomes[delivery.reminder_id][channel.name] = "failed"
                else:
                    retry = True
                    outcomes[delivery.reminder_id][channel.name] = "retry"
                delivery.save(update_fields=["attempts", "last_error", "status"])
    result = outcomes[reminder_id] if reminder_id is not None else outcomes
    if retry:
        raise RetryLater(result)
    return result

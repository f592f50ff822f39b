"""A month start makes ~17,000 reminders: they are delivered in batches whose query count does not grow
with the batch, still exactly once, a closed subject's reminders skipped within the batch."""

from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.models import Delivery, Notification, Reminder, WebhookTarget
from core.reminders import Candidate, reminder_create_now, reminder_deliver


def _reminders(w, n, *, prefix):
    users = [w.cadre_user, w.receive_a, w.dispatch_a, w.org_county_a, w.org_city]
    made = [
        reminder_create_now(
            Candidate(
                key=f"{prefix}:{i}",
                recipient_id=users[i % len(users)].pk,
                kind="report_due",
                title=f"提醒{i}",
                subject_id=w.posting.pk,
                subject_type="secondment.posting",
            )
        )
        for i in range(n)
    ]
    return [r.pk for r in made]


def _queries(ids):
    with CaptureQueriesContext(connection) as ctx:
        outcomes = reminder_deliver(reminder_ids=ids)
    return len(ctx.captured_queries), outcomes


def test_a_batch_takes_the_same_queries_whatever_its_size(reminder_world):
    w = reminder_world
    WebhookTarget.objects.create(name="别县群", unit=w.county_b, url="http://127.0.0.1:9/never")
    small, _ = _queries(_reminders(w, 3, prefix="a"))
    big_ids = _reminders(w, 30, prefix="b")
    big, outcomes = _queries(big_ids)
    assert big == small
    assert all(outcomes[pk]["in_app"] == "sent" and outcomes[pk]["email"] == "sent" for pk in big_ids)
    assert Notification.objects.filter(reminder_id__in=big_ids).count() == 30
    assert len(mail.outbox) == 33


def test_a_batch_delivered_twice_sends_once(reminder_world):
    ids = _reminders(reminder_world, 10, prefix="c")
    reminder_deliver(reminder_ids=ids)
    assert reminder_deliver(reminder_ids=ids) == {pk: {} for pk in ids}
    assert Notification.objects.count() == 10 and len(mail.outbox) == 10
    assert set(Delivery.objects.filter(reminder_id__in=ids, channel="in_app").values_list("status", flat=True)) == {
        "sent"
    }


def test_the_scan_task_delivers_every_reminder_through_batch_send_tasks(
    reminder_world, django_capture_on_commit_callbacks
):
    from core import reminders as core_reminders
    from core.tasks import scan_reminders

    w = reminder_world
    users = [w.cadre_user, w.receive_a, w.dispatch_a, w.org_county_a, w.org_city]

    def many(today):
        return [Candidate(key=f"bulk:{i}", recipient_id=users[i % 5].pk, kind="x", title=f"{i}") for i in range(450)]

    from celery import current_app

    core_reminders.RULES.append(many)
    current_app.conf.task_always_eager = True  # the send tasks run here, as a worker would run them
    try:
        with django_capture_on_commit_callbacks(execute=True):
            scan_reminders.apply(kwargs={"today": "2026-12-01"}).get()
    finally:
        core_reminders.RULES.remove(many)
        current_app.conf.task_always_eager = False
    bulk = Reminder.objects.filter(key__startswith="bulk:")
    assert bulk.count() == 450
    # the eager send tasks ran after commit: every bulk reminder notified once
    assert Notification.objects.filter(reminder__in=bulk).count() == 450
    assert not Delivery.objects.filter(reminder__in=bulk, status="pending").exists()


def _scan_with(monkeypatch, candidates_for_today, today):
    from core import reminders

    monkeypatch.setattr(reminders, "RULES", [candidates_for_today])
    with CaptureQueriesContext(connection) as ctx:
        created, pending = reminders.reminder_scan(today=today)
    return len(ctx.captured_queries), created, pending


def test_the_scan_takes_the_same_queries_whatever_its_size(reminder_world, monkeypatch):
    """Keys checked, reminders and their deliveries inserted per batch of candidates, not per reminder;
    a second scan creates nothing and hands back what is still pending (the worker was down)."""
    from datetime import date

    w = reminder_world
    users = [w.cadre_user, w.receive_a, w.dispatch_a]

    def rule_of(n, prefix):
        return lambda today: [
            Candidate(key=f"{prefix}:{i}", recipient_id=users[i % 3].pk, kind="report_due", title=f"提醒{i}")
            for i in range(n)
        ]

    small, created_small, _ = _scan_with(monkeypatch, rule_of(2, "s"), date(2026, 12, 1))
    big, created_big, pending = _scan_with(monkeypatch, rule_of(40, "b"), date(2026, 12, 1))
    assert big == small and (created_small, created_big) == (2, 40)
    assert Delivery.objects.filter(reminder__key__startswith="b:").count() == 40 * 3
    assert set(Delivery.objects.filter(reminder__key__startswith="b:").values_list("status", flat=True)) == {"pending"}
    again, created_again, pending_again = _scan_with(monkeypatch, rule_of(40, "b"), date(2026, 12, 2))
    assert created_again == 0 and sorted(pending_again) == sorted(pending) and again <= big


def test_channels_that_cannot_apply_are_skipped_in_the_batch(reminder_world):
    """No email address: the email delivery is skipped; no active webhook target: every webhook one."""
    w = reminder_world
    w.receive_a.email = ""
    w.receive_a.save(update_fields=["email"])
    ids = _reminders(w, 10, prefix="n")
    outcomes = reminder_deliver(reminder_ids=ids)
    by_user = dict(Reminder.objects.filter(pk__in=ids).values_list("pk", "recipient_id"))
    for pk in ids:
        assert outcomes[pk]["in_app"] == "sent" and outcomes[pk]["webhook"] == "skipped"
        assert outcomes[pk]["email"] == ("skipped" if by_user[pk] == w.receive_a.pk else "sent")
    assert not Delivery.objects.filter(reminder_id__in=ids, status="pending").exists()

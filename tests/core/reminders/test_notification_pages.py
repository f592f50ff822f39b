"""The notification centre and the reminder log."""

from datetime import timedelta

from django.urls import reverse

from core.models import Notification
from core.reminders import reminder_deliver, reminder_scan
from tests.factories import make_user


def _deliver_all(w, days_after_due=(1, 4, 8)):
    """Scan on days 1, 4 and 8 after the first quarterly report's due date: each escalation rung once."""
    report = w.posting.reports.filter(cycle__recipient="org_dept").order_by("period_start").first()
    for days in days_after_due:
        _, pending = reminder_scan(today=report.due_date + timedelta(days=days))
        for pk in pending:
            reminder_deliver(reminder_id=pk)


def test_bell_count_and_mark_as_read(client, reminder_world):
    w = reminder_world
    _deliver_all(w)
    client.force_login(w.cadre_user)
    page = client.get(reverse("home"))
    assert page.context["unread_notifications"] == 1 and 'data-testid="unread"' in page.content.decode()
    note = Notification.objects.get(user=w.cadre_user)
    response = client.post(reverse("notifications:read", args=[note.pk]))
    assert response.status_code == 302 and response["Location"] == note.url
    assert client.get(reverse("home")).context["unread_notifications"] == 0


def test_another_users_notification_is_404(client, reminder_world):
    w = reminder_world
    _deliver_all(w)
    note = Notification.objects.get(user=w.cadre_user)
    client.force_login(w.receive_a)
    assert client.post(reverse("notifications:read", args=[note.pk])).status_code == 404
    note.refresh_from_db()
    assert note.read_at is None


def test_email_preference(client, reminder_world):
    client.force_login(reminder_world.cadre_user)
    client.post(reverse("notifications:email"), {})
    reminder_world.cadre_user.refresh_from_db()
    assert reminder_world.cadre_user.email_reminders is False


def test_reminder_log_is_scoped_and_paginated_by_key(client, reminder_world):
    w = reminder_world
    _deliver_all(w)
    client.force_login(w.org_county_a)
    rows = client.get(reverse("notifications:log")).context["rows"]
    assert {r.recipient_id for r in rows} >= {w.cadre_user.pk, w.receive_a.pk}
    client.force_login(make_user(roles=[("org_staff", w.county_b)]))
    assert list(client.get(reverse("notifications:log")).context["rows"]) == []
    client.force_login(w.receive_a)
    assert client.get(reverse("notifications:log")).status_code == 403
    client.force_login(w.org_county_a)
    newest = rows[0].pk
    older = client.get(reverse("notifications:log"), {"before": newest}).context["rows"]
    assert all(r.pk < newest for r in older) and len(older) == len(rows) - 1


def test_bell_counts_to_99_plus(client, world):
    """The bell counts at most 100 unread (a province's busy user has thousands): 99+ past 99."""
    Notification.objects.bulk_create([Notification(user=world.cadre_user, title=f"第{i}条") for i in range(120)])
    client.force_login(world.cadre_user)
    page = client.get(reverse("home"))
    assert page.context["unread_notifications"] == 100
    assert 'data-testid="unread">99+<' in page.content.decode()

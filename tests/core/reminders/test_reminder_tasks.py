"""The Celery tasks, run as tasks (Task.apply, in this process): the periodic scan over a calendar with days
the worker was down, then each send task; count exactly what each person received."""

from collections import Counter
from datetime import timedelta

from core.models import Notification, Reminder
from core.tasks import scan_reminders, send_reminder


def test_the_scan_task_over_a_calendar_with_missed_days_reaches_each_person_once_per_rung(
    reminder_world, django_capture_on_commit_callbacks
):
    w = reminder_world
    report = w.posting.reports.filter(cycle__recipient="org_dept").order_by("period_start").first()
    down = {2, 3, 4, 5, *range(8, 17)}  # the worker is down twice, over two rungs
    for n in range(-10, 30):
        if n in down:
            continue
        day = report.due_date + timedelta(days=n)
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            scan_reminders.apply(kwargs={"today": day.isoformat()}).get()
        assert len(callbacks) == 1  # the send tasks go out after commit, never before
        for reminder in Reminder.objects.filter(deliveries__status="pending").distinct():
            send_reminder.apply(args=[reminder.pk]).get()
    about_report = Notification.objects.filter(reminder__kind__in=["report_due", "report_overdue"])
    received = Counter(about_report.values_list("user_id", flat=True))
    # the cadre: 7 days and 1 day before, the day after; the receiving unit's day-4 rung fell in the first
    # gap, so day 6 caught up its rung; the dispatching unit's day-8 rung was passed over in the second gap,
    # and day 17 sent the org department's rung (day 15) only, not both at once
    assert received == Counter({w.cadre_user.pk: 3, w.receive_a.pk: 1, w.org_county_a.pk: 1})
    titles = sorted(about_report.filter(user=w.receive_a).values_list("title", flat=True))
    assert titles == ["甲干部的季度工作汇报已逾期6天"]

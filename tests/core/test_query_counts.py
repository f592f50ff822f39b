"""List pages keep the same number of queries whatever the number of rows."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.models import Notification
from tests.factories import make_unit


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_unit_list(client, world):
    client.force_login(world.org_city)
    one = _count(client, reverse("cadres:unit-list"))
    for i in range(20):
        make_unit(f"新单位{i}", parent=world.county_a)
    assert _count(client, reverse("cadres:unit-list")) == one


def test_notification_list(client, world):
    client.force_login(world.cadre_user)
    Notification.objects.create(user=world.cadre_user, title="一")
    one = _count(client, reverse("notifications:list"))
    Notification.objects.bulk_create([Notification(user=world.cadre_user, title=f"第{i}条") for i in range(25)])
    assert _count(client, reverse("notifications:list")) == one


def test_reminder_log(client, reminder_world):
    from core.reminders import reminder_deliver, reminder_scan

    w = reminder_world
    client.force_login(w.org_county_a)
    report = w.posting.reports.filter(cycle__recipient="org_dept").order_by("period_start").first()
    _, pending = reminder_scan(today=report.due_date - timedelta(days=7))
    for pk in pending:
        reminder_deliver(reminder_id=pk)
    one = _count(client, reverse("notifications:log"))
    for days in (1, 8, 15, 22):
        _, pending = reminder_scan(today=report.due_date + timedelta(days=days))
        for pk in pending:
            reminder_deliver(reminder_id=pk)
    assert _count(client, reverse("notifications:log")) == one


def test_the_cadre_page_reads_each_list_once(client, world):
    """The timeline and the page's own lists share one read each (issue 18: they were read twice)."""
    client.force_login(world.org_city)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("cadres:cadre-detail", args=[world.cadre_a.pk])).status_code == 200
    sqls = [q["sql"] for q in ctx.captured_queries]
    for table in ("cadres_trainingrecord", "cadres_rewardpunishment", "cadres_resumeentry"):
        assert sum(sql.startswith("SELECT") and f'FROM "{table}"' in sql for sql in sqls) == 1, table

"""Cached statistics are never stale (issue 18, core.stats_cache): a committed write — through a service
or a bulk `QuerySet.update()` — shows on the next request of the dashboard, the compliance
page and the home page; a request with nothing changed is served from the cache; bookkeeping writes
(notifications, logins) keep it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cadres.models import Unit
from core.models import Notification
from core.stats_cache import cached_stats, data_version
from reports import services
from reports.models import WorkReport


def _get(client, url, **params):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params)
    assert response.status_code == 200
    touched = [q["sql"] for q in ctx.captured_queries if "secondment_workreport" in q["sql"]]
    return response.context, touched


def _overdue_quarterly(w):
    return (
        WorkReport.objects.filter(
            posting=w.posting, cycle__recipient="org_dept", status="draft", due_date__lt=timezone.localdate()
        )
        .order_by("due_date")
        .first()
    )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_committed_report_submission_shows_on_the_next_request(client, reminder_world):
    w = reminder_world
    report = _overdue_quarterly(w)
    assert report is not None  # the posting started in March: its first quarterly report is overdue
    client.force_login(w.org_county_a)
    dashboard, queried = _get(client, reverse("dashboard:index"))
    before = dashboard["stats"]["overdue"]["reports"]
    assert before >= 1 and queried  # computed
    dashboard, queried = _get(client, reverse("dashboard:index"))
    assert dashboard["stats"]["overdue"]["reports"] == before and not queried  # served from the cache
    home, _ = _get(client, reverse("home"))
    waiting = home["org_todo"]["reports_waiting"]
    compliance, _ = _get(client, reverse("reports:compliance"))
    late = compliance["rows"][0]["late"]
    _get(client, reverse("reports:compliance"))  # cached too

    services.work_report_submit(report=report, version=0, acting_user=w.cadre_user, main_work="走访", next_plans="推进")

    dashboard, queried = _get(client, reverse("dashboard:index"))
    assert dashboard["stats"]["overdue"]["reports"] == before - 1 and queried
    assert _get(client, reverse("home"))[0]["org_todo"]["reports_waiting"] == waiting + 1
    assert _get(client, reverse("reports:compliance"))[0]["rows"][0]["late"] == late + 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_bulk_update_around_the_services_is_seen_too(client, reminder_world):
    w = reminder_world
    client.force_login(w.org_county_a)
    assert _get(client, reverse("dashboard:index"))[0]["charts"]["region"]["labels"] == ["未填写"]
    Unit.objects.filter(pk=w.town_a.pk).update(region="甲县石门镇")  # no save(), no signal
    assert _get(client, reverse("dashboard:index"))[0]["charts"]["region"]["labels"] == ["甲县石门镇"]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_administrators_numbers_follow_a_write_too(client, reminder_world):
    w = reminder_world
    client.force_login(w.admin)
    report = _overdue_quarterly(w)
    before = _get(client, reverse("dashboard:index"))[0]["stats"]["overdue"]["reports"]
    WorkReport.objects.filter(pk=report.pk).update(out_of_term=True)
    assert _get(client, reverse("dashboard:index"))[0]["stats"]["overdue"]["reports"] == before - 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_bookkeeping_writes_keep_the_version(client, reminder_world):
    w = reminder_world
    version = data_version()
    Notification.objects.create(user=w.org_city, title="通知", body="")
    client.force_login(w.org_city)  # a login writes last_login and a session
    client.get(reverse("home"))
    assert data_version() == version
    Unit.objects.filter(pk=w.town_a.pk).update(region="甲县")
    assert data_version() != version


def test_a_transaction_that_wrote_computes_afresh(reminder_world):
    """Inside a transaction with its own uncommitted writes (every test of the suite), nothing is read
    from or put into the shared cache: the numbers are this transaction's."""
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert cached_stats("probe", ("k",), compute) == 1
    assert cached_stats("probe", ("k",), compute) == 2

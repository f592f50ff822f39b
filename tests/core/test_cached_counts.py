"""The posting list's and the review queue's counts are cached per jurisdiction, filters and day under
the data version (core.stats_cache.cached_count, issue 18) — and never stale: a committed write shows on
the next request, and a request with nothing changed does not count again."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cadres.models import Cadre
from reports import services
from reports.models import WorkReport


def _count(client, url, table, **params):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params)
    assert response.status_code == 200
    sqls = [q["sql"] for q in ctx.captured_queries]
    counted = [sql for sql in sqls if sql.startswith("SELECT COUNT(*)") and f'FROM "{table}"' in sql]
    return response.context["page"].paginator.count, bool(counted)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_posting_lists_count_follows_a_committed_write(client, reminder_world):
    w = reminder_world
    client.force_login(w.org_county_a)
    url = reverse("secondment:posting-list")
    name = w.posting.cadre.name
    assert _count(client, url, "secondment_posting", q=name) == (1, True)
    assert _count(client, url, "secondment_posting", q=name) == (1, False)  # cached
    assert _count(client, url, "secondment_posting", q="新名字") == (0, True)  # its own filters

    Cadre.objects.filter(pk=w.posting.cadre_id).update(name="新名字")  # around the services: still seen

    assert _count(client, url, "secondment_posting", q=name) == (0, True)
    assert _count(client, url, "secondment_posting", q="新名字") == (1, True)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_review_queues_count_follows_a_submission(client, reminder_world):
    w = reminder_world
    client.force_login(w.org_county_a)
    url = reverse("reports:queue")
    waiting, counted = _count(client, url, "secondment_workreport")
    assert counted
    assert _count(client, url, "secondment_workreport") == (waiting, False)
    report = (
        WorkReport.objects.filter(
            posting=w.posting, cycle__recipient="org_dept", status="draft", due_date__lt=timezone.localdate()
        )
        .order_by("due_date")
        .first()
    )

    services.work_report_submit(report=report, version=0, acting_user=w.cadre_user, main_work="走访", next_plans="推进")

    assert _count(client, url, "secondment_workreport") == (waiting + 1, True)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_overdue_lists_order_is_cached_and_follows_a_submission(client, reminder_world):
    w = reminder_world
    client.force_login(w.org_county_a)
    url = reverse("reports:missing")

    def listed():
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        sqls = [q["sql"] for q in ctx.captured_queries]
        ordered = any(sql.startswith('SELECT "secondment_workreport"."id" AS "pk"') for sql in sqls)
        return [r.pk for r in response.context["page"]], response.context["page"].paginator.count, ordered

    overdue, count, ordered = listed()
    assert overdue and count == len(overdue) and ordered
    assert listed() == (overdue, count, False)  # the order from the cache
    report = WorkReport.objects.get(pk=overdue[0])

    services.work_report_submit(report=report, version=0, acting_user=w.cadre_user, main_work="走访", next_plans="推进")

    assert listed() == (overdue[1:], count - 1, True)


@pytest.mark.django_db
def test_a_count_is_kept_under_the_day_its_filters_were_built_with():
    """A request that spans midnight stores its list under the day its filters used, not the next."""
    from datetime import date

    from core.stats_cache import cached_count
    from reports.models import ReportCycle

    everything, nothing = ReportCycle.objects.all(), ReportCycle.objects.none()  # reference data: several
    first = cached_count("day-test", ("scope",), None, everything, day=date(2026, 12, 1))
    assert first > 0
    assert cached_count("day-test", ("scope",), None, nothing, day=date(2026, 12, 1)) == first  # cached
    assert cached_count("day-test", ("scope",), None, nothing, day=date(2026, 12, 2)) == 0  # its own key


@pytest.mark.django_db
def test_rows_in_order_keeps_the_keys_order_and_leaves_out_what_is_gone():
    from core.paginator import rows_in_order
    from reports.models import ReportCycle

    cycles = list(ReportCycle.objects.order_by("pk"))
    assert len(cycles) >= 2
    keys = [cycles[1].pk, 10**9, cycles[0].pk]  # a key whose row is gone in the middle
    assert rows_in_order(ReportCycle.objects.all(), keys) == [cycles[1], cycles[0]]
    assert rows_in_order(ReportCycle.objects.exclude(pk=cycles[0].pk), keys) == [cycles[1]]  # outside the list
    assert rows_in_order(ReportCycle.objects.all(), []) == []


def _admin_count(client, url, table, **params):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params)
    assert response.status_code == 200
    counted = [q["sql"] for q in ctx.captured_queries if "COUNT(*)" in q["sql"] and f'FROM "{table}"' in q["sql"]]
    return response.context["cl"].result_count, bool(counted)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_admin_searchs_count_is_cached_until_a_write_and_the_audit_trails_never(client, reminder_world):
    """Django admin's big lists (core.paginator.EstimatedCountPaginator): paging through a search counts
    its matches once; a committed write counts afresh. The audit trail's writes keep the data version,
    so its list is counted on every request."""
    w = reminder_world
    client.force_login(w.admin)
    url = "/admin/secondment/posting/"
    name = w.posting.cadre.name
    assert _admin_count(client, url, "secondment_posting", q=name) == (1, True)
    assert _admin_count(client, url, "secondment_posting", q=name) == (1, False)  # cached
    assert _admin_count(client, url, "secondment_posting", q="新名字") == (0, True)  # its own query

    Cadre.objects.filter(pk=w.posting.cadre_id).update(name="新名字")

    assert _admin_count(client, url, "secondment_posting", q=name) == (0, True)
    assert _admin_count(client, url, "secondment_posting", q="新名字") == (1, True)

    audit = "/admin/core/auditlog/"
    assert _admin_count(client, audit, "core_auditlog")[1]
    assert _admin_count(client, audit, "core_auditlog")[1]  # counted again: not cached

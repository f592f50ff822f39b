"""Dashboard numbers equal counts computed independently; the query count stays flat; the calendar
feed parses and its old URL dies on regeneration."""

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from icalendar import Calendar

from secondment.models import Posting
from secondment.services.postings import posting_create, posting_transition
from tests.factories import make_cadre, make_user


def _postings(w, n):
    for i in range(n):
        p = posting_create(
            batch=w.batch,
            cadre=make_cadre(w.unit_a, f"统计{i}"),
            receiving_unit=w.town_a,
            post="镇长助理",
            start_date=date(2026, 3, 2),
            acting_user=None,
        )
        if i % 2:
            posting_transition(
                posting=p, action="appoint", acting_user=None, appointment_doc_no="X", appointment_date=date(2026, 3, 2)
            )


def test_numbers_equal_independent_counts(client, reminder_world):
    w = reminder_world
    _postings(w, 5)
    client.force_login(w.org_county_a)
    stats = client.get(reverse("dashboard:index")).context["stats"]
    expected = {}
    for p in Posting.objects.all():
        expected[p.status] = expected.get(p.status, 0) + 1
    assert {code: n for _, code, n in stats["by_status"]} == expected
    assert sum(n for _, _, n in stats["by_kind"]) == Posting.objects.count()
    assert stats["by_region"] == [("未填写", Posting.objects.filter(status="on_post").count())]
    overdue_reports = sum(
        1
        for p in Posting.objects.all()
        for r in p.reports.all()
        if r.first_submitted_at is None and not r.out_of_term and r.is_late()
    )
    assert stats["overdue"]["reports"] == overdue_reports
    assert stats["overdue"]["arrival"] == sum(1 for p in Posting.objects.all() if p.is_arrival_overdue())


def test_filters_and_scope(client, reminder_world):
    w = reminder_world
    client.force_login(make_user(roles=[("org_staff", w.county_b)]))
    assert client.get(reverse("dashboard:index")).context["stats"]["by_status"] == []
    client.force_login(w.org_city)
    assert client.get(reverse("dashboard:index"), {"year": 2020}).context["stats"]["by_status"] == []
    client.force_login(w.receive_a)
    assert client.get(reverse("dashboard:index")).status_code == 403


def test_a_bar_leads_to_the_list_behind_it(client, reminder_world):
    client.force_login(reminder_world.org_county_a)
    charts = client.get(reverse("dashboard:index")).context["charts"]
    link = charts["status"]["links"][charts["status"]["labels"].index("在岗")]
    page = client.get(link).context["page"]
    assert [p.pk for p in page] == [reminder_world.posting.pk]


def test_query_count_does_not_grow(client, reminder_world):
    w = reminder_world
    client.force_login(w.org_county_a)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            client.get(reverse("dashboard:index"))
        return len(ctx.captured_queries)

    one = count()
    _postings(w, 12)
    assert count() == one


def test_every_chart_has_a_table_and_excel(client, reminder_world):
    import io

    from openpyxl import load_workbook

    client.force_login(reminder_world.org_county_a)
    html = client.get(reverse("dashboard:index")).content.decode()
    for key in ("status", "kind", "region", "compliance", "annual", "appraisal"):
        assert f'data-testid="table-{key}"' in html
    rows = list(
        load_workbook(io.BytesIO(client.get(reverse("dashboard:export")).content)).active.iter_rows(values_only=True)
    )
    assert ("挂职状态", "在岗", 1) in rows


def test_calendar_feed_parses_and_regeneration_kills_the_old_url(client, reminder_world):
    w = reminder_world
    client.force_login(w.cadre_user)
    url = client.get(reverse("dashboard:calendar")).context["feed_url"]
    path = url.replace("http://testserver", "")
    client.logout()
    feed = client.get(path)  # no login: the secret URL is the key
    assert feed.status_code == 200 and feed["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(feed.content)
    summaries = [str(e.get("summary")) for e in calendar.walk("VEVENT")]
    assert any("报送季度工作汇报" in s for s in summaries) and "挂职期满" in summaries
    client.force_login(w.cadre_user)
    client.post(reverse("dashboard:calendar"))
    client.logout()
    assert client.get(path).status_code == 404


def test_the_region_bar_leads_to_the_cadres_on_post_there(client, reminder_world):
    w = reminder_world
    w.town_a.region = "甲县石门镇"
    w.town_a.save()
    client.force_login(w.org_county_a)
    charts = client.get(reverse("dashboard:index")).context["charts"]
    assert charts["region"]["labels"] == ["甲县石门镇"]
    page = client.get(charts["region"]["links"][0]).context["page"]
    assert [p.pk for p in page] == [w.posting.pk]

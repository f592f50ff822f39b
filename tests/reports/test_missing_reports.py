"""逾期未报 (issue 16): an on-screen list of the reports never filed, by batch and receiving unit, with
filters and its Excel, scoped to the user's postings; its query count does not grow with the rows."""

import io
from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from reports.models import WorkReport
from secondment.services.postings import posting_create, posting_transition
from tests.factories import make_cadre, make_user


def _missing():
    today = timezone.localdate()
    return WorkReport.objects.filter(out_of_term=False, first_submitted_at__isnull=True, due_date__lt=today)


def _on_post(w, name):
    p = posting_create(
        batch=w.batch,
        cadre=make_cadre(w.unit_a, name),
        receiving_unit=w.town_a,
        post="镇长助理",
        start_date=date(2026, 3, 2),
        acting_user=None,
    )
    posting_transition(
        posting=p, action="appoint", acting_user=None, appointment_doc_no="X", appointment_date=date(2026, 3, 2)
    )
    return posting_transition(posting=p, action="confirm_arrival", acting_user=None, arrival_date=date(2026, 3, 3))


def test_the_list_names_every_report_not_filed_within_scope(client, reminder_world):
    w = reminder_world
    expected = set(_missing().values_list("pk", flat=True))
    assert expected  # the world's posting owes reports already
    client.force_login(w.org_county_a)
    response = client.get(reverse("reports:missing"))
    assert response.status_code == 200
    assert {r.pk for r in response.context["page"]} == expected
    assert w.cadre_a.name in response.content.decode()
    client.force_login(make_user(roles=[("org_staff", w.county_b)]))  # another county's org department
    response = client.get(reverse("reports:missing"))
    assert response.status_code == 200 and list(response.context["page"]) == []
    assert w.cadre_a.name not in response.content.decode()


def test_a_filed_report_leaves_the_list(client, reminder_world):
    from reports.services import work_report_submit

    w = reminder_world
    first = _missing().order_by("due_date").first()
    work_report_submit(
        report=first, version=first.version, acting_user=w.cadre_user, main_work="做了", next_plans="再做"
    )
    client.force_login(w.org_county_a)
    assert first.pk not in {r.pk for r in client.get(reverse("reports:missing")).context["page"]}


def test_filters_by_batch_and_unit_and_the_same_list_as_excel(client, reminder_world):
    w = reminder_world
    client.force_login(w.org_county_a)
    url = reverse("reports:missing")
    assert len(client.get(url, {"batch": w.batch.pk}).context["page"]) == _missing().count()
    assert list(client.get(url, {"receiving_unit": w.county_a.pk}).context["page"]) == []  # no posting there
    workbook = load_workbook(io.BytesIO(client.get(url, {"batch": w.batch.pk, "format": "xlsx"}).content))
    rows = list(workbook.active.iter_rows(values_only=True))
    assert rows[0][:3] == ("批次", "接收单位", "干部")
    assert len(rows) - 1 == _missing().count() and all(row[2] == w.cadre_a.name for row in rows[1:])


def test_compliance_leads_to_the_list(client, reminder_world):
    client.force_login(reminder_world.org_county_a)
    html = client.get(reverse("reports:compliance")).content.decode()
    assert f"{reverse('reports:missing')}?batch={reminder_world.batch.pk}" in html


def test_query_count_does_not_grow_with_the_rows(client, reminder_world):
    w = reminder_world
    client.force_login(w.org_county_a)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("reports:missing")).status_code == 200
        return len(ctx.captured_queries)

    one = count()
    for i in range(4):
        _on_post(w, f"未报{i}")
    assert _missing().count() > 4
    assert count() == one

"""Dashboard charts (issue 16): status bars in lifecycle order, the on-time rate grouped by the quarter of
the reports' period (not the quarter they fall due), whole-number axes."""

from collections import Counter
from datetime import date
from pathlib import Path

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from reports.models import WorkReport
from secondment.models import Posting
from secondment.services.postings import posting_create, posting_transition
from tests.factories import make_cadre


def _posting(w, name: str, start: date, *, arrive: bool) -> Posting:
    p = posting_create(
        batch=w.batch,
        cadre=make_cadre(w.unit_a, name),
        receiving_unit=w.town_a,
        post="镇长助理",
        start_date=start,
        acting_user=None,
    )
    if arrive:
        posting_transition(
            posting=p, action="appoint", acting_user=None, appointment_doc_no="X", appointment_date=start
        )
        p = posting_transition(posting=p, action="confirm_arrival", acting_user=None, arrival_date=start)
    return p


def test_status_bars_follow_the_posting_lifecycle(client, reminder_world):
    w = reminder_world
    _posting(w, "甲", date(2026, 3, 2), arrive=False)  # 拟派
    p = _posting(w, "乙", date(2026, 3, 2), arrive=False)
    posting_transition(
        posting=p, action="appoint", acting_user=None, appointment_doc_no="Y", appointment_date=date(2026, 3, 2)
    )
    client.force_login(w.org_county_a)
    stats = client.get(reverse("dashboard:index")).context["stats"]
    assert [label for label, _code, _n in stats["by_status"]] == ["拟派", "待到岗", "在岗"]
    charts = client.get(reverse("dashboard:index")).context["charts"]
    assert charts["status"]["labels"] == ["拟派", "待到岗", "在岗"]


def test_on_time_rate_groups_reports_by_the_quarter_of_their_period(client, reminder_world):
    w = reminder_world
    # a term starting in April: its first quarterly report covers Q2 and falls due in July (Q3)
    _posting(w, "丙", date(2026, 4, 1), arrive=True)
    today = timezone.localdate()
    counted = WorkReport.objects.filter(out_of_term=False, due_date__lt=today)
    by_period = Counter(f"{r.period_end.year}年第{(r.period_end.month - 1) // 3 + 1}季度" for r in counted)
    by_due = Counter(f"{r.due_date.year}年第{(r.due_date.month - 1) // 3 + 1}季度" for r in counted)
    assert by_period != by_due  # the data tells the two groupings apart
    client.force_login(w.org_county_a)
    compliance = client.get(reverse("dashboard:index")).context["stats"]["compliance"]
    assert {c["period"]: c["due"] for c in compliance} == dict(by_period)


def test_chart_axes_count_in_whole_numbers():
    script = Path(settings.BASE_DIR, "static", "js", "dashboard-charts.js").read_text()
    assert "minInterval: 1" in script

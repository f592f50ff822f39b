"""A terminated or completed posting is closed everywhere (rule 11): one test per surface — the reminder
scan, the calendar feed, the appraisal, the reports (kept, listed as not required, out of the compliance
counts) and the home page to-dos. Each test shows the surface had something before the posting closed."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from icalendar import Calendar

from assessments.models import Appraisal
from core.models import Reminder
from core.reminders import candidates, reminder_scan
from dashboard.calendar import calendar_for
from dashboard.selectors import DashboardFilters, dashboard
from reports.selectors import report_compliance
from reports.services import work_report_submit
from secondment.models import Posting
from secondment.services.conduct import inspection_record
from secondment.services.postings import posting_transition
from tests.assessments.test_appraisal_services import _complete


def _close(w, how: str) -> None:
    if how == "terminated":
        posting_transition(
            posting=w.posting, action="terminate", acting_user=w.org_county_a, grounds="absence", reason="长期离岗"
        )
    else:
        from assessments.services.appraisals import appraisal_finalize

        appraisal_finalize(appraisal=_complete(w), acting_user=w.org_county_a)
    w.posting.refresh_from_db()
    assert w.posting.status == how


@pytest.fixture
def open_world(appraisal_world):
    """The posting of appraisal_world (term ended 2026-03-01, appraisal open) with a report waiting for
    review, the other reports never filed, and a rectification past its deadline."""
    w = appraisal_world
    first = w.posting.reports.filter(cycle__recipient="org_dept").order_by("period_start").first()
    work_report_submit(report=first, version=0, acting_user=w.cadre_user, main_work="一季度", next_plans="继续")
    inspection_record(
        posting=w.posting,
        date=date(2026, 2, 1),
        method="spot",
        findings="台账不全",
        rectification_required=True,
        rectification_deadline=date(2026, 2, 20),
        acting_user=w.org_county_a,
    )
    return w


def _about_posting(w):
    return Reminder.objects.filter(subject_type__model="posting", subject_id=w.posting.pk)


@pytest.mark.parametrize("how", ["terminated", "completed"])
def test_a_closed_posting_gets_no_reminder(open_world, how):
    w = open_world
    assert [
        c for c in candidates(date(2026, 3, 2)) if c.subject_id == w.posting.pk and c.subject_type.endswith("posting")
    ]
    _close(w, how)
    for day in [date(2026, 3, 2) + timedelta(days=n) for n in range(0, 120, 3)]:
        reminder_scan(today=day)
    assert not _about_posting(w).exists()
    assert not Reminder.objects.filter(kind="review_digest").exists()  # its report waits for nobody


def _events(user) -> list[str]:
    return [str(e.get("uid")) for e in Calendar.from_ical(calendar_for(user)).walk("VEVENT")]


@pytest.mark.parametrize("how", ["terminated", "completed"])
def test_a_closed_posting_has_no_calendar_event(open_world, how):
    w = open_world
    people = (w.cadre_user, w.receive_a, w.dispatch_a, w.org_county_a)
    assert any(e.startswith("report-") for e in _events(w.cadre_user))
    assert any(e.startswith("review-") for e in _events(w.org_county_a))
    _close(w, how)
    for user in people:
        left = [e for e in _events(user) if not e.startswith(("batch-", "nominate-"))]  # the open batch's own
        assert left == [], (user, left)


def test_terminating_closes_the_open_appraisal_with_the_reason(open_world):
    w = open_world
    _close(w, "terminated")
    appraisal = Appraisal.objects.get(posting=w.posting)
    assert appraisal.status == Appraisal.Status.CLOSED
    assert appraisal.events.get(step="close").note == "挂职终止：长期离岗"


@pytest.mark.parametrize("how,reason", [("terminated", "挂职终止"), ("completed", "挂职已结束")])
def test_unsubmitted_reports_are_kept_as_not_required_and_leave_the_compliance_counts(client, open_world, how, reason):
    w = open_world
    reports = w.posting.reports
    total, unsubmitted = reports.count(), reports.filter(first_submitted_at__isnull=True).count()
    assert unsubmitted > 0 and report_compliance(user=w.org_county_a, today=date(2026, 3, 2))[0]["missing"] > 0
    assert dashboard(w.org_county_a, DashboardFilters(), today=date(2026, 3, 2))["overdue"]["reports"] > 0
    _close(w, how)
    assert reports.count() == total  # kept, never deleted
    not_required = reports.filter(out_of_term=True)
    assert not_required.count() == unsubmitted and set(not_required.values_list("not_required_reason", flat=True)) == {
        reason
    }
    assert reports.filter(first_submitted_at__isnull=False, out_of_term=False).count() == 1  # filed one stays
    [row] = report_compliance(user=w.org_county_a, today=date(2026, 3, 2))
    assert (row["missing"], row["upcoming"], row["due"]) == (0, 0, 1)
    assert dashboard(w.org_county_a, DashboardFilters(), today=date(2026, 3, 2))["overdue"]["reports"] == 0
    client.force_login(w.org_county_a)
    page = client.get(reverse("reports:posting", args=[w.posting.pk])).content.decode()
    assert page.count('data-flag="not-required"') == unsubmitted and f"不再要求（{reason}）" in page
    assert page.count('data-flag="late"') == 1  # the filed report, filed late; a report not required is not late


@pytest.mark.parametrize("how", ["terminated", "completed"])
def test_a_closed_posting_leaves_no_home_page_to_do(client, open_world, how):
    w = open_world

    def home(user):
        client.force_login(user)
        return client.get(reverse("home")).context

    before = home(w.org_county_a)["org_todo"]
    assert before["reports_waiting"] == 1 and before["rectifications_overdue"] == 1
    assert home(w.cadre_user)["reports_late"]
    _close(w, how)
    org = home(w.org_county_a)["org_todo"]
    assert (org["reports_waiting"], org["rectifications_overdue"], org["appraisals_to_conclude"]) == (0, 0, 0)
    cadre = home(w.cadre_user)
    assert (cadre["reports_late"], cadre["reports_due"], cadre["reports_returned"]) == ([], [], [])
    assert home(w.receive_a)["receiving_todo"]["evaluations"] == 0
    assert home(w.dispatch_a)["dispatching_todo"]["opinions"] == 0
    assert Posting.objects.get().status == how

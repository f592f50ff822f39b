"""The report schedule follows the posting's dates: mid-quarter starts, extensions, shortenings."""

from datetime import date

import pytest

from reports.models import WorkReport
from reports.services import report_periods, work_report_save_draft, work_report_submit
from secondment.models import ExtensionRequest
from secondment.services.postings import (
    posting_create,
    posting_transition,
)
from tests.factories.extensions import extension_approved


def test_periods_for_a_term_starting_mid_quarter():
    assert report_periods(start=date(2026, 3, 1), end=date(2027, 2, 28), months=3) == [
        (date(2026, 3, 1), date(2026, 3, 31)),
        (date(2026, 4, 1), date(2026, 6, 30)),
        (date(2026, 7, 1), date(2026, 9, 30)),
        (date(2026, 10, 1), date(2026, 12, 31)),
        (date(2027, 1, 1), date(2027, 2, 28)),
    ]


def test_a_stub_shorter_than_fifteen_days_joins_its_neighbour():
    periods = report_periods(start=date(2026, 3, 25), end=date(2027, 3, 24), months=3)
    assert periods[0] == (date(2026, 3, 25), date(2026, 6, 30))  # 25–31 March joins Q2
    assert periods[-1] == (date(2027, 1, 1), date(2027, 3, 24))
    halves = report_periods(start=date(2026, 3, 25), end=date(2027, 3, 24), months=6)
    assert halves == [
        (date(2026, 3, 25), date(2026, 6, 30)),
        (date(2026, 7, 1), date(2026, 12, 31)),
        (date(2027, 1, 1), date(2027, 3, 24)),
    ]


def _on_post(w, start=date(2026, 3, 15)):
    posting = posting_create(
        batch=w.batch, cadre=w.cadre_a, receiving_unit=w.town_a, post="副镇长", start_date=start, acting_user=None
    )
    posting_transition(
        posting=posting, action="appoint", acting_user=None, appointment_doc_no="X", appointment_date=start
    )
    return posting_transition(
        posting=posting, action="confirm_arrival", acting_user=None, arrival_date=start, today=date(2026, 12, 31)
    )


def _schedule(posting):
    return [
        (r.cycle.period_months, r.period_start, r.period_end, r.due_date)
        for r in posting.reports.select_related("cycle").order_by("cycle__period_months", "period_start")
    ]


def test_arrival_creates_the_schedule_with_due_dates(batch_world):
    posting = _on_post(batch_world)
    schedule = _schedule(posting)
    quarterly = [s for s in schedule if s[0] == 3]
    half = [s for s in schedule if s[0] == 6]
    assert quarterly[0] == (3, date(2026, 3, 15), date(2026, 3, 31), date(2026, 4, 5))  # 17 days: its own report
    assert quarterly[-1] == (3, date(2027, 1, 1), date(2027, 3, 14), date(2027, 3, 19))
    assert len(quarterly) == 5 and len(half) == 3
    assert half[0][3] == date(2026, 7, 10)  # half-year reports are due 10 days after


def test_extension_adds_reports_and_keeps_filed_ones(batch_world):
    w = batch_world
    posting = _on_post(w)
    first = posting.reports.filter(cycle__period_months=3).order_by("period_start").first()
    work_report_submit(report=first, version=0, acting_user=w.cadre_user, main_work="调研", next_plans="继续")
    extension_approved(posting, date(2027, 9, 14), year=posting.start_date.year)
    quarterly = [s for s in _schedule(posting) if s[0] == 3]
    assert quarterly[-1][1:3] == (date(2027, 7, 1), date(2027, 9, 14))
    assert (date(2027, 1, 1), date(2027, 3, 31)) in [s[1:3] for s in quarterly]  # the old last stub is now whole
    first.refresh_from_db()
    assert first.status == WorkReport.Status.SUBMITTED and first.main_work == "调研"
    assert ExtensionRequest.objects.get().decision == "approved"


def test_shortening_removes_untouched_reports_and_keeps_written_ones(batch_world):
    w = batch_world
    posting = _on_post(w)
    q4 = posting.reports.get(cycle__period_months=3, period_start=date(2026, 10, 1))
    work_report_save_draft(report=q4, version=0, acting_user=w.cadre_user, main_work="提前写了一些")
    posting_transition(
        posting=posting,
        action="shorten",
        acting_user=None,
        reason="工作需要",
        new_end_date=date(2026, 9, 30),
        consultation="已协商",
        today=date(2026, 9, 1),
    )
    q4.refresh_from_db()
    assert q4.out_of_term and q4.main_work == "提前写了一些"
    assert not posting.reports.filter(period_start=date(2027, 1, 1)).exists()
    required = posting.reports.filter(out_of_term=False, cycle__period_months=3)
    assert [r.period_end for r in required.order_by("period_start")][-1] == date(2026, 9, 30)


@pytest.mark.parametrize(
    ("submitted_utc", "late"),
    [
        ("2026-04-05T15:59:00+00:00", False),  # 23:59 on the due day in Asia/Shanghai
        ("2026-04-05T16:01:00+00:00", True),  # 00:01 the next day in Asia/Shanghai
    ],
)
def test_late_is_decided_in_asia_shanghai_around_midnight(batch_world, submitted_utc, late):
    from datetime import datetime

    posting = _on_post(batch_world)
    report = posting.reports.get(cycle__period_months=3, period_start=date(2026, 3, 15))
    assert report.due_date == date(2026, 4, 5)
    report.first_submitted_at = datetime.fromisoformat(submitted_utc)
    assert report.is_late() is late


def test_unsubmitted_report_is_late_the_day_after_the_due_date(batch_world):
    posting = _on_post(batch_world)
    report = posting.reports.get(cycle__period_months=3, period_start=date(2026, 3, 15))
    assert not report.is_late(today=date(2026, 4, 5))
    assert report.is_late(today=date(2026, 4, 6))


def test_a_jurisdiction_adds_a_monthly_cycle_as_data(batch_world):
    from reports.models import ReportCycle

    ReportCycle.objects.create(
        name="月度履职报告",
        period_months=1,
        recipient="dispatching_party",
        due_days=3,
        jurisdiction=batch_world.county_a,
    )
    ReportCycle.objects.create(
        name="别县的月报", period_months=1, recipient="dispatching_party", due_days=3, jurisdiction=batch_world.county_b
    )
    posting = _on_post(batch_world, start=date(2026, 3, 1))
    monthly = posting.reports.filter(cycle__name="月度履职报告").order_by("period_start")
    assert monthly.count() == 12 and monthly.first().due_date == date(2026, 4, 3)
    assert not posting.reports.filter(cycle__name="别县的月报").exists()


def test_a_terminated_posting_owes_no_more_reports_and_nobody_is_reminded(batch_world):
    """secondment announces the termination (core.events); reports stops the schedule: untouched reports
    go, written ones stay but are no longer required, submitted ones keep their review."""
    from reports.reminders import reports_due, reports_overdue

    w = batch_world
    posting = _on_post(w)
    q1 = posting.reports.get(cycle__period_months=3, period_start=date(2026, 3, 15))
    work_report_submit(report=q1, version=0, acting_user=w.cadre_user, main_work="一季度", next_plans="继续")
    q2 = posting.reports.get(cycle__period_months=3, period_start=date(2026, 4, 1))
    work_report_save_draft(report=q2, version=0, acting_user=w.cadre_user, main_work="写了一半")
    q3 = posting.reports.get(cycle__period_months=3, period_start=date(2026, 7, 1))
    assert list(reports_due(q3.due_date - date.resolution * 7))  # the cadre would be reminded
    posting_transition(
        posting=posting, action="terminate", acting_user=w.org_county_a, grounds="absence", reason="长期离岗"
    )
    q1.refresh_from_db()
    q2.refresh_from_db()
    assert q1.status == "submitted" and not q1.out_of_term
    assert q2.out_of_term and q2.main_work == "写了一半"
    assert not posting.reports.filter(first_submitted_at__isnull=True, out_of_term=False).exists()
    assert not list(reports_due(q3.due_date - date.resolution * 7))
    assert not list(reports_overdue(date(2026, 10, 20)))

"""Each event of the reminder table produces the right reminders on the right days, and none once
the thing is done."""

from datetime import date, timedelta

from core.models import Reminder
from core.reminders import candidates, reminder_scan
from reports.models import WorkReport
from reports.services import work_report_submit
from secondment.models import Inspection, Posting


def _who(today, kind):
    return sorted({(c.recipient_id, c.kind) for c in candidates(today) if c.kind == kind})


def _first_quarterly(w):
    return w.posting.reports.filter(cycle__recipient="org_dept").order_by("period_start").first()


def test_report_due_seven_days_and_one_day_before(reminder_world):
    w = reminder_world
    report = _first_quarterly(w)  # 2026-03-02..03-31, due 04-05
    assert report.due_date == date(2026, 4, 5)
    assert _who(date(2026, 3, 29), "report_due") == [(w.cadre_user.pk, "report_due")]
    assert _who(date(2026, 3, 30), "report_due") == []
    assert _who(date(2026, 4, 4), "report_due") == [(w.cadre_user.pk, "report_due")]
    work_report_submit(report=report, version=0, acting_user=w.cadre_user, main_work="a", next_plans="b")
    assert _who(date(2026, 4, 4), "report_due") == []


def test_overdue_the_day_after_then_weekly_climbing_the_ladder(reminder_world):
    w = reminder_world
    report = _first_quarterly(w)
    day = lambda n: report.due_date + timedelta(days=n)  # noqa: E731
    assert _who(day(1), "report_overdue") == [(w.cadre_user.pk, "report_overdue")]
    assert _who(day(2), "report_overdue") == []
    week_later = {uid for uid, _ in _who(day(8), "report_overdue")}
    # day 8: cadre, receiving contact (from day 4), dispatching contact (day 8), org staff (after 7 days)
    assert week_later == {w.cadre_user.pk, w.receive_a.pk, w.dispatch_a.pk, w.org_county_a.pk}
    work_report_submit(report=report, version=0, acting_user=w.cadre_user, main_work="a", next_plans="b")
    assert _who(day(15), "report_overdue") == []


def test_org_staff_are_the_nearest_org_department(reminder_world):
    w = reminder_world
    report = _first_quarterly(w)
    recipients = {uid for uid, _ in _who(report.due_date + timedelta(days=8), "report_overdue")}
    assert w.org_city.pk not in recipients  # the county organizes this batch


def test_review_digest_once_a_day_per_reviewer(reminder_world):
    w = reminder_world
    work_report_submit(report=_first_quarterly(w), version=0, acting_user=w.cadre_user, main_work="a", next_plans="b")
    digest = [c for c in candidates(date(2026, 4, 2)) if c.kind == "review_digest"]
    assert [(c.recipient_id, c.title) for c in digest] == [(w.org_county_a.pk, "有1份工作汇报待您审阅")]


def test_arrival_day_10_receiving_unit_day_15_org(batch_world):
    from secondment.services.postings import posting_create, posting_transition

    w = batch_world
    p = posting_create(
        batch=w.batch, cadre=w.cadre_a, receiving_unit=w.town_a, post="x", start_date=date(2026, 3, 1), acting_user=None
    )
    posting_transition(
        posting=p, action="appoint", acting_user=None, appointment_doc_no="X", appointment_date=date(2026, 3, 1)
    )
    assert _who(date(2026, 3, 11), "arrival") == [(w.receive_a.pk, "arrival")]
    assert _who(date(2026, 3, 12), "arrival") == []
    assert _who(date(2026, 3, 16), "arrival") == [(w.org_county_a.pk, "arrival")]
    posting_transition(
        posting=p, action="confirm_arrival", acting_user=None, arrival_date=date(2026, 3, 14), today=date(2026, 3, 14)
    )
    assert _who(date(2026, 3, 16), "arrival") == []


def test_term_ending_thirty_days_before(reminder_world):
    w = reminder_world
    ending = {uid for uid, _ in _who(w.posting.end_date - timedelta(days=30), "term_end")}
    assert ending == {w.cadre_user.pk, w.receive_a.pk, w.org_county_a.pk}
    assert _who(w.posting.end_date - timedelta(days=29), "term_end") == []


def test_rectification_three_days_before_and_the_day_after(reminder_world):
    w = reminder_world
    item = Inspection.objects.create(
        posting=w.posting,
        date=date(2026, 5, 1),
        method="spot",
        findings="台账不全",
        rectification_required=True,
        rectification_deadline=date(2026, 5, 20),
    )
    assert {u for u, _ in _who(date(2026, 5, 17), "rectification")} == {w.cadre_user.pk, w.receive_a.pk}
    assert _who(date(2026, 5, 20), "rectification") == []
    assert {u for u, _ in _who(date(2026, 5, 21), "rectification")} == {
        w.cadre_user.pk,
        w.receive_a.pk,
        w.org_county_a.pk,
    }
    Inspection.objects.filter(pk=item.pk).update(rectified_at=date(2026, 5, 19))
    assert _who(date(2026, 5, 21), "rectification") == []


def test_attendance_not_entered_the_day_after_it_is_due(reminder_world):
    from secondment.models import AttendanceRecord

    w = reminder_world
    assert _who(date(2026, 5, 6), "attendance") == [(w.receive_a.pk, "attendance")]
    assert _who(date(2026, 5, 5), "attendance") == []
    AttendanceRecord.objects.create(posting=w.posting, month=date(2026, 4, 1), days_present=21)
    assert _who(date(2026, 5, 6), "attendance") == []


def test_annual_assessment_period(reminder_world):
    w = reminder_world
    assert {u for u, _ in _who(date(2026, 12, 1), "annual_assessment")} == {w.receive_a.pk, w.dispatch_a.pk}
    assert _who(date(2026, 11, 30), "annual_assessment") == []


def test_appraisal_step_waiting_reaches_the_role_whose_step_it_is(appraisal_world):
    w = appraisal_world
    assert _who(date(2026, 3, 2), "appraisal_step") == [(w.cadre_user.pk, "appraisal_step")]
    from assessments.services.appraisals import appraisal_self_summary

    appraisal_self_summary(appraisal=w.appraisal, text="总结", acting_user=w.cadre_user)
    assert _who(date(2026, 3, 2), "appraisal_step") == [(w.receive_a.pk, "appraisal_step")]


def test_scan_twice_creates_each_reminder_once(reminder_world):
    today = _first_quarterly(reminder_world).due_date + timedelta(days=8)
    created, pending = reminder_scan(today=today)
    again, pending_again = reminder_scan(today=today)
    assert created >= 4 and again == 0
    assert sorted(pending) == sorted(pending_again)
    assert Reminder.objects.count() == created
    assert Posting.objects.count() == 1 and WorkReport.objects.exists()

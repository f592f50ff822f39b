"""Each event of the reminder table reminds the right people on the right day — run as the scan runs, over
a calendar of dates, some of them skipped (worker down, holiday): each rung once, on its own day or at the
first scan after it, never a burst of every rung at once, and nothing once the thing is done or the
posting is closed."""

from collections import Counter
from datetime import date, timedelta

from core.models import Reminder
from core.reminders import candidates, latest_rung, reminder_scan
from reports.models import WorkReport
from reports.services import work_report_submit
from secondment.models import Posting


def _days(start: date, end: date, skip=()):
    day = start
    while day <= end:
        if day not in skip:
            yield day
        day += timedelta(days=1)


def _run(days, kind: str) -> dict[date, list[int]]:
    """Scan on each day; for each day, the recipients of the new reminders of `kind` made that day."""
    got = {}
    for day in days:
        before = set(Reminder.objects.values_list("pk", flat=True))
        reminder_scan(today=day)
        new = sorted(Reminder.objects.filter(kind=kind).exclude(pk__in=before).values_list("recipient_id", flat=True))
        if new:
            got[day] = new
    return got


def _who(today, kind):
    return sorted({(c.recipient_id, c.kind) for c in candidates(today) if c.kind == kind})


def _first_quarterly(w):
    return w.posting.reports.filter(cycle__recipient="org_dept").order_by("period_start").first()


def test_latest_rung_is_the_last_one_reached():
    assert latest_rung(0, [1, 4, 8, 15]) is None
    assert [latest_rung(d, [1, 4, 8, 15]) for d in (1, 3, 4, 7, 8, 14, 15, 99)] == [1, 1, 4, 4, 8, 8, 15, 15]
    assert latest_rung(-5, [-7, -1]) == -7 and latest_rung(-1, [-7, -1]) == -1


def test_report_due_seven_days_and_one_day_before(reminder_world):
    w = reminder_world
    report = _first_quarterly(w)  # 2026-03-02..03-31, due 04-05
    assert report.due_date == date(2026, 4, 5)
    got = _run(_days(date(2026, 3, 20), date(2026, 4, 5)), "report_due")
    assert got == {date(2026, 3, 29): [w.cadre_user.pk], date(2026, 4, 4): [w.cadre_user.pk]}


def test_report_due_missed_day_is_caught_up_at_the_next_scan(reminder_world):
    w = reminder_world
    got = _run(_days(date(2026, 3, 20), date(2026, 4, 5), skip={date(2026, 3, 29), date(2026, 3, 30)}), "report_due")
    assert got == {date(2026, 3, 31): [w.cadre_user.pk], date(2026, 4, 4): [w.cadre_user.pk]}


def test_a_submitted_report_is_not_reminded(reminder_world):
    w = reminder_world
    work_report_submit(report=_first_quarterly(w), version=0, acting_user=w.cadre_user, main_work="a", next_plans="b")
    assert _run(_days(date(2026, 3, 20), date(2026, 4, 30)), "report_due") == {}
    assert _run(_days(date(2026, 4, 6), date(2026, 4, 30)), "report_overdue") == {}


def test_escalation_each_rung_on_its_own_day_to_its_own_role(reminder_world):
    """The ladder (1 cadre, 4 receiving unit, 8 dispatching unit, 15 org department), scanned every day
    for a month: each rung fires on its day, reaches its role only, and nobody hears it twice."""
    w = reminder_world
    report = _first_quarterly(w)
    day = lambda n: report.due_date + timedelta(days=n)  # noqa: E731
    got = _run(_days(day(0), day(30)), "report_overdue")
    assert got == {
        day(1): [w.cadre_user.pk],
        day(4): [w.receive_a.pk],
        day(8): [w.dispatch_a.pk],
        day(15): [w.org_county_a.pk],
    }
    received = Counter(Reminder.objects.filter(kind="report_overdue").values_list("recipient_id", flat=True))
    assert received == Counter({w.cadre_user.pk: 1, w.receive_a.pk: 1, w.dispatch_a.pk: 1, w.org_county_a.pk: 1})
    assert w.org_city.pk not in received  # the county organizes this batch: its nearest org department


def test_escalation_after_a_long_gap_sends_only_the_highest_rung_due(reminder_world):
    """Worker down from day 2 to day 9: on day 10 the dispatching unit is reached (the rung due), not the
    receiving unit and the dispatching unit at once; the receiving unit's passed rung is not sent late."""
    w = reminder_world
    report = _first_quarterly(w)
    day = lambda n: report.due_date + timedelta(days=n)  # noqa: E731
    got = _run([day(1), day(10), day(11), day(14), day(15), day(16)], "report_overdue")
    assert got == {day(1): [w.cadre_user.pk], day(10): [w.dispatch_a.pk], day(15): [w.org_county_a.pk]}


def test_arrival_day_10_receiving_unit_day_15_org_even_after_a_missed_day(batch_world):
    from secondment.services.postings import posting_create, posting_transition

    w = batch_world
    p = posting_create(
        batch=w.batch, cadre=w.cadre_a, receiving_unit=w.town_a, post="x", start_date=date(2026, 3, 1), acting_user=None
    )
    posting_transition(
        posting=p, action="appoint", acting_user=None, appointment_doc_no="X", appointment_date=date(2026, 3, 1)
    )
    got = _run(_days(date(2026, 3, 2), date(2026, 3, 20), skip={date(2026, 3, 11)}), "arrival")
    assert got == {date(2026, 3, 12): [w.receive_a.pk], date(2026, 3, 16): [w.org_county_a.pk]}
    posting_transition(
        posting=p, action="confirm_arrival", acting_user=None, arrival_date=date(2026, 3, 14), today=date(2026, 3, 14)
    )
    assert _who(date(2026, 3, 30), "arrival") == []


def test_filing_missing_day_14_receiving_unit_day_28_org(batch_world):
    """备案 not recorded (rule 3): the receiving unit on day 14 after the appointment, the org department on
    day 28; once filed, nobody."""
    from secondment.services.postings import posting_create, posting_record_filing, posting_transition

    w = batch_world
    p = posting_create(
        batch=w.batch, cadre=w.cadre_a, receiving_unit=w.town_a, post="x", start_date=date(2026, 3, 1), acting_user=None
    )
    posting_transition(
        posting=p, action="appoint", acting_user=None, appointment_doc_no="X", appointment_date=date(2026, 3, 1)
    )
    got = _run(_days(date(2026, 3, 2), date(2026, 4, 10), skip={date(2026, 3, 29)}), "filing")
    assert got == {date(2026, 3, 15): [w.receive_a.pk], date(2026, 3, 30): [w.org_county_a.pk]}
    posting_record_filing(posting=p, filing_no="备1", filing_date=date(2026, 4, 10), acting_user=w.receive_a)
    assert _who(date(2026, 4, 20), "filing") == []


def test_term_ending_thirty_days_before_caught_up_once(reminder_world):
    w = reminder_world
    end = w.posting.end_date
    got = _run(_days(end - timedelta(days=35), end - timedelta(days=20), skip={end - timedelta(days=30)}), "term_end")
    assert list(got) == [end - timedelta(days=29)]
    assert sorted(got[end - timedelta(days=29)]) == sorted([w.cadre_user.pk, w.receive_a.pk, w.org_county_a.pk])


def test_rectification_three_days_before_and_the_day_after(reminder_world):
    from secondment.services.conduct import inspection_record, inspection_record_rectification

    w = reminder_world
    item = inspection_record(
        posting=w.posting,
        date=date(2026, 5, 1),
        method="spot",
        findings="台账不全",
        rectification_required=True,
        rectification_deadline=date(2026, 5, 20),
        acting_user=w.org_county_a,
    )
    got = _run(_days(date(2026, 5, 10), date(2026, 5, 30)), "rectification")
    assert {d: sorted(u) for d, u in got.items()} == {
        date(2026, 5, 17): sorted([w.cadre_user.pk, w.receive_a.pk]),
        date(2026, 5, 21): sorted([w.cadre_user.pk, w.receive_a.pk, w.org_county_a.pk]),
    }
    inspection_record_rectification(inspection=item, rectified_at=date(2026, 5, 25), notes="已整改", acting_user=None)
    assert _who(date(2026, 5, 31), "rectification") == []


def test_attendance_not_entered_reminded_the_day_after_it_is_due_or_the_first_scan_after(reminder_world):
    from secondment.services.leave import attendance_record_set

    w = reminder_world
    got = _run(_days(date(2026, 5, 1), date(2026, 6, 10), skip={date(2026, 5, 6), date(2026, 6, 6)}), "attendance")
    # April's attendance (due 5 May) on 7 May; May's (due 5 June) on 7 June; March's was due before the calendar
    assert got == {
        date(2026, 5, 1): [w.receive_a.pk],
        date(2026, 5, 7): [w.receive_a.pk],
        date(2026, 6, 7): [w.receive_a.pk],
    }
    attendance_record_set(posting=w.posting, month=date(2026, 6, 1), days_present=21, acting_user=w.receive_a)
    assert _run(_days(date(2026, 7, 6), date(2026, 7, 10)), "attendance") == {}


def test_annual_assessment_period_once_even_when_its_first_day_is_missed(reminder_world):
    w = reminder_world
    got = _run(_days(date(2026, 11, 28), date(2026, 12, 10), skip={date(2026, 12, 1)}), "annual_assessment")
    assert list(got) == [date(2026, 12, 2)] and sorted(got[date(2026, 12, 2)]) == sorted(
        [w.receive_a.pk, w.dispatch_a.pk]
    )


def test_appraisal_step_waiting_reaches_the_role_whose_step_it_is(appraisal_world):
    w = appraisal_world
    assert _who(date(2026, 3, 2), "appraisal_step") == [(w.cadre_user.pk, "appraisal_step")]
    from assessments.services.appraisals import appraisal_self_summary

    appraisal_self_summary(appraisal=w.appraisal, text="总结", acting_user=w.cadre_user)
    assert _who(date(2026, 3, 2), "appraisal_step") == [(w.receive_a.pk, "appraisal_step")]


def test_nomination_deadline_reminds_units_that_have_not_nominated_then_the_org_department(batch_world):
    from secondment.services.batches import batch_quota_set
    from tests.factories import make_cadre, make_unit, make_user

    w = batch_world
    other = make_unit("甲县水利局", parent=w.county_a)
    dispatch_other = make_user("t_dispatch_other", roles=[("dispatch_contact", other)])
    batch_quota_set(batch=w.batch, dispatching_unit=other, quota=1, acting_user=w.org_county_a)
    deadline = w.batch.nomination_deadline
    day = lambda n: deadline + timedelta(days=n)  # noqa: E731
    assert _run([day(-9), day(-8)], "nomination_deadline") == {}
    assert _run([day(-6)], "nomination_deadline") == {day(-6): sorted([w.dispatch_a.pk, dispatch_other.pk])}
    from secondment.services.nominations import nomination_create

    nomination_create(
        batch=w.batch, cadre=make_cadre(other, "丙干部"), method="org", reason="表现突出", acting_user=dispatch_other
    )
    got = _run(_days(day(-5), day(3)), "nomination_deadline")
    # only the unit still without a nominee hears the last day; the day after, the org department
    assert got == {day(-1): [w.dispatch_a.pk], day(1): [w.org_county_a.pk]}


def test_leave_awaiting_a_decision_reaches_its_approver_at_its_level(reminder_world):
    """≤3 days: the receiving unit; 4–7 days: the county org department; longer: the city org department
    (the default rules of services.leave) — on day 1 and day 3 after the request, until decided."""
    from django.utils import timezone

    from secondment.services.leave import leave_request_create, leave_request_decide

    w = reminder_world
    today = timezone.localdate()
    short, middle, long = (
        leave_request_create(
            posting=w.posting,
            kind="personal",
            start_date=today + timedelta(days=start),
            end_date=today + timedelta(days=start + length - 1),
            reason="家中有事",
            acting_user=w.cadre_user,
        )
        for start, length in ((10, 2), (20, 5), (40, 10))
    )
    assert (short.approver, middle.approver, long.approver) == ("receiving_unit", "county_org", "city_org")
    leave_request_decide(leave=middle, approve=True, note="同意", acting_user=w.org_county_a)
    got = _run(_days(today, today + timedelta(days=6), skip={today + timedelta(days=1)}), "leave_pending")
    assert {d: sorted(u) for d, u in got.items()} == {
        today + timedelta(days=2): sorted([w.receive_a.pk, w.org_city.pk]),
        today + timedelta(days=3): sorted([w.receive_a.pk, w.org_city.pk]),
    }


def test_nothing_after_termination(reminder_world):
    """A calendar over the whole term with the posting terminated half way: reminders until the
    termination, none about the posting after it, whatever is overdue or pending."""
    from secondment.services.conduct import inspection_record
    from secondment.services.postings import posting_transition

    w = reminder_world
    inspection_record(
        posting=w.posting,
        date=date(2026, 6, 1),
        method="spot",
        findings="长期不在岗",
        rectification_required=True,
        rectification_deadline=date(2026, 6, 20),
        acting_user=w.org_county_a,
    )
    for day in list(_days(date(2026, 3, 20), date(2026, 6, 15)))[::3]:
        reminder_scan(today=day)
    about_posting = Reminder.objects.filter(subject_type__model="posting", subject_id=w.posting.pk)
    assert about_posting.exists()
    # without the termination, the missed rectification would remind three people on 21 June
    assert len([c for c in candidates(date(2026, 6, 21)) if c.kind == "rectification"]) == 3
    posting_transition(
        posting=w.posting, action="terminate", acting_user=w.org_county_a, grounds="absence", reason="长期离岗"
    )
    sent_before = set(about_posting.values_list("pk", flat=True))
    # every fifth day is enough: a rule selects what is due and not yet reminded, not what falls on the day
    for day in list(_days(date(2026, 6, 16), date(2027, 4, 30)))[::5]:
        reminder_scan(today=day)
    assert list(about_posting.exclude(pk__in=sent_before)) == []


def test_scan_twice_creates_each_reminder_once(reminder_world):
    today = _first_quarterly(reminder_world).due_date + timedelta(days=8)
    created, pending = reminder_scan(today=today)
    again, pending_again = reminder_scan(today=today)
    assert created >= 1 and again == 0
    assert sorted(pending) == sorted(pending_again)
    assert Reminder.objects.count() == created
    assert Posting.objects.count() == 1 and WorkReport.objects.exists()


def test_a_finalized_appraisal_not_filed_reminds_the_org_department_once_after_thirty_days(appraisal_world):
    """The form goes into the personnel file (转递入档): 30 days after finalization, not recorded, the
    organizing org department is reminded — once, caught up after a missed day — and not once recorded."""
    from django.utils import timezone

    from assessments.services.appraisals import appraisal_finalize
    from documents.services import file_transfer_record
    from tests.assessments.test_appraisal_services import _complete

    w = appraisal_world
    appraisal = appraisal_finalize(appraisal=_complete(w), acting_user=w.org_county_a)
    finalized = timezone.localdate(appraisal.finalized_at)
    got = _run(
        _days(finalized, finalized + timedelta(days=40), skip={finalized + timedelta(days=30)}), "appraisal_filing"
    )
    assert got == {finalized + timedelta(days=31): [w.org_county_a.pk]}
    file_transfer_record(
        appraisal=appraisal,
        materials=["form", "summary"],
        transferred_on=finalized + timedelta(days=41),
        recipient="甲县档案室",
        acting_user=w.org_county_a,
    )
    assert _who(finalized + timedelta(days=42), "appraisal_filing") == []

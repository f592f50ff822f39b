"""The calendar feed gives every role with deadlines its own: org staff (their batches' decisions, the
reports they review, the appraisal steps that are theirs), dispatching contacts (nomination deadline,
their cadres' half-yearly reports, the opinions asked of them), receiving contacts and cadres — and
nothing outside their scope."""

from datetime import date, timedelta

from icalendar import Calendar

from assessments.services.appraisals import appraisal_dispatch_opinion
from dashboard.calendar import calendar_for
from reports.services import work_report_submit
from secondment.services.postings import posting_create, posting_transition
from tests.assessments.test_appraisal_services import _complete
from tests.factories import make_user


def _feed(user) -> dict[str, tuple[date, str]]:
    return {
        str(e.get("uid")).removesuffix("@guazhitong"): (e.decoded("dtstart"), str(e.get("summary")))
        for e in Calendar.from_ical(calendar_for(user)).walk("VEVENT")
    }


def _kinds(feed) -> set[str]:
    return {uid.split("-")[0] for uid in feed}


def test_org_staff_feed_has_batch_decisions_reviews_and_their_appraisal_steps(appraisal_world):
    w = appraisal_world
    quarterly = w.posting.reports.filter(cycle__recipient="org_dept").order_by("period_start").first()
    work_report_submit(report=quarterly, version=0, acting_user=w.cadre_user, main_work="一季度", next_plans="继续")
    appraisal = _complete(w, until="talks")  # next: the dispatching unit's opinion, not the org department's
    feed = _feed(w.org_county_a)
    assert feed[f"batch-deadline-{w.batch.pk}"] == (w.batch.nomination_deadline, f"{w.batch.name}：推荐截止")
    [review] = [uid for uid in feed if uid.startswith("review-")]
    assert review.startswith(f"review-{quarterly.pk}-") and "审阅甲干部的季度工作汇报" in feed[review][1]
    assert _kinds(feed) == {"batch", "review"}
    appraisal_dispatch_opinion(appraisal=appraisal, opinion="同意", acting_user=w.dispatch_a)
    feed = _feed(w.org_county_a)
    assert feed[f"appraisal-{appraisal.pk}-conclusion"] == (
        w.posting.end_date,
        "甲干部的期满考核鉴定：组织部门鉴定",
    )
    # another county's org department sees none of it
    assert _feed(make_user(roles=[("org_staff", w.county_b)])) == {}


def test_dispatching_contact_feed_has_nomination_half_yearly_reports_and_opinions(appraisal_world):
    w = appraisal_world
    half_yearly = list(w.posting.reports.exclude(cycle__recipient="org_dept").order_by("period_start"))
    assert half_yearly
    work_report_submit(report=half_yearly[0], version=0, acting_user=w.cadre_user, main_work="上半年", next_plans="续")
    feed = _feed(w.dispatch_a)
    assert feed[f"nominate-{w.batch.pk}"] == (w.batch.nomination_deadline, f"{w.batch.name}：推荐截止")
    # the half-yearly reports still to come (their due dates) and the one to review
    assert {uid for uid in feed if uid.startswith("unit-report-")} == {f"unit-report-{r.pk}" for r in half_yearly[1:]}
    assert any(uid.startswith(f"review-{half_yearly[0].pk}-") for uid in feed)
    assert not any(uid.startswith("appraisal-") for uid in feed)  # the appraisal is not at their step yet
    appraisal = _complete(w, until="talks")
    assert _feed(w.dispatch_a)[f"appraisal-{appraisal.pk}-dispatch"][1] == "甲干部的期满考核鉴定：派出单位意见"
    # nothing for another unit's contact
    assert _feed(make_user(roles=[("dispatch_contact", w.unit_b)])) == {}


def test_receiving_contact_feed_has_the_arrival_deadline_of_its_unit_only(batch_world):
    w = batch_world
    p = posting_create(
        batch=w.batch, cadre=w.cadre_a, receiving_unit=w.town_a, post="x", start_date=date(2026, 3, 1), acting_user=None
    )
    posting_transition(
        posting=p, action="appoint", acting_user=None, appointment_doc_no="X", appointment_date=date(2026, 3, 1)
    )
    assert _feed(w.receive_a) == {f"arrival-{p.pk}": (date(2026, 3, 1) + timedelta(days=14), "甲干部到岗期限")}
    assert _feed(make_user(roles=[("receive_contact", w.unit_b)])) == {}


def test_cadre_feed_has_own_reports_and_term_end_only(reminder_world):
    w = reminder_world
    feed = _feed(w.cadre_user)
    reports = w.posting.reports.all()
    assert set(feed) == {f"report-{r.pk}" for r in reports} | {f"term-{w.posting.pk}"}
    assert _feed(make_user(cadre=w.cadre_b)) == {}

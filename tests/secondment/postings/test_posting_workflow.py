"""The posting lifecycle: every transition allowed and refused per role, each DOMAIN rule by name,
history for every change, arrival deadline boundaries, concurrency."""

import threading
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from secondment.models import Posting
from secondment.services.postings import (
    extension_request_consent,
    extension_request_decide,
    posting_record_filing,
    posting_transition,
    postings_end_terms,
)
from secondment.workflow import TRANSITIONS
from tests.factories.extensions import extension_requested, graded_annual

APPOINTED = date(2026, 12, 1)


def _appoint(w, user=None):
    return posting_transition(
        posting=w.posting,
        action="appoint",
        acting_user=user or w.org_county_a,
        appointment_doc_no="青组干〔2026〕12号",
        appointment_date=APPOINTED,
    )


def _arrive(w, day=date(2026, 12, 5), user=None):
    return posting_transition(
        posting=w.posting,
        action="confirm_arrival",
        acting_user=user or w.receive_a,
        arrival_date=day,
        today=date(2026, 12, 20),
    )


def test_term_defaults_to_the_batch_term(posting_world):
    p = posting_world.posting
    assert (p.start_date, p.planned_end_date, p.end_date) == (date(2026, 12, 1), date(2027, 11, 30), date(2027, 11, 30))
    assert p.original_post == posting_world.cadre_a.post


def test_rule_1_term_is_one_year_unless_the_batch_says_otherwise(posting_world):
    from secondment.services.batches import batch_update
    from secondment.services.postings import posting_create
    from tests.factories import make_cadre

    w = posting_world
    batch_update(batch=w.batch, acting_user=None, term_months=6)
    p = posting_create(
        batch=w.batch,
        cadre=make_cadre(w.unit_a),
        receiving_unit=w.town_a,
        post="镇长助理",
        start_date=date(2027, 1, 1),
        acting_user=None,
    )
    assert p.end_date == date(2027, 6, 30)


def test_rule_2_arrival_deadline_day_14_on_time_day_15_overdue(posting_world):
    w = posting_world
    p = _appoint(w)
    assert p.arrival_deadline == date(2026, 12, 15)
    assert not p.is_arrival_overdue(date(2026, 12, 15))
    assert p.is_arrival_overdue(date(2026, 12, 16))
    assert not Posting.objects.arrival_overdue(date(2026, 12, 15)).exists()
    assert Posting.objects.arrival_overdue(date(2026, 12, 16)).get() == p
    flagged = Posting.objects.with_flags(date(2026, 12, 16)).get()
    assert flagged.arrival_overdue is True


def test_rule_2_arrival_is_confirmed_by_the_receiving_unit(posting_world):
    w = posting_world
    _appoint(w)
    with pytest.raises(PermissionDenied):
        _arrive(w, user=w.dispatch_a)
    with pytest.raises(PermissionDenied):
        _arrive(w, user=w.cadre_user)
    p = _arrive(w)
    assert (p.status, p.arrival_date) == ("on_post", date(2026, 12, 5))
    assert not Posting.objects.arrival_overdue(date(2027, 1, 1)).exists()


def test_rule_3_receiving_unit_files_the_appointment(posting_world):
    w = posting_world
    with pytest.raises(ValidationError, match="任职后才能备案"):
        posting_record_filing(posting=w.posting, filing_no="备2026-1", filing_date=APPOINTED, acting_user=w.receive_a)
    _appoint(w)
    with pytest.raises(PermissionDenied):
        posting_record_filing(posting=w.posting, filing_no="备2026-1", filing_date=APPOINTED, acting_user=w.dispatch_a)
    p = posting_record_filing(posting=w.posting, filing_no="备2026-1", filing_date=APPOINTED, acting_user=w.receive_a)
    assert (p.filing, p.filing_no) == ("filed", "备2026-1")
    assert p.history.filter(action="file", actor=w.receive_a).exists()


def test_rule_4_dispatching_unit_cannot_recall_the_cadre(posting_world):
    w = posting_world
    _appoint(w)
    _arrive(w)
    for action, data in [
        ("terminate", {"grounds": "other"}),
        ("shorten", {"new_end_date": date(2027, 3, 1), "consultation": "x"}),
    ]:
        with pytest.raises(PermissionDenied):
            posting_transition(
                posting=w.posting, action=action, acting_user=w.dispatch_a, reason="单位工作需要召回", **data
            )
    w.posting.refresh_from_db()
    assert w.posting.status == "on_post" and w.posting.original_post == w.cadre_a.post


def test_rule_6_and_7_termination_needs_a_reason_and_has_no_appraisal(posting_world):
    w = posting_world
    _appoint(w)
    with pytest.raises(ValidationError, match="终止挂职须填写理由"):
        posting_transition(posting=w.posting, action="terminate", acting_user=w.org_county_a, grounds="absence")
    p = posting_transition(
        posting=w.posting,
        action="terminate",
        acting_user=w.org_county_a,
        grounds="absence",
        reason="长期未经批准离岗，经研究终止挂职",
    )
    assert p.status == "terminated"
    for action in TRANSITIONS:  # a terminated posting goes nowhere (in particular not to appraisal)
        with pytest.raises((ValidationError, PermissionDenied)):
            posting_transition(posting=p, action=action, acting_user=w.org_county_a, reason="x")


def test_rule_1_extension_needs_the_conditions_and_the_org_decision(posting_world):
    w = posting_world
    _appoint(w)
    _arrive(w)
    with pytest.raises(PermissionDenied):
        extension_requested(w.posting, date(2028, 5, 31), receive=w.dispatch_a)
    graded_annual(w.posting, 2026, receive=w.receive_a, dispatch=w.dispatch_a, org=w.org_county_a)
    first = extension_requested(w.posting, date(2028, 5, 31), receive=w.receive_a)
    with pytest.raises(ValidationError, match="须先征求派出单位意见"):
        extension_request_decide(request=first, approve=True, reason="同意", acting_user=w.org_county_a)
    refused = extension_request_consent(request=first, consent=False, reason="原单位工作需要", acting_user=w.dispatch_a)
    with pytest.raises(ValidationError, match="缺少派出单位同意"):
        extension_request_decide(request=refused, approve=True, reason="同意", acting_user=w.org_county_a)
    with pytest.raises(PermissionDenied):
        extension_request_decide(request=refused, approve=True, reason="同意", acting_user=w.receive_a)
    extension_request_decide(request=refused, approve=False, reason="派出单位不同意", acting_user=w.org_county_a)
    with pytest.raises(ValidationError, match="须有组织部门同意的延期申请"):
        posting_transition(posting=w.posting, action="extend", acting_user=w.org_county_a, reason="x")
    full = extension_requested(w.posting, date(2028, 5, 31), receive=w.receive_a, reason="项目收尾")
    full = extension_request_consent(request=full, consent=True, acting_user=w.dispatch_a)
    extension_request_decide(request=full, approve=True, reason="同意延期半年", acting_user=w.org_county_a)
    w.posting.refresh_from_db()
    assert (w.posting.end_date, w.posting.planned_end_date) == (date(2028, 5, 31), date(2027, 11, 30))
    extend = w.posting.history.get(action="extend")
    assert extend.data["old_end"] == "2027-11-30" and extend.actor == w.org_county_a


def test_shortening_records_the_consultation_and_keeps_the_original_dates(posting_world):
    w = posting_world
    _appoint(w)
    _arrive(w)
    with pytest.raises(ValidationError, match="征求意见情况"):
        posting_transition(
            posting=w.posting,
            action="shorten",
            acting_user=w.org_county_a,
            reason="工作调整",
            new_end_date=date(2027, 5, 31),
        )
    p = posting_transition(
        posting=w.posting,
        action="shorten",
        acting_user=w.org_county_a,
        reason="工作调整",
        new_end_date=date(2027, 5, 31),
        consultation="已征求派出单位和接收单位意见",
        today=date(2027, 3, 1),
    )
    assert (p.status, p.end_date, p.planned_end_date) == ("on_post", date(2027, 5, 31), date(2027, 11, 30))
    assert p.history.get(action="shorten").data["consultation"] == "已征求派出单位和接收单位意见"


def test_shortening_to_a_past_date_ends_the_term_at_once(posting_world):
    w = posting_world
    _appoint(w)
    _arrive(w)
    p = posting_transition(
        posting=w.posting,
        action="shorten",
        acting_user=w.org_county_a,
        reason="因病",
        new_end_date=date(2027, 2, 28),
        consultation="已协商",
        today=date(2027, 3, 1),
    )
    assert p.status == "term_ended"


def test_term_ends_the_day_after_the_end_date(posting_world):
    w = posting_world
    _appoint(w)
    _arrive(w)
    assert postings_end_terms(today=date(2027, 11, 30)) == 0
    assert postings_end_terms(today=date(2027, 12, 1)) == 1
    w.posting.refresh_from_db()
    assert w.posting.status == "term_ended"
    entry = w.posting.history.get(action="end_term")
    assert entry.actor is None and entry.from_status == "on_post"


def test_the_daily_task_runs_the_service(posting_world):
    from secondment.tasks import end_terms

    w = posting_world
    _appoint(w)
    _arrive(w)
    Posting.objects.filter(pk=w.posting.pk).update(start_date=date(2025, 11, 1), end_date=date(2026, 10, 31))
    end_terms.apply()
    w.posting.refresh_from_db()
    assert w.posting.status == "term_ended"


@pytest.mark.parametrize(
    ("role", "action", "allowed"),
    [
        ("org_county", "appoint", True),
        ("receive", "appoint", False),
        ("dispatch", "appoint", False),
        ("cadre", "appoint", False),
        ("org_city", "appoint", True),
        ("admin", "appoint", True),
    ],
)
def test_appoint_per_role(posting_world, role, action, allowed):
    w = posting_world
    user = w.users_by_role()[role]
    if allowed:
        assert _appoint(w, user=user).status == "appointed"
    else:
        with pytest.raises(PermissionDenied):
            _appoint(w, user=user)


def test_a_transition_from_the_wrong_state_is_refused(posting_world):
    w = posting_world
    with pytest.raises(ValidationError, match="挂职当前为“拟派”，不能确认到岗"):
        _arrive(w)


def test_every_change_is_in_the_history_with_who_and_when(posting_world):
    w = posting_world
    _appoint(w)
    _arrive(w)
    rows = list(w.posting.history.values_list("action", "from_status", "to_status", "actor__username"))
    assert rows == [
        ("create", "", "planned", "t_org_county"),
        ("appoint", "planned", "appointed", "t_org_county"),
        ("confirm_arrival", "appointed", "on_post", "t_receive"),
    ]
    from core.models import AuditLog

    assert AuditLog.objects.filter(action="posting.confirm_arrival", actor=w.receive_a).exists()


def test_one_active_posting_per_cadre(posting_world):
    from secondment.services.postings import posting_create

    with pytest.raises(ValidationError, match="已有一条进行中的挂职"):
        posting_create(
            batch=posting_world.batch,
            cadre=posting_world.cadre_a,
            receiving_unit=posting_world.town_a,
            post="x",
            start_date=date(2027, 1, 1),
            acting_user=None,
        )


def test_batch_selected_nominees_become_postings(batch_world):
    from secondment.services import nominations as ns
    from secondment.services.postings import batch_create_postings

    w = batch_world
    n = ns.nomination_create(batch=w.batch, cadre=w.cadre_a, method="org", reason="x", acting_user=w.dispatch_a)
    ns.nomination_record_inspection(nomination=n, result="passed", notes="", acting_user=w.org_county_a)
    ns.nomination_decide(nomination=n, selected=True, reason="x", offer=w.offer, acting_user=w.org_county_a)
    with pytest.raises(PermissionDenied):
        batch_create_postings(batch=w.batch, start_date=None, acting_user=w.dispatch_a)
    [posting] = batch_create_postings(batch=w.batch, start_date=None, acting_user=w.org_county_a)
    n.refresh_from_db()
    w.batch.refresh_from_db()
    assert (posting.receiving_unit, posting.post, posting.status) == (w.town_a, "副镇长", "planned")
    assert (n.status, w.batch.status) == ("posted", "decided")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_transitions_cannot_both_succeed(world):
    """Two connections confirm the same arrival at once: exactly one wins, the other finds it on post."""
    from django.db import close_old_connections

    from secondment.models import BatchKind
    from secondment.services.batches import batch_create
    from secondment.services.postings import posting_create

    w = world
    batch = batch_create(
        acting_user=None,
        name="并发挂职",
        kind=BatchKind.objects.get(name="下派"),
        year=2026,
        organizer=w.county_a,
        planned_start=date(2026, 12, 1),
        nomination_deadline=date(2026, 11, 1),
    )
    posting = posting_create(
        batch=batch,
        cadre=w.cadre_a,
        receiving_unit=w.town_a,
        post="副镇长",
        start_date=date(2026, 12, 1),
        acting_user=None,
    )
    posting_transition(
        posting=posting, action="appoint", acting_user=None, appointment_doc_no="X", appointment_date=date(2026, 12, 1)
    )
    barrier = threading.Barrier(2)
    outcomes = []

    def run(action, data):
        try:
            barrier.wait(timeout=10)
            posting_transition(
                posting=posting, action=action, acting_user=None, reason="并发", today=date(2026, 12, 20), **data
            )
            outcomes.append("ok")
        except ValidationError as exc:
            outcomes.append(exc.messages[0])
        finally:
            close_old_connections()
            connection.close()

    threads = [
        threading.Thread(target=run, args=("confirm_arrival", {"arrival_date": date(2026, 12, 3)})),
        threading.Thread(target=run, args=("confirm_arrival", {"arrival_date": date(2026, 12, 4)})),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert outcomes.count("ok") == 1, outcomes
    assert "不能确认到岗" in next(o for o in outcomes if o != "ok")
    posting.refresh_from_db()
    assert posting.history.exclude(action__in=["create", "appoint"]).count() == 1

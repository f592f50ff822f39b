"""The secondment machines are transition tables (secondment.workflow) performed by one service each:
the table refuses the wrong state and the wrong role in Chinese, the service writes history and
audit, and nothing else writes the status."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core.models import AuditLog
from secondment import workflow
from secondment.models import Batch, ExtensionRequest, LeaveRequest, Nomination, Posting, TerminationProposal
from secondment.services import batches, leave, nominations, postings
from tests.factories.extensions import extension_requested, graded_annual
from tests.status_writes import writes_outside

PERFORMING = {
    ("secondment/services/postings.py", "posting_transition"),
    ("secondment/services/postings.py", "extension_request_transition"),
    ("secondment/services/batches.py", "batch_transition"),
    ("secondment/services/nominations.py", "nomination_transition"),
    ("secondment/services/leave.py", "leave_transition"),
    ("secondment/services/termination.py", "termination_proposal_decide"),
}


def _audit(action, obj):
    return AuditLog.objects.filter(action=action, target_id=str(obj.pk))


def test_the_posting_table_keeps_its_public_names():
    from secondment.workflow import ORG, RECEIVE, SYSTEM, TRANSITIONS, allowed_actions

    assert (ORG, RECEIVE, SYSTEM) == ("org_staff", "receive_contact", "system")
    assert allowed_actions(Posting.Status.APPOINTED, {RECEIVE}) == ["confirm_arrival"]
    assert TRANSITIONS["extend"].needs_reason


def test_every_table_leads_to_states_of_its_model():
    for table, states in [
        (workflow.TRANSITIONS, Posting.Status.values),
        (workflow.BATCH_TRANSITIONS, Batch.Status.values),
        (workflow.NOMINATION_TRANSITIONS, Nomination.Status.values),
        (workflow.LEAVE_TRANSITIONS, LeaveRequest.Status.values),
        (workflow.EXTENSION_TRANSITIONS, ["", *ExtensionRequest.Decision.values]),
        (workflow.TERMINATION_TRANSITIONS, TerminationProposal.Decision.values),
    ]:
        for name, t in table.items():
            assert set(t.sources) <= set(states), name
            assert t.target is None or t.target in states, name
            assert t.roles <= {"cadre", "receive_contact", "dispatch_contact", "org_staff", "system"}, name


class TestPosting:
    def test_refuses_wrong_state_and_wrong_role(self, posting_world):
        w = posting_world
        with pytest.raises(ValidationError, match="挂职当前为“拟派”，不能确认到岗"):
            postings.posting_transition(
                posting=w.posting, action="confirm_arrival", acting_user=w.org_county_a, arrival_date=date(2026, 12, 1)
            )
        with pytest.raises(PermissionDenied, match="您无权对该挂职执行“任职”"):
            postings.posting_transition(posting=w.posting, action="appoint", acting_user=w.receive_a)

    def test_writes_history_and_audit(self, posting_world):
        w = posting_world
        postings.posting_transition(
            posting=w.posting,
            action="appoint",
            acting_user=w.org_county_a,
            appointment_doc_no="县委〔2026〕1号",
            appointment_date=date(2026, 12, 1),
        )
        entry = w.posting.history.last()
        assert (entry.action, entry.from_status, entry.to_status, entry.actor) == (
            "appoint",
            "planned",
            "appointed",
            w.org_county_a,
        )
        assert _audit("posting.appoint", w.posting).exists()


class TestBatch:
    def test_refuses_wrong_state_and_wrong_role(self, batch_world):
        w = batch_world
        with pytest.raises(ValidationError, match="批次当前为“推荐中”，不能确定派出"):
            batches.batch_transition(batch=w.batch, action="decide", acting_user=w.org_county_a)
        with pytest.raises(PermissionDenied, match="只有本批次所属组织部门的工作人员可以进行此操作"):
            batches.batch_transition(batch=w.batch, action="close", acting_user=w.dispatch_a)
        with pytest.raises(ValidationError, match="未知的操作"):
            batches.batch_transition(batch=w.batch, action="publish", acting_user=w.org_county_a)

    def test_writes_its_audit_history(self, batch_world):
        w = batch_world
        batches.batch_transition(batch=w.batch, action="close", acting_user=w.org_county_a, reason="截止")
        w.batch.refresh_from_db()
        assert w.batch.status == Batch.Status.CLOSED
        entry = _audit("batch.status", w.batch).first()
        assert entry.actor == w.org_county_a
        assert entry.data == {"action": "close", "from": "open", "to": "closed", "reason": "截止"}

    def test_set_status_goes_through_the_table(self, batch_world):
        w = batch_world
        with pytest.raises(ValidationError, match="不能确定派出"):
            batches.batch_set_status(batch=w.batch, status="decided", acting_user=w.org_county_a)


class TestNomination:
    @pytest.fixture
    def nomination(self, batch_world):
        w = batch_world
        return nominations.nomination_create(
            batch=w.batch, cadre=w.cadre_a, method="org", reason="表现突出", acting_user=w.dispatch_a
        )

    def test_refuses_wrong_state_and_wrong_role(self, batch_world, nomination):
        w = batch_world
        with pytest.raises(ValidationError, match="推荐当前为“已推荐”，不能派出"):
            nominations.nomination_transition(nomination=nomination, action="post", acting_user=w.org_county_a)
        with pytest.raises(PermissionDenied, match="您无权对该推荐执行“撤回”"):
            nominations.nomination_withdraw(nomination=nomination, reason="", acting_user=w.receive_a)
        with pytest.raises(PermissionDenied, match="只有本批次所属组织部门"):
            nominations.nomination_decide(nomination=nomination, selected=False, reason="x", acting_user=w.dispatch_a)

    def test_writes_history_and_audit(self, batch_world, nomination):
        w = batch_world
        nominations.nomination_withdraw(nomination=nomination, reason="本人因病", acting_user=w.dispatch_a)
        event = nomination.events.last()
        assert (event.action, event.from_status, event.to_status, event.reason, event.actor) == (
            "withdraw",
            "nominated",
            "withdrawn",
            "本人因病",
            w.dispatch_a,
        )
        assert _audit("nomination.withdraw", nomination).exists()
        assert workflow.allowed(workflow.NOMINATION_TRANSITIONS, "withdrawn", {"org_staff"}) == []


class TestLeave:
    @pytest.fixture
    def request_(self, reminder_world):
        w = reminder_world
        return leave.leave_request_create(
            posting=w.posting,
            kind="personal",
            start_date=date(2026, 4, 1),
            end_date=date(2026, 4, 2),
            reason="家中有事",
            acting_user=w.cadre_user,
        )

    def test_refuses_wrong_state_and_wrong_role(self, reminder_world, request_):
        w = reminder_world
        with pytest.raises(PermissionDenied, match="您无权对该请假执行“撤销”"):
            leave.leave_request_cancel(leave=request_, acting_user=w.receive_a)
        with pytest.raises(PermissionDenied, match="2天的请假由接收单位审批"):
            leave.leave_request_decide(leave=request_, approve=True, note="", acting_user=w.cadre_user)
        leave.leave_request_decide(leave=request_, approve=True, note="同意", acting_user=w.receive_a)
        with pytest.raises(ValidationError, match="请假当前为“已批准”，不能不批准"):
            leave.leave_request_decide(leave=request_, approve=False, note="", acting_user=w.receive_a)
        with pytest.raises(ValidationError, match="只能撤销待审批的请假"):
            leave.leave_request_cancel(leave=request_, acting_user=w.cadre_user)

    def test_writes_its_audit_history(self, reminder_world, request_):
        w = reminder_world
        leave.leave_transition(leave=request_, action="reject", acting_user=w.receive_a, note="工作关键期")
        entry = _audit("leave.reject", request_).get()
        assert entry.actor == w.receive_a
        assert entry.data == {"from": "pending", "to": "rejected", "note": "工作关键期"}


class TestExtension:
    @pytest.fixture
    def extension(self, reminder_world):
        w = reminder_world
        graded_annual(w.posting, 2026, "称职", receive=w.receive_a, dispatch=w.dispatch_a, org=w.org_county_a)
        request = extension_requested(w.posting, date(2027, 9, 1), receive=w.receive_a)
        return postings.extension_request_consent(request=request, consent=True, acting_user=w.dispatch_a)

    def test_refuses_wrong_state_and_wrong_role(self, reminder_world, extension):
        w = reminder_world
        with pytest.raises(PermissionDenied, match="延期由组织部门决定"):
            postings.extension_request_decide(request=extension, approve=True, reason="同意", acting_user=w.receive_a)
        postings.extension_request_decide(request=extension, approve=False, reason="不需要", acting_user=w.org_county_a)
        with pytest.raises(ValidationError, match="该申请已经决定"):
            postings.extension_request_decide(
                request=extension, approve=True, reason="同意", acting_user=w.org_county_a
            )

    def test_writes_history_and_audit(self, reminder_world, extension):
        w = reminder_world
        postings.extension_request_decide(request=extension, approve=True, reason="同意", acting_user=w.org_county_a)
        extension.refresh_from_db()
        assert extension.decision == ExtensionRequest.Decision.APPROVED
        entry = w.posting.history.last()
        assert (entry.action, entry.data["extension"], entry.actor) == ("extend", extension.pk, w.org_county_a)
        assert _audit("posting.extend", w.posting).exists()


def test_only_the_performing_services_write_secondment_states():
    stray = [s for s in writes_outside(PERFORMING) if s.module.startswith("secondment/")]
    assert stray == [], "status written outside the performing service: " + "; ".join(
        f"{s.module}:{s.line} in {s.function}()" for s in stray
    )

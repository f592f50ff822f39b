"""The work-report review is a transition table (reports.workflow) performed by one service
(reports.services.work_report_transition): wrong state and wrong role are refused in Chinese, each
action keeps its round and audit row, and nothing else writes WorkReport.status."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core.models import AuditLog
from reports import services, workflow
from reports.models import WorkReport
from tests.reports.test_report_flow import _on_post
from tests.status_writes import writes_outside

PERFORMING = {("reports/services/work_reports.py", "work_report_transition")}


@pytest.fixture
def report_world(batch_world):
    w = batch_world
    w.posting = _on_post(w)
    w.quarterly = w.posting.reports.filter(cycle__recipient="org_dept").order_by("period_start").first()
    return w


def _submitted(w):
    return services.work_report_submit(
        report=w.quarterly, version=0, acting_user=w.cadre_user, main_work="走访农户", next_plans="推进项目"
    )


def test_table_reads_the_review_states():
    S = WorkReport.Status
    assert workflow.allowed_actions(S.SUBMITTED, {"org_staff"}) == ["return", "accept"]
    assert workflow.allowed_actions(S.RETURNED, {"cadre"}) == ["resubmit"]
    assert workflow.allowed_actions(S.ACCEPTED, {"cadre", "org_staff", "dispatch_contact"}) == []
    assert services.EDITABLE == workflow.EDITABLE == (S.DRAFT, S.RETURNED)


def test_refuses_wrong_state(report_world):
    w = report_world
    with pytest.raises(ValidationError, match="汇报当前为“未提交”，不能通过"):
        services.work_report_accept(report=w.quarterly, acting_user=w.org_county_a)
    report = _submitted(w)
    with pytest.raises(ValidationError, match="汇报当前为“待审阅”，不能提交"):
        services.work_report_transition(report=report, action="submit", acting_user=w.cadre_user)


def test_refuses_wrong_role(report_world):
    w = report_world
    with pytest.raises(PermissionDenied, match="工作汇报由挂职干部本人填写"):
        services.work_report_transition(report=w.quarterly, action="submit", acting_user=w.org_county_a)
    report = _submitted(w)
    # the quarterly report goes to the org department: the dispatching unit does not review it
    with pytest.raises(PermissionDenied, match="由组织部门审阅"):
        services.work_report_accept(report=report, acting_user=w.dispatch_a)
    with pytest.raises(PermissionDenied):
        services.work_report_transition(report=report, action="accept", acting_user=w.cadre_user)


def test_each_action_keeps_its_round_and_audit_row(report_world):
    w = report_world
    report = _submitted(w)
    report = services.work_report_transition(
        report=report, action="return", acting_user=w.org_county_a, comments="请补充数据"
    )
    last = report.rounds.last()
    assert (last.action, last.comments, last.actor, report.status) == (
        "return",
        "请补充数据",
        w.org_county_a,
        "returned",
    )
    assert last.snapshot["main_work"] == "走访农户"
    audit = AuditLog.objects.get(action="report.return", target_id=str(report.pk))
    assert audit.data == {"comments": "请补充数据"}


def test_only_the_performing_service_writes_report_status():
    stray = [s for s in writes_outside(PERFORMING) if s.module.startswith("reports/")]
    assert stray == [], [(s.module, s.line, s.function) for s in stray]

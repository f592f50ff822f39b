"""The appraisal steps and the annual assessment are transition tables (assessments.workflow), the
appraisal's steps listed once: wrong state and wrong role are refused in Chinese, the one performing
service writes the history (AppraisalEvent, or the audit row for the annual assessment), and
nothing else writes their status."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from assessments import reminders, workflow
from assessments.models import AnnualAssessment, Appraisal, Grade
from assessments.services import annual, appraisals
from core.models import AuditLog
from tests.assessments.test_appraisal_services import _complete
from tests.status_writes import writes_outside

PERFORMING = {
    ("assessments/services/appraisals.py", "appraisal_transition"),
    ("assessments/services/annual.py", "annual_transition"),
    ("assessments/services/votes.py", "democratic_vote_transition"),
}


def test_the_steps_are_listed_once_in_order():
    assert [s.key for s in workflow.STEPS] == [
        "self_summary",
        "receiving",
        "democratic",
        "talks",
        "dispatch",
        "conclusion",
    ]
    assert [s.label for s in workflow.STEPS][:3] == ["个人总结", "接收单位评价", "民主测评"]
    # the services' old names read the table
    assert appraisals.STEP_ROLES is workflow.STEP_ROLES and appraisals.STEP_LABELS is workflow.STEP_LABELS
    assert appraisals.STEP_ROLES["dispatch"] == {"dispatch_contact"}
    assert {s.done_field for s in workflow.STEPS} <= {f.name for f in Appraisal._meta.get_fields()}
    assert workflow.allowed_actions(Appraisal.Status.FINALIZED, {"org_staff"}) == ["correct"]
    assert "finalize" in workflow.allowed_actions(Appraisal.Status.OPEN, {"org_staff"})


def test_missing_steps_and_the_reminder_follow_the_table(appraisal_world, monkeypatch):
    w = appraisal_world
    names = [s.missing for s in workflow.STEPS] + ["鉴定等次"]
    assert appraisals.missing_steps(w.appraisal) == names
    reordered = (workflow.STEPS[1], workflow.STEPS[0], *workflow.STEPS[2:])
    monkeypatch.setattr(workflow, "STEPS", reordered)
    assert appraisals.missing_steps(w.appraisal)[:2] == ["接收单位评价", "个人总结"]
    titles = {c.title for c in reminders.appraisal_steps_waiting(w.appraisal.posting.end_date)}
    assert titles == {f"{w.cadre_a.name}的期满考核鉴定等待“接收单位评价”"}


class TestAppraisal:
    def test_refuses_wrong_role(self, appraisal_world):
        w = appraisal_world
        with pytest.raises(PermissionDenied, match="“派出单位意见”不由您填写"):
            appraisals.appraisal_dispatch_opinion(appraisal=w.appraisal, opinion="同意", acting_user=w.receive_a)
        with pytest.raises(PermissionDenied, match="“定稿”不由您填写"):
            appraisals.appraisal_transition(appraisal=w.appraisal, action="finalize", acting_user=w.cadre_user)

    def test_refuses_wrong_state(self, appraisal_world):
        w = appraisal_world
        with pytest.raises(ValidationError, match="鉴定尚未定稿，可直接修改"):
            appraisals.appraisal_correct(appraisal=w.appraisal, reason="x", acting_user=w.org_county_a)
        final = appraisals.appraisal_finalize(appraisal=_complete(w), acting_user=w.org_county_a)
        with pytest.raises(ValidationError, match="鉴定已定稿，不能再修改"):
            appraisals.appraisal_transition(appraisal=final, action="talks", acting_user=w.org_county_a)

    def test_each_step_stamps_its_done_field_and_writes_history(self, appraisal_world):
        w = appraisal_world
        a = appraisals.appraisal_talks(
            appraisal=w.appraisal, talks="谈话10人", verification="", acting_user=w.org_county_a
        )
        assert a.talks_at is not None and a.talks_by == w.org_county_a
        event = a.events.last()
        assert (event.step, event.actor) == ("talks", w.org_county_a)
        assert AuditLog.objects.filter(action="appraisal.talks", target_id=str(a.pk)).exists()

    def test_a_correction_opens_a_new_version_with_its_event(self, appraisal_world):
        w = appraisal_world
        final = appraisals.appraisal_finalize(appraisal=_complete(w), acting_user=w.org_county_a)
        with pytest.raises(ValidationError, match="更正须填写理由"):
            appraisals.appraisal_correct(appraisal=final, reason=" ", acting_user=w.org_county_a)
        new = appraisals.appraisal_correct(appraisal=final, reason="票数有误", acting_user=w.org_county_a)
        final.refresh_from_db()
        assert (final.status, new.status, new.version) == ("finalized", "open", 2)
        assert (new.events.get().step, new.events.get().note) == ("correct", "票数有误")


class TestAnnual:
    def test_refuses_wrong_state_and_wrong_role(self, reminder_world):
        w = reminder_world
        grade = Grade.objects.get(scale__is_default=True, name="优秀")
        with pytest.raises(PermissionDenied, match="年度考核建议等次由接收单位提出"):
            annual.annual_propose(posting=w.posting, year=2026, grade=grade, comments="好", acting_user=w.dispatch_a)
        a = annual.annual_propose(posting=w.posting, year=2026, grade=grade, comments="好", acting_user=w.receive_a)
        with pytest.raises(ValidationError, match="须先征求派出单位意见"):
            annual.annual_determine(assessment=a, grade=grade, acting_user=w.receive_a)
        with pytest.raises(PermissionDenied, match="派出单位意见由派出单位联系人填写"):
            annual.annual_dispatch_opinion(assessment=a, opinion="同意", acting_user=w.org_county_a)
        a = annual.annual_dispatch_opinion(assessment=a, opinion="同意", acting_user=w.dispatch_a)
        with pytest.raises(PermissionDenied, match="年度考核等次由接收单位确定"):
            annual.annual_determine(assessment=a, grade=grade, acting_user=w.org_county_a)
        with pytest.raises(PermissionDenied, match="本地做法为“接收单位确定等次，组织部门备案”"):
            annual.annual_confirm(assessment=a, grade=grade, acting_user=w.org_county_a)
        a = annual.annual_determine(assessment=a, grade=grade, acting_user=w.receive_a)
        with pytest.raises(PermissionDenied, match="年度考核结果由组织部门备案"):
            annual.annual_record(assessment=a, acting_user=w.receive_a)
        a = annual.annual_record(assessment=a, acting_user=w.org_county_a)
        with pytest.raises(ValidationError, match="等次已确定，不能再提出建议等次"):
            annual.annual_propose(posting=w.posting, year=2026, grade=grade, comments="改", acting_user=w.receive_a)

    def test_writes_its_audit_history(self, reminder_world):
        w = reminder_world
        grade = Grade.objects.get(scale__is_default=True, name="优秀")
        a = annual.annual_propose(posting=w.posting, year=2026, grade=grade, comments="好", acting_user=w.receive_a)
        a = annual.annual_dispatch_opinion(assessment=a, opinion="同意", acting_user=w.dispatch_a)
        assert a.status == AnnualAssessment.Status.OPINION
        rows = AuditLog.objects.filter(target_id=str(a.pk), action__startswith="annual.").order_by("id")
        assert [(r.action, r.actor, r.data["from"]) for r in rows] == [
            ("annual.propose", w.receive_a, ""),
            ("annual.opinion", w.dispatch_a, "proposed"),
        ]


def test_only_the_performing_services_write_assessment_states():
    stray = [s for s in writes_outside(PERFORMING) if s.module.startswith("assessments/")]
    assert stray == [], [(s.module, s.line, s.function) for s in stray]

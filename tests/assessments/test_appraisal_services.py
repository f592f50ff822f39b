"""End-of-term appraisal: the formula on hand-computed examples, democratic rates (zero included),
step permissions, the finalize lock everywhere, versioned corrections."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings

from assessments import scoring
from assessments.models import Appraisal, Grade
from assessments.services import appraisals as services
from secondment.models import Posting

OPINION = {"intro": "简介", "strengths": "优点", "shortcomings": "不足", "hopes": "希望", "main_work": "分管农业"}
TALLIES = {
    "headcount": 30,
    "expected": 30,
    "present": 24,
    "ballots_valid": 22,
    "ballots_invalid": 1,
    "ballots_abstain": 1,
    "votes_excellent": 12,
    "votes_competent": 6,
    "votes_basic": 2,
    "votes_incompetent": 0,
    "votes_unknown": 2,
}


def test_indicator_total_by_hand():
    # 德90×20 + 能80×15 + 勤85×15 + 绩88×30 + 廉95×20 = 8815, over 100
    scores = [
        (Decimal(90), Decimal(20)),
        (Decimal(80), Decimal(15)),
        (Decimal(85), Decimal(15)),
        (Decimal(88), Decimal(30)),
        (Decimal(95), Decimal(20)),
    ]
    assert scoring.indicator_total(scores) == Decimal("88.15")


def test_democratic_rates_and_score_by_hand(appraisal_world):
    a = appraisal_world.appraisal
    for name, value in TALLIES.items():
        setattr(a, name, value)
    result = scoring.democratic(a)
    assert result.participation == Decimal("0.80")  # 24 / 30
    assert result.valid_rate == Decimal("0.92")  # 22 / 24
    assert result.shares["excellent"] == Decimal("0.55")  # 12 / 22
    # (12×100 + 6×80 + 2×60 + 0×0) / 20 graded votes (不了解 left out) = 90
    assert result.score == Decimal("90.00") and result.valid


def test_composite_by_hand():
    # 88.15 × 0.7 + 90 × 0.3 = 61.705 + 27 = 88.705 -> 88.71
    assert scoring.composite(Decimal("88.15"), Decimal("90")) == Decimal("88.71")


def test_zero_participants_gives_a_message_not_an_error(appraisal_world):
    a = appraisal_world.appraisal
    a.headcount, a.expected, a.present, a.ballots_valid = 10, 10, 0, 0
    result = scoring.democratic(a)
    assert not result.valid and result.participation is None and "无法计算参与率" in result.message
    a.expected = 0
    assert "无法计算参与率" in scoring.democratic(a).message


def test_participation_below_two_thirds_is_invalid(appraisal_world):
    a = appraisal_world.appraisal
    for name, value in TALLIES.items():
        setattr(a, name, value)
    a.present, a.ballots_valid, a.ballots_invalid, a.ballots_abstain = 19, 19, 0, 0
    a.votes_excellent, a.votes_competent, a.votes_basic, a.votes_unknown = 10, 7, 2, 0
    result = scoring.democratic(a)  # 19 / 30 = 63%
    assert not result.valid and "低于规定的67%" in result.message
    a.present, a.ballots_valid, a.votes_excellent = 20, 20, 11  # 20 / 30: exactly 2/3
    assert scoring.democratic(a).valid
    with override_settings(DEMOCRATIC_MIN_PARTICIPATION=0.8):
        assert not scoring.democratic(a).valid


def _complete(w, until="conclusion", grade=None):
    a = w.appraisal
    items = list(a.template.items.all())
    a = services.appraisal_self_summary(appraisal=a, text="个人总结", acting_user=w.cadre_user)
    if until == "self_summary":
        return a
    scores = dict(
        zip([i.pk for i in items], [Decimal(90), Decimal(80), Decimal(85), Decimal(88), Decimal(95)], strict=True)
    )
    a = services.appraisal_receiving_evaluation(appraisal=a, scores=scores, acting_user=w.receive_a, **OPINION)
    a = services.appraisal_democratic_evaluation(appraisal=a, acting_user=w.org_county_a, **TALLIES)
    a = services.appraisal_talks(appraisal=a, talks="谈话10人", verification="核实", acting_user=w.org_county_a)
    if until == "talks":
        return a
    a = services.appraisal_dispatch_opinion(appraisal=a, opinion="同意", acting_user=w.dispatch_a)
    suggested = services.appraisal_numbers(a)["suggested"]
    return services.appraisal_conclude(
        appraisal=a,
        conclusion="鉴定意见",
        final_grade=grade or suggested,
        deviation_reason="" if grade is None else "有突出贡献",
        acting_user=w.org_county_a,
    )


def test_the_appraisal_opens_at_term_end_with_the_default_template(appraisal_world):
    a = appraisal_world.appraisal
    assert (a.status, a.template.name, a.version) == ("open", "德能勤绩廉", 1)
    assert [(i.name, i.weight) for i in a.template.items.all()] == [
        ("德", 20),
        ("能", 15),
        ("勤", 15),
        ("绩", 30),
        ("廉", 20),
    ]


def test_composite_and_suggested_grade_are_stored_at_conclusion(appraisal_world):
    a = _complete(appraisal_world)
    assert a.composite_score == Decimal("88.71")
    assert a.suggested_grade.name == "称职" and a.final_grade.name == "称职"  # 88.71 < 90


def test_a_final_grade_other_than_the_suggestion_needs_a_reason(appraisal_world):
    w = appraisal_world
    a = _complete(w, until="talks")
    a = services.appraisal_dispatch_opinion(appraisal=a, opinion="同意", acting_user=w.dispatch_a)
    excellent = Grade.objects.get(scale=a.scale, name="优秀")
    with pytest.raises(ValidationError, match="与建议等次（称职）不一致，请说明理由"):
        services.appraisal_conclude(appraisal=a, conclusion="x", final_grade=excellent, acting_user=w.org_county_a)
    a = services.appraisal_conclude(
        appraisal=a, conclusion="x", final_grade=excellent, deviation_reason="抗洪突出", acting_user=w.org_county_a
    )
    assert a.final_grade == excellent and a.grade_deviation_reason == "抗洪突出"


@pytest.mark.parametrize(
    ("step", "wrong_role"),
    [
        ("self_summary", "receive"),
        ("receiving", "cadre"),
        ("receiving", "dispatch"),
        ("talks", "receive"),
        ("dispatch", "org_county"),
        ("conclusion", "receive"),
        ("conclusion", "dispatch"),
    ],
)
def test_each_step_belongs_to_its_role(appraisal_world, step, wrong_role):
    w = appraisal_world
    user = w.users_by_role()[wrong_role]
    call = {
        "self_summary": lambda: services.appraisal_self_summary(appraisal=w.appraisal, text="x", acting_user=user),
        "receiving": lambda: services.appraisal_receiving_evaluation(
            appraisal=w.appraisal, scores={}, acting_user=user, **OPINION
        ),
        "talks": lambda: services.appraisal_talks(appraisal=w.appraisal, talks="x", verification="", acting_user=user),
        "dispatch": lambda: services.appraisal_dispatch_opinion(appraisal=w.appraisal, opinion="x", acting_user=user),
        "conclusion": lambda: services.appraisal_conclude(
            appraisal=w.appraisal, conclusion="x", final_grade=None, acting_user=user
        ),
    }[step]
    with pytest.raises(PermissionDenied):
        call()


def test_finalize_says_which_steps_are_missing(appraisal_world):
    w = appraisal_world
    a = _complete(w, until="talks")
    with pytest.raises(ValidationError) as exc:
        services.appraisal_finalize(appraisal=a, acting_user=w.org_county_a)
    message = exc.value.messages[0]
    assert "派出单位意见" in message and "组织部门鉴定意见" in message and "鉴定等次" in message
    assert "个人总结" not in message


def test_finalize_locks_and_completes_the_posting(appraisal_world):
    w = appraisal_world
    a = services.appraisal_finalize(appraisal=_complete(w), acting_user=w.org_county_a)
    w.posting.refresh_from_db()
    assert a.status == "finalized" and w.posting.status == Posting.Status.COMPLETED
    assert w.posting.history.get(action="complete").actor is None
    for user in (w.cadre_user, w.receive_a, w.org_county_a, w.admin):
        with pytest.raises(ValidationError, match="已定稿"):
            services.appraisal_self_summary(appraisal=a, text="改", acting_user=user)
    with pytest.raises(ValidationError, match="已定稿"):
        services.appraisal_conclude(appraisal=a, conclusion="改", final_grade=None, acting_user=w.admin)


def test_a_correction_is_a_new_linked_version_and_both_remain(appraisal_world):
    w = appraisal_world
    old = services.appraisal_finalize(appraisal=_complete(w), acting_user=w.org_county_a)
    with pytest.raises(PermissionDenied):
        services.appraisal_correct(appraisal=old, reason="x", acting_user=w.receive_a)
    new = services.appraisal_correct(appraisal=old, reason="测评票数录入有误", acting_user=w.org_county_a)
    assert (new.version, new.previous, new.status, new.correction_reason) == (2, old, "open", "测评票数录入有误")
    assert new.scores.count() == 5 and new.self_summary == "个人总结"
    new = services.appraisal_democratic_evaluation(
        appraisal=new, acting_user=w.org_county_a, **{**TALLIES, "votes_excellent": 14, "votes_competent": 4}
    )
    old.refresh_from_db()
    assert old.status == "finalized" and old.votes_excellent == 12
    assert Appraisal.objects.filter(posting=w.posting).count() == 2
    with pytest.raises(ValidationError, match="已有更正版本"):
        services.appraisal_correct(appraisal=old, reason="再改", acting_user=w.org_county_a)


def test_never_for_a_terminated_posting(batch_world):
    from secondment.services.postings import posting_create, posting_transition

    w = batch_world
    p = posting_create(
        batch=w.batch, cadre=w.cadre_a, receiving_unit=w.town_a, post="x", start_date=date(2025, 3, 1), acting_user=None
    )
    posting_transition(posting=p, action="terminate", acting_user=None, grounds="absence", reason="长期离岗")
    with pytest.raises(ValidationError, match="终止挂职的不进行考核鉴定"):
        services.appraisal_open(posting=p, acting_user=None)
    assert not p.appraisals.exists()


def test_early_opening_for_a_shortened_term_by_org_staff(batch_world):
    from secondment.services.postings import posting_create, posting_transition

    w = batch_world
    p = posting_create(
        batch=w.batch, cadre=w.cadre_a, receiving_unit=w.town_a, post="x", start_date=date(2026, 3, 1), acting_user=None
    )
    posting_transition(
        posting=p, action="appoint", acting_user=None, appointment_doc_no="X", appointment_date=date(2026, 3, 1)
    )
    posting_transition(
        posting=p, action="confirm_arrival", acting_user=None, arrival_date=date(2026, 3, 2), today=date(2026, 3, 5)
    )
    with pytest.raises(ValidationError, match="缩短了期限"):
        services.appraisal_open(posting=p, acting_user=w.org_county_a)
    posting_transition(
        posting=p,
        action="shorten",
        acting_user=None,
        reason="x",
        new_end_date=date(2027, 1, 31),
        consultation="已协商",
        today=date(2026, 12, 1),
    )
    with pytest.raises(PermissionDenied):
        services.appraisal_open(posting=p, acting_user=w.receive_a)
    assert services.appraisal_open(posting=p, acting_user=w.org_county_a).status == "open"


def test_democratic_tallies_must_add_up(appraisal_world):
    w = appraisal_world
    with pytest.raises(ValidationError, match="各等次票数之和（21）应等于有效票（22）"):
        services.appraisal_democratic_evaluation(
            appraisal=w.appraisal, acting_user=w.org_county_a, **{**TALLIES, "votes_unknown": 1}
        )


def test_terminating_a_posting_closes_its_open_appraisal_and_its_reminders_stop(appraisal_world):
    """secondment announces the termination (core.events); assessments closes the appraisal."""
    from assessments.reminders import appraisal_steps_waiting
    from secondment.services.postings import posting_transition

    w = appraisal_world
    assert list(appraisal_steps_waiting(date(2026, 3, 2)))  # the open appraisal is being reminded about
    posting_transition(
        posting=w.posting, action="terminate", acting_user=w.org_county_a, grounds="absence", reason="长期离岗"
    )
    w.appraisal.refresh_from_db()
    assert w.appraisal.status == Appraisal.Status.CLOSED
    assert w.appraisal.events.filter(step="close", note="挂职终止：长期离岗").exists()
    assert not list(appraisal_steps_waiting(date(2026, 3, 9)))
    with pytest.raises(ValidationError, match="挂职已终止，鉴定随之终止"):
        services.appraisal_self_summary(appraisal=w.appraisal, text="总结", acting_user=w.cadre_user)


def test_vote_labels_follow_the_scale_by_grade_code(db):
    """The four vote counts are named after the scale's grades by code (1 优秀 … 4), then 不了解."""
    from assessments.models import GradeScale

    civil = GradeScale.objects.get(name="公务员（参照管理人员）")
    other = GradeScale.objects.get(name="其他工作人员")
    assert [label for _, label in scoring.vote_labels(civil)] == ["优秀", "称职", "基本称职", "不称职", "不了解"]
    assert scoring.vote_labels(other) == [
        ("votes_excellent", "优秀"),
        ("votes_competent", "合格"),
        ("votes_basic", "基本合格"),
        ("votes_incompetent", "不合格"),
        ("votes_unknown", "不了解"),
    ]
    Grade.objects.filter(scale=other, code="2").update(name="良好")
    assert scoring.vote_labels(other)[1] == ("votes_competent", "良好")

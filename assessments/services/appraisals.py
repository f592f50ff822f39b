"""End-of-term appraisal services: open, the six steps each by its role, finalize (lock), correct."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from core import events
from core.services import audit_log_record
from secondment.models import Posting
from secondment.services.postings import posting_roles, posting_transition

from .. import scoring
from ..models import Appraisal, AppraisalEvent, AppraisalScore, GradeScale, IndicatorTemplate

STEP_LABELS = {
    "open": "启动鉴定",
    "self_summary": "个人总结",
    "receiving": "接收单位评价",
    "democratic": "民主测评",
    "talks": "个别谈话和调查核实",
    "dispatch": "派出单位意见",
    "conclusion": "组织部门鉴定",
    "finalize": "定稿",
    "correct": "更正",
}
# who takes each step (roles relative to the posting, see secondment.services.postings.posting_roles)
STEP_ROLES = {
    "self_summary": {"cadre"},
    "receiving": {"receive_contact"},
    "democratic": {"receive_contact", "org_staff"},
    "talks": {"org_staff"},
    "dispatch": {"dispatch_contact"},
    "conclusion": {"org_staff"},
    "finalize": {"org_staff"},
}


def _stamp(user):
    return user if getattr(user, "pk", None) else None


def _event(appraisal, *, actor, step, note=""):
    AppraisalEvent.objects.create(appraisal=appraisal, actor=_stamp(actor), step=step, note=note)
    audit_log_record(actor=actor, action=f"appraisal.{step}", target=appraisal, data={"note": note})


def _locked(appraisal: Appraisal) -> Appraisal:
    return (
        Appraisal.objects.select_for_update(of=("self",))
        .select_related("posting", "template", "scale")
        .get(pk=appraisal.pk)
    )


def _require(appraisal: Appraisal, step: str, acting_user) -> None:
    """Services refuse any write to a finalized appraisal, whoever asks (admin included)."""
    if appraisal.is_locked:
        raise ValidationError(gettext("鉴定已定稿，不能再修改；如需更正，请创建更正版本。"))
    roles = posting_roles(acting_user, appraisal.posting)
    if not roles & (STEP_ROLES[step] | {"system"}):
        raise PermissionDenied(f"“{STEP_LABELS[step]}”不由您填写。")


@transaction.atomic
def appraisal_open(*, posting: Posting, acting_user) -> Appraisal:
    """Opens automatically when a posting reaches 期满待鉴定; org staff may open it early for a
    shortened term. Never for a terminated posting (rule 6)."""
    posting = Posting.objects.select_for_update().get(pk=posting.pk)
    if posting.status == Posting.Status.TERMINATED:
        raise ValidationError(gettext("终止挂职的不进行考核鉴定。"))
    existing = posting.appraisals.order_by("-version").first()
    if existing is not None:
        return existing
    early = posting.status == Posting.Status.ON_POST
    if early:
        if "org_staff" not in posting_roles(acting_user, posting) and acting_user is not None:
            raise PermissionDenied(gettext("只有组织部门可以提前启动鉴定。"))
        if posting.end_date >= posting.planned_end_date:
            raise ValidationError(gettext("只有缩短了期限的挂职可以提前启动鉴定。"))
    elif posting.status != Posting.Status.TERM_ENDED:
        raise ValidationError(f"挂职当前为“{posting.get_status_display()}”，不能启动鉴定。")
    template = IndicatorTemplate.objects.filter(is_active=True).order_by("-version").first()
    scale = GradeScale.objects.filter(is_default=True).first() or GradeScale.objects.first()
    appraisal = Appraisal.objects.create(posting=posting, template=template, scale=scale)
    _event(appraisal, actor=acting_user, step="open", note="提前启动" if early else "期满自动启动")
    return appraisal


@transaction.atomic
def appraisal_self_summary(*, appraisal: Appraisal, text: str, acting_user) -> Appraisal:
    appraisal = _locked(appraisal)
    _require(appraisal, "self_summary", acting_user)
    if not text.strip():
        raise ValidationError({"text": gettext("请填写个人总结。")})
    appraisal.self_summary, appraisal.self_summary_at = text.strip(), timezone.now()
    appraisal.save()
    _event(appraisal, actor=acting_user, step="self_summary")
    return appraisal


@transaction.atomic
def appraisal_receiving_evaluation(
    *,
    appraisal: Appraisal,
    scores: dict[int, Decimal],
    intro: str,
    strengths: str,
    shortcomings: str,
    hopes: str,
    main_work: str,
    acting_user,
) -> Appraisal:
    """scores: indicator item id -> 0–100. The written opinion follows the customary four parts."""
    appraisal = _locked(appraisal)
    _require(appraisal, "receiving", acting_user)
    items = {item.pk: item for item in appraisal.template.items.all()}
    missing = [item.name for pk, item in items.items() if scores.get(pk) is None]
    if missing:
        raise ValidationError(f"请为每项指标打分，缺少：{'、'.join(missing)}。")
    for pk, value in scores.items():
        if pk not in items:
            raise ValidationError(gettext("指标不属于本鉴定使用的模板。"))
        if not Decimal(0) <= value <= Decimal(100):
            raise ValidationError(f"{items[pk].name}的得分应在 0 到 100 之间。")
    parts = {"基本情况": intro, "主要优点": strengths, "主要不足": shortcomings, "希望": hopes}
    empty = [label for label, text in parts.items() if not text.strip()]
    if empty:
        raise ValidationError(f"鉴定意见请按四部分填写，缺少：{'、'.join(empty)}。")
    for pk, value in scores.items():
        AppraisalScore.objects.update_or_create(appraisal=appraisal, item_id=pk, defaults={"score": value})
    appraisal.opinion_intro, appraisal.opinion_strengths = intro.strip(), strengths.strip()
    appraisal.opinion_shortcomings, appraisal.opinion_hopes = shortcomings.strip(), hopes.strip()
    appraisal.main_work = main_work.strip()
    appraisal.receiving_by, appraisal.receiving_at = _stamp(acting_user), timezone.now()
    appraisal.save()
    _event(appraisal, actor=acting_user, step="receiving")
    return appraisal


DEMOCRATIC_FIELDS = (
    "headcount",
    "expected",
    "present",
    "ballots_valid",
    "ballots_invalid",
    "ballots_abstain",
    "votes_excellent",
    "votes_competent",
    "votes_basic",
    "votes_incompetent",
    "votes_unknown",
)


@transaction.atomic
def appraisal_democratic_evaluation(*, appraisal: Appraisal, acting_user, **tallies: int) -> Appraisal:
    appraisal = _locked(appraisal)
    _require(appraisal, "democratic", acting_user)
    values = {name: int(tallies.get(name) or 0) for name in DEMOCRATIC_FIELDS}
    errors = []
    if values["expected"] > values["headcount"]:
        errors.append("应到人数不能多于总人数。")
    if values["present"] > values["expected"]:
        errors.append("实到人数不能多于应到人数。")
    if values["ballots_valid"] + values["ballots_invalid"] + values["ballots_abstain"] > values["present"]:
        errors.append("有效票、无效票、弃权票之和不能多于实到人数。")
    votes = sum(values[n] for n in DEMOCRATIC_FIELDS if n.startswith("votes_"))
    if votes != values["ballots_valid"]:
        errors.append(f"各等次票数之和（{votes}）应等于有效票（{values['ballots_valid']}）。")
    if errors:
        raise ValidationError(errors)
    for name, value in values.items():
        setattr(appraisal, name, value)
    appraisal.democratic_by, appraisal.democratic_at = _stamp(acting_user), timezone.now()
    appraisal.save()
    _event(appraisal, actor=acting_user, step="democratic", note=scoring.democratic(appraisal).message)
    return appraisal


@transaction.atomic
def appraisal_talks(*, appraisal: Appraisal, talks: str, verification: str, acting_user) -> Appraisal:
    appraisal = _locked(appraisal)
    _require(appraisal, "talks", acting_user)
    if not talks.strip():
        raise ValidationError({"talks": gettext("请填写个别谈话情况。")})
    appraisal.talks, appraisal.verification = talks.strip(), verification.strip()
    appraisal.talks_by, appraisal.talks_at = _stamp(acting_user), timezone.now()
    appraisal.save()
    _event(appraisal, actor=acting_user, step="talks")
    return appraisal


@transaction.atomic
def appraisal_dispatch_opinion(*, appraisal: Appraisal, opinion: str, acting_user) -> Appraisal:
    appraisal = _locked(appraisal)
    _require(appraisal, "dispatch", acting_user)
    if not opinion.strip():
        raise ValidationError({"opinion": gettext("请填写派出单位意见。")})
    appraisal.dispatch_opinion, appraisal.dispatch_by, appraisal.dispatch_at = (
        opinion.strip(),
        _stamp(acting_user),
        timezone.now(),
    )
    appraisal.save()
    _event(appraisal, actor=acting_user, step="dispatch")
    return appraisal


def appraisal_numbers(appraisal: Appraisal) -> dict:
    """Indicator total, democratic result, composite score and suggested grade, as documented in
    assessments.scoring."""
    scores = [(s.score, s.item.weight) for s in appraisal.scores.select_related("item")]
    indicators = scoring.indicator_total(scores)
    demo = scoring.democratic(appraisal)
    total = scoring.composite(indicators, demo.score if demo.valid else None)
    return {
        "indicators": indicators,
        "democratic": demo,
        "composite": total,
        "suggested": scoring.suggested_grade(appraisal.scale, total),
    }


@transaction.atomic
def appraisal_conclude(
    *, appraisal: Appraisal, conclusion: str, final_grade, deviation_reason: str = "", filing_no: str = "", acting_user
) -> Appraisal:
    appraisal = _locked(appraisal)
    _require(appraisal, "conclusion", acting_user)
    if final_grade is not None and final_grade.scale_id != appraisal.scale_id:
        raise ValidationError({"final_grade": gettext("等次不属于本鉴定的等次体系。")})
    numbers = appraisal_numbers(appraisal)
    appraisal.composite_score, appraisal.suggested_grade = numbers["composite"], numbers["suggested"]
    if (
        final_grade is not None
        and numbers["suggested"]
        and final_grade != numbers["suggested"]
        and not deviation_reason.strip()
    ):
        raise ValidationError({"deviation_reason": f"鉴定等次与建议等次（{numbers['suggested']}）不一致，请说明理由。"})
    appraisal.conclusion, appraisal.final_grade = conclusion.strip(), final_grade
    appraisal.grade_deviation_reason, appraisal.filing_no = deviation_reason.strip(), filing_no.strip()
    appraisal.conclusion_by, appraisal.conclusion_at = _stamp(acting_user), timezone.now()
    appraisal.save()
    _event(appraisal, actor=acting_user, step="conclusion")
    return appraisal


def missing_steps(appraisal: Appraisal) -> list[str]:
    missing = []
    if not appraisal.self_summary_at:
        missing.append("个人总结")
    if not appraisal.receiving_at:
        missing.append("接收单位评价")
    if not appraisal.democratic_at:
        missing.append("民主测评")
    elif not scoring.democratic(appraisal).valid:
        missing.append("有效的民主测评（" + scoring.democratic(appraisal).message + "）")
    if not appraisal.talks_at:
        missing.append("个别谈话和调查核实")
    if not appraisal.dispatch_at:
        missing.append("派出单位意见")
    if not appraisal.conclusion_at or not appraisal.conclusion:
        missing.append("组织部门鉴定意见")
    if not appraisal.final_grade_id:
        missing.append("鉴定等次")
    return missing


@transaction.atomic
def appraisal_finalize(*, appraisal: Appraisal, acting_user) -> Appraisal:
    """Lock the appraisal: nothing in it changes afterwards. The posting becomes 已结束."""
    appraisal = _locked(appraisal)
    _require(appraisal, "finalize", acting_user)
    missing = missing_steps(appraisal)
    if missing:
        raise ValidationError(f"不能定稿，以下环节尚未完成：{'；'.join(missing)}。")
    appraisal.status, appraisal.finalized_by, appraisal.finalized_at = (
        Appraisal.Status.FINALIZED,
        _stamp(acting_user),
        timezone.now(),
    )
    appraisal.save()
    _event(appraisal, actor=acting_user, step="finalize")
    events.publish("appraisal.finalized", appraisal=appraisal)  # documents archives the PDF after commit
    posting = appraisal.posting
    if posting.status == Posting.Status.TERM_ENDED:
        posting_transition(
            posting=posting,
            action="complete",
            acting_user=None,
            reason=f"期满考核鉴定定稿（第{appraisal.version}版，{appraisal.final_grade}）",
        )
    return appraisal


@transaction.atomic
def appraisal_correct(*, appraisal: Appraisal, reason: str, acting_user) -> Appraisal:
    """A correction of a finalized appraisal: a new open version with the same content, linked to the
    old one, which stays as it was."""
    appraisal = Appraisal.objects.select_for_update().get(pk=appraisal.pk)
    if "org_staff" not in posting_roles(acting_user, appraisal.posting) and acting_user is not None:
        raise PermissionDenied(gettext("只有组织部门可以更正鉴定。"))
    if not appraisal.is_locked:
        raise ValidationError(gettext("鉴定尚未定稿，可直接修改。"))
    if hasattr(appraisal, "correction"):
        raise ValidationError(gettext("该版本已有更正版本。"))
    if not reason.strip():
        raise ValidationError({"reason": gettext("请填写更正理由。")})
    scores = list(appraisal.scores.all())
    copy = Appraisal.objects.get(pk=appraisal.pk)
    copy.pk = copy.id = None
    copy._state.adding = True
    copy.version, copy.previous, copy.correction_reason = appraisal.version + 1, appraisal, reason.strip()
    copy.status, copy.finalized_by, copy.finalized_at = Appraisal.Status.OPEN, None, None
    copy.save()
    AppraisalScore.objects.bulk_create(
        [AppraisalScore(appraisal=copy, item_id=s.item_id, score=s.score) for s in scores]
    )
    _event(copy, actor=acting_user, step="correct", note=reason.strip())
    return copy

"""End-of-term appraisal services: open, the six steps each by its role, finalize (lock), correct."""

from collections.abc import Callable
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from core import events
from core.services import audit_log_record
from core.workflow import transition_check
from secondment.access import posting_roles
from secondment.models import Posting
from secondment.services.postings import posting_transition

from .. import access, scoring, workflow
from ..models import Appraisal, AppraisalEvent, AppraisalScore, GradeScale, IndicatorTemplate

# the step list lives in assessments.workflow; these names stay for the pages and reminders
STEP_LABELS = workflow.STEP_LABELS
# who takes each step (roles relative to the posting, see secondment.access.posting_roles)
STEP_ROLES = workflow.STEP_ROLES


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


@transaction.atomic
def appraisal_transition(
    *,
    appraisal: Appraisal,
    action: str,
    acting_user,
    apply: Callable[[Appraisal, dict], Appraisal | None] | None = None,
    reason: str | None = None,
) -> Appraisal:
    """Perform one action of assessments.workflow.APPRAISAL_TRANSITIONS: the one place that records a
    step done (its timestamp and who) and changes an appraisal's status. The row is locked and the
    role and source state checked against the table first, so a finalized appraisal refuses every
    write, whoever asks (admin included). `apply(appraisal, record)` validates and writes the step's
    own content; it may put a note for the history in `record` and, for a correction, return the new
    version, which is the one that takes the target state."""
    appraisal = _locked(appraisal)
    transition = transition_check(
        workflow.APPRAISAL_TRANSITIONS,
        action,
        status=appraisal.status,
        status_label=appraisal.get_status_display(),
        roles=access.appraisal_roles(acting_user, appraisal),
        subject="鉴定",
        reason=reason,
        state_first=True,
    )
    record = {"note": (reason or "").strip()}
    changed = (apply(appraisal, record) if apply is not None else None) or appraisal
    step = workflow.STEP_BY_KEY.get(action)
    if step is not None:
        setattr(changed, step.done_field, timezone.now())
        if step.by_field:
            setattr(changed, step.by_field, _stamp(acting_user))
    changed.status = transition.target
    changed.save()
    _event(changed, actor=acting_user, step=action, note=record["note"])
    return changed


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
        if not access.may_open_early(posting_roles(acting_user, posting)):
            raise PermissionDenied(gettext("只有组织部门可以提前启动鉴定。"))
        if not access.term_shortened(posting):
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
    def write(appraisal: Appraisal, record: dict) -> None:
        if not text.strip():
            raise ValidationError({"text": gettext("请填写个人总结。")})
        appraisal.self_summary = text.strip()

    return appraisal_transition(appraisal=appraisal, action="self_summary", acting_user=acting_user, apply=write)


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

    def write(appraisal: Appraisal, record: dict) -> None:
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

    return appraisal_transition(appraisal=appraisal, action="receiving", acting_user=acting_user, apply=write)


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
    def write(appraisal: Appraisal, record: dict) -> None:
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
        record["note"] = scoring.democratic(appraisal).message

    return appraisal_transition(appraisal=appraisal, action="democratic", acting_user=acting_user, apply=write)


@transaction.atomic
def appraisal_talks(*, appraisal: Appraisal, talks: str, verification: str, acting_user) -> Appraisal:
    def write(appraisal: Appraisal, record: dict) -> None:
        if not talks.strip():
            raise ValidationError({"talks": gettext("请填写个别谈话情况。")})
        appraisal.talks, appraisal.verification = talks.strip(), verification.strip()

    return appraisal_transition(appraisal=appraisal, action="talks", acting_user=acting_user, apply=write)


@transaction.atomic
def appraisal_dispatch_opinion(*, appraisal: Appraisal, opinion: str, acting_user) -> Appraisal:
    def write(appraisal: Appraisal, record: dict) -> None:
        if not opinion.strip():
            raise ValidationError({"opinion": gettext("请填写派出单位意见。")})
        appraisal.dispatch_opinion = opinion.strip()

    return appraisal_transition(appraisal=appraisal, action="dispatch", acting_user=acting_user, apply=write)


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
    def write(appraisal: Appraisal, record: dict) -> None:
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
            raise ValidationError(
                {"deviation_reason": f"鉴定等次与建议等次（{numbers['suggested']}）不一致，请说明理由。"}
            )
        appraisal.conclusion, appraisal.final_grade = conclusion.strip(), final_grade
        appraisal.grade_deviation_reason, appraisal.filing_no = deviation_reason.strip(), filing_no.strip()

    return appraisal_transition(appraisal=appraisal, action="conclusion", acting_user=acting_user, apply=write)


def missing_steps(appraisal: Appraisal) -> list[str]:
    """What a finalization still waits for, in the steps' order (assessments.workflow.STEPS)."""
    missing = []
    for step in workflow.STEPS:
        if getattr(appraisal, step.done_field) is None or (step.key == "conclusion" and not appraisal.conclusion):
            missing.append(step.missing)
        elif step.key == "democratic" and not scoring.democratic(appraisal).valid:
            missing.append("有效的民主测评（" + scoring.democratic(appraisal).message + "）")
    if not appraisal.final_grade_id:
        missing.append("鉴定等次")
    return missing


@transaction.atomic
def appraisal_finalize(*, appraisal: Appraisal, acting_user) -> Appraisal:
    """Lock the appraisal: nothing in it changes afterwards. The posting becomes 已结束."""

    def complete(appraisal: Appraisal, record: dict) -> None:
        missing = missing_steps(appraisal)
        if appraisal.democratic_votes.filter(status="open").exists():
            missing.append("扫码民主测评结束（测评仍在进行）")
        if missing:
            raise ValidationError(f"不能定稿，以下环节尚未完成：{'；'.join(missing)}。")

    appraisal = appraisal_transition(appraisal=appraisal, action="finalize", acting_user=acting_user, apply=complete)
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

    def new_version(appraisal: Appraisal, record: dict) -> Appraisal:
        if access.appraisal_corrected(appraisal):
            raise ValidationError(gettext("该版本已有更正版本。"))
        scores = list(appraisal.scores.all())
        copy = Appraisal.objects.get(pk=appraisal.pk)
        copy.pk = copy.id = None
        copy._state.adding = True
        copy.version, copy.previous, copy.correction_reason = appraisal.version + 1, appraisal, reason.strip()
        copy.finalized_by = copy.finalized_at = None
        copy.save()  # still marked finalized until appraisal_transition opens it, in this transaction
        AppraisalScore.objects.bulk_create(
            [AppraisalScore(appraisal=copy, item_id=s.item_id, score=s.score) for s in scores]
        )
        return copy

    return appraisal_transition(
        appraisal=appraisal, action="correct", acting_user=acting_user, apply=new_version, reason=reason
    )

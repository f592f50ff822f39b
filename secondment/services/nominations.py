"""Nomination services: nominate within quota and deadline, scores, inspection, decision."""

from collections.abc import Callable
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from cadres.models import Cadre
from core.services import audit_log_record
from core.workflow import transition_check

from ..access import NOMINATION_CLOSED, batches_managed_by, may_nominate_for, nomination_roles
from ..eligibility import eligibility_failures, seconded_check
from ..models import Batch, BatchOffer, BatchQuota, Nomination, NominationEvent
from ..workflow import NOMINATION_TRANSITIONS


def _event(nomination, *, actor, action, from_status="", reason="", data=None) -> None:
    NominationEvent.objects.create(
        nomination=nomination,
        actor=NominationEvent.actor_of(actor),
        action=action,
        from_status=from_status,
        to_status=nomination.status,
        reason=reason,
        data=data or {},
    )
    audit_log_record(actor=actor, action=f"nomination.{action}", target=nomination, data={"reason": reason})


def _manages(user, batch) -> bool:
    return user is None or batches_managed_by(user).filter(pk=batch.pk).exists()


@transaction.atomic
def nomination_create(
    *,
    batch: Batch,
    cadre: Cadre,
    method: str,
    reason: str,
    acting_user,
    override_reason: str = "",
    offer: BatchOffer | None = None,
    today=None,
) -> Nomination:
    """A dispatching contact nominates a cadre of their unit. Enforced here, under a row lock on the
    unit's quota so that two contacts racing for the last place cannot both win: the batch is open,
    the deadline has not passed, the quota has room, the cadre is eligible (or an org department
    overrides with a recorded reason)."""
    unit = cadre.unit
    if not (may_nominate_for(acting_user, unit) or (acting_user and _manages(acting_user, batch))):
        raise PermissionDenied(gettext("您只能推荐本单位的干部。"))
    if not reason.strip():
        raise ValidationError({"reason": gettext("请填写推荐理由。")})
    quota = BatchQuota.objects.select_for_update().filter(batch=batch, dispatching_unit=unit).first()
    batch = Batch.objects.get(pk=batch.pk)  # fresh status after taking the lock
    if batch.status != Batch.Status.OPEN:
        raise ValidationError(f"批次“{batch}”当前为“{batch.get_status_display()}”，不接受推荐。")
    if batch.deadline_passed(today):
        raise ValidationError(f"推荐已于{batch.nomination_deadline:%Y年%m月%d日}截止。")
    if quota is None:
        raise ValidationError(f"{unit.name}在本批次没有选派名额。")
    used = Nomination.objects.active().filter(batch=batch, dispatching_unit=unit).count()
    if used >= quota.quota:
        raise ValidationError(f"{unit.name}的{quota.quota}个选派名额已经用完。")
    if Nomination.objects.active().filter(batch=batch, cadre=cadre).exists():
        raise ValidationError(f"{cadre.name}已被推荐到本批次。")
    if offer is not None and offer.batch_id != batch.pk:
        raise ValidationError({"offer": gettext("报名岗位不属于本批次。")})
    if method not in Nomination.Method.values:  # SQLite would keep any text; PostgreSQL refuses a long one
        raise ValidationError({"method": gettext("推荐方式无效。")})
    seconded_check(
        batch=batch, cadre=cadre, field="cadre"
    )  # 正在挂职: no override, a cadre holds one posting at a time
    failures = eligibility_failures(batch=batch, cadre=cadre)
    if failures:
        may_override = acting_user is None or _manages(acting_user, batch)
        if not (override_reason.strip() and may_override):
            hint = "" if may_override else "如确需推荐，请联系组织部门破格审核。"
            raise ValidationError("不符合选派条件：" + "；".join(failures) + hint)
    nomination = Nomination.objects.create(
        batch=batch,
        cadre=cadre,
        dispatching_unit=unit,
        method=method,
        reason=reason.strip(),
        eligibility_failures=failures,
        override_reason=override_reason.strip() if failures else "",
        nominated_by=acting_user if getattr(acting_user, "pk", None) else None,
        offer=offer,
    )
    _event(nomination, actor=acting_user, action="nominate", reason=reason.strip())
    if failures:
        _event(
            nomination,
            actor=acting_user,
            action="override",
            reason=override_reason.strip(),
            data={"failures": failures},
        )
    return nomination


def _locked(nomination: Nomination) -> Nomination:
    return Nomination.objects.select_for_update(of=("self",)).select_related("batch").get(pk=nomination.pk)


@transaction.atomic
def nomination_transition(
    *,
    nomination: Nomination,
    action: str,
    acting_user,
    reason: str = "",
    apply: Callable[[Nomination, dict], str | None] | None = None,
    data: dict | None = None,
) -> Nomination:
    """Perform one action of secondment.workflow.NOMINATION_TRANSITIONS: the one place that changes a
    nomination's status. The row is locked, the source state and the role checked against the table;
    `apply(nomination, record)` then validates and sets the action's own fields, adds to the history's
    data, and returns the target where the table leaves it to the action (decide)."""
    nomination = _locked(nomination)
    transition = transition_check(
        NOMINATION_TRANSITIONS,
        action,
        status=nomination.status,
        status_label=nomination.get_status_display(),
        roles=nomination_roles(acting_user, nomination),
        subject="推荐",
        reason=reason,
    )
    old = nomination.status
    record = dict(data or {})
    target = (apply(nomination, record) if apply is not None else None) or transition.target
    nomination.status = target
    nomination.save()
    _event(nomination, actor=acting_user, action=action, from_status=old, reason=reason, data=record)
    return nomination


@transaction.atomic
def nomination_withdraw(*, nomination: Nomination, reason: str, acting_user) -> Nomination:
    return nomination_transition(nomination=nomination, action="withdraw", acting_user=acting_user, reason=reason)


def _require_org(nomination, acting_user):
    if not _manages(acting_user, nomination.batch):
        raise PermissionDenied(gettext("只有本批次所属组织部门的工作人员可以进行此操作。"))
    if nomination.status in NOMINATION_CLOSED:
        raise ValidationError(f"推荐当前为“{nomination.get_status_display()}”，不能修改。")


@transaction.atomic
def nomination_record_scores(
    *, nomination: Nomination, written_score: Decimal | None, interview_score: Decimal | None, acting_user
) -> Nomination:
    nomination = _locked(nomination)
    _require_org(nomination, acting_user)
    for label, value in (("笔试成绩", written_score), ("面试成绩", interview_score)):
        if value is not None and not (0 <= value <= 100):
            raise ValidationError(f"{label}应在 0 到 100 之间。")
    nomination.written_score, nomination.interview_score = written_score, interview_score
    nomination.save(update_fields=["written_score", "interview_score", "updated_at"])
    _event(
        nomination,
        actor=acting_user,
        action="scores",
        from_status=nomination.status,
        data={"written": str(written_score), "interview": str(interview_score)},
    )
    return nomination


@transaction.atomic
def nomination_record_inspection(*, nomination: Nomination, result: str, notes: str, acting_user) -> Nomination:
    nomination = _locked(nomination)
    _require_org(nomination, acting_user)
    if result == Nomination.Inspection.PASSED:
        seconded_check(batch=nomination.batch, cadre=nomination.cadre)
    nomination.inspection, nomination.inspection_notes = result, notes
    nomination.save(update_fields=["inspection", "inspection_notes", "updated_at"])
    _event(
        nomination,
        actor=acting_user,
        action="inspection",
        from_status=nomination.status,
        reason=notes,
        data={"result": result},
    )
    return nomination


@transaction.atomic
def nomination_decide(
    *, nomination: Nomination, selected: bool, reason: str, acting_user, offer: BatchOffer | None = None
) -> Nomination:
    """Select (matched to a post on offer) or not select, with a reason. Selecting needs a passed
    organization inspection and a post with room."""
    if not reason.strip():
        raise ValidationError({"reason": gettext("请填写决定理由。")})

    def decide(nomination: Nomination, record: dict) -> str:
        chosen = None
        if selected:
            if nomination.inspection != Nomination.Inspection.PASSED:
                raise ValidationError(gettext("组织考察合格后才能确定为拟选派人选。"))
            seconded_check(batch=nomination.batch, cadre=nomination.cadre)
            if offer is None or offer.batch_id != nomination.batch_id:
                raise ValidationError({"offer": gettext("请选择本批次的一个挂职岗位。")})
            chosen = BatchOffer.objects.select_for_update().get(pk=offer.pk)
            taken = chosen.nominations.filter(status__in=[Nomination.Status.SELECTED, Nomination.Status.POSTED])
            if taken.exclude(pk=nomination.pk).count() >= chosen.count:
                raise ValidationError({"offer": f"岗位“{chosen}”的{chosen.count}个名额已满。"})
        nomination.offer, nomination.decision_reason = chosen, reason.strip()
        record.update(offer=str(chosen) if chosen else "", decided_at=timezone.now().isoformat())
        return Nomination.Status.SELECTED if selected else Nomination.Status.NOT_SELECTED

    return nomination_transition(
        nomination=nomination,
        action="decide",
        acting_user=acting_user,
        reason=reason.strip(),
        apply=decide,
    )

"""Batch services: create, edit, open and close, quotas, posts on offer, age ceilings."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext

from cadres.access import units_administered_by
from core.services import audit_log_record
from core.workflow import transition_check

from .. import workflow
from ..access import batch_roles, batches_managed_by
from ..models import Batch, BatchOffer, BatchQuota, RankAgeCeiling


def _require_manages(batch: Batch, acting_user) -> None:
    if acting_user is not None and not batches_managed_by(acting_user).filter(pk=batch.pk).exists():
        raise PermissionDenied(gettext("只有本批次所属组织部门的工作人员可以进行此操作。"))


def batch_validate(batch: Batch) -> None:
    """The rules of a batch, shared by the pages and admin (Chinese messages by field)."""
    batch.full_clean()
    errors = {}
    if batch.nomination_deadline and batch.planned_start and batch.nomination_deadline > batch.planned_start:
        errors["nomination_deadline"] = "推荐截止日期不能晚于计划开始日期。"
    if batch.min_rank_id and batch.max_rank_id and batch.min_rank.order > batch.max_rank.order:
        errors["max_rank"] = "最高职级不能低于最低职级。"
    if batch.written_weight + batch.interview_weight != 1:
        errors["interview_weight"] = "笔试权重与面试权重之和应为 1。"
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def batch_create(*, acting_user, **fields) -> Batch:
    batch = Batch(created_by=acting_user if getattr(acting_user, "pk", None) else None, **fields)
    if acting_user is not None and not units_administered_by(acting_user).filter(pk=batch.organizer_id).exists():
        raise PermissionDenied(gettext("组织单位不在您的管辖范围内。"))
    batch_validate(batch)
    batch.save()
    audit_log_record(actor=acting_user, action="batch.create", target=batch)
    return batch


@transaction.atomic
def batch_update(*, batch: Batch, acting_user, **fields) -> Batch:
    _require_manages(batch, acting_user)
    for name, value in fields.items():
        setattr(batch, name, value)
    if "organizer" in fields and acting_user is not None:
        if not units_administered_by(acting_user).filter(pk=batch.organizer_id).exists():
            raise PermissionDenied(gettext("组织单位不在您的管辖范围内。"))
    batch_validate(batch)
    batch.save()
    audit_log_record(actor=acting_user, action="batch.update", target=batch, data={"fields": sorted(fields)})
    return batch


@transaction.atomic
def batch_set_status(*, batch: Batch, status: str, acting_user, reason: str = "") -> Batch:
    """Move the batch to `status` by the table's action that leads there (see batch_transition)."""
    action = next((name for name, t in workflow.BATCH_TRANSITIONS.items() if t.target == status), None)
    if action is None:
        raise ValidationError(f"批次不能改为“{Batch.Status(status).label}”。")
    return batch_transition(batch=batch, action=action, acting_user=acting_user, reason=reason)


@transaction.atomic
def batch_transition(*, batch: Batch, action: str, acting_user, reason: str = "") -> Batch:
    """Perform one batch action of secondment.workflow.BATCH_TRANSITIONS: the one place that changes a
    batch's status. The audit log is the batch's history."""
    batch = Batch.objects.select_for_update().get(pk=batch.pk)
    transition = transition_check(
        workflow.BATCH_TRANSITIONS,
        action,
        status=batch.status,
        status_label=batch.get_status_display(),
        roles=batch_roles(acting_user, batch),
        subject="批次",
        reason=reason,
    )
    if transition.target == Batch.Status.OPEN and not batch.quotas.exists():
        raise ValidationError(gettext("请先设置各派出单位的选派名额，再开始推荐。"))
    old = batch.status
    batch.status = transition.target
    batch.save(update_fields=["status", "updated_at"])
    audit_log_record(
        actor=acting_user,
        action="batch.status",
        target=batch,
        data={"action": action, "from": old, "to": batch.status, "reason": reason},
    )
    return batch


@transaction.atomic
def batch_delete(*, batch: Batch, acting_user) -> None:
    """Delete a draft batch with its quotas, posts and age ceilings. Once published a batch carries
    nominations and history: it is closed, never deleted."""
    batch = Batch.objects.select_for_update().get(pk=batch.pk)
    _require_manages(batch, acting_user)
    if batch.status != Batch.Status.DRAFT:
        raise ValidationError(gettext("只有草稿状态的批次可以删除。"))
    audit_log_record(actor=acting_user, action="batch.delete", target=batch, data={"name": batch.name})
    batch.delete()


@transaction.atomic
def batch_quota_set(*, batch: Batch, dispatching_unit, quota: int, acting_user) -> BatchQuota | None:
    """Set a dispatching unit's quota; 0 removes it. A quota cannot drop below the nominations made."""
    _require_manages(batch, acting_user)
    used = batch.nominations.active().filter(dispatching_unit=dispatching_unit).count()
    if quota < used:
        raise ValidationError(f"{dispatching_unit.name}已推荐{used}人，名额不能少于{used}。")
    if quota == 0:
        BatchQuota.objects.filter(batch=batch, dispatching_unit=dispatching_unit).delete()
        row = None
    else:
        row, _ = BatchQuota.objects.update_or_create(
            batch=batch, dispatching_unit=dispatching_unit, defaults={"quota": quota}
        )
    audit_log_record(
        actor=acting_user, action="batch.quota", target=batch, data={"unit": dispatching_unit.pk, "quota": quota}
    )
    return row


@transaction.atomic
def batch_offer_add(*, batch: Batch, receiving_unit, post_title, count: int, acting_user, notes: str = ""):
    _require_manages(batch, acting_user)
    offer = BatchOffer(batch=batch, receiving_unit=receiving_unit, post_title=post_title, count=count, notes=notes)
    offer.full_clean()
    offer.save()
    audit_log_record(actor=acting_user, action="batch.offer", target=batch, data={"offer": str(offer)})
    return offer


@transaction.atomic
def batch_offer_remove(*, offer: BatchOffer, acting_user) -> None:
    _require_manages(offer.batch, acting_user)
    if offer.nominations.exists():
        raise ValidationError(gettext("该岗位已有拟任人选，不能删除。"))
    audit_log_record(actor=acting_user, action="batch.offer_remove", target=offer.batch, data={"offer": str(offer)})
    offer.delete()


@transaction.atomic
def batch_age_ceiling_add(*, batch: Batch, rank_from, rank_to, max_age: int, acting_user) -> RankAgeCeiling:
    _require_manages(batch, acting_user)
    if rank_from.order > rank_to.order:
        raise ValidationError(gettext("职级范围的起点不能高于终点。"))
    ceiling = RankAgeCeiling.objects.create(batch=batch, rank_from=rank_from, rank_to=rank_to, max_age=max_age)
    audit_log_record(actor=acting_user, action="batch.age_ceiling", target=batch, data={"ceiling": str(ceiling)})
    return ceiling

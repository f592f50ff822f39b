"""Write services for the rewards and punishments (奖惩情况) on a cadre's record: add, edit, delete,
each by whoever may maintain the cadre's record (`cadres.access.cadre_actions`: "manage_rewards"),
each with an audit row."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from core.services import audit_log_record

from .. import access
from ..models import Cadre, RewardPunishment

# What a record holds beyond its cadre and who entered it.
REWARD_FIELDS = ("kind", "title", "date", "issuing_body", "document_no", "note")


def _require(acting_user, cadre: Cadre) -> None:
    if acting_user is not None and "manage_rewards" not in access.cadre_actions(acting_user, cadre):
        raise PermissionDenied(gettext("您无权维护该干部的奖惩记录。"))


def _check(record: RewardPunishment) -> None:
    record.full_clean()
    if record.date and record.date > timezone.localdate():
        raise ValidationError({"date": gettext("奖惩日期不能晚于今天。")})


def _summary(record: RewardPunishment) -> dict:
    return {"kind": record.kind, "title": record.title, "date": str(record.date)}


@transaction.atomic
def reward_punishment_add(*, cadre: Cadre, acting_user, **fields) -> RewardPunishment:
    _require(acting_user, cadre)
    record = RewardPunishment(
        cadre=cadre, created_by=acting_user if getattr(acting_user, "pk", None) else None, **fields
    )
    _check(record)
    record.save()
    audit_log_record(actor=acting_user, action="reward.add", target=cadre, data=_summary(record))
    return record


@transaction.atomic
def reward_punishment_update(*, record: RewardPunishment, acting_user, **fields) -> RewardPunishment:
    _require(acting_user, record.cadre)
    unknown = set(fields) - set(REWARD_FIELDS)
    if unknown:
        raise ValueError(f"not a field of a reward or punishment: {sorted(unknown)}")
    record = RewardPunishment.objects.select_for_update().get(pk=record.pk)
    changed = sorted(name for name, value in fields.items() if getattr(record, name) != value)
    for name, value in fields.items():
        setattr(record, name, value)
    _check(record)
    record.save()
    audit_log_record(
        actor=acting_user, action="reward.update", target=record.cadre, data={**_summary(record), "changed": changed}
    )
    return record


@transaction.atomic
def reward_punishment_delete(*, record: RewardPunishment, acting_user) -> None:
    _require(acting_user, record.cadre)
    audit_log_record(actor=acting_user, action="reward.delete", target=record.cadre, data=_summary(record))
    record.delete()

"""Write services for cadres: create, edit, training records; the pinyin initials used by search."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext
from pypinyin import Style, lazy_pinyin

from core.services import audit_log_record

from .. import access
from ..models import Cadre, TrainingRecord, Unit


def _require_unit(acting_user, unit: Unit) -> None:
    """A cadre placed in (or moved into) `unit`: "add_cadre" in `access.unit_actions`. Services re-check
    what the pages offer; `acting_user=None` is the system itself."""
    if acting_user is not None and "add_cadre" not in access.unit_actions(acting_user, unit):
        raise PermissionDenied(gettext("您无权维护该单位的干部信息。"))


def _require_cadre(acting_user, action: str, cadre: Cadre) -> None:
    if acting_user is not None and action not in access.cadre_actions(acting_user, cadre):
        raise PermissionDenied(gettext("您无权维护该单位的干部信息。"))


RESERVE_WITHOUT_TRAINING = "未经系统培训的干部不得列入后备干部：请先登记其已结业的系统培训记录，再设为后备干部。"


def cadres_with_system_training(cadre_ids) -> set[int]:
    """Of these cadres, those with a completed system training (系统培训, 已结业) on record."""
    return set(
        TrainingRecord.objects.filter(cadre_id__in=cadre_ids, systematic=True, completed=True).values_list(
            "cadre_id", flat=True
        )
    )


def reserve_refusal(*, is_reserve: bool, was_reserve: bool, trained: bool) -> str:
    """对未经系统培训的不得列入后备队伍管理 (seed 002): why a cadre may not become reserve now, or "".
    The one rule of the pages, admin and the roster import; settings.RESERVE_REQUIRES_SYSTEM_TRAINING
    turns it off. A cadre already on the reserve list stays there."""
    if is_reserve and not was_reserve and settings.RESERVE_REQUIRES_SYSTEM_TRAINING and not trained:
        return RESERVE_WITHOUT_TRAINING
    return ""


def _check_reserve(cadre: Cadre, was_reserve: bool) -> None:
    trained = cadre.pk is not None and bool(cadres_with_system_training([cadre.pk]))
    refusal = reserve_refusal(is_reserve=cadre.is_reserve, was_reserve=was_reserve, trained=trained)
    if refusal:
        raise ValidationError({"is_reserve": refusal})


def name_initials(name: str) -> str:
    """Pinyin initials for search (张三丰 -> zsf)."""
    return "".join(part[0] for part in lazy_pinyin(name, style=Style.FIRST_LETTER) if part).lower()[:40]


@transaction.atomic
def cadre_create(*, acting_user, **fields) -> Cadre:
    cadre = Cadre(**fields)
    if cadre.unit_id:
        _require_unit(acting_user, cadre.unit)
    cadre.full_clean()
    _check_reserve(cadre, was_reserve=False)
    cadre.name_initials = name_initials(cadre.name)
    cadre.save()
    audit_log_record(actor=acting_user, action="cadre.create", target=cadre)
    return cadre


@transaction.atomic
def cadre_update(*, cadre: Cadre, acting_user, **fields) -> Cadre:
    _require_cadre(acting_user, "edit", cadre)
    was_reserve = Cadre.objects.filter(pk=cadre.pk, is_reserve=True).exists()
    changed = {}
    for name, value in fields.items():
        if getattr(cadre, name) != value:
            changed[name] = str(value)
        setattr(cadre, name, value)
    if "unit" in changed:
        _require_unit(acting_user, cadre.unit)
    cadre.full_clean()
    _check_reserve(cadre, was_reserve=was_reserve)
    cadre.name_initials = name_initials(cadre.name)
    cadre.save()
    audit_log_record(actor=acting_user, action="cadre.update", target=cadre, data={"changed": sorted(changed)})
    return cadre


@transaction.atomic
def training_record_add(*, cadre: Cadre, acting_user, **fields):
    _require_cadre(acting_user, "add_training", cadre)
    record = TrainingRecord(cadre=cadre, created_by=acting_user, **fields)
    record.full_clean()
    record.save()
    audit_log_record(actor=acting_user, action="training.add", target=cadre, data={"course": record.course})
    return record

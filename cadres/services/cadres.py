"""Write services for cadres: create, edit, training records; the pinyin initials used by search."""

from django.core.exceptions import PermissionDenied
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


def name_initials(name: str) -> str:
    """Pinyin initials for search (张三丰 -> zsf)."""
    return "".join(part[0] for part in lazy_pinyin(name, style=Style.FIRST_LETTER) if part).lower()[:40]


@transaction.atomic
def cadre_create(*, acting_user, **fields) -> Cadre:
    cadre = Cadre(**fields)
    if cadre.unit_id:
        _require_unit(acting_user, cadre.unit)
    cadre.full_clean()
    cadre.name_initials = name_initials(cadre.name)
    cadre.save()
    audit_log_record(actor=acting_user, action="cadre.create", target=cadre)
    return cadre


@transaction.atomic
def cadre_update(*, cadre: Cadre, acting_user, **fields) -> Cadre:
    _require_cadre(acting_user, "edit", cadre)
    changed = {}
    for name, value in fields.items():
        if getattr(cadre, name) != value:
            changed[name] = str(value)
        setattr(cadre, name, value)
    if "unit" in changed:
        _require_unit(acting_user, cadre.unit)
    cadre.full_clean()
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

"""Write services for units and cadres. Views, admin, imports and commands call these."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Concat, Substr
from django.utils.translation import gettext
from pypinyin import Style, lazy_pinyin

from core.services import audit_log_record

from .access import units_administered_by, units_managed_by
from .models import Cadre, Unit


def _require_manages(acting_user, unit: Unit | None) -> None:
    """Services re-check the rule they enforce; `acting_user=None` is the system itself."""
    if acting_user is None or unit is None:
        return
    if not units_managed_by(acting_user).filter(pk=unit.pk).exists():
        raise PermissionDenied(gettext("您无权维护该单位的干部信息。"))


def _require_administers(acting_user, unit: Unit | None) -> None:
    if acting_user is None:
        return
    if unit is None:
        if not getattr(acting_user, "is_superuser", False):
            raise PermissionDenied(gettext("只有系统管理员可以新建顶级单位。"))
        return
    if not units_administered_by(acting_user).filter(pk=unit.pk).exists():
        raise PermissionDenied(gettext("该单位不在您的管辖范围内。"))


def _path_for(unit: Unit) -> str:
    prefix = unit.parent.path if unit.parent_id else "/"
    return f"{prefix}{unit.pk}/"


@transaction.atomic
def unit_create(*, acting_user, **fields) -> Unit:
    unit = Unit(**fields)
    _require_administers(acting_user, unit.parent)
    unit.full_clean(exclude=["path"])
    unit.save()
    unit.path = _path_for(unit)
    unit.save(update_fields=["path"])
    audit_log_record(actor=acting_user, action="unit.create", target=unit)
    return unit


@transaction.atomic
def unit_update(*, unit: Unit, acting_user, **fields) -> Unit:
    """Rename, re-parent or edit a unit. Moving re-roots its whole subtree; nothing that refers to
    the unit (cadres, postings, roles) changes, since they refer to it by id."""
    _require_administers(acting_user, unit)
    old_path = unit.path
    old_parent_id = unit.parent_id
    for name, value in fields.items():
        setattr(unit, name, value)
    if unit.parent_id != old_parent_id:
        _require_administers(acting_user, unit.parent)
    if unit.parent_id and unit.pk and unit.parent_id != old_parent_id:
        parent = Unit.objects.get(pk=unit.parent_id)
        if parent.path.startswith(old_path):
            from django.core.exceptions import ValidationError

            raise ValidationError({"parent": gettext("不能把单位移到它自己或它的下级单位之下。")})
    unit.full_clean(exclude=["path"])
    unit.save()
    if unit.parent_id != old_parent_id:
        unit.refresh_from_db(fields=["parent"])
        new_path = _path_for(unit)
        Unit.objects.filter(path__startswith=old_path).update(
            path=Concat(Value(new_path), Substr(F("path"), len(old_path) + 1))
        )
        unit.refresh_from_db(fields=["path"])
    audit_log_record(
        actor=acting_user, action="unit.update", target=unit, data={"fields": sorted(fields), "old_path": old_path}
    )
    return unit


def name_initials(name: str) -> str:
    """Pinyin initials for search (张三丰 -> zsf)."""
    return "".join(part[0] for part in lazy_pinyin(name, style=Style.FIRST_LETTER) if part).lower()[:40]


@transaction.atomic
def cadre_create(*, acting_user, **fields) -> Cadre:
    cadre = Cadre(**fields)
    _require_manages(acting_user, cadre.unit if cadre.unit_id else None)
    cadre.full_clean()
    cadre.name_initials = name_initials(cadre.name)
    cadre.save()
    audit_log_record(actor=acting_user, action="cadre.create", target=cadre)
    return cadre


@transaction.atomic
def cadre_update(*, cadre: Cadre, acting_user, **fields) -> Cadre:
    _require_manages(acting_user, cadre.unit)
    changed = {}
    for name, value in fields.items():
        if getattr(cadre, name) != value:
            changed[name] = str(value)
        setattr(cadre, name, value)
    if "unit" in changed:
        _require_manages(acting_user, cadre.unit)
    cadre.full_clean()
    cadre.name_initials = name_initials(cadre.name)
    cadre.save()
    audit_log_record(actor=acting_user, action="cadre.update", target=cadre, data={"changed": sorted(changed)})
    return cadre


@transaction.atomic
def training_record_add(*, cadre: Cadre, acting_user, **fields):
    from .models import TrainingRecord

    _require_manages(acting_user, cadre.unit)
    record = TrainingRecord(cadre=cadre, created_by=acting_user, **fields)
    record.full_clean()
    record.save()
    audit_log_record(actor=acting_user, action="training.add", target=cadre, data={"course": record.course})
    return record

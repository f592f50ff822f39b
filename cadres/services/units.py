"""Write services for units: create, rename and move (re-rooting the subtree's paths)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Concat, Substr
from django.utils.translation import gettext

from core.services import audit_log_record

from .. import access
from ..models import Unit


def _require(acting_user, action: str, unit: Unit | None) -> None:
    """Services re-check what the pages offer (`access.unit_actions`): "edit" on the unit changed,
    "add_child" on the parent a unit is created or moved under. `acting_user=None` is the system."""
    if acting_user is None:
        return
    if unit is None:
        if "add_top_level" not in access.unit_list_actions(acting_user):
            raise PermissionDenied(gettext("只有系统管理员可以新建顶级单位。"))
        return
    if action not in access.unit_actions(acting_user, unit):
        raise PermissionDenied(gettext("该单位不在您的管辖范围内。"))


def _path_for(unit: Unit) -> str:
    prefix = unit.parent.path if unit.parent_id else "/"
    return f"{prefix}{unit.pk}/"


@transaction.atomic
def unit_create(*, acting_user, **fields) -> Unit:
    unit = Unit(**fields)
    _require(acting_user, "add_child", unit.parent)
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
    _require(acting_user, "edit", unit)
    old_path = unit.path
    old_parent_id = unit.parent_id
    for name, value in fields.items():
        setattr(unit, name, value)
    if unit.parent_id != old_parent_id:
        _require(acting_user, "add_child", unit.parent)
    if unit.parent_id and unit.pk and unit.parent_id != old_parent_id:
        parent = Unit.objects.get(pk=unit.parent_id)
        if parent.path.startswith(old_path):
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

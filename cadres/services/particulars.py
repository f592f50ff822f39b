"""Write services for what the 《干部任免审批表》 holds beyond the registry: the particulars (籍贯, 学历学位,
拟任拟免…), the résumé lines (简历) and the family members (家庭主要成员及重要社会关系). Each by whoever
may edit the cadre's record (`cadres.access.cadre_actions`: "edit"), each with an audit row. The .lrmx
import (cadres.lrmx_import) writes through these too."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext

from core.services import audit_log_record

from .. import access
from ..models import Cadre, CadreParticulars, FamilyMember, ResumeEntry

PARTICULARS_FIELDS = tuple(
    f.name
    for f in CadreParticulars._meta.concrete_fields
    if f.name not in {"cadre", "created_at", "updated_at", "created_by"}
)
RESUME_FIELDS = ("start", "end", "text", "order")
FAMILY_FIELDS = ("relation", "name", "birth", "political_status", "work_and_post", "order")


def _require(acting_user, cadre: Cadre) -> None:
    if acting_user is not None and "edit" not in access.cadre_actions(acting_user, cadre):
        raise PermissionDenied(gettext("您无权维护该干部的任免审批表信息。"))


def _unknown(fields: dict, allowed: tuple[str, ...]) -> None:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise ValueError(f"not a field: {sorted(unknown)}")


@transaction.atomic
def particulars_update(*, cadre: Cadre, acting_user, **fields) -> CadreParticulars:
    """Sets the given particulars (creating the record on first use); the audit row names the fields
    that changed."""
    _require(acting_user, cadre)
    _unknown(fields, PARTICULARS_FIELDS)
    record = CadreParticulars.objects.select_for_update().filter(cadre=cadre).first()
    created = record is None
    if created:
        record = CadreParticulars(cadre=cadre, created_by=acting_user if getattr(acting_user, "pk", None) else None)
    changed = sorted(name for name, value in fields.items() if getattr(record, name) != value)
    if not changed and not created:
        return record
    for name, value in fields.items():
        setattr(record, name, value)
    record.full_clean()
    record.save()
    audit_log_record(actor=acting_user, action="particulars.update", target=cadre, data={"changed": changed})
    return record


def _resume_summary(entry: ResumeEntry) -> dict:
    return {"start": entry.start, "end": entry.end, "text": entry.text[:100]}


def _check_resume(entry: ResumeEntry) -> None:
    from django.core.exceptions import ValidationError

    entry.full_clean()
    errors = {}
    for name in ("start", "end"):
        value = getattr(entry, name)
        if value and not (len(value) == 6 and value.isdigit() and 1 <= int(value[4:]) <= 12):
            errors[name] = gettext("请按 yyyymm 填写年月，如 199809。")
    if not errors and entry.end and not entry.start:
        errors["start"] = gettext("有截止年月时须填写起始年月。")
    if not errors and entry.start and entry.end and entry.end < entry.start:
        errors["end"] = gettext("截止年月不能早于起始年月。")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def resume_entry_add(*, cadre: Cadre, acting_user, **fields) -> ResumeEntry:
    _require(acting_user, cadre)
    _unknown(fields, RESUME_FIELDS)
    if "order" not in fields:
        last = cadre.resume_entries.order_by("-order").values_list("order", flat=True).first()
        fields["order"] = (last or 0) + 1
    entry = ResumeEntry(cadre=cadre, **fields)
    _check_resume(entry)
    entry.save()
    audit_log_record(actor=acting_user, action="resume.add", target=cadre, data=_resume_summary(entry))
    return entry


@transaction.atomic
def resume_entry_update(*, entry: ResumeEntry, acting_user, **fields) -> ResumeEntry:
    _require(acting_user, entry.cadre)
    _unknown(fields, RESUME_FIELDS)
    entry = ResumeEntry.objects.select_for_update().select_related("cadre").get(pk=entry.pk)
    for name, value in fields.items():
        setattr(entry, name, value)
    _check_resume(entry)
    entry.save()
    audit_log_record(actor=acting_user, action="resume.update", target=entry.cadre, data=_resume_summary(entry))
    return entry


@transaction.atomic
def resume_entry_delete(*, entry: ResumeEntry, acting_user) -> None:
    _require(acting_user, entry.cadre)
    audit_log_record(actor=acting_user, action="resume.delete", target=entry.cadre, data=_resume_summary(entry))
    entry.delete()


def _family_summary(member: FamilyMember) -> dict:
    return {"relation": member.relation, "name": member.name}


@transaction.atomic
def family_member_add(*, cadre: Cadre, acting_user, **fields) -> FamilyMember:
    _require(acting_user, cadre)
    _unknown(fields, FAMILY_FIELDS)
    if "order" not in fields:
        last = cadre.family_members.order_by("-order").values_list("order", flat=True).first()
        fields["order"] = (last or 0) + 1
    member = FamilyMember(cadre=cadre, **fields)
    member.full_clean()
    member.save()
    audit_log_record(actor=acting_user, action="family.add", target=cadre, data=_family_summary(member))
    return member


@transaction.atomic
def family_member_update(*, member: FamilyMember, acting_user, **fields) -> FamilyMember:
    _require(acting_user, member.cadre)
    _unknown(fields, FAMILY_FIELDS)
    member = FamilyMember.objects.select_for_update().select_related("cadre").get(pk=member.pk)
    for name, value in fields.items():
        setattr(member, name, value)
    member.full_clean()
    member.save()
    audit_log_record(actor=acting_user, action="family.update", target=member.cadre, data=_family_summary(member))
    return member


@transaction.atomic
def family_member_delete(*, member: FamilyMember, acting_user) -> None:
    _require(acting_user, member.cadre)
    audit_log_record(actor=acting_user, action="family.delete", target=member.cadre, data=_family_summary(member))
    member.delete()

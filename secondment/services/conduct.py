"""Inspections (督查/抽查) with reminder talks and rectification deadlines (rule 7), and the cadre's
work log (工作日志)."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from core.services import audit_log_record

from ..access import conduct_role_allowed, conduct_status_allowed, may_inspect, posting_roles
from ..models import Inspection, Posting, WorkLogEntry


@transaction.atomic
def inspection_record(
    *,
    posting: Posting,
    date: date,
    method: str,
    findings: str,
    reminder_talk: bool = False,
    reminder_talk_notes: str = "",
    rectification_required: bool = False,
    rectification_deadline: date | None = None,
    acting_user,
) -> Inspection:
    if not may_inspect(acting_user, posting):
        raise PermissionDenied(gettext("督查抽查由组织部门记录。"))
    if not findings.strip():
        raise ValidationError({"findings": gettext("请填写发现情况。")})
    if rectification_required and (rectification_deadline is None or rectification_deadline <= date):
        raise ValidationError({"rectification_deadline": gettext("限期整改须设定晚于督查日期的整改期限。")})
    inspection = Inspection.objects.create(
        posting=posting,
        date=date,
        method=method,
        findings=findings.strip(),
        reminder_talk=reminder_talk,
        reminder_talk_notes=reminder_talk_notes.strip(),
        rectification_required=rectification_required,
        rectification_deadline=rectification_deadline if rectification_required else None,
        recorded_by=acting_user if getattr(acting_user, "pk", None) else None,
    )
    audit_log_record(
        actor=acting_user,
        action="inspection.record",
        target=posting,
        data={"inspection": inspection.pk, "rectification": rectification_required},
    )
    return inspection


@transaction.atomic
def inspection_record_rectification(
    *, inspection: Inspection, rectified_at: date, notes: str, acting_user
) -> Inspection:
    inspection = Inspection.objects.select_for_update(of=("self",)).select_related("posting").get(pk=inspection.pk)
    allowed = conduct_role_allowed("rectify", posting_roles(acting_user, inspection.posting))
    if not allowed and not may_inspect(acting_user, inspection.posting):
        raise PermissionDenied
    if not inspection.rectification_required:
        raise ValidationError(gettext("该次督查没有整改要求。"))
    if inspection.rectified_at is not None:
        raise ValidationError(gettext("整改情况已经填报。"))
    if not notes.strip():
        raise ValidationError({"notes": gettext("请填写整改情况。")})
    inspection.rectified_at, inspection.rectification_notes = rectified_at, notes.strip()
    inspection.rectified_by = acting_user if getattr(acting_user, "pk", None) else None
    inspection.save()
    audit_log_record(
        actor=acting_user, action="inspection.rectified", target=inspection.posting, data={"inspection": inspection.pk}
    )
    return inspection


def _check_log(posting: Posting, day: date, acting_user) -> None:
    if not conduct_role_allowed("log_work", posting_roles(acting_user, posting)):
        raise PermissionDenied(gettext("工作日志由挂职干部本人填写。"))
    if not conduct_status_allowed("log_work", posting):
        raise ValidationError(gettext("该挂职已结束，不能再写工作日志。"))
    if day > timezone.localdate():
        raise ValidationError({"date": gettext("不能填写未来日期的工作日志。")})
    if not posting.start_date <= day <= posting.end_date:
        raise ValidationError({"date": gettext("日期须在挂职期间内。")})


@transaction.atomic
def work_log_add(
    *, posting: Posting, date: date, content: str, place: str = "", participants: str = "", acting_user
) -> WorkLogEntry:
    _check_log(posting, date, acting_user)
    if not content.strip():
        raise ValidationError({"content": gettext("请填写工作内容。")})
    entry = WorkLogEntry.objects.create(
        posting=posting, date=date, content=content.strip(), place=place.strip(), participants=participants.strip()
    )
    audit_log_record(actor=acting_user, action="worklog.add", target=posting, data={"entry": entry.pk})
    return entry


@transaction.atomic
def work_log_update(
    *, entry: WorkLogEntry, date: date, content: str, place: str = "", participants: str = "", acting_user
) -> WorkLogEntry:
    entry = WorkLogEntry.objects.select_for_update(of=("self",)).select_related("posting").get(pk=entry.pk)
    _check_log(entry.posting, date, acting_user)
    entry.date, entry.content, entry.place, entry.participants = date, content.strip(), place.strip(), participants
    entry.save()
    audit_log_record(actor=acting_user, action="worklog.update", target=entry.posting, data={"entry": entry.pk})
    return entry

"""Work report services: drafts that never silently overwrite newer text, submission, review (return /
accept) with every round kept, attachments. Each asserts through `reports.access`."""

from collections.abc import Callable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from core import files
from core.services import audit_log_record
from core.workflow import transition_check
from secondment.access import posting_roles

from .. import access
from ..models import WorkReport, WorkReportAttachment, WorkReportRound
from ..workflow import CADRE, EDITABLE, SYSTEM, TRANSITIONS

ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
ATTACHMENT_TYPES = (".pdf", ".jpg", ".jpeg", ".png", ".doc", ".docx", ".xls", ".xlsx")


class ReportConflict(ValidationError):
    """The report was saved elsewhere (another tab, another device) since this form was opened."""


def _reviewer_roles(report: WorkReport) -> set[str]:
    return access.reviewer_roles(report) | {"system"}


def work_report_roles(user, report: WorkReport) -> set[str]:
    """The roles `user` holds over this report: the author's, and the reviewer's role only where the
    report's cycle is sent to that reviewer (the workflow's vocabulary)."""
    return posting_roles(user, report.posting) & ({CADRE, SYSTEM} | _reviewer_roles(report))


def _locked(report: WorkReport) -> WorkReport:
    return WorkReport.objects.select_for_update(of=("self",)).select_related("posting", "cycle").get(pk=report.pk)


def _require_author(report: WorkReport, acting_user) -> None:
    if not access.may_write(acting_user, report):
        raise PermissionDenied(gettext("工作汇报由挂职干部本人填写。"))
    if report.status not in EDITABLE:
        raise ValidationError(f"汇报已{report.get_status_display()}，不能再修改。")


def _write(report: WorkReport, version: int, sections: dict) -> None:
    if version != report.version:
        saved = timezone.localtime(report.updated_at)
        raise ReportConflict(
            f"这份汇报已在其他页面或设备上保存过（{saved:%m月%d日 %H:%M}，第{report.version}版）。"
            "为避免覆盖较新的内容，本次没有保存。请先复制您刚写的文字，刷新页面后再合并。"
        )
    for name in WorkReport.SECTIONS:
        if name in sections:
            setattr(report, name, (sections[name] or "").strip())
    report.version += 1


@transaction.atomic
def work_report_save_draft(*, report: WorkReport, version: int, acting_user, **sections) -> WorkReport:
    report = _locked(report)
    _require_author(report, acting_user)
    _write(report, version, sections)
    report.save()
    # drafts too: what the text was before this save and what it became
    audit_log_record(actor=acting_user, action="report.draft", target=report, data={"version": report.version})
    return report


@transaction.atomic
def work_report_transition(
    *,
    report: WorkReport,
    action: str,
    acting_user,
    comments: str = "",
    apply: Callable[[WorkReport], None] | None = None,
) -> WorkReport:
    """Perform one action of reports.workflow.TRANSITIONS: the one place that changes a report's
    status. The row is locked, role and source state checked against the table, `apply` validates and
    sets the action's own fields, and the round is kept with the text as it then was."""
    report = _locked(report)
    transition = transition_check(
        TRANSITIONS,
        action,
        status=report.status,
        status_label=report.get_status_display(),
        roles=work_report_roles(acting_user, report),
        subject="汇报",
        forbidden="" if action in ("submit", "resubmit") else _reviewers_only(report),
    )
    if apply is not None:
        apply(report)
    report.status = transition.target
    report.save()
    WorkReportRound.objects.create(
        report=report,
        action=action,
        comments=comments.strip(),
        snapshot=report.content(),
        actor=WorkReportRound.actor_of(acting_user),
    )
    data = {"comments": comments} if action in ("return", "accept") else {}
    audit_log_record(actor=acting_user, action=f"report.{action}", target=report, data=data)
    return report


def _reviewers_only(report: WorkReport) -> str:
    return f"{report.cycle.name}由{report.cycle.get_recipient_display()}审阅。"


# the sections a report cannot be submitted without (a draft may leave them empty)
REQUIRED_SECTIONS = (("main_work", "主要工作"), ("next_plans", "下步打算"))


def period_open(report: WorkReport, today=None) -> bool:
    """The report's period has not ended yet: submitting now is early."""
    return (today or timezone.localdate()) <= report.period_end


@transaction.atomic
def work_report_submit(
    *, report: WorkReport, version: int, acting_user, early_confirmed: bool = False, today=None, **sections
) -> WorkReport:
    """Submit (or resubmit). The sections of REQUIRED_SECTIONS must be written; a report whose period has
    not ended yet (a Q4 report in December) goes only with `early_confirmed` — the author said so."""
    report = _locked(report)
    _require_author(report, acting_user)

    def submit(report: WorkReport) -> None:
        _write(report, version, sections)
        errors = {name: f"提交前请填写{label}。" for name, label in REQUIRED_SECTIONS if not getattr(report, name)}
        if period_open(report, today) and not early_confirmed:
            errors["early_confirmed"] = (
                f"本期（{report.period_label}）尚未结束。如确需提前提交，请勾选“本期尚未结束，确认提前提交”。"
            )
        if errors:
            raise ValidationError(errors)
        now = timezone.now()
        report.submitted_at = now
        if report.first_submitted_at is None:
            report.first_submitted_at = now
            report.submitted_late = timezone.localtime(now).date() > report.due_date

    action = "resubmit" if report.status == WorkReport.Status.RETURNED else "submit"
    return work_report_transition(report=report, action=action, acting_user=acting_user, apply=submit)


def _review(report: WorkReport, *, action: str, comments: str, acting_user) -> WorkReport:
    return work_report_transition(report=report, action=action, acting_user=acting_user, comments=comments)


@transaction.atomic
def work_report_return(*, report: WorkReport, comments: str, acting_user) -> WorkReport:
    if not comments.strip():
        raise ValidationError({"comments": gettext("退回修改须写明意见。")})
    report = _review(report, action="return", comments=comments, acting_user=acting_user)
    _remind_returned(report, comments)
    return report


def _remind_returned(report: WorkReport, comments: str) -> None:
    """The cadre is reminded at once (after commit) that a report came back."""
    from django.urls import reverse

    from accounts.models import User
    from core.reminders import Candidate, reminder_create_now
    from secondment.reminders import POSTING

    round_no = report.rounds.filter(action="return").count()
    for uid in User.objects.filter(cadre_id=report.posting.cadre_id, is_active=True).values_list("pk", flat=True):
        reminder_create_now(
            Candidate(
                f"report_returned:{report.pk}:{round_no}:{uid}",
                uid,
                "report_returned",
                f"{report.cycle.name}（{report.period_label}）被退回修改",
                comments.strip(),
                reverse("reports:detail", args=[report.pk]),
                report.posting_id,
                subject_type=POSTING,
            )
        )


@transaction.atomic
def work_report_accept(*, report: WorkReport, comments: str = "", acting_user) -> WorkReport:
    return _review(report, action="accept", comments=comments, acting_user=acting_user)


@transaction.atomic
def work_report_attach(*, report: WorkReport, upload, acting_user) -> WorkReportAttachment:
    report = _locked(report)
    _require_author(report, acting_user)
    name = upload.name.rsplit("/", 1)[-1][:200]
    if upload.size > ATTACHMENT_MAX_BYTES:
        raise ValidationError(f"附件不能超过 {ATTACHMENT_MAX_BYTES // (1024 * 1024)} MB。")
    if not name.lower().endswith(ATTACHMENT_TYPES):
        raise ValidationError(gettext("附件只能是 PDF、图片（JPG/PNG）、Word 或 Excel 文件。"))
    if error := files.upload_content_error(upload, name=name):
        raise ValidationError(error)
    attachment = WorkReportAttachment(report=report, name=name, size=upload.size)
    attachment.file.save(name, upload, save=False)
    attachment.save()
    audit_log_record(actor=acting_user, action="report.attach", target=report, data={"name": name})
    return attachment

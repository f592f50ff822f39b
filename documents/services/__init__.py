"""Document services: archive a finalized appraisal's PDF with its hash, verify a copy, batch print
jobs with progress (the appraisal form and the 民主测评汇总表 of each appraisal; or the 干部任免审批表 of
each nominee), the personnel-file hand-off and its materials to print, the forms' settings per
jurisdiction."""

import hashlib
import io
import tempfile
import zipfile

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext

from core.queue import enqueue_on_commit
from core.services import audit_log_record
from core.workflow import SYSTEM, transition_check

from .. import access
from ..appraisal_form import appraisal_form_pdf
from ..democratic import ballot_count, ballots_pdf, democratic_tally_pdf
from ..models import ArchivedForm, DocumentSettings, FileTransfer, PrintJob
from ..workflow import TRANSITIONS


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def appraisal_archive(*, appraisal) -> ArchivedForm:
    """Called when an appraisal is finalized: the PDF as it is then, with its SHA-256."""
    existing = ArchivedForm.objects.filter(appraisal=appraisal).first()
    if existing:
        return existing
    pdf = appraisal_form_pdf(appraisal)
    archived = ArchivedForm(appraisal=appraisal, sha256=sha256_of(pdf), size=len(pdf))
    archived.file.save(f"appraisal-{appraisal.pk}-v{appraisal.version}.pdf", ContentFile(pdf), save=False)
    archived.save()
    return archived


def archive_verify(*, data: bytes, user=None) -> ArchivedForm | None:
    """The archived form this PDF is an exact copy of, or None (a single changed byte does not match)."""
    # outside the user's scope: the same answer as no match
    return (
        access.archived_forms_visible_to(user)
        .filter(sha256=sha256_of(data))
        .select_related("appraisal__posting__cadre")
        .first()
    )


@transaction.atomic
def print_job_create(*, batch, acting_user) -> PrintJob:
    if not access.may_print_batch(acting_user, batch):
        raise PermissionDenied(gettext("只有本批次所属组织部门可以批量打印。"))
    from assessments.models import Appraisal

    total = Appraisal.objects.filter(posting__batch=batch, correction__isnull=True).count()
    if not total:
        raise ValidationError(gettext("本批次还没有鉴定表。"))
    job = PrintJob.objects.create(owner=acting_user, batch=batch, total=total)
    enqueue_on_commit("documents.tasks.run_print_job", job.pk)
    audit_log_record(actor=acting_user, action="print.create", target=batch, data={"job": job.pk})
    return job


# A batch's nominees' 任免审批表: up to this many are zipped in the request, more by a print job (a form
# takes about 0.2 s to lay out on an idle core: a dispatching unit's few nominees come at once, an org
# department's whole batch through the worker).
APPOINTMENT_ZIP_SYNC_MAX = 10


def appointment_nominees(*, batch, user):
    """The nominees whose 任免审批表 go into the batch's zip for `user` (documents.access), with what the
    form prints, in the batch page's order."""
    return (
        access.nominees_for_appointment_forms(user, batch)
        .select_related(*(f"cadre__{r}" for r in access.APPOINTMENT_FORM_RELATED), "offer__receiving_unit")
        .select_related("offer__post_title")
        .prefetch_related(*(f"cadre__{p}" for p in access.APPOINTMENT_FORM_PREFETCH))
        .order_by("dispatching_unit__path", "cadre__name", "pk")
    )


def appointment_forms_zip(*, nominations, handle, progress=None) -> int:
    """Write one 任免审批表 PDF per nomination into a zip on `handle`, named after the cadre
    (干部任免审批表-姓名-身份证后四位.pdf); the 拟任职务 of a nominee whose record names none is the post
    the nomination is matched to. `progress()` is called after each form. Returns how many."""
    from ..appointment_form import appointment_form_filename, appointment_form_pdf

    written = 0
    with zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as archive:
        for nomination in nominations:
            offer = nomination.offer
            proposed = f"{offer.receiving_unit.name}{offer.post_title}（挂职）" if offer else ""
            cadre = nomination.cadre
            archive.writestr(appointment_form_filename(cadre), appointment_form_pdf(cadre, proposed=proposed))
            written += 1
            if progress:
                progress()
    return written


@transaction.atomic
def appointment_job_create(*, batch, acting_user) -> PrintJob:
    """A print job for the nominees' 任免审批表 of a batch the user sees (the view got it through
    documents.access): the zip holds the nominees the user may have when the worker runs."""
    total = access.nominees_for_appointment_forms(acting_user, batch).count()
    if not total:
        raise ValidationError(gettext("本批次没有您可以打印任免审批表的被推荐人。"))
    job = PrintJob.objects.create(owner=acting_user, batch=batch, total=total, kind=PrintJob.Kind.APPOINTMENT)
    enqueue_on_commit("documents.tasks.run_print_job", job.pk)
    audit_log_record(actor=acting_user, action="print.create", target=batch, data={"job": job.pk, "kind": job.kind})
    return job


def print_job_roles(user, job: PrintJob) -> set[str]:
    """The roles `user` holds over this print job (the workflow's vocabulary)."""
    if user is None:
        return {SYSTEM}
    return {"org_staff"} if access.may_print_batch(user, job.batch) else set()


@transaction.atomic
def print_job_transition(*, job: PrintJob, action: str, acting_user=None, **changes) -> PrintJob:
    """Perform one action of documents.workflow.TRANSITIONS: the one place that changes a print job's
    status. `changes` are the job's other fields the action sets (the zip, the error, the count)."""
    job = PrintJob.objects.select_for_update().get(pk=job.pk)
    transition = transition_check(
        TRANSITIONS,
        action,
        status=job.status,
        status_label=job.get_status_display(),
        roles=print_job_roles(acting_user, job),
        subject="打印任务",
    )
    old = job.status
    for name, value in changes.items():
        setattr(job, name, value)
    job.status = transition.target
    job.save()
    data = {"from": old, "to": job.status, **({"error": job.error} if action == "fail" else {})}
    audit_log_record(actor=acting_user, action=f"print.{action}", target=job, data=data)
    return job


def print_job_run(*, job_id: int) -> PrintJob:
    """Render the appraisal form and the 民主测评汇总表 of each appraisal of the batch into a zip, two
    PDFs under the cadre's name, counting progress per appraisal as it goes. An open appraisal whose
    democratic evaluation is not yet entered also gets its blank 民主测评票 (as many as its meeting
    expects), so one job prepares every meeting of the batch."""
    from assessments.models import Appraisal

    job = PrintJob.objects.get(pk=job_id)
    if job.status == PrintJob.Status.DONE:
        return job
    job = print_job_transition(job=job, action="start", done=0, error="")
    if job.kind == PrintJob.Kind.APPOINTMENT:
        return _appointment_job_run(job)
    try:
        # the zip goes to a temporary file, then into storage: a 300-form batch never sits in memory
        with tempfile.TemporaryFile(suffix=".zip") as handle:
            with zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as archive:
                appraisals = (
                    Appraisal.objects.filter(posting__batch_id=job.batch_id, correction__isnull=True)
                    .select_related(
                        "posting__cadre", "posting__batch", "posting__dispatching_unit", "posting__receiving_unit"
                    )
                    # what the form and the tally print, in the same query (issue 18: queries per form)
                    .select_related(
                        "posting__cadre__ethnicity",
                        "posting__cadre__political_status",
                        "posting__cadre__education",
                        "posting__cadre__degree",
                        "previous",
                        "suggested_grade",
                        "final_grade",
                    )
                    .select_related("scale", "democratic_by")
                    .order_by("posting__cadre__name", "pk")
                )
                for appraisal in appraisals.iterator(chunk_size=50):
                    cadre = appraisal.posting.cadre
                    name = f"{cadre.name}-{cadre.id_number[-4:]}-v{appraisal.version}"
                    archive.writestr(f"{name}.pdf", appraisal_form_pdf(appraisal))
                    archive.writestr(f"{name}-民主测评汇总表.pdf", democratic_tally_pdf(appraisal))
                    if appraisal.status == Appraisal.Status.OPEN and appraisal.democratic_at is None:
                        ballots = ballots_pdf(appraisal, count=ballot_count(appraisal))
                        archive.writestr(f"{name}-民主测评票.pdf", ballots)
                    PrintJob.objects.filter(pk=job.pk).update(done=F("done") + 1)
            job.refresh_from_db()
            handle.seek(0)
            job.file.save(f"batch-{job.batch_id}-job-{job.pk}.zip", File(handle), save=False)
        job = print_job_transition(job=job, action="finish", file=job.file.name)
    except Exception as exc:
        print_job_transition(job=job, action="fail", error=str(exc)[:2000])
        raise
    return job


def _appointment_job_run(job: PrintJob) -> PrintJob:
    """The nominees' 任免审批表 of the job's batch that its owner may have now, into a zip in storage."""

    def progress() -> None:
        PrintJob.objects.filter(pk=job.pk).update(done=F("done") + 1)

    try:
        with tempfile.TemporaryFile(suffix=".zip") as handle:
            nominations = appointment_nominees(batch=job.batch, user=job.owner)
            written = appointment_forms_zip(
                nominations=nominations.iterator(chunk_size=50), handle=handle, progress=progress
            )
            handle.seek(0)
            job.file.save(f"batch-{job.batch_id}-job-{job.pk}.zip", File(handle), save=False)
        return print_job_transition(job=job, action="finish", file=job.file.name, done=written, total=written)
    except Exception as exc:
        print_job_transition(job=job, action="fail", error=str(exc)[:2000])
        raise


def file_transfer_package(*, appraisal) -> bytes:
    """The materials of the hand-off to the personnel file (转递材料) as one PDF to print: the appraisal
    form — its archived copy once finalized, as filed — then the 民主测评汇总表, each with its own page
    numbers. (个人总结 and 考核结果 are parts of the form.)"""
    from pypdf import PdfReader, PdfWriter

    archived = ArchivedForm.objects.filter(appraisal=appraisal).first()
    if archived is not None:
        with archived.file.open("rb") as handle:
            form = handle.read()
    else:
        form = appraisal_form_pdf(appraisal)
    writer = PdfWriter()
    for part in (form, democratic_tally_pdf(appraisal)):
        for page in PdfReader(io.BytesIO(part)).pages:
            writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@transaction.atomic
def file_transfer_record(
    *, appraisal, materials: list[str], transferred_on, recipient: str, notes: str = "", acting_user
) -> FileTransfer:
    if not access.may_record_transfer(acting_user, appraisal):
        raise PermissionDenied(gettext("档案材料转递由组织部门记录。"))
    if not appraisal.is_locked:
        raise ValidationError(gettext("鉴定定稿后才能转递入档。"))
    known = {key for key, _ in FileTransfer.MATERIALS}
    if not materials or set(materials) - known:
        raise ValidationError({"materials": gettext("请选择转递的材料。")})
    if not recipient.strip():
        raise ValidationError({"recipient": gettext("请填写接收人或接收单位。")})
    transfer = FileTransfer.objects.create(
        appraisal=appraisal,
        materials=materials,
        transferred_on=transferred_on,
        recipient=recipient.strip(),
        notes=notes,
        recorded_by=acting_user if getattr(acting_user, "pk", None) else None,
    )
    audit_log_record(actor=acting_user, action="file.transfer", target=appraisal, data={"materials": materials})
    return transfer


def print_jobs_cleanup(*, now=None) -> int:
    """Delete print jobs (and their zips) older than PRINT_JOB_RETENTION_DAYS."""
    from datetime import timedelta

    from django.conf import settings
    from django.utils import timezone

    cutoff = (now or timezone.now()) - timedelta(days=settings.PRINT_JOB_RETENTION_DAYS)
    removed = 0
    for job in PrintJob.objects.filter(created_at__lt=cutoff):
        if job.file:
            job.file.delete(save=False)
        job.delete()
        removed += 1
    return removed


def archives_complete() -> int:
    """Archive every finalized appraisal whose form is not archived yet (a render that failed after its
    finalization committed, say). Returns how many were archived."""
    from assessments.models import Appraisal

    missing = Appraisal.objects.filter(status=Appraisal.Status.FINALIZED, archived_form__isnull=True)
    done = 0
    for appraisal in missing.select_related("posting"):
        appraisal_archive(appraisal=appraisal)
        done += 1
    return done


@transaction.atomic
def document_settings_save(*, settings: DocumentSettings, acting_user) -> DocumentSettings:
    """Create or change a jurisdiction's document settings (from admin): forms printed from now on
    follow them; archived forms keep the title they were archived with."""
    created = settings.pk is None
    settings.full_clean()
    settings.save()
    audit_log_record(
        actor=acting_user,
        action="document_settings.create" if created else "document_settings.update",
        target=settings,
        data={"jurisdiction": settings.jurisdiction_id, "appraisal_form_title": settings.appraisal_form_title},
    )
    return settings


@transaction.atomic
def document_settings_delete(*, settings: DocumentSettings, acting_user) -> None:
    """Remove a jurisdiction's settings: its forms follow the next jurisdiction up again."""
    audit_log_record(
        actor=acting_user,
        action="document_settings.delete",
        target=settings,
        data={"jurisdiction": settings.jurisdiction_id, "appraisal_form_title": settings.appraisal_form_title},
    )
    settings.delete()

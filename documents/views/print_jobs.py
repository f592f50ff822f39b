"""Batch printing: of appraisal forms (the organizer starts a job), of the nominees' 干部任免审批表 (whoever
sees the batch: a small batch's zip at once, a larger one by a job); a job's owner watches and downloads it."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.generic import View

from core.files import stored_file_response

from ..access import batch_for_documents, print_job_actions, print_job_get_for_user
from ..models import PrintJob
from ..services import (
    APPOINTMENT_ZIP_SYNC_MAX,
    appointment_forms_zip,
    appointment_job_create,
    appointment_nominees,
    print_job_create,
)


class PrintJobCreateView(View):
    def post(self, request, batch_pk: int):
        batch = batch_for_documents(user=request.user, pk=batch_pk)
        try:
            job = print_job_create(batch=batch, acting_user=request.user)  # 403 unless its organizer
        except ValidationError as error:
            messages.error(request, "；".join(error.messages))
            return redirect("secondment:batch-detail", pk=batch.pk)
        return redirect("documents:print-job", pk=job.pk)


class BatchAppointmentFormsView(View):
    """The batch's nominees' 任免审批表 as a zip, one PDF per nominee the user may have: up to
    APPOINTMENT_ZIP_SYNC_MAX at once, in the response; more through a print job and its progress page."""

    def post(self, request, batch_pk: int):
        import tempfile

        from django.http import FileResponse

        batch = batch_for_documents(user=request.user, pk=batch_pk)
        nominations = appointment_nominees(batch=batch, user=request.user)
        total = nominations.count()
        if total > APPOINTMENT_ZIP_SYNC_MAX:
            job = appointment_job_create(batch=batch, acting_user=request.user)
            return redirect("documents:print-job", pk=job.pk)
        if not total:
            messages.error(request, "本批次没有您可以打印任免审批表的被推荐人。")
            return redirect("secondment:batch-detail", pk=batch.pk)
        handle = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)
        appointment_forms_zip(nominations=nominations, handle=handle)
        handle.seek(0)
        return FileResponse(handle, as_attachment=True, filename=_zip_name(batch.pk, PrintJob.Kind.APPOINTMENT))


def _zip_name(batch_id: int, kind: str) -> str:
    return f"{'appointment-forms' if kind == PrintJob.Kind.APPOINTMENT else 'appraisals'}-batch-{batch_id}.zip"


class PrintJobView(View):
    def get(self, request, pk: int):
        job = print_job_get_for_user(user=request.user, pk=pk)
        actions = print_job_actions(request.user, job)
        if request.GET.get("format") == "json":
            return JsonResponse(
                {
                    "status": job.status,
                    "percent": job.percent,
                    "done": job.done,
                    "total": job.total,
                    "download": reverse("documents:print-job-download", args=[job.pk]) if "download" in actions else "",
                }
            )
        return render(request, "documents/print_job.html", {"job": job, "actions": actions})


class PrintJobDownloadView(View):
    def get(self, request, pk: int):
        job = print_job_get_for_user(user=request.user, pk=pk)
        if "download" not in print_job_actions(request.user, job):
            raise Http404
        return stored_file_response(job.file, filename=_zip_name(job.batch_id, job.kind))

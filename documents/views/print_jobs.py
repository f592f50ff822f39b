"""Batch printing of appraisal forms: the organizer starts a job, its owner watches and downloads it."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.generic import View

from core.files import stored_file_response

from ..access import batch_for_documents, print_job_actions, print_job_get_for_user
from ..services import print_job_create


class PrintJobCreateView(View):
    def post(self, request, batch_pk: int):
        batch = batch_for_documents(user=request.user, pk=batch_pk)
        try:
            job = print_job_create(batch=batch, acting_user=request.user)  # 403 unless its organizer
        except ValidationError as error:
            messages.error(request, "；".join(error.messages))
            return redirect("secondment:batch-detail", pk=batch.pk)
        return redirect("documents:print-job", pk=job.pk)


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
        return stored_file_response(job.file, filename=f"appraisals-batch-{job.batch_id}.zip")

"""Printed forms and their life after printing: the appraisal form PDF, the batch summary, batch print
jobs, archive verification and the personnel-file hand-off (转递材料清单)."""

from django import forms
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.views.generic import View


class AppraisalFormPdfView(View):
    """The appraisal form as PDF, for whoever may see the posting (404 otherwise)."""

    def get(self, request, pk: int):
        from assessments.models import Appraisal
        from documents.appraisal_form import appraisal_form_pdf
        from secondment.selectors import posting_get_for_user

        appraisal = Appraisal.objects.select_related("posting").filter(pk=pk).first()
        if appraisal is None:
            raise Http404
        posting_get_for_user(user=request.user, pk=appraisal.posting_id)
        copies = request.GET.get("copies", "")
        if copies.isdigit() and 1 < int(copies) <= 9:
            from documents.appraisal_form import appraisal_form_copies_pdf

            pdf = appraisal_form_copies_pdf(appraisal, copies=int(copies))
        else:
            pdf = appraisal_form_pdf(appraisal)
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="appraisal-{appraisal.pk}.pdf"'
        return response


class VerifyForm(forms.Form):
    file = forms.FileField(label="鉴定表 PDF")


class VerifyView(View):
    """Upload a PDF: "matches appraisal X" or "does not match" the archived form."""

    def get(self, request):
        return render(request, "documents/verify.html", {"form": VerifyForm()})

    def post(self, request):
        from documents.services import archive_verify

        form = VerifyForm(request.POST, request.FILES)
        result = None
        if form.is_valid():
            upload = form.cleaned_data["file"]
            if upload.size > 20 * 1024 * 1024:
                form.add_error("file", "文件过大。")
            else:
                result = {"match": archive_verify(data=upload.read(), user=request.user)}
        return render(request, "documents/verify.html", {"form": form, "result": result})


class PrintJobCreateView(View):
    def post(self, request, batch_pk: int):
        from django.contrib import messages
        from django.core.exceptions import ValidationError

        from documents.services import print_job_create
        from secondment.selectors import batch_get_for_user

        batch = batch_get_for_user(user=request.user, pk=batch_pk)
        try:
            job = print_job_create(batch=batch, acting_user=request.user)
        except ValidationError as error:
            messages.error(request, "；".join(error.messages))
            return redirect("secondment:batch-detail", pk=batch.pk)
        return redirect("documents:print-job", pk=job.pk)


def _job_for(request, pk):
    from documents.models import PrintJob

    job = PrintJob.objects.filter(pk=pk, owner=request.user).select_related("batch").first()
    if job is None:
        raise Http404(gettext("任务不存在"))
    return job


class PrintJobView(View):
    def get(self, request, pk: int):
        job = _job_for(request, pk)
        if request.GET.get("format") == "json":
            from django.http import JsonResponse

            return JsonResponse(
                {
                    "status": job.status,
                    "percent": job.percent,
                    "done": job.done,
                    "total": job.total,
                    "download": reverse("documents:print-job-download", args=[job.pk]) if job.status == "done" else "",
                }
            )
        return render(request, "documents/print_job.html", {"job": job})


class PrintJobDownloadView(View):
    def get(self, request, pk: int):
        from django.http import FileResponse

        job = _job_for(request, pk)
        if job.status != "done" or not job.file:
            raise Http404
        return FileResponse(job.file.open("rb"), as_attachment=True, filename=f"appraisals-batch-{job.batch_id}.zip")


class TransferForm(forms.Form):
    from documents.models import FileTransfer as _FT

    materials = forms.MultipleChoiceField(label="转递材料", choices=_FT.MATERIALS, widget=forms.CheckboxSelectMultiple)
    transferred_on = forms.DateField(label="转递日期", widget=forms.DateInput(attrs={"type": "date"}))
    recipient = forms.CharField(label="接收人/单位", max_length=100)
    notes = forms.CharField(label="备注", required=False, max_length=200)


class TransferView(View):
    """Record what went into the personnel file, and print the transfer list (转递材料清单)."""

    def _appraisal(self, request, pk):
        from assessments.models import Appraisal
        from secondment.selectors import posting_get_for_user

        appraisal = Appraisal.objects.select_related("posting__cadre", "final_grade").filter(pk=pk).first()
        if appraisal is None:
            raise Http404
        posting_get_for_user(user=request.user, pk=appraisal.posting_id)
        return appraisal

    def get(self, request, pk: int):
        appraisal = self._appraisal(request, pk)
        return render(
            request,
            "documents/transfer.html",
            {
                "appraisal": appraisal,
                "form": TransferForm(initial={"transferred_on": timezone.localdate()}),
                "transfers": appraisal.transfers.select_related("recorded_by"),
                "print": request.GET.get("print") == "1",
            },
        )

    def post(self, request, pk: int):
        from django.contrib import messages
        from django.core.exceptions import ValidationError

        from documents.services import file_transfer_record

        appraisal = self._appraisal(request, pk)
        form = TransferForm(request.POST)
        if form.is_valid():
            try:
                file_transfer_record(appraisal=appraisal, acting_user=request.user, **form.cleaned_data)
                messages.success(request, gettext("已记录档案材料转递。"))
            except ValidationError as error:
                messages.error(request, "；".join(error.messages))
        else:
            messages.error(request, "；".join(e for errs in form.errors.values() for e in errs))
        return redirect("documents:transfer", pk=appraisal.pk)


class BatchSummaryPdfView(View):
    def get(self, request, batch_pk: int):
        from documents.appraisal_form import batch_summary_pdf
        from secondment.selectors import batch_get_for_user, posting_list_for_user

        batch = batch_get_for_user(user=request.user, pk=batch_pk)
        postings = (
            posting_list_for_user(user=request.user)
            .filter(batch=batch)
            .select_related("cadre__political_status")
            .prefetch_related("appraisals__final_grade")
            .order_by("dispatching_unit__path", "cadre__name")
        )
        response = HttpResponse(batch_summary_pdf(batch, postings), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="batch-{batch.pk}-summary.pdf"'
        return response


class RegistrationFormPdfView(View):
    """《挂职干部基本情况登记表》 as PDF, for whoever may see the nomination (404 otherwise)."""

    def get(self, request, pk: int):
        from documents.pdf import render_pdf
        from secondment.selectors import nomination_get_for_user, registration_form_context

        nomination = nomination_get_for_user(user=request.user, pk=pk)
        pdf = render_pdf("documents/pdf/registration_form.html", registration_form_context(nomination=nomination))
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="registration-{nomination.pk}.pdf"'
        return response


class WorkReportPdfView(View):
    """One work report as PDF, for whoever may see the report (404 otherwise)."""

    def get(self, request, pk: int):
        from documents.pdf import render_pdf
        from reports.selectors import work_report_get_for_user

        report = work_report_get_for_user(user=request.user, pk=pk)
        pdf = render_pdf("documents/pdf/work_report.html", {"report": report})
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="report-{report.pk}.pdf"'
        return response

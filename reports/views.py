"""The org department's dashboard (charts with their tables and Excel), and the personal calendar feed."""

from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext
from django.views.generic import View

from accounts.roles import roles_of
from accounts.scoping import batches_visible_to, units_visible_to
from cadres.models import Unit
from core.import_views import xlsx_response
from core.xlsx import build_xlsx
from secondment.models import BatchKind

from .calendar import calendar_for, regenerate_token, user_for_token
from .selectors import DashboardFilters, dashboard


class FilterForm(forms.Form):
    year = forms.IntegerField(label="年度", required=False)
    batch = forms.ModelChoiceField(label="批次", queryset=None, required=False)
    kind = forms.ModelChoiceField(label="挂职类型", queryset=BatchKind.objects.all(), required=False)
    county = forms.ModelChoiceField(label="县（区）", queryset=None, required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["batch"].queryset = batches_visible_to(user)
        self.fields["county"].queryset = units_visible_to(user).filter(level=Unit.Level.COUNTY).order_by("path")

    def filters(self) -> DashboardFilters:
        if not self.is_valid():
            return DashboardFilters()
        d = self.cleaned_data
        return DashboardFilters(
            year=d["year"],
            batch_id=d["batch"].pk if d["batch"] else None,
            kind_id=d["kind"].pk if d["kind"] else None,
            county_id=d["county"].pk if d["county"] else None,
        )


def _require_org(request):
    roles = roles_of(request.user)
    if not (roles.is_admin or roles.is_org_staff):
        raise PermissionDenied


class DashboardView(View):
    def get(self, request):
        _require_org(request)
        form = FilterForm(request.GET or None, user=request.user)
        f = form.filters()
        stats = dashboard(request.user, f)
        base = {k: v for k, v in {"batch": f.batch_id, "kind": f.kind_id}.items() if v}
        list_url = reverse("secondment:posting-list")
        charts = {
            "status": {
                "title": "挂职状态",
                "labels": [s[0] for s in stats["by_status"]],
                "values": [s[2] for s in stats["by_status"]],
                "links": [f"{list_url}?{urlencode({**base, 'status': s[1]})}" for s in stats["by_status"]],
            },
            "kind": {
                "title": "挂职类型",
                "labels": [k[0] for k in stats["by_kind"]],
                "values": [k[2] for k in stats["by_kind"]],
                "links": [f"{list_url}?{urlencode({**base, 'kind': k[1]})}" for k in stats["by_kind"]],
            },
            "region": {
                "title": "在岗干部（按接收单位地区）",
                "labels": [r[0] for r in stats["by_region"]],
                "values": [r[1] for r in stats["by_region"]],
                "links": [
                    f"{list_url}?{urlencode({**base, 'status': 'on_post', 'region': r[0]})}" for r in stats["by_region"]
                ],
            },
            "compliance": {
                "title": "工作汇报按时率（%）",
                "labels": [c["period"] for c in stats["compliance"]],
                "values": [c["rate"] or 0 for c in stats["compliance"]],
                "links": [reverse("secondment:report-compliance")] * len(stats["compliance"]),
            },
            "annual": {
                "title": "年度考核等次",
                "labels": [a[0] for a in stats["annual"]],
                "values": [a[1] for a in stats["annual"]],
                "links": [],
            },
            "appraisal": {
                "title": "期满鉴定等次",
                "labels": [a[0] for a in stats["appraisal"]],
                "values": [a[1] for a in stats["appraisal"]],
                "links": [],
            },
        }
        return render(
            request,
            "reports/dashboard.html",
            {
                "form": form,
                "stats": stats,
                "charts": charts,
                "echarts": settings.ECHARTS_AVAILABLE,
                "query": request.GET.urlencode(),
            },
        )


class DashboardExportView(View):
    """Every chart's numbers as Excel (one block per chart)."""

    def get(self, request):
        _require_org(request)
        f = FilterForm(request.GET or None, user=request.user).filters()
        stats = dashboard(request.user, f)

        def rows():
            for title, pairs in [
                ("挂职状态", [(a, c) for a, _, c in stats["by_status"]]),
                ("挂职类型", [(a, c) for a, _, c in stats["by_kind"]]),
                ("在岗干部（按地区）", stats["by_region"]),
                ("工作汇报按时率（%）", [(c["period"], c["rate"]) for c in stats["compliance"]]),
                ("年度考核等次", stats["annual"]),
                ("期满鉴定等次", stats["appraisal"]),
                (
                    "逾期事项",
                    [
                        ("逾期未到岗", stats["overdue"]["arrival"]),
                        ("汇报未报", stats["overdue"]["reports"]),
                        ("整改逾期", stats["overdue"]["rectification"]),
                        ("长期离岗", stats["overdue"]["absence"]),
                    ],
                ),
            ]:
                for label, value in pairs:
                    yield [title, label, value]

        content = build_xlsx(title="统计", headers=["统计项", "分类", "数值"], rows=rows(), widths=[22, 30, 10])
        return xlsx_response(content, f"dashboard-{timezone.localdate():%Y%m%d}.xlsx")


class CalendarSettingsView(View):
    def get(self, request):
        token = request.user.calendar_token or regenerate_token(request.user)
        url = request.build_absolute_uri(reverse("reports:calendar-feed", args=[token]))
        return render(request, "reports/calendar.html", {"feed_url": url})

    def post(self, request):
        regenerate_token(request.user)
        return redirect("reports:calendar")


@method_decorator(login_not_required, name="dispatch")
class CalendarFeedView(View):
    """The user's deadlines as iCalendar, at a secret URL a phone or Outlook can subscribe to."""

    def get(self, request, token: str):
        user = user_for_token(token)
        if user is None:
            raise Http404
        response = HttpResponse(calendar_for(user), content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = 'inline; filename="guazhitong.ics"'
        return response


class AppraisalFormPdfView(View):
    """The appraisal form as PDF, for whoever may see the posting (404 otherwise)."""

    def get(self, request, pk: int):
        from assessments.models import Appraisal
        from secondment.selectors import posting_get_for_user

        from .appraisal_form import appraisal_form_pdf

        appraisal = Appraisal.objects.select_related("posting").filter(pk=pk).first()
        if appraisal is None:
            raise Http404
        posting_get_for_user(user=request.user, pk=appraisal.posting_id)
        copies = request.GET.get("copies", "")
        if copies.isdigit() and 1 < int(copies) <= 9:
            from .appraisal_form import appraisal_form_copies_pdf

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
        return render(request, "reports/verify.html", {"form": VerifyForm()})

    def post(self, request):
        from .services import archive_verify

        form = VerifyForm(request.POST, request.FILES)
        result = None
        if form.is_valid():
            upload = form.cleaned_data["file"]
            if upload.size > 20 * 1024 * 1024:
                form.add_error("file", "文件过大。")
            else:
                result = {"match": archive_verify(data=upload.read(), user=request.user)}
        return render(request, "reports/verify.html", {"form": form, "result": result})


class PrintJobCreateView(View):
    def post(self, request, batch_pk: int):
        from django.contrib import messages
        from django.core.exceptions import ValidationError

        from secondment.selectors import batch_get_for_user

        from .services import print_job_create

        batch = batch_get_for_user(user=request.user, pk=batch_pk)
        try:
            job = print_job_create(batch=batch, acting_user=request.user)
        except ValidationError as error:
            messages.error(request, "；".join(error.messages))
            return redirect("secondment:batch-detail", pk=batch.pk)
        return redirect("reports:print-job", pk=job.pk)


def _job_for(request, pk):
    from .models import PrintJob

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
                    "download": reverse("reports:print-job-download", args=[job.pk]) if job.status == "done" else "",
                }
            )
        return render(request, "reports/print_job.html", {"job": job})


class PrintJobDownloadView(View):
    def get(self, request, pk: int):
        from django.http import FileResponse

        job = _job_for(request, pk)
        if job.status != "done" or not job.file:
            raise Http404
        return FileResponse(job.file.open("rb"), as_attachment=True, filename=f"appraisals-batch-{job.batch_id}.zip")


class TransferForm(forms.Form):
    from .models import FileTransfer as _FT

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
            "reports/transfer.html",
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

        from .services import file_transfer_record

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
        return redirect("reports:transfer", pk=appraisal.pk)


class BatchSummaryPdfView(View):
    def get(self, request, batch_pk: int):
        from secondment.selectors import batch_get_for_user, posting_list_for_user

        from .appraisal_form import batch_summary_pdf

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

"""Work report pages: a posting's reports, writing one (drafts, conflicts, attachments), review,
compliance, export and a printable copy."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import View

from core.import_views import xlsx_response
from core.view_helpers import flash_errors
from core.xlsx import build_xlsx
from secondment.posting_pages import posting_context
from secondment.services.postings import posting_roles

from .. import selectors, services
from ..access import work_reports_visible_to
from ..models import WorkReport

TEXT = forms.Textarea(attrs={"rows": 5})


class ReportForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    main_work = forms.CharField(label=_("主要工作"), required=False, widget=TEXT)
    results = forms.CharField(label=_("取得成效"), required=False, widget=TEXT)
    problems = forms.CharField(label=_("存在问题"), required=False, widget=TEXT)
    next_plans = forms.CharField(label=_("下步打算"), required=False, widget=TEXT)
    other = forms.CharField(label=_("其他"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class ReviewForm(forms.Form):
    comments = forms.CharField(label=_("审阅意见"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


def _report_for(request, pk) -> WorkReport:
    return selectors.work_report_get_for_user(user=request.user, pk=pk)


class PostingReportsView(View):
    def get(self, request, pk: int):
        context = posting_context(request, pk, "reports")
        reports = context["posting"].reports.select_related("cycle").order_by("due_date", "cycle__period_months")
        context.update(reports=reports, today=timezone.localdate())
        return render(request, "reports/posting_reports.html", context)


class ReportDetailView(View):
    def _context(self, request, report, form=None):
        roles = posting_roles(request.user, report.posting)
        editable = bool(roles & {"cadre"}) and report.status in services.EDITABLE
        return {
            "report": report,
            "rounds": report.rounds.select_related("actor"),
            "attachments": report.attachments.all(),
            "editable": editable,
            "form": form or (ReportForm(initial={"version": report.version, **report.content()}) if editable else None),
            "can_review": services.may_review(request.user, report) and report.status == "submitted",
            "review_form": ReviewForm(),
            "late": report.is_late(),
        }

    def get(self, request, pk: int):
        report = _report_for(request, pk)
        return render(request, "reports/report_detail.html", self._context(request, report))

    def post(self, request, pk: int):
        report = _report_for(request, pk)
        form = ReportForm(request.POST)
        if not form.is_valid():
            return render(request, "reports/report_detail.html", self._context(request, report, form))
        data = dict(form.cleaned_data)
        version = data.pop("version")
        submit = "submit" in request.POST
        try:
            if submit:
                services.work_report_submit(report=report, version=version, acting_user=request.user, **data)
                messages.success(request, gettext("汇报已提交。"))
            else:
                services.work_report_save_draft(report=report, version=version, acting_user=request.user, **data)
                messages.success(request, gettext("草稿已保存。"))
        except services.ReportConflict as conflict:
            # keep what the user typed on the page; show the newer saved text beside it
            form.add_error(None, conflict.messages[0])
            context = self._context(request, report, form)
            context["conflict"] = report.content()
            return render(request, "reports/report_detail.html", context, status=409)
        except ValidationError as error:
            form.add_error(None, error.messages)
            return render(request, "reports/report_detail.html", self._context(request, report, form))
        if request.FILES.get("attachment"):
            try:
                services.work_report_attach(report=report, upload=request.FILES["attachment"], acting_user=request.user)
            except ValidationError as error:
                flash_errors(request, error)
        return redirect("reports:detail", pk=report.pk)


class ReportAttachView(View):
    def post(self, request, pk: int):
        report = _report_for(request, pk)
        upload = request.FILES.get("attachment")
        if upload is None:
            messages.error(request, gettext("请选择要上传的附件。"))
        else:
            try:
                services.work_report_attach(report=report, upload=upload, acting_user=request.user)
                messages.success(request, gettext("附件已上传。"))
            except ValidationError as error:
                flash_errors(request, error)
        return redirect("reports:detail", pk=report.pk)


class ReportReviewView(View):
    def post(self, request, pk: int, decision: str):
        report = _report_for(request, pk)
        form = ReviewForm(request.POST)
        form.is_valid()
        comments = form.cleaned_data.get("comments", "")
        try:
            if decision == "return":
                services.work_report_return(report=report, comments=comments, acting_user=request.user)
                messages.success(request, gettext("已退回修改。"))
            elif decision == "accept":
                services.work_report_accept(report=report, comments=comments, acting_user=request.user)
                messages.success(request, gettext("已通过。"))
            else:
                raise Http404
        except ValidationError as error:
            flash_errors(request, error)
        return redirect("reports:detail", pk=report.pk)


class ReviewQueueView(View):
    def get(self, request):
        reports = selectors.reports_awaiting_review(user=request.user)
        return render(request, "reports/report_queue.html", {"reports": reports})


class ComplianceView(View):
    def get(self, request):
        group_by = "unit" if request.GET.get("by") == "unit" else "batch"
        rows = selectors.report_compliance(user=request.user, group_by=group_by)
        if request.GET.get("format") == "xlsx":
            headers = [
                "接收单位" if group_by == "unit" else "批次",
                "应报",
                "按时",
                "逾期提交",
                "未报",
                "未到期",
                "按时率（%）",
            ]
            content = build_xlsx(
                title="汇报报送情况",
                headers=headers,
                widths=[36, 8, 8, 10, 8, 8, 12],
                rows=(
                    [r["name"], r["due"], r["on_time"], r["late"], r["missing"], r["upcoming"], r["rate"]] for r in rows
                ),
            )
            return xlsx_response(content, f"report-compliance-{timezone.localdate():%Y%m%d}.xlsx")
        return render(request, "reports/report_compliance.html", {"rows": rows, "group_by": group_by})


EXPORT_HEADERS = [
    "姓名",
    "批次",
    "接收单位",
    "汇报类型",
    "期间自",
    "期间至",
    "报送期限",
    "状态",
    "首次提交",
    "是否逾期",
    "主要工作",
    "取得成效",
    "存在问题",
    "下步打算",
]


class ReportExportView(View):
    """One row per report, for a batch and a period (报送期限 between from and to)."""

    def get(self, request):
        reports = work_reports_visible_to(request.user).select_related(
            "posting__cadre", "posting__batch", "posting__receiving_unit", "cycle"
        )
        field = forms.DateField(required=False)
        try:
            start, end = field.clean(request.GET.get("from") or None), field.clean(request.GET.get("to") or None)
        except ValidationError:
            start = end = None
        if request.GET.get("batch", "").isdigit():
            reports = reports.filter(posting__batch_id=int(request.GET["batch"]))
        if start:
            reports = reports.filter(due_date__gte=start)
        if end:
            reports = reports.filter(due_date__lte=end)

        def rows():
            for r in reports.order_by("posting__batch_id", "posting__cadre__name", "due_date").iterator(
                chunk_size=1000
            ):
                yield [
                    r.posting.cadre.name,
                    r.posting.batch.name,
                    r.posting.receiving_unit.name,
                    r.cycle.name,
                    r.period_start,
                    r.period_end,
                    r.due_date,
                    r.get_status_display(),
                    timezone.localtime(r.first_submitted_at) if r.first_submitted_at else None,
                    "是" if r.is_late() else "否",
                    r.main_work,
                    r.results,
                    r.problems,
                    r.next_plans,
                ]

        content = build_xlsx(
            title="工作汇报",
            headers=EXPORT_HEADERS,
            rows=rows(),
            widths=[10, 30, 20, 14, 12, 12, 12, 10, 18, 8, 50, 40, 40, 40],
        )
        return xlsx_response(content, f"reports-{timezone.localdate():%Y%m%d}.xlsx")


class ReportPrintView(View):
    def get(self, request, pk: int):
        report = _report_for(request, pk)
        return render(request, "reports/report_print.html", {"report": report, "rounds": report.rounds.all()})

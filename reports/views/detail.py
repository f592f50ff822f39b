"""One work report: reading and writing it (drafts that never overwrite newer text, attachments), its
review and a printable copy. What the user may do comes from `access.work_report_actions`; the
services re-check it."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.generic import View

from core.view_helpers import apply_validation_errors, flash_errors, form_action

from .. import access, selectors, services
from ..forms import ReportForm, ReviewForm
from ..models import WorkReport


def _report_for(request, pk) -> WorkReport:
    return selectors.work_report_get_for_user(user=request.user, pk=pk)


class ReportDetailView(View):
    def _context(self, request, report, form=None):
        actions = access.work_report_actions(request.user, report)
        writable = "write" in actions
        return {
            "report": report,
            "rounds": report.rounds.select_related("actor"),
            "attachments": report.attachments.all(),
            "actions": actions,
            "form": form
            or (
                ReportForm(initial={"version": report.version, **report.content()}, early=services.period_open(report))
                if writable
                else None
            ),
            "period_open": services.period_open(report),
            "review_form": ReviewForm() if "review" in actions else None,
            "late": report.is_late(),
        }

    def get(self, request, pk: int):
        report = _report_for(request, pk)
        return render(request, "reports/report_detail.html", self._context(request, report))

    def post(self, request, pk: int):
        report = _report_for(request, pk)
        form = ReportForm(request.POST, early=services.period_open(report))
        if not form.is_valid():
            return render(request, "reports/report_detail.html", self._context(request, report, form))
        data = dict(form.cleaned_data)
        version = data.pop("version")
        early_confirmed = data.pop("early_confirmed", False)
        submit = "submit" in request.POST
        try:
            if submit:
                services.work_report_submit(
                    report=report, version=version, acting_user=request.user, early_confirmed=early_confirmed, **data
                )
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
            apply_validation_errors(form, error)
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
    """通过 or 退回修改; a refusal (退回 without comments) comes back on the page with the comments form as
    typed and the message by the field."""

    def post(self, request, pk: int, decision: str):
        report = _report_for(request, pk)
        services_by_decision = {
            "return": (services.work_report_return, gettext("已退回修改。")),
            "accept": (services.work_report_accept, gettext("已通过。")),
        }
        if decision not in services_by_decision:
            raise Http404
        service, success = services_by_decision[decision]
        form = ReviewForm(request.POST)
        if form_action(request, form, lambda **d: service(report=report, acting_user=request.user, **d), success):
            return redirect("reports:detail", pk=report.pk)
        context = ReportDetailView()._context(request, report)
        context["review_form"] = form
        return render(request, "reports/report_detail.html", context)


class ReportPrintView(View):
    def get(self, request, pk: int):
        report = _report_for(request, pk)
        return render(request, "reports/report_print.html", {"report": report, "rounds": report.rounds.all()})

"""Assessment pages, as the posting's "考核鉴定" tab: annual assessments, the appraisal's progress with
each step's form for the role whose step it is, corrections, after-secondment records, and the
annual results export with national codes."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.generic import View

from core.import_views import xlsx_response
from core.services import audit_log_record
from core.view_helpers import flash_errors
from core.xlsx import build_xlsx
from secondment import selectors as secondment_selectors
from secondment.posting_pages import posting_context

from . import forms as f
from .models import AnnualAssessment, Appraisal, GradeScale
from .services import annual, appraisals
from .services.appraisals import STEP_ROLES

STEPS = [
    ("self_summary", "个人总结", f.SelfSummaryForm),
    ("receiving", "接收单位评价", f.ReceivingForm),
    ("democratic", "民主测评", f.DemocraticForm),
    ("talks", "个别谈话和调查核实", f.TalksForm),
    ("dispatch", "派出单位意见", f.DispatchForm),
    ("conclusion", "组织部门鉴定", f.ConclusionForm),
]
DONE_FIELD = {
    "self_summary": "self_summary_at",
    "receiving": "receiving_at",
    "democratic": "democratic_at",
    "talks": "talks_at",
    "dispatch": "dispatch_at",
    "conclusion": "conclusion_at",
}


def _form(step, appraisal, data=None):
    form_class = dict((s, c) for s, _, c in STEPS)[step]
    kwargs = {"prefix": step}
    if step == "receiving":
        kwargs["items"] = appraisal.template.items.all()
    if step == "conclusion":
        kwargs["scale"] = appraisal.scale
    return form_class(data, **kwargs)


class PostingAssessmentView(View):
    def get(self, request, pk: int):
        context = posting_context(request, pk, "assessment")
        posting, roles = context["posting"], context["roles_here"]
        appraisals_qs = posting.appraisals.select_related(
            "final_grade", "suggested_grade", "scale", "template", "previous"
        ).order_by("-version")
        current = appraisals_qs.first()
        steps = []
        if current is not None:
            for step, label, _form_class in STEPS:
                mine = bool(roles & STEP_ROLES[step]) and not current.is_locked
                steps.append(
                    {
                        "key": step,
                        "label": label,
                        "done": getattr(current, DONE_FIELD[step]) is not None,
                        "form": _form(step, current) if mine else None,
                    }
                )
        scale = GradeScale.objects.filter(is_default=True).first()
        annuals = posting.annual_assessments.select_related(
            "proposed_grade", "final_grade", "proposed_by", "dispatch_by", "confirmed_by"
        )
        context.update(
            appraisal=current,
            versions=appraisals_qs,
            steps=steps,
            numbers=appraisals.appraisal_numbers(current) if current else None,
            missing=appraisals.missing_steps(current) if current and not current.is_locked else [],
            can_finalize=current is not None and not current.is_locked and "org_staff" in roles,
            can_correct=current is not None and current.is_locked and "org_staff" in roles,
            can_open_early=current is None
            and "org_staff" in roles
            and posting.status == "on_post"
            and posting.end_date < posting.planned_end_date,
            correction_form=f.CorrectionForm(),
            annuals=annuals,
            propose_form=f.AnnualProposeForm(scale=scale, initial={"year": timezone.localdate().year})
            if "receive_contact" in roles and posting.status in ("on_post", "term_ended")
            else None,
            opinion_form=f.AnnualOpinionForm() if "dispatch_contact" in roles else None,
            confirm_form=f.AnnualConfirmForm(scale=scale) if "org_staff" in roles else None,
            outcomes=posting.outcomes.all(),
            outcome_form=f.AfterSecondmentForm() if "org_staff" in roles and posting.status == "completed" else None,
        )
        return render(request, "assessments/posting_assessment.html", context)


def _appraisal_for(request, pk) -> Appraisal:
    appraisal = Appraisal.objects.select_related("posting", "template", "scale").filter(pk=pk).first()
    if appraisal is None:
        raise Http404(gettext("鉴定不存在或不在您的权限范围内"))
    secondment_selectors.posting_get_for_user(user=request.user, pk=appraisal.posting_id)  # 404 outside scope
    return appraisal


class AppraisalStepView(View):
    def post(self, request, pk: int, step: str):
        appraisal = _appraisal_for(request, pk)
        if step not in DONE_FIELD:
            raise PermissionDenied
        form = _form(step, appraisal, request.POST)
        if not form.is_valid():
            for field, errors in form.errors.items():
                label = form.fields[field].label if field in form.fields else ""
                messages.error(request, f"{label}：{'；'.join(errors)}" if label else "；".join(errors))
            return redirect("assessments:posting", pk=appraisal.posting_id)
        data = dict(form.cleaned_data)
        try:
            if step == "self_summary":
                appraisals.appraisal_self_summary(appraisal=appraisal, acting_user=request.user, **data)
            elif step == "receiving":
                scores = form.scores()
                fields = {k: v for k, v in data.items() if not k.startswith("score_")}
                appraisals.appraisal_receiving_evaluation(
                    appraisal=appraisal, scores=scores, acting_user=request.user, **fields
                )
            elif step == "democratic":
                appraisals.appraisal_democratic_evaluation(appraisal=appraisal, acting_user=request.user, **data)
            elif step == "talks":
                appraisals.appraisal_talks(appraisal=appraisal, acting_user=request.user, **data)
            elif step == "dispatch":
                appraisals.appraisal_dispatch_opinion(appraisal=appraisal, acting_user=request.user, **data)
            elif step == "conclusion":
                appraisals.appraisal_conclude(appraisal=appraisal, acting_user=request.user, **data)
            messages.success(request, gettext("已保存。"))
        except ValidationError as error:
            flash_errors(request, error)
        return redirect("assessments:posting", pk=appraisal.posting_id)


class AppraisalOpenView(View):
    def post(self, request, pk: int):
        posting = secondment_selectors.posting_get_for_user(user=request.user, pk=pk)
        try:
            appraisals.appraisal_open(posting=posting, acting_user=request.user)
            messages.success(request, gettext("已启动期满考核鉴定。"))
        except ValidationError as error:
            flash_errors(request, error)
        return redirect("assessments:posting", pk=posting.pk)


class AppraisalFinalizeView(View):
    def post(self, request, pk: int):
        appraisal = _appraisal_for(request, pk)
        try:
            appraisals.appraisal_finalize(appraisal=appraisal, acting_user=request.user)
            messages.success(request, gettext("鉴定已定稿。"))
        except ValidationError as error:
            flash_errors(request, error)
        return redirect("assessments:posting", pk=appraisal.posting_id)


class AppraisalCorrectView(View):
    def post(self, request, pk: int):
        appraisal = _appraisal_for(request, pk)
        form = f.CorrectionForm(request.POST)
        if form.is_valid():
            try:
                appraisals.appraisal_correct(appraisal=appraisal, acting_user=request.user, **form.cleaned_data)
                messages.success(request, gettext("已创建更正版本，原版本保留。"))
            except ValidationError as error:
                flash_errors(request, error)
        else:
            messages.error(request, gettext("请填写更正理由。"))
        return redirect("assessments:posting", pk=appraisal.posting_id)


class AnnualView(View):
    """Propose (receiving unit), opinion (dispatching unit), confirm (org department)."""

    def post(self, request, pk: int, step: str):
        posting = secondment_selectors.posting_get_for_user(user=request.user, pk=pk)
        scale = GradeScale.objects.filter(is_default=True).first()
        try:
            if step == "propose":
                form = f.AnnualProposeForm(request.POST, scale=scale)
                if form.is_valid():
                    annual.annual_propose(posting=posting, acting_user=request.user, **form.cleaned_data)
            else:
                assessment = get_object_or_404(AnnualAssessment, pk=request.POST.get("assessment"), posting=posting)
                if step == "opinion":
                    form = f.AnnualOpinionForm(request.POST)
                    if form.is_valid():
                        annual.annual_dispatch_opinion(
                            assessment=assessment, acting_user=request.user, **form.cleaned_data
                        )
                elif step == "confirm":
                    form = f.AnnualConfirmForm(request.POST, scale=scale)
                    if form.is_valid():
                        annual.annual_confirm(assessment=assessment, acting_user=request.user, **form.cleaned_data)
                else:
                    raise PermissionDenied
            if form.errors:
                messages.error(request, "；".join(e for errs in form.errors.values() for e in errs))
            else:
                messages.success(request, gettext("已保存。"))
        except ValidationError as error:
            flash_errors(request, error)
        return redirect("assessments:posting", pk=posting.pk)


class AfterSecondmentView(View):
    def post(self, request, pk: int):
        posting = secondment_selectors.posting_get_for_user(user=request.user, pk=pk)
        from secondment.services.postings import posting_roles

        if "org_staff" not in posting_roles(request.user, posting):
            raise PermissionDenied
        form = f.AfterSecondmentForm(request.POST)
        if form.is_valid():
            record = form.save(commit=False)
            record.posting, record.recorded_by = posting, request.user
            record.save()
            audit_log_record(
                actor=request.user, action="after.record", target=posting, data={"outcome": record.outcome}
            )
            messages.success(request, gettext("已记录挂职后使用情况。"))
        else:
            messages.error(request, "；".join(e for errs in form.errors.values() for e in errs))
        return redirect("assessments:posting", pk=posting.pk)


class AnnualExportView(View):
    """Annual assessment results with the codes used by national cadre-information systems."""

    def get(self, request):
        postings = secondment_selectors.posting_list_for_user(user=request.user)
        rows = (
            AnnualAssessment.objects.filter(posting__in=postings, status=AnnualAssessment.Status.CONFIRMED)
            .select_related("posting__cadre", "posting__receiving_unit", "final_grade")
            .order_by("-year", "posting__cadre__name")
        )
        content = build_xlsx(
            title="年度考核结果",
            headers=["姓名", "身份证号", "年度", "接收单位", "考核结果", "结果代码", "确定时间"],
            rows=(
                [
                    a.posting.cadre.name,
                    a.posting.cadre.id_number,
                    a.year,
                    a.posting.receiving_unit.name,
                    a.final_grade.name,
                    a.final_grade.code,
                    timezone.localtime(a.confirmed_at),
                ]
                for a in rows.iterator()
            ),
            widths=[10, 22, 8, 24, 12, 10, 18],
        )
        return xlsx_response(content, f"annual-assessments-{timezone.localdate():%Y%m%d}.xlsx")

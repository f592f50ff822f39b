"""Annual assessments (年度考核): propose (receiving unit), opinion (dispatching unit), determine the grade
(receiving unit) and record it (org department) — or the org department determines, where that is the
practice — and the results export with the codes of national cadre-information systems."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext
from django.views.generic import View

from core.exports import export_response
from core.view_helpers import flash_errors
from secondment.access import posting_get_for_user

from .. import forms as f
from ..access import annual_assessment_get_for_user
from ..models import AnnualAssessment, GradeScale
from ..services import annual


class AnnualView(View):
    def post(self, request, pk: int, step: str):
        posting = posting_get_for_user(user=request.user, pk=pk)
        scale = GradeScale.objects.filter(is_default=True).first()
        try:
            if step == "propose":
                form = f.AnnualProposeForm(request.POST, scale=scale)
                if form.is_valid():
                    annual.annual_propose(posting=posting, acting_user=request.user, **form.cleaned_data)
            else:
                given = request.POST.get("assessment", "")
                assessment = annual_assessment_get_for_user(
                    user=request.user,
                    pk=int(given) if given.isdigit() else None,
                    queryset=AnnualAssessment.objects.filter(posting=posting),
                )
                if step == "opinion":
                    form = f.AnnualOpinionForm(request.POST)
                    if form.is_valid():
                        annual.annual_dispatch_opinion(
                            assessment=assessment, acting_user=request.user, **form.cleaned_data
                        )
                elif step in ("determine", "confirm"):
                    form = f.AnnualConfirmForm(request.POST, scale=scale)
                    if form.is_valid():
                        perform = annual.annual_determine if step == "determine" else annual.annual_confirm
                        perform(assessment=assessment, acting_user=request.user, **form.cleaned_data)
                elif step == "record":
                    form = f.AnnualRecordForm(request.POST)
                    if form.is_valid():
                        annual.annual_record(assessment=assessment, acting_user=request.user)
                else:
                    raise PermissionDenied
            if form.errors:
                messages.error(request, "；".join(e for errs in form.errors.values() for e in errs))
            else:
                messages.success(request, gettext("已保存。"))
        except ValidationError as error:
            flash_errors(request, error)
        return redirect("assessments:posting", pk=posting.pk)


class AnnualExportView(View):
    """Annual assessment results with the codes used by national cadre-information systems
    (assessments.exports; a large one becomes a background job, core.exports)."""

    def get(self, request):
        return export_response(request, "annual")

"""Annual assessments (年度考核): propose (receiving unit), opinion (dispatching unit), determine the grade
(receiving unit) and record it (org department) — or the org department determines, where that is the
practice — and the results export with the codes of national cadre-information systems."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext
from django.views.generic import View

from core.exports import export_response
from core.view_helpers import form_action, parse_id
from secondment.access import posting_get_for_user

from .. import forms as f
from ..access import annual_assessment_get_for_user
from ..models import AnnualAssessment, GradeScale
from ..services import annual
from .posting import assessment_page


class AnnualView(View):
    """One step of an annual assessment. Errors come back as the tab again: what was typed stays, each
    message next to its field (on the row it was sent from)."""

    def post(self, request, pk: int, step: str):
        posting = posting_get_for_user(user=request.user, pk=pk)
        scale = GradeScale.objects.filter(is_default=True).first()
        assessment = None
        if step == "propose":
            form, key = f.AnnualProposeForm(request.POST, scale=scale), "propose_form"

            def action(**d):
                annual.annual_propose(posting=posting, acting_user=request.user, **d)

        else:
            given = request.POST.get("assessment", "")
            assessment = annual_assessment_get_for_user(
                user=request.user,
                pk=parse_id(given),
                queryset=AnnualAssessment.objects.filter(posting=posting),
            )
            if step == "opinion":
                form, key = f.AnnualOpinionForm(request.POST), "opinion_form"

                def action(**d):
                    annual.annual_dispatch_opinion(assessment=assessment, acting_user=request.user, **d)

            elif step in ("determine", "confirm"):
                form, key = f.AnnualConfirmForm(request.POST, scale=scale), "determine_form"
                perform = annual.annual_determine if step == "determine" else annual.annual_confirm

                def action(**d):
                    perform(assessment=assessment, acting_user=request.user, **d)

            elif step == "record":
                form, key = f.AnnualRecordForm(request.POST), None

                def action(**d):
                    annual.annual_record(assessment=assessment, acting_user=request.user)

            else:
                raise PermissionDenied
        if form_action(request, form, action, gettext("已保存。")):
            return redirect("assessments:posting", pk=posting.pk)
        if key is None:  # nothing typed: the refusal is a message
            messages.error(request, "；".join(e for errs in form.errors.values() for e in errs))
            return redirect("assessments:posting", pk=posting.pk)
        return assessment_page(request, posting.pk, bound={key: form}, assessment_pk=assessment and assessment.pk)


class AnnualExportView(View):
    """Annual assessment results with the codes used by national cadre-information systems
    (assessments.exports; a large one becomes a background job, core.exports)."""

    def get(self, request):
        return export_response(request, "annual")

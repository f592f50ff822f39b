"""The posting's "考核鉴定" tab: what is shown and which forms are offered come from `assessments.access`."""

from django.shortcuts import render
from django.utils import timezone
from django.views.generic import View

from core.pages import page_context
from secondment.views.posting_pages import posting_context

from .. import forms as f
from ..access import (
    annual_assessment_actions,
    appraisal_actions,
    appraisal_steps_readable,
    posting_assessment_actions,
)
from ..models import AnnualPractice, GradeScale
from ..practice import annual_determiner_for
from ..services import appraisals
from .steps import step_rows
from .vote_panel import vote_panel


class PostingAssessmentView(View):
    def get(self, request, pk: int):
        return assessment_page(request, pk)


def assessment_page(request, pk: int, bound: dict | None = None, assessment_pk: int | None = None):
    """The tab. `bound`: the one form sent back with errors, keyed like the context ("step:<key>",
    "correction_form", "propose_form", "opinion_form", "determine_form", "outcome_form", "vote_open_form",
    "vote_close_form", "vote_reopen_form"), shown with what
    was typed; the other forms stay fresh. `assessment_pk`: the annual assessment row the bound form was
    sent from."""
    bound = bound or {}
    context = posting_context(request, pk, "assessment")
    posting, roles = context["posting"], context["roles_here"]
    versions = posting.appraisals.select_related(
        "final_grade",
        "suggested_grade",
        "scale",
        "template",
        "previous",
        "posting__cadre",
        "receiving_by",
        "democratic_by",
        "talks_by",
        "dispatch_by",
        "conclusion_by",
    ).order_by("-version")
    current = versions.first()
    actions = appraisal_actions(request.user, current, roles) if current is not None else set()
    page_actions = posting_assessment_actions(request.user, posting, roles)
    scale = GradeScale.objects.filter(is_default=True).first()
    annuals = posting.annual_assessments.select_related(
        "proposed_grade", "final_grade", "proposed_by", "dispatch_by", "determined_by", "confirmed_by"
    )
    determiner = annual_determiner_for(posting)
    annual_rows = [(a, annual_assessment_actions(request.user, a, roles, determiner)) for a in annuals]
    annual_actions = set().union(*(row_actions for _, row_actions in annual_rows))
    context.update(page_context("assessments.posting_assessment", user=request.user, appraisal=current))
    context.update(
        appraisal=current,
        versions=versions,
        actions=actions,
        page_actions=page_actions,
        steps=step_rows(current, actions, appraisal_steps_readable(roles), bound) if current is not None else [],
        numbers=appraisals.appraisal_numbers(current) if current else None,
        missing=appraisals.missing_steps(current) if current and not current.is_locked else [],
        correction_form=bound.get("correction_form") or f.CorrectionForm() if "correct" in actions else None,
        annuals=annual_rows,
        propose_form=bound.get("propose_form")
        or f.AnnualProposeForm(scale=scale, initial={"year": timezone.localdate().year})
        if "propose_annual" in page_actions
        else None,
        bound_assessment=assessment_pk,
        bound_opinion_form=bound.get("opinion_form"),
        bound_determine_form=bound.get("determine_form"),
        opinion_form=f.AnnualOpinionForm() if "opinion" in annual_actions else None,
        determine_form=f.AnnualConfirmForm(scale=scale) if annual_actions & {"determine", "confirm"} else None,
        annual_determiner=AnnualPractice.Determiner(determiner),
        outcomes=posting.outcomes.all(),
        outcome_form=bound.get("outcome_form") or f.AfterSecondmentForm() if "record_outcome" in page_actions else None,
        vote_panel=vote_panel(request.user, current, roles, bound),
    )
    return render(request, "assessments/posting_assessment.html", context)

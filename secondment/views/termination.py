"""Termination by proposal (终止挂职建议): propose on the posting page, decide there, the decider's
queue; and the receiving unit's 任职手续. Every page takes the posting in the user's scope (404 outside)."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import resolve, reverse
from django.views.generic import View

from core.files import stored_file_response
from core.view_helpers import form_action

from .. import selectors
from ..access import posting_get_for_user, posting_termination_actions, termination_proposal_actions
from ..forms.termination import FormalityForm, TerminationDecisionForm, TerminationProposalForm
from ..models import AppointmentFormality, TerminationProposal
from ..services import termination as services


def posting_form_result(request, posting, form, key: str, action, success: str):
    """As `postings.posting_form_result` (the posting page imports this module, so the page's view is
    reached through its URL): back to the page on success, else the page again with this form as typed."""
    if form_action(request, form, action, success):
        return redirect("secondment:posting-detail", pk=posting.pk)
    page = resolve(reverse("secondment:posting-detail", args=[posting.pk])).func.view_class()
    return page.get(request, posting.pk, bound={key: form})


def _pending(posting) -> bool:
    return posting.termination_proposals.filter(decision=TerminationProposal.Decision.PENDING).exists()


def add_termination_context(request, context: dict) -> None:
    """The posting page's part: proposals with their actions, the forms, the 任职手续. While a proposal
    waits, the direct termination form gives way to the decision on the proposal."""
    posting, roles = context["posting"], context["roles_here"]
    proposals = list(
        posting.termination_proposals.select_related("proposer_unit", "proposed_by", "decided_by", "posting")
        .prefetch_related("absences", "inspections")
        .order_by("-created_at")
    )
    pending = any(p.decision == TerminationProposal.Decision.PENDING for p in proposals)
    actions = posting_termination_actions(request.user, posting, roles=roles, pending=pending)
    context["termination_actions"] = actions
    context["termination_proposals"] = [
        (p, termination_proposal_actions(request.user, p, roles=roles)) for p in proposals
    ]
    context["formalities"] = posting.formalities.select_related("recorded_by")
    if "propose_termination" in actions:
        absences, inspections = selectors.termination_evidence(posting=posting)
        context["termination_form"] = TerminationProposalForm(absences=absences, inspections=inspections)
    if pending and "decide_termination" in actions:
        context["termination_decision_form"] = TerminationDecisionForm()
    if pending and "transition_forms" in context:
        context["transition_forms"] = [t for t in context["transition_forms"] if t[0] != "terminate"]
    if "record_formality" in actions:
        context["formality_form"] = FormalityForm()


def _posting_for(request, pk: int, action: str):
    """The posting in the user's scope (404 otherwise) on which they may take `action` now (403)."""
    posting = posting_get_for_user(user=request.user, pk=pk)
    if action not in posting_termination_actions(request.user, posting, pending=_pending(posting)):
        raise PermissionDenied
    return posting


class TerminationProposeView(View):
    def post(self, request, pk: int):
        posting = _posting_for(request, pk, "propose_termination")
        absences, inspections = selectors.termination_evidence(posting=posting)
        return posting_form_result(
            request,
            posting,
            TerminationProposalForm(request.POST, request.FILES, absences=absences, inspections=inspections),
            "termination_form",
            lambda **d: services.termination_propose(posting=posting, acting_user=request.user, **d),
            "终止挂职建议已提交，等待组织部门研究决定。",
        )


class TerminationDecideView(View):
    def post(self, request, pk: int, proposal_pk: int):
        posting = posting_get_for_user(user=request.user, pk=pk)
        proposal = get_object_or_404(TerminationProposal, pk=proposal_pk, posting=posting)
        if not termination_proposal_actions(request.user, proposal):
            raise PermissionDenied
        return posting_form_result(
            request,
            posting,
            TerminationDecisionForm(request.POST),
            "termination_decision_form",
            lambda **d: services.termination_proposal_decide(proposal=proposal, acting_user=request.user, **d),
            "已记录决定。",
        )


def _download(record):
    if not record.attachment:
        raise Http404
    return stored_file_response(record.attachment, filename=record.attachment_name)


class TerminationAttachmentView(View):
    def get(self, request, pk: int, proposal_pk: int):
        posting = posting_get_for_user(user=request.user, pk=pk)
        return _download(get_object_or_404(TerminationProposal, pk=proposal_pk, posting=posting))


class FormalityView(View):
    def post(self, request, pk: int):
        posting = _posting_for(request, pk, "record_formality")
        return posting_form_result(
            request,
            posting,
            FormalityForm(request.POST, request.FILES),
            "formality_form",
            lambda **d: services.appointment_formality_record(posting=posting, acting_user=request.user, **d),
            "任职手续已登记。",
        )


class FormalityAttachmentView(View):
    def get(self, request, pk: int, formality_pk: int):
        posting = posting_get_for_user(user=request.user, pk=pk)
        return _download(get_object_or_404(AppointmentFormality, pk=formality_pk, posting=posting))


class TerminationQueueView(View):
    """The decider's queue: proposals on postings of batches the user's org department organizes."""

    def get(self, request):
        decision = request.GET.get("decision", "pending")
        if decision not in TerminationProposal.Decision.values:
            decision = ""
        page = Paginator(selectors.termination_queue_for_user(user=request.user, decision=decision), 50).get_page(
            request.GET.get("page")
        )
        return render(
            request,
            "secondment/termination_queue.html",
            {"page": page, "decision": decision, "decisions": TerminationProposal.Decision.choices},
        )

"""The organizer's side of 民主测评（扫码）: open a vote, close it (early: with a reason), reopen it (with a
reason), the live count (a number, never the ballots' content); the slips to print are a document
(documents:vote-slips). Scope: the appraisal's posting as seen by the user, and the organizing side only
(`assessments.access`); the same 404 for "missing" and "not yours"."""

from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import redirect
from django.utils.translation import gettext
from django.views.generic import View

from core.view_helpers import form_action

from .. import forms as f
from ..access import appraisal_get_for_user, democratic_vote_get_for_user, may_organize_vote
from ..services import votes as vs
from .posting import assessment_page


class VoteOpenView(View):
    def post(self, request, pk: int):
        appraisal = appraisal_get_for_user(user=request.user, pk=pk)
        if not may_organize_vote(request.user, appraisal):
            raise PermissionDenied
        form = f.VoteOpenForm(request.POST)
        if form_action(
            request,
            form,
            lambda **d: vs.democratic_vote_open(appraisal=appraisal, acting_user=request.user, **d),
            gettext("已发起扫码民主测评，请打印测评码。"),
        ):
            return redirect("assessments:posting", pk=appraisal.posting_id)
        return assessment_page(request, appraisal.posting_id, bound={"vote_open_form": form})


class VoteCloseView(View):
    def post(self, request, pk: int):
        vote = democratic_vote_get_for_user(user=request.user, pk=pk)
        form = f.VoteCloseForm(request.POST)
        if form_action(
            request,
            form,
            lambda **d: vs.democratic_vote_close(vote=vote, acting_user=request.user, **d),
            gettext("测评已结束，票数已计入民主测评。"),
        ):
            return redirect("assessments:posting", pk=vote.appraisal.posting_id)
        return assessment_page(request, vote.appraisal.posting_id, bound={"vote_close_form": form})


class VoteReopenView(View):
    def post(self, request, pk: int):
        vote = democratic_vote_get_for_user(user=request.user, pk=pk)
        form = f.VoteReopenForm(request.POST)
        if form_action(
            request,
            form,
            lambda **d: vs.democratic_vote_reopen(vote=vote, acting_user=request.user, **d),
            gettext("测评已重新开放。"),
        ):
            return redirect("assessments:posting", pk=vote.appraisal.posting_id)
        return assessment_page(request, vote.appraisal.posting_id, bound={"vote_reopen_form": form})


class VoteCountView(View):
    """Polled by static/js/vote-count.js: how many have voted, never what."""

    def get(self, request, pk: int):
        vote = democratic_vote_get_for_user(user=request.user, pk=pk)
        return JsonResponse(
            {
                "cast": vs.democratic_vote_count(vote),
                "expected": vote.expected,
                "status": vote.status,
                "phase": vs.vote_phase(vote),
            },
            headers={"Cache-Control": "no-store"},
        )

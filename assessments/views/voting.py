"""The voter's pages of 民主测评（扫码）: public by design (no account: a slip's code is the only key), phone
first. `/v/` types a code, `/v/<code>/` shows the ballot and takes the vote, `/v/done/` confirms. A code
that does not exist answers 404 and tells nothing; a used, expired or not yet open code gets its message.
Throttled per address and per code (`assessments.throttle`); CSRF stays on."""

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.views.generic import View

from .. import forms as f
from ..models import BallotCode
from ..services import votes as vs
from ..throttle import vote_attempt_record, vote_failure_record, vote_throttled


def _render(request, template: str, context: dict, status: int = 200):
    """Every voting page: never cached (a shared phone's back button shows no one's ballot)."""
    response = render(request, template, context, status=status)
    response["Cache-Control"] = "no-store"
    return response


def _throttled(request):
    return _render(request, "assessments/voting/message.html", {"title": "请稍后再试", "throttled": True}, status=429)


def _refused(request, error: vs.BallotRefused):
    if error.reason == "unknown":
        vote_failure_record(request)
    status = 404 if error.reason == "unknown" else 200
    return _render(
        request,
        "assessments/voting/message.html",
        {"title": "无法投票", "message": error.messages[0], "reason": error.reason},
        status=status,
    )


@method_decorator(login_not_required, name="dispatch")
class VoteEnterView(View):
    def get(self, request):
        return _render(request, "assessments/voting/enter.html", {"form": f.BallotCodeForm()})

    def post(self, request):
        if vote_throttled(request):
            return _throttled(request)
        form = f.BallotCodeForm(request.POST)
        if form.is_valid():
            code = vs.code_normalize(form.cleaned_data["code"])
            if code and BallotCode.objects.filter(code=code).exists():
                return redirect("voting:ballot", code=code)
            vote_failure_record(request)
            form.add_error("code", "测评码不存在，请核对后重新输入（8位，由字母和数字组成）。")
        return _render(request, "assessments/voting/enter.html", {"form": form})


@method_decorator(login_not_required, name="dispatch")
class VoteBallotView(View):
    def _page(self, request, code: str, vote, error: str = "", chosen: str = "", ratings: dict | None = None):
        posting = vote.appraisal.posting
        ratings = ratings or {}
        choices = [*vote.choices, {"key": vs.ABSTAIN, "label": vs.ABSTAIN_LABEL}]
        indicators = [{**i, "chosen": ratings.get(i["key"], "")} for i in vote.indicators]
        context = {
            "code": code,
            "code_display": vs.code_display(code),
            "cadre": posting.cadre.name,
            "post": posting.post,
            "receiving_unit": posting.receiving_unit.name,
            "choices": choices,
            "chosen": chosen,
            "indicators": indicators,
            "ratings": vs.RATINGS,
            "error": error,
            "closes_at": vote.closes_at,
        }
        return _render(request, "assessments/voting/ballot.html", context)

    def get(self, request, code: str):
        normalized = vs.code_normalize(code)
        if vote_throttled(request, normalized):
            return _throttled(request)
        vote_attempt_record(request, normalized)
        try:
            vote = vs.ballot_code_vote(code)
        except vs.BallotRefused as error:
            return _refused(request, error)
        return self._page(request, normalized, vote)

    def post(self, request, code: str):
        normalized = vs.code_normalize(code)
        if vote_throttled(request, normalized):
            return _throttled(request)
        vote_attempt_record(request, normalized)
        choice = request.POST.get("choice", "")
        try:
            vote = vs.ballot_code_vote(code)
            ratings = {i["key"]: request.POST.get(f"rating_{i['key']}", "") for i in vote.indicators}
        except vs.BallotRefused as error:
            return _refused(request, error)
        try:
            vs.democratic_vote_cast(code=normalized, choice=choice, ratings=ratings)
        except vs.BallotRefused as error:
            if error.reason == "invalid":
                return self._page(request, normalized, vote, error.messages[0], choice, ratings)
            return _refused(request, error)
        return redirect("voting:done")


@method_decorator(login_not_required, name="dispatch")
class VoteDoneView(View):
    def get(self, request):
        return _render(request, "assessments/voting/message.html", {"title": "投票成功", "done": True})

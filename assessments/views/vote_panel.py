"""The 民主测评（扫码） section of the posting's 考核鉴定 tab: the appraisal's latest phone vote, what the
user may do with it (`assessments.access.vote_actions`) and the forms for that."""

from datetime import timedelta

from django.utils import timezone

from .. import forms as f
from ..access import vote_actions, vote_organizer_roles
from ..models import DemocraticVotePractice
from ..practice import vote_organizer_for
from ..services import votes as vs
from ..workflow import ORG, RECEIVE, SYSTEM

ORG_DEPARTMENT = DemocraticVotePractice.Organizer.ORG_DEPARTMENT


def vote_panel(user, appraisal, roles: set[str], bound: dict | None = None) -> dict | None:
    """None when the user has nothing to do with phone votes here (not the organizing side)."""
    if appraisal is None or not roles & {ORG, RECEIVE, SYSTEM}:
        return None  # no query for whoever can never organize one
    bound = bound or {}
    organizer = vote_organizer_for(appraisal.posting) if RECEIVE in roles and ORG not in roles else ORG_DEPARTMENT
    if not roles & vote_organizer_roles(organizer):
        return None
    vote = appraisal.democratic_votes.select_related("opened_by", "closed_by").order_by("-created_at", "-id").first()
    actions = vote_actions(user, appraisal, vote, roles, organizer)
    if not actions:
        return None
    now = timezone.localtime().replace(second=0, microsecond=0)
    panel = {"vote": vote, "actions": actions, "organizer": organizer}
    if "open" in actions:
        panel["open_form"] = bound.get("vote_open_form") or f.VoteOpenForm(
            initial={"expected": appraisal.expected, "opens_at": now, "closes_at": now + timedelta(hours=1)}
        )
    if vote is not None:
        panel["phase"] = vs.vote_phase(vote)
        panel["cast"] = vs.democratic_vote_count(vote)
        panel["absent"] = vote.expected - panel["cast"]
        panel["events"] = list(vote.events.select_related("actor"))
        panel["indicator_summary"] = vs.democratic_vote_indicator_summary(vote)
        if "close" in actions:
            panel["close_form"] = bound.get("vote_close_form") or f.VoteCloseForm()
            panel["early"] = timezone.now() < vote.closes_at and panel["cast"] < vote.expected
        if "reopen" in actions:
            panel["reopen_form"] = bound.get("vote_reopen_form") or f.VoteReopenForm(
                initial={"closes_at": now + timedelta(minutes=30)}
            )
    return panel

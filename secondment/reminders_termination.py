"""Reminders of termination proposals (终止挂职建议, seed 004): the organizing org department is told
of a proposal waiting for its decision — once when it is made (caught up at the next scan if a day is
missed), and once more if it still waits after REMINDER_TERMINATION_WAITING_DAYS. Keys carry the rung,
so each happens once."""

from datetime import date

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from core.reminders import Candidate, rule

from .models import TerminationProposal
from .reminders import POSTING, Recipients

WAITING_DAYS = 7  # default of settings.REMINDER_TERMINATION_WAITING_DAYS


@rule
def termination_proposals_waiting(today: date):
    waiting = getattr(settings, "REMINDER_TERMINATION_WAITING_DAYS", WAITING_DAYS)
    proposals = list(
        TerminationProposal.objects.filter(decision=TerminationProposal.Decision.PENDING).select_related(
            "posting__cadre", "posting__batch__organizer", "posting__receiving_unit", "proposer_unit"
        )
    )
    who = Recipients(p.posting for p in proposals)
    for proposal in proposals:
        posting = proposal.posting
        made = timezone.localdate(proposal.created_at)
        if made > today:
            continue
        # only the latest rung reached: a first scan after a long gap sends "waiting", not both
        if (today - made).days >= waiting:
            rungs = [("waiting", f"终止{posting.cadre.name}挂职的建议已等待{waiting}天以上，尚未决定")]
        else:
            rungs = [("new", f"请研究：终止{posting.cadre.name}挂职的建议")]
        by = proposal.proposer_unit.name if proposal.proposer_unit_id else proposal.get_proposer_side_display()
        for rung, title in rungs:
            for uid in who.of(posting, "org_staff"):
                yield Candidate(
                    f"termination:{proposal.pk}:{rung}:{uid}",
                    uid,
                    "termination",
                    title,
                    f"{by}于{made:%Y年%m月%d日}提出（{proposal.get_grounds_display()}）：{proposal.reasons[:150]}",
                    reverse("secondment:posting-detail", args=[posting.pk]),
                    posting.pk,
                    subject_type=POSTING,
                )

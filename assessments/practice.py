"""Which practice a posting's annual assessment follows (AnnualPractice): the nearest jurisdiction at or
above the batch's organizer that has one; the default is seed 004's (the receiving unit determines the
grade after the dispatching unit's opinion, the org department records it)."""

from secondment.models import Posting

from .models import AnnualPractice

D = AnnualPractice.Determiner


def annual_determiner_for(posting: Posting) -> str:
    path = posting.batch.organizer.path if posting.batch_id else ""
    ancestors = [int(i) for i in path.strip("/").split("/") if i]
    if not ancestors:
        return D.RECEIVING_UNIT
    practices = dict(
        AnnualPractice.objects.filter(jurisdiction_id__in=ancestors).values_list("jurisdiction_id", "determiner")
    )
    for unit_id in reversed(ancestors):  # nearest first
        if unit_id in practices:
            return practices[unit_id]
    return D.RECEIVING_UNIT


def vote_organizer_for(posting: Posting) -> str:
    """Who organizes a phone vote (DemocraticVotePractice): the nearest jurisdiction at or above the
    batch's organizer that has a row; the default is the org department."""
    from .models import DemocraticVotePractice

    path = posting.batch.organizer.path if posting.batch_id else ""
    ancestors = [int(i) for i in path.strip("/").split("/") if i]
    practices = dict(
        DemocraticVotePractice.objects.filter(jurisdiction_id__in=ancestors).values_list("jurisdiction_id", "organizer")
    )
    for unit_id in reversed(ancestors):  # nearest first
        if unit_id in practices:
            return practices[unit_id]
    return DemocraticVotePractice.Organizer.ORG_DEPARTMENT

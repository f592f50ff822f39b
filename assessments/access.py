"""Who sees and may act on appraisals and annual assessments (STYLE.md "Access next to the entity").

An appraisal or an annual assessment is seen by whoever sees its posting (`secondment.access`); who
acts is decided by the roles held over that posting (`appraisal_roles`) against the transition tables
of `assessments.workflow`, plus the few conditions that are not a state:

- `appraisal_actions(user, appraisal)`: the steps of `workflow.STEPS` this user may fill now (by key),
  "finalize", "correct" (a finalized version not yet corrected);
- `posting_assessment_actions(user, posting)`: "open_early" (a shortened term, org department),
  "propose_annual" (the receiving unit, while the cadre is on post), "record_outcome" (挂职后使用情况,
  org department, once the posting is completed);
- `annual_assessment_actions(user, assessment)`: "propose", "opinion", and "determine" + "record" or
  "confirm", as the jurisdiction's practice says (`practice.annual_determiner_for`).

The services check the same things through the functions here (and the tables, for their messages);
views and templates only read the sets.
"""

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext

from accounts.scoping import roles_of
from secondment.access import posting_roles, postings_visible_to
from secondment.models import Posting

from .models import AnnualAssessment, Appraisal
from .practice import annual_determiner_for
from .workflow import DETERMINING_ACTION, ORG, STEPS, SYSTEM, allowed_actions, annual_allowed_actions

# the posting statuses in which a cadre takes part in the annual assessment (rule 8)
ANNUAL_POSTING_STATUSES = (Posting.Status.ON_POST, Posting.Status.TERM_ENDED)


def appraisals_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    qs = queryset if queryset is not None else Appraisal.objects.all()
    if roles_of(user).is_admin:
        return qs
    return qs.filter(posting__in=postings_visible_to(user))


def appraisal_get_for_user(*, user, pk: int, queryset: QuerySet | None = None) -> Appraisal:
    qs = queryset if queryset is not None else Appraisal.objects.select_related("posting", "template", "scale")
    appraisal = appraisals_visible_to(user, qs).filter(pk=pk).first()
    if appraisal is None:
        raise Http404(gettext("鉴定不存在或不在您的权限范围内"))
    return appraisal


def appraisal_roles(user, appraisal: Appraisal) -> set[str]:
    """The roles `user` holds over this appraisal: those over its posting (None is the system)."""
    return posting_roles(user, appraisal.posting)


def appraisal_corrected(appraisal: Appraisal) -> bool:
    """A finalized version is corrected once: the next version points back at it."""
    return Appraisal.objects.filter(previous=appraisal).exists()


def appraisal_actions(user, appraisal: Appraisal, roles: set[str] | None = None) -> set[str]:
    """The step keys this user may fill now, "finalize" and "correct" (APPRAISAL_TRANSITIONS)."""
    held = appraisal_roles(user, appraisal) if roles is None else roles
    actions = set(allowed_actions(appraisal.status, held))
    if "correct" in actions and appraisal_corrected(appraisal):
        actions.discard("correct")
    return actions


def appraisal_steps_readable(roles: set[str]) -> set[str]:
    """The finished steps whose text these roles read on the 考核鉴定 tab: every step for whoever sees the
    appraisal (it is all on the printed form), except the individual talks and verification
    (个别谈话和调查核实), which name what colleagues said: the org department's only."""
    keys = {step.key for step in STEPS}
    return keys if roles & {ORG, SYSTEM} else keys - {"talks"}


def may_open_early(roles: set[str]) -> bool:
    """Only the org department (or the system) opens an appraisal before the term ends."""
    return bool(roles & {ORG, SYSTEM})


def term_shortened(posting: Posting) -> bool:
    return posting.end_date < posting.planned_end_date


def may_record_outcome(roles: set[str]) -> bool:
    """挂职后使用情况 is recorded by the org department."""
    return bool(roles & {ORG, SYSTEM})


def posting_assessment_actions(user, posting: Posting, roles: set[str] | None = None) -> set[str]:
    """What the posting's assessment page offers besides the current appraisal's own actions."""
    held = posting_roles(user, posting) if roles is None else roles
    actions = set()
    if (
        posting.status == Posting.Status.ON_POST
        and may_open_early(held)
        and term_shortened(posting)
        and not posting.appraisals.exists()
    ):
        actions.add("open_early")
    if posting.status in ANNUAL_POSTING_STATUSES and "propose" in annual_allowed_actions("", held):
        actions.add("propose_annual")
    if posting.status == Posting.Status.COMPLETED and may_record_outcome(held):
        actions.add("record_outcome")
    return actions


def annual_assessments_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    qs = queryset if queryset is not None else AnnualAssessment.objects.all()
    if roles_of(user).is_admin:
        return qs
    return qs.filter(posting__in=postings_visible_to(user))


def annual_assessment_get_for_user(*, user, pk, queryset: QuerySet | None = None) -> AnnualAssessment:
    assessment = annual_assessments_visible_to(user, queryset).filter(pk=pk).first() if pk else None
    if assessment is None:
        raise Http404(gettext("年度考核不存在或不在您的权限范围内"))
    return assessment


def annual_assessment_roles(user, assessment: AnnualAssessment) -> set[str]:
    return posting_roles(user, assessment.posting)


def annual_action_fits_practice(action: str, posting: Posting, determiner: str | None = None) -> bool:
    """Only one of the two determining actions is open, the one the jurisdiction's practice names
    ("determine" by the receiving unit, default; "confirm" by the org department)."""
    if action not in DETERMINING_ACTION.values():
        return True
    return DETERMINING_ACTION[determiner or annual_determiner_for(posting)] == action


def annual_assessment_actions(
    user, assessment: AnnualAssessment, roles: set[str] | None = None, determiner: str | None = None
) -> set[str]:
    """ "propose" (again: a new proposal asks the dispatching unit again), "opinion", "determine" and
    "record" or "confirm" as the practice says (ANNUAL_TRANSITIONS), for the roles held over the posting."""
    held = annual_assessment_roles(user, assessment) if roles is None else roles
    actions = annual_allowed_actions(assessment.status if assessment.pk else "", held)
    return {a for a in actions if annual_action_fits_practice(a, assessment.posting, determiner)}


# --- the ranking of a batch's appraisals by composite score (seed 003, issue 15) -------------------


def ranking_batch_get_for_user(*, user, pk: int):
    """The batch whose appraisal ranking the user may read: the organizing org department's (and the
    administrator's); the same 404 for "missing" and "not yours"."""
    from secondment.access import batches_managed_by
    from secondment.models import Batch

    batch = batches_managed_by(user, Batch.objects.select_related("kind", "organizer")).filter(pk=pk).first()
    if batch is None:
        raise Http404(gettext("批次不存在或不在您的权限范围内"))
    return batch


def may_read_ranking(user, batch) -> bool:
    from secondment.access import manages_batch

    return user is not None and manages_batch(user, batch.pk)


# --- 民主测评（扫码）(issue 20) ------------------------------------------------------------------------


def vote_organizer_roles(organizer: str) -> set[str]:
    """The roles that run a phone vote: the org department always; the receiving unit too where the
    jurisdiction's DemocraticVotePractice says so."""
    roles = {ORG, SYSTEM}
    if organizer == "receiving_unit":
        roles.add("receive_contact")
    return roles


def may_organize_vote(user, appraisal: Appraisal, roles: set[str] | None = None) -> bool:
    from .practice import vote_organizer_for

    held = appraisal_roles(user, appraisal) if roles is None else roles
    return bool(held & vote_organizer_roles(vote_organizer_for(appraisal.posting)))


def democratic_vote_get_for_user(*, user, pk: int):
    """A phone vote whose appraisal the user sees *and* may organize; the same 404 otherwise."""
    from .models import DemocraticVote
    from .practice import vote_organizer_for

    vote = (
        DemocraticVote.objects.select_related("appraisal__posting__batch__organizer", "appraisal__posting__cadre")
        .filter(appraisal__in=appraisals_visible_to(user), pk=pk)
        .first()
        if pk
        else None
    )
    if vote is None or not appraisal_roles(user, vote.appraisal) & vote_organizer_roles(
        vote_organizer_for(vote.appraisal.posting)
    ):
        raise Http404(gettext("测评不存在或不在您的权限范围内"))
    return vote


def vote_actions(user, appraisal: Appraisal, vote, roles: set[str] | None = None, organizer: str = "") -> set[str]:
    """What the 民主测评（扫码） section offers: "open" (no vote running, appraisal open), "close",
    "reopen", "slips", "count" — only to the organizing side."""
    from .practice import vote_organizer_for

    held = appraisal_roles(user, appraisal) if roles is None else roles
    if not held & vote_organizer_roles(organizer or vote_organizer_for(appraisal.posting)):
        return set()
    actions = set()
    editable = appraisal.status == Appraisal.Status.OPEN
    if vote is None or vote.status == vote.Status.CLOSED:
        if editable:
            actions.add("open")
    if vote is not None:
        actions.add("count")
        if vote.status == vote.Status.OPEN:
            actions |= {"close", "slips"}  # the slips PDF: documents:vote-slips
        elif editable:
            actions.add("reopen")
    return actions

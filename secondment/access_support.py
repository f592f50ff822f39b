"""Who sees and may act on the support records (座谈会, 情况反馈, 轮岗, 生活保障, 结对), next to
`secondment.access` and in its vocabulary (issue 15).

- 座谈会: the org department whose jurisdiction holds the meeting's organizer convenes it, records it and
  sees it; a seconded cadre sees the meetings they attended. Contacts of units do not: the minutes speak
  of every cadre present.
- 情况反馈: written by the receiving unit's contact or by org staff who see the posting; read by them
  and by the dispatching unit's contact, who acknowledges it. Not by the cadre: it is a report about
  them to their unit.
- 轮岗 and 生活保障: set by the receiving side (receiving contact, or the organizing department standing
  in, like 三定); read by whoever sees the posting, the cadre included.
- 结对: set by the batch's organizing department in a 对口帮扶 batch; read by whoever sees the batch.
"""

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext

from accounts.scoping import Role, org_paths, roles_of, subtree_q, unit_ids
from core.pages import page_extra

from .access import UNIT_SIDE, batch_actions, may_inspect, posting_roles
from .models import Batch, Posting, PostingFeedback, Symposium
from .workflow import DISPATCH, ORG, RECEIVE, SYSTEM

# the batch kinds whose units are paired (结对帮扶, seed 000)
PAIRED_BATCH_KINDS = ("对口帮扶",)
# feedback on a posting once the cadre is appointed (not while only planned)
FEEDBACK_STATUSES = (
    Posting.Status.APPOINTED,
    Posting.Status.ON_POST,
    Posting.Status.TERM_ENDED,
    Posting.Status.COMPLETED,
    Posting.Status.TERMINATED,
)
ROTATION_STATUSES = (Posting.Status.APPOINTED, Posting.Status.ON_POST, Posting.Status.TERM_ENDED)
SUPPORT_STATUSES = tuple(Posting.ACTIVE_STATUSES)


# --- 座谈会 ---------------------------------------------------------------------------------------


def symposiums_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    qs = queryset if queryset is not None else Symposium.objects.all()
    roles = roles_of(user)
    if roles.is_admin:
        return qs
    condition = subtree_q(org_paths(roles), "organizer__path")
    if roles.cadre_id:
        attended = Symposium.attendees.through.objects.filter(
            symposium_id=OuterRef("pk"), posting__cadre_id=roles.cadre_id
        )
        condition |= Exists(attended)
    return qs.filter(condition)


def symposium_get_for_user(*, user, pk: int, queryset: QuerySet | None = None) -> Symposium:
    symposium = symposiums_visible_to(user, queryset).filter(pk=pk).first()
    if symposium is None:
        raise Http404(gettext("座谈会不存在或不在您的权限范围内"))
    return symposium


def may_convene(user, organizer) -> bool:
    """Org staff whose jurisdiction holds `organizer` (or the administrator, or the system)."""
    if user is None:
        return True
    roles = roles_of(user)
    return roles.is_admin or any(organizer.path.startswith(path) for path in org_paths(roles))


def symposium_list_actions(user) -> set[str]:
    """ "create" for org staff and the administrator."""
    roles = roles_of(user)
    return {"create"} if roles.is_admin or org_paths(roles) else set()


def symposium_actions(user, symposium: Symposium) -> set[str]:
    """ "edit" and "attach" for the convening department."""
    return {"edit", "attach"} if may_convene(user, symposium.organizer) else set()


# --- 情况反馈 -------------------------------------------------------------------------------------


def feedback_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    """Org staff and the posting's dispatching and receiving contacts (see the module docstring)."""
    qs = queryset if queryset is not None else PostingFeedback.objects.all()
    roles = roles_of(user)
    if roles.is_admin:
        return qs
    paths = org_paths(roles)
    condition = (
        subtree_q(paths, "posting__batch__organizer__path")
        | subtree_q(paths, "posting__dispatching_unit__path")
        | subtree_q(paths, "posting__receiving_unit__path")
    )
    dispatch = unit_ids(roles, Role.DISPATCH_CONTACT)
    if dispatch:
        condition |= Q(posting__dispatching_unit_id__in=dispatch)
    receive = unit_ids(roles, Role.RECEIVE_CONTACT)
    if receive:
        condition |= Q(posting__receiving_unit_id__in=receive)
    return qs.filter(condition)


def feedback_get_for_user(*, user, pk: int, queryset: QuerySet | None = None) -> PostingFeedback:
    feedback = feedback_visible_to(user, queryset).filter(pk=pk).first()
    if feedback is None:
        raise Http404(gettext("情况反馈不存在或不在您的权限范围内"))
    return feedback


def feedback_source_for(user, posting: Posting, held: set[str]) -> str | None:
    """Who writes this feedback: the receiving unit (its contact) or the org department (org staff who
    see the posting, the organizing department included); None if the user may not write one."""
    if held & {RECEIVE}:
        return PostingFeedback.Source.RECEIVING_UNIT
    if held & {ORG, SYSTEM} or may_inspect(user, posting):
        return PostingFeedback.Source.ORG_DEPT
    return None


def feedback_acknowledger_roles(user, feedback: PostingFeedback) -> set[str]:
    """The one role that matters to acknowledge (the dispatching contact's), without a query per row."""
    if user is None:
        return {SYSTEM}
    return (
        {DISPATCH} if feedback.posting.dispatching_unit_id in unit_ids(roles_of(user), Role.DISPATCH_CONTACT) else set()
    )


def feedback_actions(user, feedback: PostingFeedback, held: set[str] | None = None) -> set[str]:
    """ "acknowledge" for the dispatching unit's contact while not yet acknowledged."""
    held = feedback_acknowledger_roles(user, feedback) if held is None else held
    if feedback.acknowledged_at is None and held & {DISPATCH, SYSTEM}:
        return {"acknowledge"}
    return set()


# --- a posting's support tab ----------------------------------------------------------------------


def posting_support_actions(user, posting: Posting, held: set[str] | None = None) -> set[str]:
    """ "view_feedback", "feedback" (write one), "rotate" (add or change a rotation), "living_support"."""
    held = posting_roles(user, posting) if held is None else held
    actions: set[str] = set()
    writer = feedback_source_for(user, posting, held)
    if held & {ORG, RECEIVE, DISPATCH, SYSTEM} or writer:
        actions.add("view_feedback")
    if writer and posting.status in FEEDBACK_STATUSES:
        actions.add("feedback")
    if held & UNIT_SIDE:
        if posting.status in ROTATION_STATUSES:
            actions.add("rotate")
        if posting.status in SUPPORT_STATUSES:
            actions.add("living_support")
    return actions


# --- 结对 -----------------------------------------------------------------------------------------


def batch_is_paired(batch: Batch) -> bool:
    return batch.kind.name in PAIRED_BATCH_KINDS


def pairing_actions(user, batch: Batch) -> set[str]:
    """ "manage" (add, remove) for the organizing department of a 对口帮扶 batch."""
    if batch_is_paired(batch) and "manage" in batch_actions(user, batch):
        return {"manage"}
    return set()


@page_extra("secondment.batch_detail")
def _batch_pairings(*, user, batch) -> dict:
    """The batch page links its 结对 page in a 对口帮扶 batch."""
    return {"pairing_link": batch_is_paired(batch)}

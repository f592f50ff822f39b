"""Who sees and may act on batches, nominations and postings (STYLE.md "Access next to the entity").

- `batches_visible_to`, `nominations_visible_to`, `postings_visible_to`: what a user may read;
- `batch_get_for_user`, `nomination_get_for_user`, `posting_get_for_user`: one record, the same 404 for
  "missing" and "not yours";
- `batches_managed_by`: batches the user organizes (edits and decides on);
- `posting_roles(user, posting)`: the roles the user holds over one posting (the workflow's vocabulary);
- `batch_actions`, `nomination_actions`, `posting_actions`: what this user may do now. Services assert
  them; views and templates only read them.

Also registers with `cadres.access` that an org department sees the cadres seconded into its
jurisdiction or by a batch it organizes, and a receiving unit the cadres seconded to it.
"""

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext

from accounts.scoping import Role, UserRoles, org_paths, roles_of, subtree_q, unit_ids
from cadres.access import extend_cadre_scope
from cadres.extensions import cadre_condition, unit_page_section

from .models import Batch, BatchOffer, BatchQuota, Nomination, Posting
from .workflow import ORG, RECEIVE, SYSTEM, allowed_actions

DISPATCH = "dispatch_contact"
CADRE = "cadre"


@extend_cadre_scope
def _seconded_cadres(roles: UserRoles) -> Q | None:
    condition = None
    paths = org_paths(roles)
    if paths:
        # cadres seconded into the jurisdiction, or by a batch it organizes
        condition = Exists(
            Posting.objects.filter(
                Q(cadre=OuterRef("pk"))
                & (subtree_q(paths, "receiving_unit__path") | subtree_q(paths, "batch__organizer__path"))
            )
        )
    receive = unit_ids(roles, Role.RECEIVE_CONTACT)
    if receive:
        # cadres seconded to their units (past postings included: their records stay readable)
        seconded = Exists(Posting.objects.filter(cadre=OuterRef("pk"), receiving_unit_id__in=receive))
        condition = seconded if condition is None else condition | seconded
    return condition


def batches_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    """Org staff: batches organized in their jurisdiction, or with a quota or post there.
    Dispatching / receiving contacts: non-draft batches with a quota / a post for their units.
    Cadres: batches they are nominated in."""
    qs = queryset if queryset is not None else Batch.objects.all()
    roles = roles_of(user)
    if roles.is_admin:
        return qs
    paths = org_paths(roles)
    condition = Q(pk__in=[])
    if paths:
        condition |= (
            subtree_q(paths, "organizer__path")
            | Exists(BatchQuota.objects.filter(Q(batch=OuterRef("pk")) & subtree_q(paths, "dispatching_unit__path")))
            | Exists(BatchOffer.objects.filter(Q(batch=OuterRef("pk")) & subtree_q(paths, "receiving_unit__path")))
        )
    published = ~Q(status=Batch.Status.DRAFT)
    dispatch = unit_ids(roles, Role.DISPATCH_CONTACT)
    if dispatch:
        condition |= published & Exists(
            BatchQuota.objects.filter(batch=OuterRef("pk"), dispatching_unit_id__in=dispatch)
        )
    receive = unit_ids(roles, Role.RECEIVE_CONTACT)
    if receive:
        condition |= published & Exists(BatchOffer.objects.filter(batch=OuterRef("pk"), receiving_unit_id__in=receive))
    if roles.cadre_id:
        condition |= Exists(Nomination.objects.filter(batch=OuterRef("pk"), cadre_id=roles.cadre_id))
    return qs.filter(condition)


def batches_managed_by(user, queryset: QuerySet | None = None) -> QuerySet:
    """Batches the user may edit and decide on: those organized within an org department's jurisdiction."""
    qs = queryset if queryset is not None else Batch.objects.all()
    roles = roles_of(user)
    if roles.is_admin:
        return qs
    return qs.filter(subtree_q(org_paths(roles), "organizer__path"))


def nominations_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    """Org staff: nominations of batches they organize or from units in their jurisdiction.
    Dispatching contacts: their units' nominations. Receiving contacts: only once selected, and only
    those matched to a post at their units. Cadres: their own."""
    qs = queryset if queryset is not None else Nomination.objects.all()
    roles = roles_of(user)
    if roles.is_admin:
        return qs
    paths = org_paths(roles)
    condition = Q(pk__in=[])
    if paths:
        condition |= subtree_q(paths, "batch__organizer__path") | subtree_q(paths, "dispatching_unit__path")
    dispatch = unit_ids(roles, Role.DISPATCH_CONTACT)
    if dispatch:
        condition |= Q(dispatching_unit_id__in=dispatch)
    receive = unit_ids(roles, Role.RECEIVE_CONTACT)
    if receive:
        condition |= Q(
            status__in=[Nomination.Status.SELECTED, Nomination.Status.POSTED], offer__receiving_unit_id__in=receive
        )
    if roles.cadre_id:
        condition |= Q(cadre_id=roles.cadre_id)
    return qs.filter(condition)


def postings_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    """Org staff: postings whose batch they organize, or whose dispatching or receiving unit is in
    their jurisdiction. Contacts: their units' dispatched / received postings. Cadres: their own."""
    qs = queryset if queryset is not None else Posting.objects.all()
    roles = roles_of(user)
    if roles.is_admin:
        return qs
    paths = org_paths(roles)
    condition = Q(pk__in=[])
    if paths:
        condition |= (
            subtree_q(paths, "batch__organizer__path")
            | subtree_q(paths, "dispatching_unit__path")
            | subtree_q(paths, "receiving_unit__path")
        )
    dispatch = unit_ids(roles, Role.DISPATCH_CONTACT)
    if dispatch:
        condition |= Q(dispatching_unit_id__in=dispatch)
    receive = unit_ids(roles, Role.RECEIVE_CONTACT)
    if receive:
        condition |= Q(receiving_unit_id__in=receive)
    if roles.cadre_id:
        condition |= Q(cadre_id=roles.cadre_id)
    return qs.filter(condition)


def _one(qs: QuerySet, pk, message: str):
    obj = qs.filter(pk=pk).first()
    if obj is None:
        raise Http404(message)
    return obj


def batch_get_for_user(*, user, pk: int, queryset: QuerySet | None = None) -> Batch:
    return _one(batches_visible_to(user, queryset), pk, gettext("批次不存在或不在您的权限范围内"))


def nomination_get_for_user(*, user, pk: int, queryset: QuerySet | None = None) -> Nomination:
    return _one(nominations_visible_to(user, queryset), pk, gettext("推荐记录不存在或不在您的权限范围内"))


def posting_get_for_user(*, user, pk: int, queryset: QuerySet | None = None) -> Posting:
    return _one(postings_visible_to(user, queryset), pk, gettext("挂职记录不存在或不在您的权限范围内"))


def manages_batch(user, batch_id: int) -> bool:
    """The user's org department organizes this batch (or the user is the administrator)."""
    return user is None or batches_managed_by(user).filter(pk=batch_id).exists()


def posting_roles(user, posting: Posting) -> set[str]:
    """The roles `user` holds over this posting (the workflow's vocabulary); None is the system."""
    if user is None:
        return {SYSTEM}
    roles = roles_of(user)
    held: set[str] = set()
    if roles.is_admin or batches_managed_by(user).filter(pk=posting.batch_id).exists():
        held.add(ORG)
    if posting.receiving_unit_id in unit_ids(roles, Role.RECEIVE_CONTACT):
        held.add(RECEIVE)
    if posting.dispatching_unit_id in unit_ids(roles, Role.DISPATCH_CONTACT):
        held.add(DISPATCH)
    if roles.cadre_id == posting.cadre_id:
        held.add(CADRE)
    return held


# the posting's own statuses in which 三定 and mentor may change (rule: while planned, appointed or on post)
PLAN_STATUSES = (Posting.Status.PLANNED, Posting.Status.APPOINTED, Posting.Status.ON_POST)


def posting_actions(user, posting: Posting, roles: set[str] | None = None) -> set[str]:
    """Lifecycle actions from the transition table (appoint, confirm_arrival, extend, …) plus "plan"
    (三定 and mentor), "file" (备案), "request_extension", "decide_extension"."""
    held = posting_roles(user, posting) if roles is None else roles
    actions = set(allowed_actions(posting.status, held))
    unit_side = bool(held & {RECEIVE, ORG})
    if unit_side and posting.status in PLAN_STATUSES:
        actions.add("plan")
    if (
        unit_side
        and posting.status in (Posting.Status.APPOINTED, Posting.Status.ON_POST)
        and posting.filing == "pending"
    ):
        actions.add("file")
    if unit_side and posting.status in (Posting.Status.ON_POST, Posting.Status.TERM_ENDED):
        actions.add("request_extension")
    if ORG in held:
        actions.add("decide_extension")
    return actions


def batch_actions(user, batch: Batch) -> set[str]:
    """ "manage" (edit, quotas, posts, status, decisions, printing) for the organizing org department;
    "nominate" while the batch is open for whoever may nominate from a unit with a quota in it."""
    actions = set()
    if manages_batch(user, batch.pk):
        actions.add("manage")
    if batch.status == Batch.Status.OPEN and units_for_nominating(user=user, batch=batch).exists():
        actions.add("nominate")
    return actions


def units_for_nominating(*, user, batch: Batch) -> QuerySet:
    """Units the user may nominate from in this batch: those with a quota, among the user's
    dispatching units (or all of them for the organizing org department)."""
    from cadres.models import Unit

    with_quota = Unit.objects.filter(batch_quotas__batch=batch)
    if manages_batch(user, batch.pk):
        return with_quota
    return with_quota.filter(pk__in=unit_ids(roles_of(user), Role.DISPATCH_CONTACT))


def batch_creation_allowed(user) -> bool:
    """Whoever administers units (an org department) may organize batches."""
    from cadres.access import units_administered_by

    return units_administered_by(user).exists()


@cadre_condition("seconded")
def _seconded_now() -> Q:
    """On secondment now: a posting appointed or on post."""
    current = Posting.objects.filter(
        cadre=OuterRef("pk"), status__in=[Posting.Status.APPOINTED, Posting.Status.ON_POST]
    )
    return Q(Exists(current))


@unit_page_section
def _unit_postings(unit, user) -> dict:
    """The unit page lists the postings dispatched from and received at the unit, as the user sees them."""
    postings = postings_visible_to(user).select_related("cadre", "receiving_unit", "dispatching_unit", "batch")
    return {
        "dispatched": postings.filter(dispatching_unit=unit).order_by("-start_date")[:50],
        "received": postings.filter(receiving_unit=unit).order_by("-start_date")[:50],
    }

"""Who sees and may act on batches, nominations and postings (STYLE.md "Access next to the entity").

- `batches_visible_to`, `nominations_visible_to`, `postings_visible_to`: what a user may read;
- `batch_get_for_user`, `nomination_get_for_user`, `posting_get_for_user`: one record, the same 404 for
  "missing" and "not yours";
- `batches_managed_by`: batches the user organizes (edits and decides on);
- `posting_roles`, `batch_roles`, `nomination_roles`, `leave_roles`: the roles the user holds over one
  record (the workflow's vocabulary);
- `batch_actions`, `nomination_actions`, `posting_actions`, `posting_conduct_actions`, `leave_actions`,
  `extension_request_actions`: what this user may do now, from the transition tables and the rules
  below. Services assert the same rules; views and templates only read the sets.

Also registers with `cadres.access` that an org department sees the cadres seconded into its
jurisdiction or by a batch it organizes, and a receiving unit the cadres seconded to it.
"""

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext

from accounts.scoping import Role, UserRoles, org_paths, roles_of, subtree_q, unit_ids
from cadres.access import extend_cadre_scope
from cadres.extensions import cadre_condition, unit_page_section
from cadres.models import Unit
from core.expressions import ProbedExists
from core.workflow import allowed

from .models import (
    Batch,
    BatchOffer,
    BatchQuota,
    ExtensionRequest,
    LeaveApprover,
    LeaveRequest,
    Nomination,
    Posting,
    TerminationProposal,
)
from .workflow import (
    BATCH_TRANSITIONS,
    CADRE,
    DISPATCH,
    EXTENSION_TRANSITIONS,
    LEAVE_TRANSITIONS,
    NOMINATION_TRANSITIONS,
    ORG,
    RECEIVE,
    SYSTEM,
    TERMINATION_TRANSITIONS,
    TRANSITIONS,
    allowed_actions,
)


@extend_cadre_scope
def _seconded_cadres(roles: UserRoles, *, narrowed: bool = False) -> Q | None:
    exists = ProbedExists if narrowed else Exists
    condition = None
    paths = org_paths(roles)
    if paths:
        # cadres seconded into the jurisdiction, or by a batch it organizes
        if narrowed:
            # a search's few candidates, each checked by its postings' unit and batch ids against the
            # jurisdiction's units and batches found once (a city's 林: 32 → 12 ms; issue 18)
            units = Unit.objects.filter(subtree_q(paths, "path")).values("pk")
            batches = Batch.objects.filter(subtree_q(paths, "organizer__path")).values("pk")
            within = Q(receiving_unit__in=units) | Q(batch__in=batches)
        else:
            # by the units' paths: the list's first page walks the units in order and checks the cadres
            # it meets, stopping at 50; the ids' subqueries above make the planner price each check
            # with them, and it sorted all 65,000 instead (2 → 170 ms)
            within = subtree_q(paths, "receiving_unit__path") | subtree_q(paths, "batch__organizer__path")
        condition = exists(Posting.objects.filter(Q(cadre=OuterRef("pk")) & within))
    receive = unit_ids(roles, Role.RECEIVE_CONTACT)
    if receive:
        # cadres seconded to their units (past postings included: their records stay readable)
        seconded = exists(Posting.objects.filter(cadre=OuterRef("pk"), receiving_unit_id__in=receive))
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
# 备案 once appointed (rule 3); an extension is asked for on post or at term end
FILING_STATUSES = (Posting.Status.APPOINTED, Posting.Status.ON_POST)
EXTENSION_REQUEST_STATUSES = (Posting.Status.ON_POST, Posting.Status.TERM_ENDED)
# the receiving side plans, files and asks for extensions (the organizing department may stand in)
UNIT_SIDE = frozenset({RECEIVE, ORG, SYSTEM})


def posting_actions(user, posting: Posting, roles: set[str] | None = None) -> set[str]:
    """Lifecycle actions from the transition table (appoint, confirm_arrival, extend, …) plus "plan"
    (三定 and mentor), "file" (备案), "request_extension", "consent_extension" (the dispatching contact's
    step), "decide_extension"."""
    held = posting_roles(user, posting) if roles is None else roles
    actions = set(allowed_actions(posting.status, held))
    if held & UNIT_SIDE:
        if posting.status in PLAN_STATUSES:
            actions.add("plan")
        if posting.status in FILING_STATUSES and posting.filing == Posting.Filing.PENDING:
            actions.add("file")
        if posting.status in EXTENSION_REQUEST_STATUSES and not extension_request_open(posting):
            actions.add("request_extension")
    if held & EXTENSION_TRANSITIONS["approve"].roles:
        actions.add("decide_extension")
    if held & EXTENSION_TRANSITIONS["consent"].roles:
        actions.add("consent_extension")
    return actions


def extension_request_open(posting: Posting) -> bool:
    """An extension request not yet decided (one at a time)."""
    return posting.extension_requests.filter(
        decision__in=[ExtensionRequest.Decision.AWAITING_CONSENT, ExtensionRequest.Decision.PENDING]
    ).exists()


def batch_actions(user, batch: Batch) -> set[str]:
    """ "manage" (edit, quotas, posts, imports, decisions, printing) for the organizing org department,
    with the status actions of the batch's transition table ("open", "close", "decide") and
    "create_postings" (its selected nominees become postings) before the batch is decided;
    "nominate" while the batch is open for whoever may nominate from a unit with a quota in it."""
    actions = set()
    if manages_batch(user, batch.pk):
        actions.add("manage")
        actions |= set(allowed(BATCH_TRANSITIONS, batch.status, {ORG}))
        if batch.status in (Batch.Status.OPEN, Batch.Status.CLOSED):
            actions.add("create_postings")
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


def batch_list_actions(user) -> set[str]:
    """ "create" (a new batch) for whoever may organize one."""
    return {"create"} if batch_creation_allowed(user) else set()


def batch_roles(user, batch: Batch) -> set[str]:
    """The roles `user` holds over this batch (the workflow's vocabulary)."""
    if user is None:
        return {SYSTEM}
    return {ORG} if manages_batch(user, batch.pk) else set()


# --- nominations ---------------------------------------------------------------------------------

# statuses in which the organizing department no longer edits scores or the inspection
NOMINATION_CLOSED = (Nomination.Status.WITHDRAWN, Nomination.Status.POSTED)


def may_nominate_for(user, unit) -> bool:
    """The dispatching unit's contact (or the administrator, or the system) nominates its cadres."""
    if user is None:
        return True
    roles = roles_of(user)
    return roles.is_admin or unit.pk in unit_ids(roles, Role.DISPATCH_CONTACT)


def nomination_roles(user, nomination: Nomination) -> set[str]:
    """The roles `user` holds over this nomination (the workflow's vocabulary)."""
    if user is None:
        return {SYSTEM}
    held = set()
    if manages_batch(user, nomination.batch_id):
        held.add(ORG)
    if may_nominate_for(user, nomination.dispatching_unit):
        held.add(DISPATCH)
    return held


def nomination_actions(user, nomination: Nomination, roles: set[str] | None = None) -> set[str]:
    """ "withdraw", "decide" from the transition table; "scores" and "inspection" for the organizing
    department while the nomination is still open; "registration" (the printable form) for whoever
    sees it."""
    held = nomination_roles(user, nomination) if roles is None else roles
    actions = set(allowed(NOMINATION_TRANSITIONS, nomination.status, held)) - {"post"}
    if held & {ORG, SYSTEM} and nomination.status not in NOMINATION_CLOSED:
        actions |= {"scores", "inspection"}
    actions.add("registration")
    return actions


# --- the posting's conduct: leave, attendance, inspections, work log -----------------------------

# who takes each conduct action, by the roles held over the posting (the system may take them all),
# and in which of the posting's statuses (None: any); the services assert both
CONDUCT_RULES: dict[str, tuple[frozenset[str], tuple[str, ...] | None]] = {
    "request_leave": (frozenset({CADRE}), (Posting.Status.APPOINTED, Posting.Status.ON_POST)),
    # monthly attendance and unapproved absence (rule 6), by the receiving unit
    "record_attendance": (frozenset({RECEIVE, ORG}), None),
    "log_work": (frozenset({CADRE}), (Posting.Status.APPOINTED, Posting.Status.ON_POST, Posting.Status.TERM_ENDED)),
    # the rectification after an inspection (rule 7); whoever may inspect may record it too
    "rectify": (frozenset({CADRE, RECEIVE, ORG}), None),
}


def conduct_role_allowed(action: str, held: set[str]) -> bool:
    """These roles may take this conduct action (statuses aside)."""
    return bool(held & (CONDUCT_RULES[action][0] | {SYSTEM}))


def conduct_status_allowed(action: str, posting: Posting) -> bool:
    statuses = CONDUCT_RULES[action][1]
    return statuses is None or posting.status in statuses


def may_inspect(user, posting: Posting) -> bool:
    """Org staff who can see the posting inspect it (cadres on their territory included)."""
    if user is None:
        return True
    roles = roles_of(user)
    return (roles.is_admin or roles.is_org_staff) and postings_visible_to(user).filter(pk=posting.pk).exists()


def posting_conduct_actions(user, posting: Posting, roles: set[str] | None = None) -> set[str]:
    """ "request_leave", "record_attendance", "log_work", "rectify" (CONDUCT_RULES) and "inspect"."""
    held = posting_roles(user, posting) if roles is None else roles
    actions = {a for a in CONDUCT_RULES if conduct_role_allowed(a, held) and conduct_status_allowed(a, posting)}
    if may_inspect(user, posting):
        actions |= {"inspect", "rectify"}
    return actions


def may_decide_leave(user, leave: LeaveRequest) -> bool:
    """The approver this leave's length and the cadre's rank call for (services.leave.leave_approver_for):
    the receiving unit's contact, or the county / city org department over the receiving unit."""
    from cadres.models import Unit

    roles = roles_of(user)
    if roles.is_admin:
        return True
    unit = leave.posting.receiving_unit
    if leave.approver == LeaveApprover.RECEIVING_UNIT:
        return unit.pk in unit_ids(roles, Role.RECEIVE_CONTACT)
    levels = {
        LeaveApprover.COUNTY_ORG: (Unit.Level.COUNTY,),
        LeaveApprover.CITY_ORG: (Unit.Level.CITY, Unit.Level.PROVINCE),
    }[leave.approver]
    roots = Unit.objects.filter(pk__in=unit_ids(roles, Role.ORG_STAFF), level__in=levels)
    return any(unit.path.startswith(root.path) for root in roots)


def leave_roles(user, leave: LeaveRequest, posting_roles_held: set[str] | None = None) -> set[str]:
    """The roles `user` holds over this leave request: the cadre's own, and the approver's role
    (receiving contact or org staff) only for whoever this leave's length makes its approver.
    `posting_roles_held`: the user's roles over the leave's posting, when the caller has them."""
    if user is None:
        return {SYSTEM}
    on_posting = posting_roles(user, leave.posting) if posting_roles_held is None else posting_roles_held
    held = on_posting & {CADRE}
    if may_decide_leave(user, leave):
        held.add(RECEIVE if leave.approver == LeaveApprover.RECEIVING_UNIT else ORG)
    return held


def leave_actions(user, leave: LeaveRequest, posting_roles_held: set[str] | None = None) -> set[str]:
    """ "approve", "reject", "cancel" from the leave's transition table."""
    return set(allowed(LEAVE_TRANSITIONS, leave.status, leave_roles(user, leave, posting_roles_held)))


def extension_request_actions(user, request, roles: set[str] | None = None) -> set[str]:
    """ "consent", "refuse_consent" (the dispatching contact), "approve", "reject" (the org department)
    from the extension request's transition table."""
    held = posting_roles(user, request.posting) if roles is None else roles
    return set(allowed(EXTENSION_TRANSITIONS, request.decision, held))


# --- termination by proposal (seed 004) and the appointment formalities (任职手续) -------------------

# a proposal may be made while the posting may still be terminated
TERMINABLE_STATUSES = TRANSITIONS["terminate"].sources
# 任职手续 follow the appointment: from 待到岗 until the term ends
FORMALITY_STATUSES = (Posting.Status.APPOINTED, Posting.Status.ON_POST, Posting.Status.TERM_ENDED)


def may_propose_termination(user, posting: Posting, held: set[str] | None = None) -> bool:
    """由各县委组织部、接收单位提出意见 (seed 004): the receiving unit's contact, or the staff of an org
    department whose jurisdiction holds the posting (its receiving or dispatching unit, or its batch) —
    a county org department may propose on a city batch. The organizer decides (or terminates directly,
    rules 6 and 7): it does not propose to itself."""
    if user is None:
        return True
    held = posting_roles(user, posting) if held is None else held
    if RECEIVE in held:
        return True
    if ORG in held:
        return False
    roles = roles_of(user)
    return roles.is_org_staff and postings_visible_to(user).filter(pk=posting.pk).exists()


def posting_termination_actions(
    user, posting: Posting, roles: set[str] | None = None, pending: bool = False
) -> set[str]:
    """ "propose_termination" (no proposal pending, the posting still terminable) for whoever may propose;
    "decide_termination" for the organizing org department; "record_formality" (任职手续) for the
    receiving unit's contact while appointed, on post or at term end. `pending`: a proposal is pending."""
    held = posting_roles(user, posting) if roles is None else roles
    actions = set()
    if not pending and posting.status in TERMINABLE_STATUSES and may_propose_termination(user, posting, held):
        actions.add("propose_termination")
    if held & TERMINATION_TRANSITIONS["approve"].roles:
        actions.add("decide_termination")
    if held & {RECEIVE, SYSTEM} and posting.status in FORMALITY_STATUSES:
        actions.add("record_formality")
    return actions


def termination_proposal_actions(user, proposal: TerminationProposal, roles: set[str] | None = None) -> set[str]:
    """ "approve", "reject" from the proposal's transition table."""
    held = posting_roles(user, proposal.posting) if roles is None else roles
    return set(allowed(TERMINATION_TRANSITIONS, proposal.decision, held))


def termination_proposals_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    """Proposals on postings the user sees."""
    qs = queryset if queryset is not None else TerminationProposal.objects.all()
    return qs.filter(posting__in=postings_visible_to(user))


def termination_proposals_to_decide(user, queryset: QuerySet | None = None) -> QuerySet:
    """Proposals the user's org department decides: those on postings of batches it organizes."""
    qs = queryset if queryset is not None else TerminationProposal.objects.all()
    return qs.filter(posting__batch__in=batches_managed_by(user))


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

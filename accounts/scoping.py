"""The one place that decides which records a user may see (DOMAIN: "Nobody sees a cadre's data
outside their scope").

Every list, detail page and export reaches records through these functions (directly, or through the
models' `visible_to(user)` queryset methods, which delegate here). A record outside the result is
answered with 404 by the selectors, exactly like a record that does not exist.

Scope by role:
- administrator: everything;
- org-department staff: units in the subtree of their jurisdiction, the cadres working there, and the
  cadres seconded into it or by a batch it organizes;
- dispatching-unit contact: their units, and the cadres whose current unit is one of them;
- receiving-unit contact: their units, and the cadres seconded to them;
- seconded cadre: their own cadre record and their own unit.
"""

from functools import reduce
from operator import or_

from django.db.models import Q, QuerySet

from .models import Role
from .roles import roles_of


def _subtree_q(paths: tuple[str, ...], field: str) -> Q:
    if not paths:
        return Q(pk__in=[])
    return reduce(or_, (Q(**{f"{field}__startswith": path}) for path in paths))


def units_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    from cadres.models import Unit

    qs = queryset if queryset is not None else Unit.objects.all()
    roles = roles_of(user)
    if roles.is_admin:
        return qs
    condition = _subtree_q(roles.unit_paths.get(Role.ORG_STAFF, ()), "path")
    own_unit_ids = [
        *roles.unit_ids.get(Role.DISPATCH_CONTACT, ()),
        *roles.unit_ids.get(Role.RECEIVE_CONTACT, ()),
    ]
    if own_unit_ids:
        condition |= Q(pk__in=own_unit_ids)
    if roles.cadre_id:
        from cadres.models import Cadre

        condition |= Q(pk__in=Cadre.objects.filter(pk=roles.cadre_id).values("unit_id"))
    return qs.filter(condition)


def cadres_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    from cadres.models import Cadre

    qs = queryset if queryset is not None else Cadre.objects.all()
    roles = roles_of(user)
    if roles.is_admin:
        return qs
    from django.db.models import Exists, OuterRef

    from secondment.models import Posting

    org_paths = roles.unit_paths.get(Role.ORG_STAFF, ())
    condition = _subtree_q(org_paths, "unit__path")
    if org_paths:
        # cadres seconded into the jurisdiction, or by a batch it organizes
        condition |= Exists(
            Posting.objects.filter(
                Q(cadre=OuterRef("pk"))
                & (_subtree_q(org_paths, "receiving_unit__path") | _subtree_q(org_paths, "batch__organizer__path"))
            )
        )
    dispatch_ids = roles.unit_ids.get(Role.DISPATCH_CONTACT, ())
    if dispatch_ids:
        condition |= Q(unit_id__in=dispatch_ids)
    receive_ids = roles.unit_ids.get(Role.RECEIVE_CONTACT, ())
    if receive_ids:
        # cadres seconded to their units (any posting, past ones included: their records stay readable)
        condition |= Exists(Posting.objects.filter(cadre=OuterRef("pk"), receiving_unit_id__in=receive_ids))
    if roles.cadre_id:
        condition |= Q(pk=roles.cadre_id)
    return qs.filter(condition)


def units_managed_by(user, queryset: QuerySet | None = None) -> QuerySet:
    """Units whose cadre records the user may create and edit: the administrator's all, an org
    department's jurisdiction, a dispatching contact's own units. Receiving contacts and cadres
    only read."""
    from cadres.models import Unit

    qs = queryset if queryset is not None else Unit.objects.all()
    roles = roles_of(user)
    if roles.is_admin:
        return qs
    condition = _subtree_q(roles.unit_paths.get(Role.ORG_STAFF, ()), "path")
    dispatch_ids = roles.unit_ids.get(Role.DISPATCH_CONTACT, ())
    if dispatch_ids:
        condition |= Q(pk__in=dispatch_ids)
    return qs.filter(condition)


def units_administered_by(user, queryset: QuerySet | None = None) -> QuerySet:
    """Units the user may add children to, rename or move: an org department's jurisdiction."""
    from cadres.models import Unit

    qs = queryset if queryset is not None else Unit.objects.all()
    roles = roles_of(user)
    if roles.is_admin:
        return qs
    return qs.filter(_subtree_q(roles.unit_paths.get(Role.ORG_STAFF, ()), "path"))


def batches_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    """Org staff: batches organized in their jurisdiction, or with a quota or post there.
    Dispatching / receiving contacts: non-draft batches with a quota / a post for their units.
    Cadres: batches they are nominated in."""
    from django.db.models import Exists, OuterRef

    from secondment.models import Batch, BatchOffer, BatchQuota, Nomination

    qs = queryset if queryset is not None else Batch.objects.all()
    roles = roles_of(user)
    if roles.is_admin:
        return qs
    org_paths = roles.unit_paths.get(Role.ORG_STAFF, ())
    condition = Q(pk__in=[])
    if org_paths:
        condition |= (
            _subtree_q(org_paths, "organizer__path")
            | Exists(
                BatchQuota.objects.filter(Q(batch=OuterRef("pk")) & _subtree_q(org_paths, "dispatching_unit__path"))
            )
            | Exists(BatchOffer.objects.filter(Q(batch=OuterRef("pk")) & _subtree_q(org_paths, "receiving_unit__path")))
        )
    published = ~Q(status=Batch.Status.DRAFT)
    dispatch_ids = roles.unit_ids.get(Role.DISPATCH_CONTACT, ())
    if dispatch_ids:
        condition |= published & Exists(
            BatchQuota.objects.filter(batch=OuterRef("pk"), dispatching_unit_id__in=dispatch_ids)
        )
    receive_ids = roles.unit_ids.get(Role.RECEIVE_CONTACT, ())
    if receive_ids:
        condition |= published & Exists(
            BatchOffer.objects.filter(batch=OuterRef("pk"), receiving_unit_id__in=receive_ids)
        )
    if roles.cadre_id:
        condition |= Exists(Nomination.objects.filter(batch=OuterRef("pk"), cadre_id=roles.cadre_id))
    return qs.filter(condition)


def batches_managed_by(user, queryset: QuerySet | None = None) -> QuerySet:
    """Batches the user may edit and decide on: those organized within an org department's jurisdiction."""
    from secondment.models import Batch

    qs = queryset if queryset is not None else Batch.objects.all()
    roles = roles_of(user)
    if roles.is_admin:
        return qs
    return qs.filter(_subtree_q(roles.unit_paths.get(Role.ORG_STAFF, ()), "organizer__path"))


def nominations_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    """Org staff: nominations of batches they organize or from units in their jurisdiction.
    Dispatching contacts: their units' nominations. Receiving contacts: only once selected, and only
    those matched to a post at their units. Cadres: their own."""
    from secondment.models import Nomination

    qs = queryset if queryset is not None else Nomination.objects.all()
    roles = roles_of(user)
    if roles.is_admin:
        return qs
    org_paths = roles.unit_paths.get(Role.ORG_STAFF, ())
    condition = Q(pk__in=[])
    if org_paths:
        condition |= _subtree_q(org_paths, "batch__organizer__path") | _subtree_q(org_paths, "dispatching_unit__path")
    dispatch_ids = roles.unit_ids.get(Role.DISPATCH_CONTACT, ())
    if dispatch_ids:
        condition |= Q(dispatching_unit_id__in=dispatch_ids)
    receive_ids = roles.unit_ids.get(Role.RECEIVE_CONTACT, ())
    if receive_ids:
        condition |= Q(
            status__in=[Nomination.Status.SELECTED, Nomination.Status.POSTED], offer__receiving_unit_id__in=receive_ids
        )
    if roles.cadre_id:
        condition |= Q(cadre_id=roles.cadre_id)
    return qs.filter(condition)


def postings_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    """Org staff: postings whose batch they organize, or whose dispatching or receiving unit is in
    their jurisdiction. Contacts: their units' dispatched / received postings. Cadres: their own."""
    from secondment.models import Posting

    qs = queryset if queryset is not None else Posting.objects.all()
    roles = roles_of(user)
    if roles.is_admin:
        return qs
    org_paths = roles.unit_paths.get(Role.ORG_STAFF, ())
    condition = Q(pk__in=[])
    if org_paths:
        condition |= (
            _subtree_q(org_paths, "batch__organizer__path")
            | _subtree_q(org_paths, "dispatching_unit__path")
            | _subtree_q(org_paths, "receiving_unit__path")
        )
    dispatch_ids = roles.unit_ids.get(Role.DISPATCH_CONTACT, ())
    if dispatch_ids:
        condition |= Q(dispatching_unit_id__in=dispatch_ids)
    receive_ids = roles.unit_ids.get(Role.RECEIVE_CONTACT, ())
    if receive_ids:
        condition |= Q(receiving_unit_id__in=receive_ids)
    if roles.cadre_id:
        condition |= Q(cadre_id=roles.cadre_id)
    return qs.filter(condition)


def work_reports_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    """A report is seen by whoever sees its posting (the cadre, the receiving unit, the dispatching
    unit, the org departments concerned)."""
    from reports.models import WorkReport
    from secondment.models import Posting

    qs = queryset if queryset is not None else WorkReport.objects.all()
    if roles_of(user).is_admin:
        return qs
    return qs.filter(posting__in=postings_visible_to(user, Posting.objects.all()))

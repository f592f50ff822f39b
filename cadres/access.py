"""Who sees and may change units and cadres (Zulip's access_stream_by_id, per STYLE.md).

- `units_visible_to(user)`, `cadres_visible_to(user)`: the querysets a user may read;
- `unit_get_for_user(user=…, pk=…)`, `cadre_get_for_user(…)`: one record, the same 404 for "missing" and
  "not yours";
- `units_managed_by(user)` (may create and edit cadres there), `units_administered_by(user)` (may add,
  rename, move units);
- `unit_actions(user, unit)`, `cadre_actions(user, cadre)`: what this user may do now with one record;
  `unit_list_actions(user)`, `cadre_list_actions(user)`: what the list pages offer (add, import). Views
  and templates read these sets, services assert them; none re-derives a rule.

Scope by role: administrator — everything; org-department staff — their jurisdiction's subtree and the
cadres working there; dispatching contact — their units and the cadres whose current unit is one of them;
receiving contact — their units; cadre — their own record and unit. Apps above widen a cadre's
visibility (a cadre seconded into a jurisdiction is seen by its org department) through
`extend_cadre_scope`, so this module never imports them.
"""

from collections.abc import Callable

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext

from accounts.scoping import Role, org_paths, roles_of, subtree_q, unit_ids

from .models import Cadre, Unit

CadreScope = Callable[..., Q | None]
_cadre_scopes: list[CadreScope] = []


def extend_cadre_scope(scope: CadreScope) -> CadreScope:
    """Register a further condition under which a user sees a cadre: `scope(roles, narrowed=…)` gives a Q
    over Cadre, or None. `narrowed` is True when the caller has already cut the cadres down to few (a name
    search): a condition over another table is then best checked row by row (core.expressions.ProbedExists)."""
    if scope not in _cadre_scopes:
        _cadre_scopes.append(scope)
    return scope


def units_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    qs = queryset if queryset is not None else Unit.objects.all()
    roles = roles_of(user)
    if roles.is_admin:
        return qs
    condition = subtree_q(org_paths(roles), "path")
    own = [*unit_ids(roles, Role.DISPATCH_CONTACT), *unit_ids(roles, Role.RECEIVE_CONTACT)]
    if own:
        condition |= Q(pk__in=own)
    if roles.cadre_id:
        condition |= Q(pk__in=Cadre.objects.filter(pk=roles.cadre_id).values("unit_id"))
    return qs.filter(condition)


def cadres_visible_to(user, queryset: QuerySet | None = None, *, narrowed: bool = False) -> QuerySet:
    """The cadres the user may read. `narrowed`: the caller filters them further down to a few (a name
    search), which changes how the seconded cadres are checked (`extend_cadre_scope`), not which."""
    qs = queryset if queryset is not None else Cadre.objects.all()
    roles = roles_of(user)
    if roles.is_admin:
        return qs
    condition = subtree_q(org_paths(roles), "unit__path")
    dispatch = unit_ids(roles, Role.DISPATCH_CONTACT)
    if dispatch:
        condition |= Q(unit_id__in=dispatch)
    if roles.cadre_id:
        condition |= Q(pk=roles.cadre_id)
    for scope in _cadre_scopes:
        extra = scope(roles, narrowed=narrowed)
        if extra is not None:
            condition |= extra
    return qs.filter(condition)


def units_managed_by(user, queryset: QuerySet | None = None) -> QuerySet:
    """Units whose cadre records the user may create and edit: the administrator's all, an org
    department's jurisdiction, a dispatching contact's own units. Receiving contacts and cadres only read."""
    qs = queryset if queryset is not None else Unit.objects.all()
    roles = roles_of(user)
    if roles.is_admin:
        return qs
    condition = subtree_q(org_paths(roles), "path")
    dispatch = unit_ids(roles, Role.DISPATCH_CONTACT)
    if dispatch:
        condition |= Q(pk__in=dispatch)
    return qs.filter(condition)


def units_administered_by(user, queryset: QuerySet | None = None) -> QuerySet:
    """Units the user may add children to, rename or move: an org department's jurisdiction."""
    qs = queryset if queryset is not None else Unit.objects.all()
    roles = roles_of(user)
    if roles.is_admin:
        return qs
    return qs.filter(subtree_q(org_paths(roles), "path"))


def unit_get_for_user(*, user, pk: int, queryset: QuerySet | None = None) -> Unit:
    unit = units_visible_to(user, queryset).filter(pk=pk).first()
    if unit is None:
        raise Http404(gettext("单位不存在或不在您的权限范围内"))
    return unit


def cadre_get_for_user(*, user, pk: int, queryset: QuerySet | None = None) -> Cadre:
    cadre = cadres_visible_to(user, queryset).filter(pk=pk).first()
    if cadre is None:
        raise Http404(gettext("干部不存在或不在您的权限范围内"))
    return cadre


def cadres_particulars_readable_by(user, queryset: QuerySet | None = None) -> QuerySet:
    """The cadres whose family members and 任免审批表 the user may read ("read_particulars" in
    `cadre_actions`), as a queryset: for lists such as a batch's nominees."""
    qs = cadres_visible_to(user, queryset)
    roles = roles_of(user)
    if roles.is_admin or org_paths(roles):
        return qs
    condition = Q(unit__in=units_managed_by(user))
    if roles.cadre_id:
        condition |= Q(pk=roles.cadre_id)
    return qs.filter(condition)


def unit_list_actions(user) -> set[str]:
    """What the unit list offers: "add_unit" (under a unit the user administers), "add_top_level" (a
    unit with no parent: the administrator only)."""
    actions = set()
    if units_administered_by(user).exists():
        actions.add("add_unit")
    if roles_of(user).is_admin:
        actions.add("add_top_level")
    return actions


def unit_actions(user, unit: Unit) -> set[str]:
    """ "edit" (rename, move), "add_child" (a unit under it, or a unit moved under it), "add_cadre"
    (a cadre whose unit it is, or a cadre moved into it)."""
    actions = set()
    if units_administered_by(user).filter(pk=unit.pk).exists():
        actions |= {"edit", "add_child"}
    if units_managed_by(user).filter(pk=unit.pk).exists():
        actions.add("add_cadre")
    return actions


def cadre_list_actions(user) -> set[str]:
    """What the cadre list offers: "add_cadre" and "import_roster" (the upload and its template) to
    whoever manages at least one unit."""
    return {"add_cadre", "import_roster"} if units_managed_by(user).exists() else set()


def cadre_actions(user, cadre: Cadre) -> set[str]:
    """ "edit" (the record and photo, the 任免审批表 particulars, résumé and family members),
    "add_training" and "manage_rewards" (add, edit and delete rewards and punishments, 奖惩情况) when the
    cadre's unit is one the user manages. "read_particulars" (the family members and the 任免审批表 file,
    which name relatives and the ID number) to those managers, to org-department staff and to the cadre
    themself (a receiving contact sees the cadre's page, not their family)."""
    if units_managed_by(user).filter(pk=cadre.unit_id).exists():
        return {"edit", "add_training", "manage_rewards", "read_particulars"}
    roles = roles_of(user)
    if roles.cadre_id == cadre.pk or (org_paths(roles) and cadres_visible_to(user).filter(pk=cadre.pk).exists()):
        return {"read_particulars"}
    return set()


def cadre_import_allowed(user) -> bool:
    """Roster import and the template: whoever manages at least one unit."""
    return "import_roster" in cadre_list_actions(user)

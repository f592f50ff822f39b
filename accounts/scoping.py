"""The unit-tree primitive every app's `access.py` builds on (DOMAIN: "Nobody sees a cadre's data outside
their scope").

Units form a tree stored as materialized paths ("/1/5/"); an org department's jurisdiction is its
unit's subtree. `subtree_q(paths, "unit__path")` is the condition "the unit at `unit__path` lies in one
of these subtrees". Which records a role sees is decided next to each record, in its app's access.py
(`cadres.access`, `secondment.access`, `reports.access`, …), always from `roles_of(user)`.
"""

from functools import reduce
from operator import or_

from django.db.models import Q

from .models import Role
from .roles import UserRoles, roles_of

__all__ = ["Role", "UserRoles", "org_paths", "roles_of", "subtree_q", "unit_ids"]


def subtree_q(paths: tuple[str, ...] | list[str], field: str) -> Q:
    """Records whose unit (at `field`, a path) lies in one of the subtrees rooted at `paths`; nothing
    when `paths` is empty."""
    if not paths:
        return Q(pk__in=[])
    return reduce(or_, (Q(**{f"{field}__startswith": path}) for path in paths))


def org_paths(roles: UserRoles) -> tuple[str, ...]:
    """The jurisdictions (unit paths) of the user's org-department roles."""
    return roles.unit_paths.get(Role.ORG_STAFF, ())


def unit_ids(roles: UserRoles, role: str) -> tuple[int, ...]:
    """The units the user holds `role` for (dispatching or receiving contact)."""
    return roles.unit_ids.get(role, ())

"""Unit pickers (单位选择): which units a form's unit field offers, and the search behind its box.

A unit field offers the units of the kinds that fit it, within the asking user's scope: a batch or
meeting organizer is an org department's unit, a receiving unit is never an org department, a
dispatching unit is never a village (村/社区 employ no cadres). `PICKS` names each kind of field; forms
restrict their querysets with `unit_pick_queryset` and tell static/js/unit-picker.js where to search
(`unit_pick_url`); the search (`unit_pick_search`) matches the name, the short name or the pinyin
initials (青山县 → qsx) and answers nothing outside the user's scope.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from django.db.models import Q, QuerySet
from django.urls import reverse
from pypinyin import Style, lazy_pinyin

from accounts.models import RoleAssignment
from accounts.scoping import Role

from .access import units_administered_by, units_managed_by, units_visible_to
from .models import Unit


def _org_department_units() -> Q:
    """Units an org department works from: where an org-staff role is rooted, or the party committee
    (党委) above a unit flagged as its 组织部."""
    return Q(pk__in=RoleAssignment.objects.filter(role=Role.ORG_STAFF).values("unit_id")) | Q(
        pk__in=Unit.objects.filter(is_org_department=True, parent__isnull=False).values("parent_id")
    )


@dataclass(frozen=True)
class Pick:
    label: str
    scope: Callable  # fn(user, queryset) -> the units this user may pick at all
    fits: Callable[[], Q]  # the kinds of unit that fit the field


PICKS: dict[str, Pick] = {
    "organizer": Pick("组织单位", units_administered_by, _org_department_units),
    "dispatching": Pick("派出单位", units_visible_to, lambda: ~Q(kind=Unit.Kind.VILLAGE)),
    "receiving": Pick("接收单位", units_visible_to, lambda: ~Q(is_org_department=True)),
    "cadre": Pick("所在单位", units_managed_by, lambda: Q()),
}

MAX_RESULTS = 20


def unit_pick_fits(pick: str, queryset: QuerySet) -> QuerySet:
    """`queryset` narrowed to the kinds of unit that fit the field."""
    return queryset.filter(PICKS[pick].fits()).order_by("path")


def unit_pick_queryset(user, pick: str) -> QuerySet:
    """The units `user` may pick in a field of this kind."""
    return unit_pick_fits(pick, PICKS[pick].scope(user, Unit.objects.all()))


def unit_pick_url(pick: str) -> str:
    return reverse("cadres:unit-pick", args=[pick])


@lru_cache(maxsize=20000)
def unit_initials(name: str) -> str:
    """Pinyin initials of a unit's name (中共青山县委 → zgqsxw), lowercase."""
    return "".join(part[0] for part in lazy_pinyin(name, style=Style.FIRST_LETTER) if part).lower()


def unit_pick_search(*, user, pick: str, q: str, limit: int = MAX_RESULTS) -> list[Unit]:
    """Units of this pick that `user` may choose whose name or short name contains `q`, or whose pinyin
    initials start with or contain `q` (latin letters), in tree order."""
    units = unit_pick_queryset(user, pick).only("id", "name", "short_name", "path", "parent_id")
    q = q.strip()
    if not q:
        return list(units[:limit])
    by_name = Q(name__icontains=q) | Q(short_name__icontains=q)
    if not q.isascii() or not q.isalpha():
        return list(units.filter(by_name)[:limit])
    letters = q.lower()
    found = []
    for unit in units.iterator(chunk_size=2000):
        if letters in unit_initials(unit.name) or (unit.short_name and letters in unit_initials(unit.short_name)):
            found.append(unit)
        elif letters in unit.name.lower():
            found.append(unit)
        if len(found) >= limit:
            break
    return found


def unit_pick_apply(field, pick: str, queryset: QuerySet) -> None:
    """Make a form's unit field a picker of this kind: `queryset` (the user's scope) narrowed to the units
    that fit, and the search box (static/js/unit-picker.js) pointed at the search."""
    field.queryset = unit_pick_fits(pick, queryset)
    field.widget.attrs["data-unit-picker"] = unit_pick_url(pick)

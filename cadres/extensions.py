"""Places where the apps above add to the registry's pages without this app importing them (issue 13):

- `unit_page_section(fn)`: `fn(unit, user) -> dict` adds to the unit page's context (secondment adds
  the postings dispatched from and received at the unit);
- `cadre_condition(name)(fn)`: `fn() -> Q` over Cadre, a named condition the cadre list can filter on
  (secondment defines "seconded": on secondment now).
"""

from collections.abc import Callable

from django.db.models import Q

UnitSection = Callable[..., dict]
_unit_sections: list[UnitSection] = []
_cadre_conditions: dict[str, Callable[[], Q]] = {}


def unit_page_section(section: UnitSection) -> UnitSection:
    if section not in _unit_sections:
        _unit_sections.append(section)
    return section


def unit_page_context(*, unit, user) -> dict:
    context: dict = {}
    for section in _unit_sections:
        context.update(section(unit, user))
    return context


def cadre_condition(name: str) -> Callable[[Callable[[], Q]], Callable[[], Q]]:
    def register(condition: Callable[[], Q]) -> Callable[[], Q]:
        _cadre_conditions[name] = condition
        return condition

    return register


def cadre_condition_q(name: str) -> Q | None:
    """The registered condition, or None when no app defines it (the filter then does nothing)."""
    condition = _cadre_conditions.get(name)
    return condition() if condition else None

"""Read selectors for units and cadres, always scoped to the asking user."""

from django.db.models import QuerySet

from . import access
from .models import Cadre, Unit


def unit_list_for_user(*, user) -> QuerySet[Unit]:
    return access.units_visible_to(user).select_related("parent")


def unit_get_for_user(*, user, pk: int) -> Unit:
    """The unit, or 404 when it is missing or outside the user's scope (the same answer)."""
    return access.unit_get_for_user(user=user, pk=pk, queryset=Unit.objects.select_related("parent"))


def cadre_list_for_user(*, user) -> QuerySet[Cadre]:
    return access.cadres_visible_to(user).select_related("unit", "rank", "political_status", "ethnicity")


def cadre_get_for_user(*, user, pk: int) -> Cadre:
    related = ("unit", "rank", "political_status", "ethnicity", "education", "degree")
    return access.cadre_get_for_user(user=user, pk=pk, queryset=Cadre.objects.select_related(*related))

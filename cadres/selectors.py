"""Read selectors for units and cadres, always scoped to the asking user."""

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext

from .models import Cadre, Unit


def unit_list_for_user(*, user) -> QuerySet[Unit]:
    return Unit.objects.visible_to(user).select_related("parent")


def unit_get_for_user(*, user, pk: int) -> Unit:
    """The unit, or 404 when it is missing or outside the user's scope (the same answer)."""
    unit = unit_list_for_user(user=user).filter(pk=pk).first()
    if unit is None:
        raise Http404(gettext("单位不存在或不在您的权限范围内"))
    return unit


def cadre_list_for_user(*, user) -> QuerySet[Cadre]:
    return Cadre.objects.visible_to(user).select_related("unit", "rank", "political_status", "ethnicity")


def cadre_get_for_user(*, user, pk: int) -> Cadre:
    cadre = cadre_list_for_user(user=user).select_related("education", "degree").filter(pk=pk).first()
    if cadre is None:
        raise Http404(gettext("干部不存在或不在您的权限范围内"))
    return cadre

"""Read selectors for units and cadres, always scoped to the asking user."""

from django.db.models import QuerySet

from . import access
from .models import Cadre, FamilyMember, ResumeEntry, RewardPunishment, Unit


def unit_list_for_user(*, user) -> QuerySet[Unit]:
    return access.units_visible_to(user).select_related("parent")


def unit_get_for_user(*, user, pk: int) -> Unit:
    """The unit, or 404 when it is missing or outside the user's scope (the same answer)."""
    return access.unit_get_for_user(user=user, pk=pk, queryset=Unit.objects.select_related("parent"))


LIST_RELATED = ("unit", "rank", "political_status", "ethnicity")  # what a row of the cadre list shows


def cadre_list_for_user(*, user, narrowed: bool = False) -> QuerySet[Cadre]:
    """The cadre list's rows; `narrowed` when a name search will cut them down (access.cadres_visible_to)."""
    return access.cadres_visible_to(user, narrowed=narrowed).select_related(*LIST_RELATED)


def cadre_rows() -> QuerySet[Cadre]:
    """Cadres with what a row of the list shows, for reading a page picked by its keys (keyset_page's
    `read`): no scope here — the keys come from `cadre_list_for_user`."""
    return Cadre.objects.select_related(*LIST_RELATED)


def cadre_get_for_user(*, user, pk: int) -> Cadre:
    related = ("unit", "rank", "political_status", "ethnicity", "education", "degree")
    return access.cadre_get_for_user(user=user, pk=pk, queryset=Cadre.objects.select_related(*related))


def reward_punishment_get_for_user(*, user, pk: int) -> RewardPunishment:
    """A reward or punishment of a cadre the user sees, or 404 (the same answer for missing and not yours)."""
    from django.http import Http404

    record = RewardPunishment.objects.filter(pk=pk, cadre__in=access.cadres_visible_to(user)).first()
    if record is None:
        raise Http404("奖惩记录不存在或不在您的权限范围内")
    return record


def rewards_punishments_between(*, cadre: Cadre, start, end) -> list[RewardPunishment]:
    """The cadre's rewards and punishments dated from `start` to `end` (both included), oldest first:
    what a form prints under 奖惩情况 for a period such as a posting's term."""
    return list(cadre.rewards_punishments.filter(date__gte=start, date__lte=end).order_by("date", "id"))


def resume_entry_get_for_user(*, user, pk: int) -> ResumeEntry:
    """A résumé line of a cadre the user sees, or 404."""
    from django.http import Http404

    entry = ResumeEntry.objects.select_related("cadre").filter(pk=pk, cadre__in=access.cadres_visible_to(user)).first()
    if entry is None:
        raise Http404("简历不存在或不在您的权限范围内")
    return entry


def family_member_get_for_user(*, user, pk: int) -> FamilyMember:
    """A family member of a cadre the user sees, or 404."""
    from django.http import Http404

    member = (
        FamilyMember.objects.select_related("cadre").filter(pk=pk, cadre__in=access.cadres_visible_to(user)).first()
    )
    if member is None:
        raise Http404("家庭成员不存在或不在您的权限范围内")
    return member

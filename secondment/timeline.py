"""The secondment app's events on a cadre's timeline (cadres.timeline): nominations and postings."""

from django.urls import reverse

from cadres.timeline import TimelineEvent, _as_date, register

from .access import nominations_visible_to, postings_visible_to


@register
def _postings(cadre, user):
    for p in postings_visible_to(user).filter(cadre=cadre).select_related("receiving_unit"):
        url = reverse("secondment:posting-detail", args=[p.pk])
        yield TimelineEvent(p.start_date, "挂职", f"{p.receiving_unit.name} {p.post}（{p.get_status_display()}）", url)
        for h in p.history.exclude(action__in=["create", "plan"]).select_related("actor"):
            yield TimelineEvent(_as_date(h.created_at), "挂职", f"{h.action_label}：{p.receiving_unit.name}", url)


@register
def _nominations(cadre, user):
    for n in nominations_visible_to(user).filter(cadre=cadre).select_related("batch"):
        yield TimelineEvent(
            _as_date(n.created_at),
            "推荐",
            f"{n.batch.name}（{n.get_status_display()}）",
            reverse("secondment:nomination-detail", args=[n.pk]),
        )

"""The secondment app's events on a cadre's timeline (cadres.timeline): nominations and postings."""

from django.db.models import Prefetch
from django.urls import reverse

from cadres.timeline import TimelineEvent, _as_date, register

from .access import nominations_visible_to, postings_visible_to
from .models import PostingStatusChange


@register
def _postings(cadre, user):
    # every posting's history in one query, not one per posting (issue 18)
    steps = PostingStatusChange.objects.exclude(action__in=["create", "plan"])
    postings = (
        postings_visible_to(user)
        .filter(cadre=cadre)
        .select_related("receiving_unit")
        .prefetch_related(Prefetch("history", queryset=steps, to_attr="timeline_steps"))
    )
    for p in postings:
        url = reverse("secondment:posting-detail", args=[p.pk])
        yield TimelineEvent(p.start_date, "挂职", f"{p.receiving_unit.name} {p.post}（{p.get_status_display()}）", url)
        for h in p.timeline_steps:
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


@register
def _support(cadre, user):
    """轮岗 and the 座谈会 attended (issue 15), as the user sees them."""
    from .access_support import symposiums_visible_to
    from .models import PostingRotation, Symposium

    visible = postings_visible_to(user).filter(cadre=cadre)
    for r in PostingRotation.objects.filter(posting__in=visible):
        url = reverse("secondment:posting-support", args=[r.posting_id])
        yield TimelineEvent(r.start_date, "轮岗", f"{r.post}：{r.duties[:40]}", url)
    for s in symposiums_visible_to(user, Symposium.objects.filter(attendees__cadre=cadre)):
        yield TimelineEvent(s.date, "座谈会", s.title, reverse("secondment:symposium-detail", args=[s.pk]))

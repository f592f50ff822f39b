"""Submitted work reports on the cadre's timeline (cadres.timeline)."""

from django.urls import reverse

from cadres.timeline import TimelineEvent, _as_date, register

from .access import work_reports_visible_to


@register
def _reports(cadre, user):
    reports = work_reports_visible_to(user).filter(posting__cadre=cadre, first_submitted_at__isnull=False)
    for r in reports.select_related("cycle"):
        yield TimelineEvent(
            _as_date(r.first_submitted_at),
            "汇报",
            f"{r.cycle.name} {r.period_label}（{r.get_status_display()}）",
            reverse("reports:detail", args=[r.pk]),
        )

"""Annual assessments and appraisals on the cadre's timeline (cadres.timeline)."""

from django.urls import reverse

from cadres.timeline import TimelineEvent, _as_date, register
from secondment.models import Posting

from .models import AnnualAssessment, Appraisal


@register
def _assessments(cadre, user):
    postings = Posting.objects.visible_to(user).filter(cadre=cadre)
    for a in AnnualAssessment.objects.filter(posting__in=postings, status="confirmed").select_related("final_grade"):
        yield TimelineEvent(
            _as_date(a.confirmed_at),
            "考核",
            f"{a.year}年度考核：{a.final_grade}",
            reverse("assessments:posting", args=[a.posting_id]),
        )
    for a in Appraisal.objects.filter(posting__in=postings, status="finalized").select_related("final_grade"):
        yield TimelineEvent(
            _as_date(a.finalized_at),
            "考核",
            f"期满考核鉴定（第{a.version}版）：{a.final_grade}",
            reverse("assessments:posting", args=[a.posting_id]),
        )


@register
def _reports(cadre, user):
    from secondment.models import WorkReport

    reports = WorkReport.objects.visible_to(user).filter(posting__cadre=cadre, first_submitted_at__isnull=False)
    for r in reports.select_related("cycle"):
        yield TimelineEvent(
            _as_date(r.first_submitted_at),
            "汇报",
            f"{r.cycle.name} {r.period_label}（{r.get_status_display()}）",
            reverse("secondment:report-detail", args=[r.pk]),
        )

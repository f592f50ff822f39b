"""Annual assessments and appraisals on the cadre's timeline (cadres.timeline)."""

from django.urls import reverse

from cadres.timeline import TimelineEvent, _as_date, register
from secondment.access import postings_visible_to

from .models import AnnualAssessment, Appraisal


@register
def _assessments(cadre, user):
    postings = postings_visible_to(user).filter(cadre=cadre)
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

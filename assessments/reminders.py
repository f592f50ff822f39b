"""Reminders about assessments (scan rules for core.reminders): an appraisal step waiting for its role,
and the annual assessment period."""

from datetime import date

from django.conf import settings
from django.urls import reverse

from core.reminders import Candidate, rule
from secondment.models import Posting
from secondment.reminders import POSTING, Recipients, posting_rows


@rule
def appraisal_steps_waiting(today: date):
    from assessments.models import Appraisal
    from assessments.workflow import next_step

    appraisals = list(
        Appraisal.objects.filter(status="open").select_related("posting__cadre", "posting__batch__organizer")
    )
    who = Recipients(a.posting for a in appraisals)
    year, week, _ = today.isocalendar()
    for a in appraisals:
        step = next_step(a)  # the steps in order, from assessments.workflow.STEPS
        if step is None:
            continue
        for role in sorted(step.roles):
            for uid in who.of(a.posting, role):
                yield Candidate(
                    f"appraisal:{a.pk}:{step.key}:{year}-{week}:{uid}",
                    uid,
                    "appraisal_step",
                    f"{a.posting.cadre.name}的期满考核鉴定等待“{step.label}”",
                    "",
                    reverse("assessments:posting", args=[a.posting_id]),
                    a.posting_id,
                    subject_type=POSTING,
                )


@rule
def annual_assessment_period(today: date):
    """When the annual assessment period opens, to the receiving and dispatching units of each posting on
    post: once a year, at the first scan from the opening day to the year's end (a missed day is caught
    up)."""
    month, day = settings.REMINDER_ANNUAL_ASSESSMENT_START
    start = date(today.year, month, day)
    if not start <= today <= date(today.year, 12, 31):
        return
    postings = [p for (p,) in posting_rows(Posting.objects.filter(status="on_post"))]
    who = Recipients(postings)
    for p in postings:
        for role in ("receive_contact", "dispatch_contact"):
            for uid in who.of(p, role):
                yield Candidate(
                    f"annual:{today.year}:{p.pk}:{uid}",
                    uid,
                    "annual_assessment",
                    f"{today.year}年度考核开始：{p.cadre_name}",
                    "接收单位提出等次建议，派出单位提出意见。",
                    reverse("assessments:posting", args=[p.pk]),
                    p.pk,
                    subject_type=POSTING,
                )

"""Each user's own deadlines as an iCalendar feed (a secret per-user URL that can be regenerated)."""

import secrets
from datetime import date, timedelta

from django.conf import settings
from django.urls import reverse
from icalendar import Calendar, Event

from accounts.models import Role, User
from accounts.roles import roles_of
from reports.models import WorkReport
from secondment.models import Batch, Posting

CLOSED = Posting.CLOSED_STATUSES
ORG, DISPATCH = "org_staff", "dispatch_contact"  # roles as assessments.workflow names them


def _posting_url(pk: int) -> str:
    return reverse("secondment:posting-detail", args=[pk])


def regenerate_token(user: User) -> str:
    user.calendar_token = secrets.token_urlsafe(24)
    user.save(update_fields=["calendar_token"])
    return user.calendar_token


def user_for_token(token: str) -> User | None:
    if not token or len(token) < 16:
        return None
    return User.objects.filter(calendar_token=token, is_active=True).first()


def _event(cal, uid, day, summary, url):
    event = Event()
    event.add("uid", f"{uid}@guazhitong")
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("summary", summary)
    event.add("url", settings.SITE_URL.rstrip("/") + url)
    cal.add_component(event)


def _cadre_events(roles):
    """The cadre's reports to file and the end of the term, while the posting is open."""
    for r in WorkReport.objects.filter(
        posting__cadre_id=roles.cadre_id,
        posting__status__in=Posting.ACTIVE_STATUSES,
        out_of_term=False,
        status__in=["draft", "returned"],
    ).select_related("cycle"):
        yield (
            f"report-{r.pk}",
            r.due_date,
            f"报送{r.cycle.name}（{r.period_label}）",
            reverse("reports:detail", args=[r.pk]),
        )
    for p in Posting.objects.filter(cadre_id=roles.cadre_id, status="on_post"):
        yield f"term-{p.pk}", p.end_date, "挂职期满", _posting_url(p.pk)


def _receiving_events(roles):
    receive = roles.unit_ids.get(Role.RECEIVE_CONTACT, ())
    if not receive:
        return
    for p in Posting.objects.filter(receiving_unit_id__in=receive, status="appointed").select_related("cadre"):
        if p.arrival_deadline:
            yield f"arrival-{p.pk}", p.arrival_deadline, f"{p.cadre.name}到岗期限", _posting_url(p.pk)


def _reviews(user):
    """Reports waiting for this user's review (org department: quarterly; dispatching unit: half-yearly),
    on the day they were submitted."""
    from django.utils import timezone

    from reports.selectors import reports_awaiting_review

    for r in reports_awaiting_review(user=user).exclude(posting__status__in=CLOSED):
        yield (
            f"review-{r.pk}-{r.submitted_at:%Y%m%d%H%M%S}",
            timezone.localdate(r.submitted_at),
            f"审阅{r.posting.cadre.name}的{r.cycle.name}（{r.period_label}）",
            reverse("reports:detail", args=[r.pk]),
        )


def _appraisal_steps(postings, role: str):
    """Open end-of-term appraisals whose next step is `role`'s, on the day the term ended."""
    from assessments.models import Appraisal
    from assessments.workflow import FINALIZE, next_step

    for a in Appraisal.objects.filter(posting__in=postings, status=Appraisal.Status.OPEN).select_related(
        "posting__cadre"
    ):
        step = next_step(a) or FINALIZE
        if role in step.roles:
            yield (
                f"appraisal-{a.pk}-{step.key}",
                a.posting.end_date,
                f"{a.posting.cadre.name}的期满考核鉴定：{step.label}",
                reverse("assessments:posting", args=[a.posting_id]),
            )


def _org_events(user, roles):
    """Org staff: the decisions of the batches they organize (nomination deadline while open, the
    planned start while selecting), the quarterly reports to review, the appraisal steps that are
    theirs (民主测评, 个别谈话, 鉴定, 定稿)."""
    from secondment.access import batches_managed_by

    if not roles.unit_ids.get(Role.ORG_STAFF):
        return
    batches = batches_managed_by(user).filter(status__in=[Batch.Status.OPEN, Batch.Status.CLOSED])
    for b in batches:
        url = reverse("secondment:batch-detail", args=[b.pk])
        if b.status == Batch.Status.OPEN:
            yield f"batch-deadline-{b.pk}", b.nomination_deadline, f"{b.name}：推荐截止", url
        else:
            yield f"batch-start-{b.pk}", b.planned_start, f"{b.name}：确定派出（计划开始）", url
    managed = Posting.objects.filter(batch__in=batches_managed_by(user)).exclude(status__in=CLOSED)
    yield from _appraisal_steps(managed, ORG)


def _dispatching_events(roles):
    """Dispatching contacts: the nomination deadline of batches with a quota for their unit, the
    half-yearly reports of their cadres (due dates), the opinions asked of them (the appraisal's
    派出单位意见, the annual assessment's opinion, by the year's end)."""
    from assessments.models import AnnualAssessment

    units = roles.unit_ids.get(Role.DISPATCH_CONTACT, ())
    if not units:
        return
    for b in Batch.objects.filter(status=Batch.Status.OPEN, quotas__dispatching_unit_id__in=units).distinct():
        yield (
            f"nominate-{b.pk}",
            b.nomination_deadline,
            f"{b.name}：推荐截止",
            reverse("secondment:batch-detail", args=[b.pk]),
        )
    mine = Posting.objects.filter(dispatching_unit_id__in=units).exclude(status__in=CLOSED)
    for r in (
        WorkReport.objects.filter(posting__in=mine, out_of_term=False, first_submitted_at__isnull=True)
        .exclude(cycle__recipient="org_dept")
        .select_related("cycle", "posting__cadre")
    ):
        yield (
            f"unit-report-{r.pk}",
            r.due_date,
            f"{r.posting.cadre.name}的{r.cycle.name}（{r.period_label}）报送期限",
            reverse("reports:detail", args=[r.pk]),
        )
    yield from _appraisal_steps(mine, DISPATCH)
    for a in AnnualAssessment.objects.filter(posting__in=mine, status="proposed").select_related("posting__cadre"):
        yield (
            f"annual-{a.pk}",
            date(a.year, 12, 31),
            f"{a.posting.cadre.name}{a.year}年度考核：派出单位意见",
            reverse("assessments:posting", args=[a.posting_id]),
        )


def calendar_for(user: User) -> bytes:
    """The user's deadlines, one VEVENT each, for every role they hold; a terminated or completed
    posting gives none (rule 11)."""
    cal = Calendar()
    cal.add("prodid", "-//挂职通//guazhitong//ZH")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "挂职通 · 我的期限")
    roles = roles_of(user)
    events = []
    if roles.cadre_id:
        events += _cadre_events(roles)
    events += _receiving_events(roles)
    events += _org_events(user, roles)
    events += _dispatching_events(roles)
    if roles.unit_ids.get(Role.ORG_STAFF) or roles.unit_ids.get(Role.DISPATCH_CONTACT):
        events += _reviews(user)
    seen = set()
    for uid, day, summary, url in events:
        if uid not in seen:
            seen.add(uid)
            _event(cal, uid, day, summary, url)
    return cal.to_ical()

"""What is reminded, to whom, when (issue table), as scan rules for core.reminders. Offsets come
from settings (REMINDER_*); keys carry the period, so each reminder happens once."""

from collections import defaultdict
from datetime import date, timedelta

from django.conf import settings
from django.urls import reverse

from accounts.models import Role, RoleAssignment, User
from core.reminders import Candidate, rule

from .models import Inspection, Posting, WorkReport


class Recipients:
    """Who holds which role over a set of postings, in a handful of queries."""

    def __init__(self, postings):
        postings = list(postings)
        self.cadre_users = defaultdict(list)
        for cadre_id, user_id in User.objects.filter(
            cadre_id__in={p.cadre_id for p in postings}, is_active=True
        ).values_list("cadre_id", "id"):
            self.cadre_users[cadre_id].append(user_id)
        units = {p.receiving_unit_id for p in postings} | {p.dispatching_unit_id for p in postings}
        self.contacts = defaultdict(list)
        for role, unit_id, user_id in RoleAssignment.objects.filter(
            role__in=[Role.RECEIVE_CONTACT, Role.DISPATCH_CONTACT], unit_id__in=units, user__is_active=True
        ).values_list("role", "unit_id", "user_id"):
            self.contacts[(role, unit_id)].append(user_id)
        self.org = list(
            RoleAssignment.objects.filter(role=Role.ORG_STAFF, user__is_active=True).values_list(
                "unit__path", "user_id"
            )
        )

    def org_staff_for(self, organizer_path: str) -> list[int]:
        """The staff of the nearest org department whose jurisdiction holds the batch's organizer."""
        holding = [(path, uid) for path, uid in self.org if organizer_path.startswith(path)]
        if not holding:
            return []
        nearest = max(len(path) for path, _ in holding)
        return sorted({uid for path, uid in holding if len(path) == nearest})

    def of(self, posting: Posting, who: str) -> list[int]:
        if who == "cadre":
            return self.cadre_users[posting.cadre_id]
        if who == "receive_contact":
            return self.contacts[(Role.RECEIVE_CONTACT, posting.receiving_unit_id)]
        if who == "dispatch_contact":
            return self.contacts[(Role.DISPATCH_CONTACT, posting.dispatching_unit_id)]
        if who == "org_staff":
            return self.org_staff_for(posting.batch.organizer.path)
        raise ValueError(who)


def _postings(**filters):
    return Posting.objects.filter(**filters).select_related("cadre", "batch__organizer", "receiving_unit")


def _report_url(report) -> str:
    return reverse("secondment:report-detail", args=[report.pk])


@rule
def reports_due(today: date):
    days = settings.REMINDER_REPORT_DUE_BEFORE
    reports = list(
        WorkReport.objects.filter(
            status__in=["draft", "returned"],
            first_submitted_at__isnull=True,
            out_of_term=False,
            due_date__in=[today + timedelta(days=d) for d in days],
        ).select_related("cycle", "posting__cadre", "posting__batch__organizer")
    )
    who = Recipients(r.posting for r in reports)
    for r in reports:
        left = (r.due_date - today).days
        for uid in who.of(r.posting, "cadre"):
            yield Candidate(
                f"report_due:{r.pk}:{left}:{uid}",
                uid,
                "report_due",
                f"{r.cycle.name}（{r.period_label}）将于{r.due_date:%m月%d日}到期",
                f"请在{r.due_date:%Y年%m月%d日}前提交，还有{left}天。",
                _report_url(r),
                r.posting_id,
            )


@rule
def reports_overdue(today: date):
    reports = list(
        WorkReport.objects.filter(
            status="draft", out_of_term=False, due_date__lt=today, posting__status__in=["on_post", "term_ended"]
        ).select_related("cycle", "posting__cadre", "posting__batch__organizer")
    )
    who = Recipients(r.posting for r in reports)
    for r in reports:
        over = (today - r.due_date).days
        if over != 1 and (over - 1) % 7:  # the day after, then weekly
            continue
        rungs = {role for threshold, role in settings.REMINDER_ESCALATION if over >= threshold}
        if over >= settings.REMINDER_REPORT_OVERDUE_ORG_AFTER:
            rungs.add("org_staff")
        for role in sorted(rungs):
            for uid in who.of(r.posting, role):
                title = (
                    f"{r.cycle.name}（{r.period_label}）已逾期{over}天"
                    if role == "cadre"
                    else f"{r.posting.cadre.name}的{r.cycle.name}已逾期{over}天"
                )
                yield Candidate(
                    f"report_overdue:{r.pk}:{over}:{uid}",
                    uid,
                    "report_overdue",
                    title,
                    f"报送期限为{r.due_date:%Y年%m月%d日}。",
                    _report_url(r),
                    r.posting_id,
                )


@rule
def reports_waiting_for_review(today: date):
    """A daily digest per reviewer."""
    reports = list(
        WorkReport.objects.filter(status="submitted").select_related(
            "cycle", "posting__batch__organizer", "posting__cadre"
        )
    )
    who = Recipients(r.posting for r in reports)
    waiting = defaultdict(int)
    for r in reports:
        role = "org_staff" if r.cycle.recipient == "org_dept" else "dispatch_contact"
        for uid in who.of(r.posting, role):
            waiting[uid] += 1
    for uid, count in waiting.items():
        yield Candidate(
            f"review_digest:{uid}:{today:%Y-%m-%d}",
            uid,
            "review_digest",
            f"有{count}份工作汇报待您审阅",
            "",
            reverse("secondment:report-queue"),
        )


@rule
def arrivals_not_confirmed(today: date):
    offsets = settings.REMINDER_ARRIVAL_DAYS
    postings = list(
        _postings(status="appointed", appointment_date__in=[today - timedelta(days=d) for d in offsets.values()])
    )
    who = Recipients(postings)
    for p in postings:
        day = (today - p.appointment_date).days
        for role, at in offsets.items():
            if day != at:
                continue
            for uid in who.of(p, role):
                late = "，已超过2周到岗期限" if day > 14 else ""
                yield Candidate(
                    f"arrival:{p.pk}:{day}:{uid}",
                    uid,
                    "arrival",
                    f"{p.cadre.name}尚未确认到岗{late}",
                    f"任职日期{p.appointment_date:%Y年%m月%d日}，到岗期限{p.arrival_deadline:%Y年%m月%d日}。",
                    reverse("secondment:posting-detail", args=[p.pk]),
                    p.pk,
                )


@rule
def terms_ending(today: date):
    end = today + timedelta(days=settings.REMINDER_TERM_END_BEFORE)
    postings = list(_postings(status="on_post", end_date=end))
    who = Recipients(postings)
    for p in postings:
        for role in ("cadre", "receive_contact", "org_staff"):
            for uid in who.of(p, role):
                yield Candidate(
                    f"term_end:{p.pk}:{p.end_date}:{uid}",
                    uid,
                    "term_end",
                    f"{p.cadre.name}的挂职将于{p.end_date:%Y年%m月%d日}期满",
                    "请着手准备期满考核鉴定（个人总结、民主测评等）。",
                    reverse("secondment:posting-detail", args=[p.pk]),
                    p.pk,
                )


@rule
def appraisal_steps_waiting(today: date):
    from assessments.models import Appraisal
    from assessments.services.appraisals import STEP_LABELS, STEP_ROLES

    order = ["self_summary", "receiving", "democratic", "talks", "dispatch", "conclusion"]
    done = {
        "self_summary": "self_summary_at",
        "receiving": "receiving_at",
        "democratic": "democratic_at",
        "talks": "talks_at",
        "dispatch": "dispatch_at",
        "conclusion": "conclusion_at",
    }
    appraisals = list(
        Appraisal.objects.filter(status="open").select_related("posting__cadre", "posting__batch__organizer")
    )
    who = Recipients(a.posting for a in appraisals)
    year, week, _ = today.isocalendar()
    for a in appraisals:
        step = next((s for s in order if getattr(a, done[s]) is None), None)
        if step is None:
            continue
        for role in sorted(STEP_ROLES[step]):
            for uid in who.of(a.posting, role):
                yield Candidate(
                    f"appraisal:{a.pk}:{step}:{year}-{week}:{uid}",
                    uid,
                    "appraisal_step",
                    f"{a.posting.cadre.name}的期满考核鉴定等待“{STEP_LABELS[step]}”",
                    "",
                    reverse("assessments:posting", args=[a.posting_id]),
                    a.posting_id,
                )


@rule
def annual_assessment_period(today: date):
    month, day = settings.REMINDER_ANNUAL_ASSESSMENT_START
    start = date(today.year, month, day)
    if not start <= today < start + timedelta(days=7):
        return
    postings = list(_postings(status="on_post"))
    who = Recipients(postings)
    for p in postings:
        for role in ("receive_contact", "dispatch_contact"):
            for uid in who.of(p, role):
                yield Candidate(
                    f"annual:{today.year}:{p.pk}:{uid}",
                    uid,
                    "annual_assessment",
                    f"{today.year}年度考核开始：{p.cadre.name}",
                    "接收单位提出等次建议，派出单位提出意见。",
                    reverse("assessments:posting", args=[p.pk]),
                    p.pk,
                )


@rule
def rectifications(today: date):
    before = settings.REMINDER_RECTIFICATION_BEFORE
    items = list(
        Inspection.objects.filter(
            rectification_required=True,
            rectified_at__isnull=True,
            rectification_deadline__in=[today + timedelta(days=before), today - timedelta(days=1)],
        ).select_related("posting__cadre", "posting__batch__organizer")
    )
    who = Recipients(i.posting for i in items)
    for i in items:
        missed = i.rectification_deadline < today
        roles = ("cadre", "receive_contact", "org_staff") if missed else ("cadre", "receive_contact")
        tag = "missed" if missed else "soon"
        title = (
            f"{i.posting.cadre.name}的整改已逾期"
            if missed
            else f"整改期限{i.rectification_deadline:%m月%d日}：{i.posting.cadre.name}"
        )
        for role in roles:
            for uid in who.of(i.posting, role):
                yield Candidate(
                    f"rectify:{i.pk}:{tag}:{uid}",
                    uid,
                    "rectification",
                    title,
                    i.findings[:200],
                    reverse("secondment:posting-detail", args=[i.posting_id]),
                    i.posting_id,
                )


@rule
def attendance_missing(today: date):
    if today.day != settings.ATTENDANCE_DUE_DAY + 1:
        return
    month = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    postings = list(_postings(status="on_post", arrival_date__lt=today.replace(day=1)).exclude(attendance__month=month))
    who = Recipients(postings)
    for p in postings:
        for uid in who.of(p, "receive_contact"):
            yield Candidate(
                f"attendance:{p.pk}:{month:%Y-%m}:{uid}",
                uid,
                "attendance",
                f"请报送{p.cadre.name}{month:%Y年%m月}的考勤",
                f"每月{settings.ATTENDANCE_DUE_DAY}日前报送上月考勤。",
                reverse("secondment:posting-detail", args=[p.pk]),
                p.pk,
            )

"""What is reminded, to whom, when (issue table), as scan rules for core.reminders. Offsets come
from settings (REMINDER_*); keys carry the period, so each reminder happens once."""

from collections import defaultdict
from datetime import date, timedelta

from django.conf import settings
from django.urls import reverse

from accounts.models import Role, RoleAssignment, User
from core.channels import subject_unit
from core.reminders import Candidate, rule

from .models import Inspection, Posting

POSTING = "secondment.posting"  # what the reminders of postings are about (core.Reminder.subject)


@subject_unit(POSTING)
def _posting_unit_path(posting_id: int) -> str:
    """A posting's reminders reach the group chats of its receiving unit and the units above it."""
    return Posting.objects.filter(pk=posting_id).values_list("receiving_unit__path", flat=True).first() or ""


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


def postings_for_reminders(**filters):
    return Posting.objects.filter(**filters).select_related("cadre", "batch__organizer", "receiving_unit")


@rule
def arrivals_not_confirmed(today: date):
    offsets = settings.REMINDER_ARRIVAL_DAYS
    postings = list(
        postings_for_reminders(
            status="appointed", appointment_date__in=[today - timedelta(days=d) for d in offsets.values()]
        )
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
                    subject_type=POSTING,
                )


@rule
def terms_ending(today: date):
    end = today + timedelta(days=settings.REMINDER_TERM_END_BEFORE)
    postings = list(postings_for_reminders(status="on_post", end_date=end))
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
                    subject_type=POSTING,
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
                    subject_type=POSTING,
                )


@rule
def attendance_missing(today: date):
    if today.day != settings.ATTENDANCE_DUE_DAY + 1:
        return
    month = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    postings = list(
        postings_for_reminders(status="on_post", arrival_date__lt=today.replace(day=1)).exclude(attendance__month=month)
    )
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
                subject_type=POSTING,
            )

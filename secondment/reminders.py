"""What is reminded, to whom, when (issue table), as scan rules for core.reminders. Offsets come
from settings (REMINDER_*); keys carry the rung or period, so each reminder happens once. Every rule
selects what is due and not yet reminded (core.reminders.latest_rung), so a day the scan did not run
is caught up at its next run."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role, RoleAssignment, User
from cadres.models import Unit
from core.channels import subject_unit
from core.reminders import Candidate, latest_rung, rule, subject_closed

from .models import ARRIVAL_DAYS, Batch, BatchQuota, Inspection, LeaveApprover, LeaveRequest, Nomination, Posting

POSTING = "secondment.posting"  # what the reminders of postings are about (core.Reminder.subject)
BATCH = "secondment.batch"
CLOSED = Posting.CLOSED_STATUSES


@subject_closed(POSTING)
def _closed_postings(ids: set[int]) -> set[int]:
    """A terminated or completed posting is closed everywhere: no reminder about it, from any rule
    (rule 11)."""
    return set(Posting.objects.filter(pk__in=ids, status__in=CLOSED).values_list("pk", flat=True))


@subject_unit(POSTING)
def _posting_unit_path(posting_id: int) -> str:
    """A posting's reminders reach the group chats of its receiving unit and the units above it."""
    return Posting.objects.filter(pk=posting_id).values_list("receiving_unit__path", flat=True).first() or ""


@subject_unit(BATCH)
def _batch_unit_path(batch_id: int) -> str:
    """A batch's reminders reach the group chats of its organizer and the units above it."""
    return Batch.objects.filter(pk=batch_id).values_list("organizer__path", flat=True).first() or ""


@dataclass(frozen=True, slots=True)
class PostingRow:
    """What the rules need of a posting, read as plain values: a month start reads tens of thousands of
    postings, reports and appraisals, and a model instance (with its cadre, batch and organizer) per row
    was most of the scan's time."""

    pk: int
    cadre_id: int
    cadre_name: str
    receiving_unit_id: int
    dispatching_unit_id: int
    organizer_path: str
    receiving_unit_path: str


POSTING_ROW = (
    "id",
    "cadre_id",
    "cadre__name",
    "receiving_unit_id",
    "dispatching_unit_id",
    "batch__organizer__path",
    "receiving_unit__path",
)
POSTING_ROW_SIZE = len(POSTING_ROW)


def posting_row_fields(prefix: str = "") -> list[str]:
    """The values_list fields of a PostingRow, through `prefix` ("posting__" from a report)."""
    return [prefix + name for name in POSTING_ROW]


def posting_rows(queryset, *extra: str):
    """(PostingRow, *extra values) for each posting of `queryset`, in one query."""
    for values in queryset.values_list(*POSTING_ROW, *extra).iterator(chunk_size=5000):
        yield PostingRow(*values[:POSTING_ROW_SIZE]), *values[POSTING_ROW_SIZE:]


def _organizer_path(posting) -> str:
    if isinstance(posting, PostingRow):
        return posting.organizer_path
    return posting.batch.organizer.path


class Recipients:
    """Who holds which role over a set of postings, in a handful of queries."""

    def __init__(self, postings=(), *, units=()):
        postings = list(postings)
        self.cadre_users = defaultdict(list)
        for cadre_id, user_id in User.objects.filter(
            cadre_id__in={p.cadre_id for p in postings}, is_active=True
        ).values_list("cadre_id", "id"):
            self.cadre_users[cadre_id].append(user_id)
        units = {p.receiving_unit_id for p in postings} | {p.dispatching_unit_id for p in postings} | set(units)
        self.contacts = defaultdict(list)
        for role, unit_id, user_id in RoleAssignment.objects.filter(
            role__in=[Role.RECEIVE_CONTACT, Role.DISPATCH_CONTACT], unit_id__in=units, user__is_active=True
        ).values_list("role", "unit_id", "user_id"):
            self.contacts[(role, unit_id)].append(user_id)
        self.org = list(
            RoleAssignment.objects.filter(role=Role.ORG_STAFF, user__is_active=True).values_list(
                "unit__path", "user_id", "unit__level"
            )
        )
        self._nearest_cache: dict[tuple[str, bool | None], list[int]] = {}

    def _nearest(self, path: str, *, county: bool | None = None) -> list[int]:
        # thousands of postings share a few hundred units: each unit's answer is worked out once
        key = (path, county)
        if key not in self._nearest_cache:
            self._nearest_cache[key] = self._find_nearest(path, county=county)
        return self._nearest_cache[key]

    def _find_nearest(self, path: str, *, county: bool | None = None) -> list[int]:
        holding = [
            (org_path, uid)
            for org_path, uid, level in self.org
            if path.startswith(org_path) and (county is None or (level == Unit.Level.COUNTY) == county)
        ]
        if not holding:
            return []
        nearest = max(len(org_path) for org_path, _ in holding)
        return sorted({uid for org_path, uid in holding if len(org_path) == nearest})

    def org_staff_for(self, organizer_path: str) -> list[int]:
        """The staff of the nearest org department whose jurisdiction holds the batch's organizer."""
        return self._nearest(organizer_path)

    def leave_approvers(self, leave: LeaveRequest) -> list[int]:
        """Whoever the leave's length makes its approver (services.leave.leave_approver_for), as
        services.leave.leave_requests_awaiting finds them: the receiving unit's contacts, or the staff
        of the nearest county (县/区) or city (市) org department above the receiving unit."""
        posting = leave.posting
        if leave.approver == LeaveApprover.RECEIVING_UNIT:
            return self.contacts[(Role.RECEIVE_CONTACT, posting.receiving_unit_id)]
        county = leave.approver == LeaveApprover.COUNTY_ORG
        return self._nearest(posting.receiving_unit.path, county=county)

    def dispatch_contacts(self, unit_id: int) -> list[int]:
        return self.contacts[(Role.DISPATCH_CONTACT, unit_id)]

    def of(self, posting: "Posting | PostingRow", who: str) -> list[int]:
        if who == "cadre":
            return self.cadre_users[posting.cadre_id]
        if who == "receive_contact":
            return self.contacts[(Role.RECEIVE_CONTACT, posting.receiving_unit_id)]
        if who == "dispatch_contact":
            return self.contacts[(Role.DISPATCH_CONTACT, posting.dispatching_unit_id)]
        if who == "org_staff":
            return self.org_staff_for(_organizer_path(posting))
        raise ValueError(who)


def postings_for_reminders(**filters):
    return Posting.objects.filter(**filters).select_related("cadre", "batch__organizer", "receiving_unit")


def _posting_url(posting_id: int) -> str:
    return reverse("secondment:posting-detail", args=[posting_id])


@rule
def arrivals_not_confirmed(today: date):
    """Arrival not confirmed: day 10 the receiving unit, day 15 the org department (each on its day, or
    at the first scan after it)."""
    offsets = settings.REMINDER_ARRIVAL_DAYS
    rows = list(
        posting_rows(
            Posting.objects.filter(
                status="appointed", appointment_date__lte=today - timedelta(days=min(offsets.values()))
            ),
            "appointment_date",
        )
    )
    who = Recipients(p for p, _ in rows)
    for p, appointed in rows:
        rung = latest_rung((today - appointed).days, offsets.values())
        deadline = appointed + timedelta(days=ARRIVAL_DAYS)
        for role in [role for role, at in offsets.items() if at == rung]:
            for uid in who.of(p, role):
                late = "，已超过2周到岗期限" if rung > 14 else ""
                yield Candidate(
                    f"arrival:{p.pk}:{rung}:{uid}",
                    uid,
                    "arrival",
                    f"{p.cadre_name}尚未确认到岗{late}",
                    f"任职日期{appointed:%Y年%m月%d日}，到岗期限{deadline:%Y年%m月%d日}。",
                    _posting_url(p.pk),
                    p.pk,
                    subject_type=POSTING,
                )


@rule
def filings_missing(today: date):
    """备案 not recorded (rule 3): the receiving unit files the appointment with the org department; the
    seed files it with the 任职手续 ("并将任职手续报市委组织部备案。挂职人员须在2周内到岗"), so it is
    due with the arrival. Day 14 the receiving unit, day 28 the org department."""
    offsets = settings.REMINDER_FILING_DAYS
    rows = list(
        posting_rows(
            Posting.objects.filter(
                status__in=["appointed", "on_post"],
                filing=Posting.Filing.PENDING,
                appointment_date__lte=today - timedelta(days=min(offsets.values())),
            ),
            "appointment_date",
        )
    )
    who = Recipients(p for p, _ in rows)
    for p, appointed in rows:
        rung = latest_rung((today - appointed).days, offsets.values())
        for role in [role for role, at in offsets.items() if at == rung]:
            for uid in who.of(p, role):
                yield Candidate(
                    f"filing:{p.pk}:{rung}:{uid}",
                    uid,
                    "filing",
                    f"{p.cadre_name}的任职尚未备案",
                    f"任职日期{appointed:%Y年%m月%d日}，请接收单位将任职手续报组织部门备案并登记备案编号。",
                    _posting_url(p.pk),
                    p.pk,
                    subject_type=POSTING,
                )


@rule
def terms_ending(today: date):
    """30 days before the end of the term (or at the first scan within those 30 days)."""
    before = settings.REMINDER_TERM_END_BEFORE
    rows = list(
        posting_rows(
            Posting.objects.filter(status="on_post", end_date__gte=today, end_date__lte=today + timedelta(days=before)),
            "end_date",
        )
    )
    who = Recipients(p for p, _ in rows)
    for p, end_date in rows:
        for role in ("cadre", "receive_contact", "org_staff"):
            for uid in who.of(p, role):
                yield Candidate(
                    f"term_end:{p.pk}:{end_date}:{uid}",
                    uid,
                    "term_end",
                    f"{p.cadre_name}的挂职将于{end_date:%Y年%m月%d日}期满",
                    "请着手准备期满考核鉴定（个人总结、民主测评等）。",
                    _posting_url(p.pk),
                    p.pk,
                    subject_type=POSTING,
                )


@rule
def rectifications(today: date):
    """A rectification deadline: 3 days before to the cadre and the receiving unit; the day after, not
    done, to the org department too."""
    before = settings.REMINDER_RECTIFICATION_BEFORE
    items = list(
        Inspection.objects.filter(
            rectification_required=True,
            rectified_at__isnull=True,
            rectification_deadline__lte=today + timedelta(days=before),
        ).select_related("posting__cadre", "posting__batch__organizer")
    )
    who = Recipients(i.posting for i in items)
    for i in items:
        rung = latest_rung((today - i.rectification_deadline).days, (-before, 1))
        if rung is None:
            continue
        missed = rung == 1
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
                    _posting_url(i.posting_id),
                    i.posting_id,
                    subject_type=POSTING,
                )


def _attendance_month(today: date) -> date:
    """The latest month whose attendance reminder day (the day after it is due) has come."""
    this_month = today.replace(day=1)
    previous = (this_month - timedelta(days=1)).replace(day=1)
    if today.day > settings.ATTENDANCE_DUE_DAY:
        return previous
    return (previous - timedelta(days=1)).replace(day=1)


@rule
def attendance_missing(today: date):
    """Monthly attendance not entered by its due day: the day after, to the receiving unit (caught up
    at the first scan after it, until the next month's reminder takes over)."""
    month = _attendance_month(today)
    following = (month + timedelta(days=32)).replace(day=1)
    postings = [
        p
        for (p,) in posting_rows(
            Posting.objects.filter(status="on_post", arrival_date__lt=following).exclude(attendance__month=month)
        )
    ]
    who = Recipients(postings)
    for p in postings:
        for uid in who.of(p, "receive_contact"):
            yield Candidate(
                f"attendance:{p.pk}:{month:%Y-%m}:{uid}",
                uid,
                "attendance",
                f"请报送{p.cadre_name}{month:%Y年%m月}的考勤",
                f"每月{settings.ATTENDANCE_DUE_DAY}日前报送上月考勤。",
                _posting_url(p.pk),
                p.pk,
                subject_type=POSTING,
            )


@rule
def nomination_deadlines(today: date):
    """A batch's nomination deadline (推荐截止): 7 and 1 days before, to the contacts of each dispatching
    unit with a quota that has not nominated anyone yet; the day after, to the organizing org
    department's staff while the batch is still open (推荐中), to close it and start the selection."""
    before = settings.REMINDER_NOMINATION_DEADLINE_BEFORE
    after = settings.REMINDER_NOMINATION_CLOSE_AFTER
    batches = list(
        Batch.objects.filter(
            status=Batch.Status.OPEN, nomination_deadline__lte=today + timedelta(days=max(before))
        ).select_related("organizer")
    )
    if not batches:
        return
    quotas = list(
        BatchQuota.objects.filter(batch__in=batches, quota__gt=0).values_list("batch_id", "dispatching_unit_id")
    )
    nominated = set(
        Nomination.objects.filter(batch__in=batches).active().values_list("batch_id", "dispatching_unit_id").distinct()
    )
    who = Recipients(units={unit_id for _, unit_id in quotas})
    for b in batches:
        rung = latest_rung((today - b.nomination_deadline).days, [-d for d in before] + [after])
        if rung is None:
            continue
        url = reverse("secondment:batch-detail", args=[b.pk])
        if rung == after:
            for uid in who.org_staff_for(b.organizer.path):
                yield Candidate(
                    f"nomination_closed:{b.pk}:{b.nomination_deadline}:{uid}",
                    uid,
                    "nomination_deadline",
                    f"“{b.name}”推荐已于{b.nomination_deadline:%m月%d日}截止",
                    "请截止推荐并开始选拔。",
                    url,
                    b.pk,
                    subject_type=BATCH,
                )
            continue
        left = (b.nomination_deadline - today).days
        for batch_id, unit_id in quotas:
            if batch_id != b.pk or (batch_id, unit_id) in nominated:
                continue
            for uid in who.dispatch_contacts(unit_id):
                yield Candidate(
                    f"nomination_due:{b.pk}:{b.nomination_deadline}:{-rung}:{unit_id}:{uid}",
                    uid,
                    "nomination_deadline",
                    f"“{b.name}”将于{b.nomination_deadline:%m月%d日}截止推荐",
                    f"贵单位尚未推荐人选，还有{left}天。",
                    url,
                    b.pk,
                    subject_type=BATCH,
                )


@rule
def leave_awaiting_decision(today: date):
    """Leave waiting for a decision: 1 and 3 days after the request, to whoever approves it at its
    length (the receiving unit, the county or the city org department)."""
    offsets = settings.REMINDER_LEAVE_PENDING_DAYS
    items = [
        leave
        for leave in LeaveRequest.objects.filter(status=LeaveRequest.Status.PENDING).select_related(
            "posting__cadre", "posting__receiving_unit", "posting__batch__organizer"
        )
        if latest_rung((today - timezone.localdate(leave.created_at)).days, offsets) is not None
    ]
    who = Recipients(leave.posting for leave in items)
    for leave in items:
        rung = latest_rung((today - timezone.localdate(leave.created_at)).days, offsets)
        for uid in who.leave_approvers(leave):
            yield Candidate(
                f"leave:{leave.pk}:{rung}:{uid}",
                uid,
                "leave_pending",
                f"{leave.posting.cadre.name}的请假等待您审批",
                f"{leave.get_kind_display()}{leave.days}天（{leave.start_date:%m月%d日}至{leave.end_date:%m月%d日}），"
                f"{timezone.localdate(leave.created_at):%m月%d日}申请。",
                reverse("secondment:posting-leave", args=[leave.posting_id]),
                leave.posting_id,
                subject_type=POSTING,
            )

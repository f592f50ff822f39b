"""Leave (请假), monthly attendance and unapproved absence (rule 6). Who approves leave depends on its
length and the cadre's rank, by rules that are data (LeaveRule)."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext

from accounts.models import Role
from accounts.roles import roles_of
from cadres.models import Unit
from core.services import audit_log_record
from core.workflow import transition_check

from ..access import conduct_role_allowed, conduct_status_allowed, leave_roles, posting_roles
from ..models import AbsenceRecord, AttendanceRecord, LeaveApprover, LeaveRequest, LeaveRule, Posting
from ..workflow import LEAVE_TRANSITIONS

A = LeaveApprover
DEFAULT_RULES = [(3, A.RECEIVING_UNIT), (7, A.COUNTY_ORG), (None, A.CITY_ORG)]


def leave_approver_for(*, posting: Posting, days: int, cadre=None) -> str:
    """The rules of the nearest jurisdiction above (or at) the receiving unit that has any, in order;
    the first whose day limit and rank floor fit decides. Without rules: ≤3 days the receiving unit,
    ≤7 the county org department, longer the city org department."""
    cadre = cadre or posting.cadre
    ancestors = [int(i) for i in posting.receiving_unit.path.strip("/").split("/") if i]
    rules = list(LeaveRule.objects.filter(jurisdiction_id__in=ancestors).select_related("min_rank", "jurisdiction"))
    for unit_id in reversed(ancestors):  # nearest first
        own = sorted((r for r in rules if r.jurisdiction_id == unit_id), key=lambda r: (r.order, r.pk))
        if not own:
            continue
        for r in own:
            fits_days = r.max_days is None or days <= r.max_days
            fits_rank = r.min_rank is None or (cadre.rank is not None and cadre.rank.order >= r.min_rank.order)
            if fits_days and fits_rank:
                return r.approver
        break
    return next(approver for limit, approver in DEFAULT_RULES if limit is None or days <= limit)


def _days(start: date, end: date) -> int:
    if end < start:
        raise ValidationError({"end_date": gettext("结束日期不能早于开始日期。")})
    return (end - start).days + 1


@transaction.atomic
def leave_request_create(
    *, posting: Posting, kind: str, start_date: date, end_date: date, reason: str, acting_user
) -> LeaveRequest:
    posting = (
        Posting.objects.select_for_update(of=("self",))
        .select_related("cadre__rank", "receiving_unit")
        .get(pk=posting.pk)
    )
    if not conduct_role_allowed("request_leave", posting_roles(acting_user, posting)):
        raise PermissionDenied(gettext("请假由挂职干部本人申请。"))
    if not conduct_status_allowed("request_leave", posting):
        raise ValidationError(gettext("在岗期间才能请假。"))
    if not reason.strip():
        raise ValidationError({"reason": gettext("请填写请假事由。")})
    days = _days(start_date, end_date)
    overlap = posting.leave_requests.filter(
        status__in=["pending", "approved"], start_date__lte=end_date, end_date__gte=start_date
    ).first()
    if overlap:
        raise ValidationError(f"与{overlap.start_date:%m月%d日}至{overlap.end_date:%m月%d日}的请假时间重叠。")
    leave = LeaveRequest.objects.create(
        posting=posting,
        kind=kind,
        start_date=start_date,
        end_date=end_date,
        days=days,
        reason=reason.strip(),
        approver=leave_approver_for(posting=posting, days=days),
    )
    audit_log_record(actor=acting_user, action="leave.request", target=leave, data={"days": days})
    return leave


@transaction.atomic
def leave_transition(*, leave: LeaveRequest, action: str, acting_user, note: str = "") -> LeaveRequest:
    """Perform one action of secondment.workflow.LEAVE_TRANSITIONS: the one place that changes a leave
    request's status. The audit log is the leave's history."""
    leave = (
        LeaveRequest.objects.select_for_update(of=("self",))
        .select_related("posting__receiving_unit", "posting__cadre")
        .get(pk=leave.pk)
    )
    roles = leave_roles(acting_user, leave)
    forbidden = ""
    if action in ("approve", "reject"):
        forbidden = f"{leave.days}天的请假由{leave.get_approver_display()}审批。"
    transition = transition_check(
        LEAVE_TRANSITIONS,
        action,
        status=leave.status,
        status_label=leave.get_status_display(),
        roles=roles,
        subject="请假",
        forbidden=forbidden,
    )
    old = leave.status
    leave.status = transition.target
    if action in ("approve", "reject"):
        leave.decision_note, leave.decided_at = note.strip(), timezone.now()
        leave.decided_by = acting_user if getattr(acting_user, "pk", None) else None
    leave.save()
    audit_log_record(
        actor=acting_user,
        action=f"leave.{action}",
        target=leave,
        data={"from": old, "to": leave.status, "note": note.strip()},
    )
    return leave


@transaction.atomic
def leave_request_decide(*, leave: LeaveRequest, approve: bool, note: str, acting_user) -> LeaveRequest:
    return leave_transition(leave=leave, action="approve" if approve else "reject", acting_user=acting_user, note=note)


@transaction.atomic
def leave_request_cancel(*, leave: LeaveRequest, acting_user) -> LeaveRequest:
    return leave_transition(leave=leave, action="cancel", acting_user=acting_user)


def _require_receiving(posting, acting_user):
    if not conduct_role_allowed("record_attendance", posting_roles(acting_user, posting)):
        raise PermissionDenied(gettext("考勤和离岗情况由接收单位填报。"))


@transaction.atomic
def attendance_record_set(
    *,
    posting: Posting,
    month: date,
    days_present: int,
    days_on_leave: int = 0,
    days_absent: int = 0,
    notes: str = "",
    acting_user,
) -> AttendanceRecord:
    import calendar

    _require_receiving(posting, acting_user)
    month = month.replace(day=1)
    length = calendar.monthrange(month.year, month.month)[1]
    if days_present + days_on_leave + days_absent > length:
        raise ValidationError(f"{month:%Y年%m月}只有{length}天，出勤、请假、缺勤天数之和超出。")
    record, _ = AttendanceRecord.objects.update_or_create(
        posting=posting,
        month=month,
        defaults={
            "days_present": days_present,
            "days_on_leave": days_on_leave,
            "days_absent": days_absent,
            "notes": notes,
            "entered_by": acting_user if getattr(acting_user, "pk", None) else None,
        },
    )
    audit_log_record(actor=acting_user, action="attendance.set", target=posting, data={"month": f"{month:%Y-%m}"})
    return record


@transaction.atomic
def absence_record_add(*, posting: Posting, start_date: date, end_date: date, notes: str, acting_user) -> AbsenceRecord:
    _require_receiving(posting, acting_user)
    record = AbsenceRecord.objects.create(
        posting=posting,
        start_date=start_date,
        end_date=end_date,
        days=_days(start_date, end_date),
        notes=notes,
        recorded_by=acting_user if getattr(acting_user, "pk", None) else None,
    )
    audit_log_record(actor=acting_user, action="absence.add", target=posting, data={"days": record.days})
    return record


def leave_totals(posting: Posting) -> dict:
    """Approved leave days by kind and in total (used by the appraisal form later), in the database."""
    rows = posting.leave_requests.filter(status="approved").values("kind").annotate(days=Sum("days")).order_by("kind")
    labels = dict(LeaveRequest.Kind.choices)
    by_kind = [(labels[r["kind"]], r["days"]) for r in rows]
    return {
        "by_kind": by_kind,
        "total": sum(d for _, d in by_kind),
        "absent": posting.absences.aggregate(n=Sum("days"))["n"] or 0,
    }


def leave_requests_awaiting(user):
    """Pending leave this user may decide."""
    roles = roles_of(user)
    pending = LeaveRequest.objects.filter(status="pending").select_related("posting__receiving_unit", "posting__cadre")
    if roles.is_admin:
        return pending
    receive = Q(approver=A.RECEIVING_UNIT, posting__receiving_unit_id__in=roles.unit_ids.get(Role.RECEIVE_CONTACT, ()))
    org = Q(pk__in=[])
    for root in Unit.objects.filter(pk__in=roles.unit_ids.get(Role.ORG_STAFF, ())):
        approver = A.COUNTY_ORG if root.level == Unit.Level.COUNTY else A.CITY_ORG
        org |= Q(approver=approver, posting__receiving_unit__path__startswith=root.path)
    return pending.filter(receive | org)

"""Posting tabs: 请假与考勤 (leave, attendance, absence), 督查抽查 (inspections), 工作日志 (work log)."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.generic import View

from core.view_helpers import flash_errors, form_action, run_form_action

from ..access import leave_actions, posting_conduct_actions, posting_get_for_user
from ..forms import conduct as f
from ..models import Inspection, LeaveRequest
from ..services import conduct, leave
from .posting_pages import posting_context


def _posting_for(request, pk: int, action: str):
    """The posting in the user's scope (404 otherwise) on which they may take this conduct action (403)."""
    posting = posting_get_for_user(user=request.user, pk=pk)
    if action not in posting_conduct_actions(request.user, posting):
        raise PermissionDenied
    return posting


class PostingLeaveView(View):
    def get(self, request, pk: int, bound: dict | None = None):
        """`bound`: the one form sent back with errors (by its context name), shown as typed."""
        bound = bound or {}
        context = posting_context(request, pk, "leave")
        posting = context["posting"]
        actions = posting_conduct_actions(request.user, posting, roles=context["roles_here"])
        requests = posting.leave_requests.select_related("decided_by", "posting__receiving_unit").order_by(
            "-start_date"
        )
        context.update(
            actions=actions,
            requests=[(r, leave_actions(request.user, r, context["roles_here"])) for r in requests],
            totals=leave.leave_totals(posting),
            attendance=posting.attendance.select_related("entered_by"),
            absences=posting.absences.select_related("recorded_by"),
            leave_form=bound.get("leave_form") or f.LeaveForm() if "request_leave" in actions else None,
            attendance_form=bound.get("attendance_form") or f.AttendanceForm()
            if "record_attendance" in actions
            else None,
            absence_form=bound.get("absence_form") or f.AbsenceForm() if "record_attendance" in actions else None,
            threshold=settings.LONG_ABSENCE_DAYS,
        )
        return render(request, "secondment/posting_leave.html", context)

    def post(self, request, pk: int):
        what = request.POST.get("what")
        if what == "leave":
            posting = _posting_for(request, pk, "request_leave")
            form = f.LeaveForm(request.POST)
            if not form_action(
                request,
                form,
                lambda **d: leave.leave_request_create(posting=posting, acting_user=request.user, **d),
                "请假申请已提交。",
            ):
                return self.get(request, pk, bound={"leave_form": form})
        elif what in ("attendance", "absence"):
            posting = _posting_for(request, pk, "record_attendance")
            form, service, done = {
                "attendance": (f.AttendanceForm, leave.attendance_record_set, "考勤已保存。"),
                "absence": (f.AbsenceForm, leave.absence_record_add, "已记录。"),
            }[what]
            form = form(request.POST)
            if not form_action(
                request, form, lambda **d: service(posting=posting, acting_user=request.user, **d), done
            ):
                return self.get(request, pk, bound={f"{what}_form": form})
        elif what in ("decide", "cancel"):
            posting = posting_get_for_user(user=request.user, pk=pk)
            item = get_object_or_404(LeaveRequest, pk=request.POST.get("leave"), posting=posting)
            allowed = leave_actions(request.user, item)
            if what == "cancel":
                if "cancel" not in allowed:
                    raise PermissionDenied
                try:
                    leave.leave_request_cancel(leave=item, acting_user=request.user)
                    messages.success(request, gettext("已撤销。"))
                except ValidationError as error:
                    flash_errors(request, error)
            else:
                if not allowed & {"approve", "reject"}:
                    raise PermissionDenied
                run_form_action(
                    request,
                    f.LeaveDecisionForm(request.POST),
                    lambda **d: leave.leave_request_decide(leave=item, acting_user=request.user, **d),
                    "已审批。",
                )
        else:
            raise PermissionDenied
        return redirect("secondment:posting-leave", pk=posting.pk)


class PostingInspectionsView(View):
    def get(self, request, pk: int, bound: dict | None = None):
        bound = bound or {}
        context = posting_context(request, pk, "inspections")
        posting = context["posting"]
        actions = posting_conduct_actions(request.user, posting, roles=context["roles_here"])
        today = timezone.localdate()
        items = posting.inspections.select_related("recorded_by", "rectified_by")
        context.update(
            actions=actions,
            items=[
                (i, i.rectification_required and not i.rectified_at and i.rectification_deadline < today) for i in items
            ],
            inspection_form=bound.get("inspection_form") or f.InspectionForm(initial={"date": today})
            if "inspect" in actions
            else None,
            bound_inspection=bound.get("inspection"),
            bound_rectification_form=bound.get("rectification_form"),
            rectification_form=f.RectificationForm(initial={"rectified_at": today}) if "rectify" in actions else None,
        )
        return render(request, "secondment/posting_inspections.html", context)

    def post(self, request, pk: int):
        if request.POST.get("what") == "rectify":
            posting = _posting_for(request, pk, "rectify")
            item = get_object_or_404(Inspection, pk=request.POST.get("inspection"), posting=posting)
            form = f.RectificationForm(request.POST)
            if not form_action(
                request,
                form,
                lambda **d: conduct.inspection_record_rectification(inspection=item, acting_user=request.user, **d),
                "整改情况已填报。",
            ):
                return self.get(request, pk, bound={"rectification_form": form, "inspection": item.pk})
        else:
            posting = _posting_for(request, pk, "inspect")
            form = f.InspectionForm(request.POST)
            if not form_action(
                request,
                form,
                lambda **d: conduct.inspection_record(posting=posting, acting_user=request.user, **d),
                "督查已记录。",
            ):
                return self.get(request, pk, bound={"inspection_form": form})
        return redirect("secondment:posting-inspections", pk=posting.pk)


class PostingWorkLogView(View):
    def get(self, request, pk: int, bound=None):
        context = posting_context(request, pk, "worklog")
        posting = context["posting"]
        actions = posting_conduct_actions(request.user, posting, roles=context["roles_here"])
        page = Paginator(posting.work_logs.all(), 30).get_page(request.GET.get("page"))
        context.update(
            actions=actions,
            page=page,
            query="",
            form=bound or f.WorkLogForm(initial={"date": timezone.localdate()}) if "log_work" in actions else None,
        )
        return render(request, "secondment/posting_worklog.html", context)

    def post(self, request, pk: int):
        posting = _posting_for(request, pk, "log_work")
        form = f.WorkLogForm(request.POST)
        if not form_action(
            request,
            form,
            lambda **d: conduct.work_log_add(posting=posting, acting_user=request.user, **d),
            "日志已保存。",
        ):
            return self.get(request, pk, bound=form)
        return redirect("secondment:posting-worklog", pk=posting.pk)

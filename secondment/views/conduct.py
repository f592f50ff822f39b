"""Posting tabs: 请假与考勤 (leave, attendance, absence), 督查抽查 (inspections), 工作日志 (work log)."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.generic import View

from core.view_helpers import flash_errors, run_form_action

from ..forms import conduct as f
from ..models import Inspection, LeaveRequest
from ..selectors import posting_get_for_user
from ..services import conduct, leave
from .posting_pages import posting_context


class PostingLeaveView(View):
    def get(self, request, pk: int):
        context = posting_context(request, pk, "leave")
        posting, roles = context["posting"], context["roles_here"]
        requests = posting.leave_requests.select_related("decided_by").order_by("-start_date")
        context.update(
            requests=[(r, r.status == "pending" and leave.may_decide(request.user, r)) for r in requests],
            totals=leave.leave_totals(posting),
            attendance=posting.attendance.select_related("entered_by"),
            absences=posting.absences.select_related("recorded_by"),
            leave_form=f.LeaveForm() if "cadre" in roles else None,
            decision_form=f.LeaveDecisionForm(),
            attendance_form=f.AttendanceForm() if roles & {"receive_contact", "org_staff"} else None,
            absence_form=f.AbsenceForm() if roles & {"receive_contact", "org_staff"} else None,
            threshold=settings.LONG_ABSENCE_DAYS,
        )
        return render(request, "secondment/posting_leave.html", context)

    def post(self, request, pk: int):
        posting = posting_get_for_user(user=request.user, pk=pk)
        what = request.POST.get("what")
        if what == "leave":
            run_form_action(
                request,
                f.LeaveForm(request.POST),
                lambda **d: leave.leave_request_create(posting=posting, acting_user=request.user, **d),
                "请假申请已提交。",
            )
        elif what == "attendance":
            run_form_action(
                request,
                f.AttendanceForm(request.POST),
                lambda **d: leave.attendance_record_set(posting=posting, acting_user=request.user, **d),
                "考勤已保存。",
            )
        elif what == "absence":
            run_form_action(
                request,
                f.AbsenceForm(request.POST),
                lambda **d: leave.absence_record_add(posting=posting, acting_user=request.user, **d),
                "已记录。",
            )
        elif what in ("decide", "cancel"):
            item = get_object_or_404(LeaveRequest, pk=request.POST.get("leave"), posting=posting)
            if what == "cancel":
                try:
                    leave.leave_request_cancel(leave=item, acting_user=request.user)
                    messages.success(request, gettext("已撤销。"))
                except ValidationError as error:
                    flash_errors(request, error)
            else:
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
    def get(self, request, pk: int):
        context = posting_context(request, pk, "inspections")
        posting, roles = context["posting"], context["roles_here"]
        today = timezone.localdate()
        items = posting.inspections.select_related("recorded_by", "rectified_by")
        context.update(
            items=[
                (i, i.rectification_required and not i.rectified_at and i.rectification_deadline < today) for i in items
            ],
            inspection_form=f.InspectionForm(initial={"date": today})
            if conduct.may_inspect(request.user, posting)
            else None,
            rectification_form=f.RectificationForm(initial={"rectified_at": today})
            if roles & {"cadre", "receive_contact", "org_staff"} or conduct.may_inspect(request.user, posting)
            else None,
        )
        return render(request, "secondment/posting_inspections.html", context)

    def post(self, request, pk: int):
        posting = posting_get_for_user(user=request.user, pk=pk)
        if request.POST.get("what") == "rectify":
            item = get_object_or_404(Inspection, pk=request.POST.get("inspection"), posting=posting)
            run_form_action(
                request,
                f.RectificationForm(request.POST),
                lambda **d: conduct.inspection_record_rectification(inspection=item, acting_user=request.user, **d),
                "整改情况已填报。",
            )
        else:
            run_form_action(
                request,
                f.InspectionForm(request.POST),
                lambda **d: conduct.inspection_record(posting=posting, acting_user=request.user, **d),
                "督查已记录。",
            )
        return redirect("secondment:posting-inspections", pk=posting.pk)


class PostingWorkLogView(View):
    def get(self, request, pk: int):
        context = posting_context(request, pk, "worklog")
        posting = context["posting"]
        page = Paginator(posting.work_logs.all(), 30).get_page(request.GET.get("page"))
        context.update(
            page=page,
            query="",
            form=f.WorkLogForm(initial={"date": timezone.localdate()}) if "cadre" in context["roles_here"] else None,
        )
        return render(request, "secondment/posting_worklog.html", context)

    def post(self, request, pk: int):
        posting = posting_get_for_user(user=request.user, pk=pk)
        run_form_action(
            request,
            f.WorkLogForm(request.POST),
            lambda **d: conduct.work_log_add(posting=posting, acting_user=request.user, **d),
            "日志已保存。",
        )
        return redirect("secondment:posting-worklog", pk=posting.pk)

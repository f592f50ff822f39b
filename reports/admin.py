from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin import ListDefersMixin, NotDeletableMixin, RowLinksMixin, labelled_filter
from core.paginator import ADMIN_PER_PAGE, EstimatedCountPaginator

from .models import ReportCycle, WorkReport, WorkReportAttachment, WorkReportRound


@admin.register(ReportCycle)
class ReportCycleAdmin(admin.ModelAdmin):
    list_display = ["name", "period_months", "recipient", "due_days", "jurisdiction", "is_active"]
    list_filter = ["period_months", "recipient", "is_active"]
    search_fields = ["name", "jurisdiction__name"]
    autocomplete_fields = ["jurisdiction"]


class RoundLabelMixin:
    @admin.display(description=_("操作"), ordering="action")
    def action_name(self, obj) -> str:
        return obj.action_label


class RoundInline(RoundLabelMixin, admin.TabularInline):
    model = WorkReportRound
    extra = 0
    can_delete = False
    readonly_fields = ["created_at", "actor", "action_name", "comments"]
    exclude = ["snapshot"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(WorkReport)
class WorkReportAdmin(RowLinksMixin, ListDefersMixin, NotDeletableMixin, admin.ModelAdmin):
    """Read-only: the cadre writes and reviewers review on the pages (reports.services)."""

    show_full_result_count = False  # no second COUNT(*) over millions of rows (issue 18)
    paginator = EstimatedCountPaginator
    list_per_page = ADMIN_PER_PAGE
    ordering = ["-id"]  # newest first by the primary key: the model's order has no index (issue 18)
    list_display = ["posting", "cycle", "period_start", "period_end", "due_date", "status", "submitted_late"]
    list_filter = ["status", "cycle", "submitted_late", "out_of_term"]
    # 姓名 only: "%…%" over 主要工作 reads every report (issue 18)
    search_fields = ["posting__cadre__name__chars_contain"]
    list_select_related = ["posting__cadre", "posting__receiving_unit", "cycle"]
    list_defer = (
        *("main_work", "results", "problems", "next_plans", "other"),
        *("posting__duties", "posting__responsibilities", "posting__training_plan", "posting__cadre__notes"),
    )
    inlines = [RoundInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(WorkReportRound)
class WorkReportRoundAdmin(RowLinksMixin, RoundLabelMixin, NotDeletableMixin, admin.ModelAdmin):
    show_full_result_count = False  # no second COUNT(*) over millions of rows (issue 18)
    paginator = EstimatedCountPaginator
    list_per_page = ADMIN_PER_PAGE
    ordering = ["-id"]  # newest first by the primary key: the model's order has no index (issue 18)
    list_display = ["created_at", "report", "actor", "action_name"]
    list_filter = [
        labelled_filter("action", _("操作"), WorkReportRound.ACTION_LABELS),
        "created_at",
    ]
    exclude = ["action"]
    readonly_fields = ["action_name"]
    search_fields = ["report__posting__cadre__name__chars_contain"]  # 姓名 only (issue 18)
    list_select_related = ["report__posting__cadre", "report__posting__receiving_unit", "report__cycle", "actor"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(WorkReportAttachment)
class WorkReportAttachmentAdmin(NotDeletableMixin, admin.ModelAdmin):
    """Read-only: the author attaches files on the report page (reports.services.work_report_attach);
    what was handed in with a report stays with it."""

    list_display = ["name", "report", "size", "created_at"]
    list_filter = ["created_at"]
    search_fields = ["name", "report__posting__cadre__name"]
    list_select_related = ["report__posting__cadre", "report__posting__receiving_unit", "report__cycle"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

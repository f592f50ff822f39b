from django.contrib import admin
from django.db import connection
from django.utils.translation import gettext_lazy as _

from .models import AuditLog, Delivery, ImportUpload, Notification, Reminder, WebhookTarget, WorkerHeartbeat
from .paginator import EstimatedCountPaginator


class NotDeletableMixin:
    """For records that carry history: they are terminated or corrected on the pages, never deleted.
    With no delete permission Django offers no delete page (403) and drops the bulk "delete selected"
    action, and refuses to delete any object that would cascade onto one of these."""

    def has_delete_permission(self, request, obj=None):
        return False


class AuditActionFilter(admin.SimpleListFilter):
    """操作: the distinct actions, read by a skip scan of the action index on PostgreSQL (one probe per
    action) instead of a DISTINCT over every audit row (issue 18)."""

    title = _("操作")
    parameter_name = "action"

    def lookups(self, request, model_admin):
        if connection.vendor == "postgresql":
            table = connection.ops.quote_name(AuditLog._meta.db_table)
            with connection.cursor() as cursor:
                cursor.execute(
                    f"WITH RECURSIVE t(a) AS (SELECT MIN(action) FROM {table} UNION ALL "
                    f"SELECT (SELECT MIN(action) FROM {table} WHERE action > t.a) FROM t WHERE t.a IS NOT NULL) "
                    "SELECT a FROM t WHERE a IS NOT NULL"
                )
                actions = [row[0] for row in cursor.fetchall()]
        else:
            actions = AuditLog.objects.order_by("action").values_list("action", flat=True).distinct()
        return [(action, action) for action in actions]

    def queryset(self, request, queryset):
        return queryset.filter(action=self.value()) if self.value() else queryset


@admin.register(AuditLog)
class AuditLogAdmin(NotDeletableMixin, admin.ModelAdmin):
    """The audit trail is evidence: read-only in admin."""

    show_full_result_count = False  # no second COUNT(*) over millions of rows (issue 18)
    paginator = EstimatedCountPaginator
    list_display = ["created_at", "actor", "action", "target_type", "target_repr"]
    list_filter = [AuditActionFilter, "target_type", "created_at"]
    search_fields = ["action", "target_repr", "actor__username", "actor__full_name"]
    list_select_related = ["actor", "target_type"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(WorkerHeartbeat)
class WorkerHeartbeatAdmin(admin.ModelAdmin):
    list_display = ["name", "seen_at"]
    list_filter = ["seen_at"]
    search_fields = ["name"]
    readonly_fields = ["name", "seen_at"]


@admin.register(ImportUpload)
class ImportUploadAdmin(admin.ModelAdmin):
    list_display = ["original_name", "kind", "uploaded_by", "status", "created_at", "applied_at"]
    list_filter = ["kind", "status", "created_at"]
    search_fields = ["original_name", "uploaded_by__username", "uploaded_by__full_name"]
    list_select_related = ["uploaded_by"]
    readonly_fields = [
        "kind",
        "uploaded_by",
        "file",
        "original_name",
        "skip_bad_rows",
        "status",
        "summary",
        "applied_at",
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("parsed")  # the kept rows of each upload can be megabytes

    def has_add_permission(self, request):
        return False


class DeliveryInline(admin.TabularInline):
    model = Delivery
    extra = 0
    can_delete = False
    readonly_fields = ["channel", "status", "attempts", "last_error", "sent_at"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Reminder)
class ReminderAdmin(NotDeletableMixin, admin.ModelAdmin):
    show_full_result_count = False  # no second COUNT(*) over millions of rows (issue 18)
    paginator = EstimatedCountPaginator
    list_display = ["created_at", "recipient", "kind", "title"]
    list_filter = ["kind", "created_at", "deliveries__status"]
    search_fields = ["title", "key", "recipient__username", "recipient__full_name"]
    list_select_related = ["recipient"]
    inlines = [DeliveryInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Delivery)
class DeliveryAdmin(NotDeletableMixin, admin.ModelAdmin):
    """Failed deliveries are visible here for admins."""

    show_full_result_count = False  # no second COUNT(*) over millions of rows (issue 18)
    paginator = EstimatedCountPaginator
    list_display = ["reminder", "channel", "status", "attempts", "sent_at", "last_error"]
    list_filter = ["status", "channel"]
    search_fields = ["reminder__title", "last_error"]
    list_select_related = ["reminder__recipient"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Notification)
class NotificationAdmin(NotDeletableMixin, admin.ModelAdmin):
    """Read-only: notifications are sent by the reminder engine (core.channels) and read by their user."""

    show_full_result_count = False  # no second COUNT(*) over millions of rows (issue 18)
    paginator = EstimatedCountPaginator
    list_display = ["created_at", "user", "title", "read_at"]
    list_filter = ["read_at", "created_at"]
    search_fields = ["title", "user__username"]
    list_select_related = ["user"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(WebhookTarget)
class WebhookTargetAdmin(admin.ModelAdmin):
    list_display = ["name", "unit", "url", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "unit__name"]
    autocomplete_fields = ["unit"]

from django.contrib import admin

from .models import AuditLog, Delivery, ExportJob, ImportUpload, Notification, Reminder, WebhookTarget, WorkerHeartbeat


class NotDeletableMixin:
    """For records that carry history: they are terminated or corrected on the pages, never deleted.
    With no delete permission Django offers no delete page (403) and drops the bulk "delete selected"
    action, and refuses to delete any object that would cascade onto one of these."""

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditLog)
class AuditLogAdmin(NotDeletableMixin, admin.ModelAdmin):
    """The audit trail is evidence: read-only in admin."""

    list_display = ["created_at", "actor", "action", "target_type", "target_repr"]
    list_filter = ["action", "target_type", "created_at"]
    search_fields = ["action", "target_repr", "actor__username", "actor__full_name"]
    date_hierarchy = "created_at"
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


@admin.register(ExportJob)
class ExportJobAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "owner", "status", "done", "total", "created_at"]
    list_filter = ["kind", "status", "created_at"]
    search_fields = ["title", "owner__username", "owner__full_name"]
    list_select_related = ["owner"]
    readonly_fields = ["owner", "kind", "title", "params", "status", "total", "done", "file", "filename", "error"]

    def has_add_permission(self, request):
        return False

from django.contrib import admin

from .models import AuditLog, WorkerHeartbeat


@admin.register(AuditLog)
class AuditLogAdmin(admin.ModelAdmin):
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

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(WorkerHeartbeat)
class WorkerHeartbeatAdmin(admin.ModelAdmin):
    list_display = ["name", "seen_at"]
    list_filter = ["seen_at"]
    search_fields = ["name"]
    readonly_fields = ["name", "seen_at"]

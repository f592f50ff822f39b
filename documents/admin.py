from django.contrib import admin

from .models import ArchivedForm, FileTransfer, PrintJob


@admin.register(ArchivedForm)
class ArchivedFormAdmin(admin.ModelAdmin):
    """Archived forms are evidence: read-only."""

    list_display = ["appraisal", "sha256", "size", "created_at"]
    list_filter = ["created_at"]
    search_fields = ["sha256", "appraisal__posting__cadre__name"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PrintJob)
class PrintJobAdmin(admin.ModelAdmin):
    list_display = ["batch", "owner", "status", "done", "total", "created_at"]
    list_filter = ["status", "created_at"]
    search_fields = ["batch__name", "owner__username"]


@admin.register(FileTransfer)
class FileTransferAdmin(admin.ModelAdmin):
    list_display = ["appraisal", "transferred_on", "recipient", "recorded_by"]
    list_filter = ["transferred_on"]
    search_fields = ["appraisal__posting__cadre__name", "recipient"]

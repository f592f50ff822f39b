from django.contrib import admin

from core.admin import NotDeletableMixin

from .models import ArchivedForm, FileTransfer, PrintJob


@admin.register(ArchivedForm)
class ArchivedFormAdmin(NotDeletableMixin, admin.ModelAdmin):
    """Archived forms are evidence: read-only."""

    list_display = ["appraisal", "sha256", "size", "created_at"]
    list_filter = ["created_at"]
    search_fields = ["sha256", "appraisal__posting__cadre__name"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(PrintJob)
class PrintJobAdmin(admin.ModelAdmin):
    """Jobs are started from the batch page (documents.services.print_job_create, which queues the
    worker); admin may remove old ones, as the daily clean-up does."""

    list_display = ["batch", "owner", "status", "done", "total", "created_at"]
    list_filter = ["status", "created_at"]
    search_fields = ["batch__name", "owner__username"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(FileTransfer)
class FileTransferAdmin(NotDeletableMixin, admin.ModelAdmin):
    """Read-only: the org department records a hand-off on the appraisal page
    (documents.services.file_transfer_record, which checks the appraisal is final and audits it)."""

    list_display = ["appraisal", "transferred_on", "recipient", "recorded_by"]
    list_filter = ["transferred_on"]
    search_fields = ["appraisal__posting__cadre__name", "recipient"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

from django.contrib import admin
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from core.admin import NotDeletableMixin

from . import services
from .models import ArchivedForm, DocumentSettings, FileTransfer, PrintJob


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

    list_display = ["batch", "kind", "owner", "status", "done", "total", "created_at"]
    list_filter = ["kind", "status", "created_at"]
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


@admin.register(DocumentSettings)
class DocumentSettingsAdmin(admin.ModelAdmin):
    """A jurisdiction's form settings; writes go through documents.services, which leave audit rows."""

    list_display = ["jurisdiction_display", "appraisal_form_title", "updated_at"]
    list_filter = [("jurisdiction", admin.EmptyFieldListFilter), "jurisdiction__level"]
    search_fields = ["jurisdiction__name", "appraisal_form_title"]
    autocomplete_fields = ["jurisdiction"]
    list_select_related = ["jurisdiction"]

    @admin.display(description=_("管辖范围"), ordering="jurisdiction__path")
    def jurisdiction_display(self, obj):
        return obj.jurisdiction or _("全部（未另设的管辖范围）")

    def save_model(self, request, obj, form, change):
        services.document_settings_save(settings=obj, acting_user=request.user)

    def delete_model(self, request, obj):
        services.document_settings_delete(settings=obj, acting_user=request.user)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for settings in queryset:
                services.document_settings_delete(settings=settings, acting_user=request.user)

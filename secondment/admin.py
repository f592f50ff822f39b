from django.contrib import admin

from cadres.admin import ReferenceItemAdmin

from .models import Batch, BatchKind, BatchOffer, BatchQuota, Nomination, NominationEvent, PostTitle, RankAgeCeiling

admin.site.register(BatchKind, ReferenceItemAdmin)
admin.site.register(PostTitle, ReferenceItemAdmin)


class QuotaInline(admin.TabularInline):
    model = BatchQuota
    extra = 0
    autocomplete_fields = ["dispatching_unit"]


class OfferInline(admin.TabularInline):
    model = BatchOffer
    extra = 0
    autocomplete_fields = ["receiving_unit"]


class CeilingInline(admin.TabularInline):
    model = RankAgeCeiling
    extra = 0


@admin.register(Batch)
class BatchAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "year", "organizer", "status", "nomination_deadline", "planned_start"]
    list_filter = ["status", "kind", "year"]
    search_fields = ["name", "organizer__name"]
    autocomplete_fields = ["organizer"]
    list_select_related = ["kind", "organizer"]
    inlines = [QuotaInline, OfferInline, CeilingInline]
    # The status follows the batch workflow (secondment.services.batches): not editable here.
    readonly_fields = ["status", "created_by"]


@admin.register(BatchQuota)
class BatchQuotaAdmin(admin.ModelAdmin):
    list_display = ["batch", "dispatching_unit", "quota"]
    list_filter = ["batch__year", "batch__kind"]
    search_fields = ["batch__name", "dispatching_unit__name"]
    list_select_related = ["batch", "dispatching_unit"]


@admin.register(BatchOffer)
class BatchOfferAdmin(admin.ModelAdmin):
    list_display = ["batch", "receiving_unit", "post_title", "count"]
    list_filter = ["post_title", "batch__year"]
    search_fields = ["batch__name", "receiving_unit__name"]
    list_select_related = ["batch", "receiving_unit", "post_title"]


@admin.register(RankAgeCeiling)
class RankAgeCeilingAdmin(admin.ModelAdmin):
    list_display = ["batch", "rank_from", "rank_to", "max_age"]
    list_filter = ["batch__year"]
    search_fields = ["batch__name"]


class EventInline(admin.TabularInline):
    model = NominationEvent
    extra = 0
    can_delete = False
    readonly_fields = ["created_at", "actor", "action", "from_status", "to_status", "reason", "data"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Nomination)
class NominationAdmin(admin.ModelAdmin):
    """Decisions are made on the pages (secondment.services.nominations), which enforce quota,
    deadline, eligibility and the history; admin shows them read-only."""

    list_display = ["cadre", "batch", "dispatching_unit", "method", "status", "inspection", "offer"]
    list_filter = ["status", "method", "inspection", "batch"]
    search_fields = ["cadre__name", "cadre__id_number", "batch__name", "dispatching_unit__name"]
    list_select_related = ["cadre", "batch", "dispatching_unit", "offer"]
    inlines = [EventInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(NominationEvent)
class NominationEventAdmin(admin.ModelAdmin):
    list_display = ["created_at", "nomination", "actor", "action", "from_status", "to_status"]
    list_filter = ["action", "created_at"]
    search_fields = ["nomination__cadre__name", "reason"]
    list_select_related = ["nomination__cadre", "nomination__batch", "actor"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

from django import forms
from django.contrib import admin
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cadres.admin import ReferenceItemAdmin
from core.admin import (
    HistoryLabelsMixin,
    ListDefersMixin,
    NotDeletableMixin,
    RowLinksMixin,
    labelled_filter,
    search_terms,
)
from core.paginator import ADMIN_PER_PAGE, EstimatedCountPaginator

from .models import (
    AbsenceRecord,
    AppointmentFormality,
    AttendanceRecord,
    Batch,
    BatchKind,
    BatchOffer,
    BatchQuota,
    ExtensionCondition,
    ExtensionRequest,
    Inspection,
    LeaveRequest,
    LeaveRule,
    Nomination,
    NominationEvent,
    Posting,
    PostingStatusChange,
    PostTitle,
    RankAgeCeiling,
    TerminationProposal,
    WorkLogEntry,
)

# Admin search over the big tables (issue 18): the cadre only (one join), 姓名 anywhere in the name with
# `chars_contain` (core.lookups: Chinese has no case, so no UPPER() on every row; the cadre_name_chars
# index serves any length, "王" too, where the trigram index needs three characters) and 身份证号 by its
# start (the unique index serves it).
SEARCH_CADRE = ["cadre__name__chars_contain", "cadre__id_number__startswith"]


class PostingSearchMixin:
    """Search of a posting's records by the cadre's 姓名 and the record's own text fields (the rest of
    `search_fields`, `icontains`): the postings of the cadres whose name contains the term are found
    first (cadre_name_chars, then the posting's cadre index) and the records matched by their posting
    id, OR-ed with their own fields. Joined and OR-ed, "猫" made PostgreSQL join every leave request or
    appraisal to its posting and cadre to look at the names (0.1–0.3 s; issue 18)."""

    search_posting = "posting"  # the path from the record to its posting

    def get_search_results(self, request, queryset, search_term):
        own = [field for field in self.search_fields if "cadre__" not in field]
        for term in search_terms(search_term):
            postings = Posting.objects.filter(cadre__name__chars_contain=term).values("pk")
            condition = Q(**{f"{self.search_posting}__in": postings})
            for field in own:
                condition |= Q(**{field if "__" in field else f"{field}__icontains": term})
            queryset = queryset.filter(condition)
        return queryset, False


class ReadOnlyAdmin(NotDeletableMixin, admin.ModelAdmin):
    """Operational records change on the pages, through the services that enforce their rules;
    admin shows them (with filters and search) but does not write them."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ReadOnlyInline(admin.TabularInline):
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


admin.site.register(BatchKind, ReferenceItemAdmin)
admin.site.register(PostTitle, ReferenceItemAdmin)


class QuotaInline(ReadOnlyInline):
    model = BatchQuota
    extra = 0
    autocomplete_fields = ["dispatching_unit"]


class OfferInline(ReadOnlyInline):
    model = BatchOffer
    extra = 0
    autocomplete_fields = ["receiving_unit"]


class CeilingInline(ReadOnlyInline):
    model = RankAgeCeiling
    extra = 0


class BatchAdminForm(forms.ModelForm):
    class Meta:
        model = Batch
        fields = [  # status and created_by are set by the workflow and the service
            "name",
            "kind",
            "year",
            "organizer",
            "term_months",
            "planned_start",
            "nomination_deadline",
            "age_reference_date",
            "max_age",
            "min_rank",
            "max_rank",
            "reserve_only",
            "min_education",
            "pre_training",
            "description",
            "written_weight",
            "interview_weight",
        ]

    def clean(self):
        from django.core.exceptions import ValidationError

        from .services.batches import batch_validate

        data = super().clean()
        candidate = Batch(**{k: v for k, v in data.items() if k in {f.name for f in Batch._meta.fields}})
        try:
            batch_validate(candidate)
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                self.add_error(field if field in self.fields else None, messages)
        return data


@admin.register(Batch)
class BatchAdmin(admin.ModelAdmin):
    """Written through secondment.services.batches. Only a draft batch may be deleted."""

    form = BatchAdminForm
    list_display = ["name", "kind", "year", "organizer", "status", "nomination_deadline", "planned_start"]
    list_filter = ["status", "kind", "year"]
    search_fields = ["name", "organizer__name"]
    autocomplete_fields = ["organizer"]
    list_select_related = ["kind", "organizer"]
    inlines = [QuotaInline, OfferInline, CeilingInline]
    # The status follows the batch workflow; quotas, posts and ceilings are set on the batch page.
    readonly_fields = ["status", "created_by"]

    def save_model(self, request, obj, form, change):
        """Through the same services as the pages (their validation and audit)."""
        from .services.batches import batch_create, batch_update

        data = {name: form.cleaned_data[name] for name in form.changed_data if name in form.cleaned_data}
        if change:
            batch_update(batch=Batch.objects.get(pk=obj.pk), acting_user=request.user, **data)
        else:
            obj.pk = batch_create(acting_user=request.user, **form.cleaned_data).pk

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.status != Batch.Status.DRAFT:
            return False
        return super().has_delete_permission(request, obj)

    def get_deleted_objects(self, objs, request):
        """A draft batch's quotas, posts and age ceilings are part of it (read-only in their own admin):
        they go with it, so their admins' refusal to delete them alone does not block it."""
        to_delete, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        own = {str(model._meta.verbose_name) for model in (BatchQuota, BatchOffer, RankAgeCeiling)}
        return to_delete, model_count, {name for name in perms_needed if str(name) not in own}, protected

    def delete_model(self, request, obj):
        from .services.batches import batch_delete

        batch_delete(batch=obj, acting_user=request.user)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for batch in queryset:
                self.delete_model(request, batch)


@admin.register(BatchQuota)
class BatchQuotaAdmin(ReadOnlyAdmin):
    list_display = ["batch", "dispatching_unit", "quota"]
    list_filter = ["batch__year", "batch__kind"]
    search_fields = ["batch__name", "dispatching_unit__name"]
    list_select_related = ["batch", "dispatching_unit"]


@admin.register(BatchOffer)
class BatchOfferAdmin(ReadOnlyAdmin):
    list_display = ["batch", "receiving_unit", "post_title", "count"]
    list_filter = ["post_title", "batch__year"]
    search_fields = ["batch__name", "receiving_unit__name"]
    list_select_related = ["batch", "receiving_unit", "post_title"]


@admin.register(RankAgeCeiling)
class RankAgeCeilingAdmin(ReadOnlyAdmin):
    list_display = ["batch", "rank_from", "rank_to", "max_age"]
    list_filter = ["batch__year"]
    search_fields = ["batch__name"]


class EventInline(HistoryLabelsMixin, admin.TabularInline):
    model = NominationEvent
    extra = 0
    can_delete = False
    readonly_fields = ["created_at", "actor", "action_name", "from_name", "to_name", "reason", "data"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Nomination)
class NominationAdmin(RowLinksMixin, ListDefersMixin, NotDeletableMixin, admin.ModelAdmin):
    """Decisions are made on the pages (secondment.services.nominations), which enforce quota,
    deadline, eligibility and the history; admin shows them read-only. A nomination is withdrawn or
    decided, never deleted."""

    show_full_result_count = False  # no second COUNT(*) over millions of rows (issue 18)
    paginator = EstimatedCountPaginator
    list_per_page = ADMIN_PER_PAGE
    ordering = ["-id"]  # newest first by the primary key: the model's order has no index (issue 18)
    list_display = ["cadre", "batch", "dispatching_unit", "method", "status", "inspection", "offer"]
    list_filter = ["status", "method", "inspection", "batch__year"]
    search_fields = SEARCH_CADRE
    list_select_related = ["cadre", "batch", "dispatching_unit", "offer__receiving_unit", "offer__post_title"]
    list_defer = ("reason", "eligibility_failures", "override_reason", "inspection_notes", "decision_reason")
    list_defer += ("cadre__notes", "batch__description")
    inlines = [EventInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(NominationEvent)
class NominationEventAdmin(RowLinksMixin, HistoryLabelsMixin, NotDeletableMixin, admin.ModelAdmin):
    show_full_result_count = False  # no second COUNT(*) over millions of rows (issue 18)
    paginator = EstimatedCountPaginator
    list_per_page = ADMIN_PER_PAGE
    ordering = ["-id"]  # newest first by the primary key: the model's order has no index (issue 18)
    list_display = ["created_at", "nomination", "actor", "action_name", "from_name", "to_name"]
    list_filter = [
        labelled_filter("action", _("操作"), NominationEvent.ACTION_LABELS),
        "created_at",
    ]
    exclude = ["action", "from_status", "to_status"]
    readonly_fields = ["action_name", "from_name", "to_name"]
    search_fields = ["nomination__cadre__name__chars_contain"]  # 姓名 only (issue 18)
    list_select_related = ["nomination__cadre", "nomination__batch", "actor"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class HistoryInline(HistoryLabelsMixin, admin.TabularInline):
    model = PostingStatusChange
    extra = 0
    can_delete = False
    readonly_fields = ["created_at", "actor", "action_name", "from_name", "to_name", "reason", "data"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Posting)
class PostingAdmin(RowLinksMixin, ListDefersMixin, NotDeletableMixin, admin.ModelAdmin):
    """Status, dates and filing change only through secondment.services.postings (the workflow),
    which records the history. Admin edits the 三定 and 帮带 plan through posting_update_plan, while
    the service allows it; a posting is terminated, never deleted."""

    show_full_result_count = False  # no second COUNT(*) over millions of rows (issue 18)
    paginator = EstimatedCountPaginator
    list_per_page = ADMIN_PER_PAGE
    list_display = [
        "cadre",
        "batch",
        "dispatching_unit",
        "receiving_unit",
        "post",
        "status",
        "start_date",
        "end_date",
        "filing",
    ]
    list_filter = ["status", "filing", "batch__kind", "batch__year"]
    search_fields = SEARCH_CADRE
    list_select_related = ["cadre", "batch", "dispatching_unit", "receiving_unit"]
    list_defer = ("duties", "responsibilities", "training_plan", "cadre__notes", "batch__description")
    readonly_fields = [
        "cadre",
        "batch",
        "nomination",
        "dispatching_unit",
        "receiving_unit",
        "status",
        "start_date",
        "planned_end_date",
        "end_date",
        "arrival_date",
        "appointment_doc_no",
        "appointment_date",
        "filing",
        "filing_no",
        "filing_date",
        "original_post",
        "post",
    ]
    inlines = [HistoryInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        from .services.postings import PLAN_STATUSES

        if obj is not None and obj.status not in PLAN_STATUSES:
            return False
        return super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        from .services.postings import posting_update_plan

        fields = {name: form.cleaned_data[name] for name in form.changed_data if name in form.cleaned_data}
        if fields:
            posting_update_plan(posting=obj, acting_user=request.user, **fields)


@admin.register(PostingStatusChange)
class PostingStatusChangeAdmin(RowLinksMixin, ListDefersMixin, HistoryLabelsMixin, NotDeletableMixin, admin.ModelAdmin):
    show_full_result_count = False  # no second COUNT(*) over millions of rows (issue 18)
    paginator = EstimatedCountPaginator
    list_per_page = ADMIN_PER_PAGE
    ordering = ["-id"]  # newest first by the primary key: the model's order has no index (issue 18)
    list_display = ["created_at", "posting", "actor", "action_name", "from_name", "to_name"]
    list_filter = [
        labelled_filter("action", _("操作"), PostingStatusChange.ACTION_LABELS),
        labelled_filter("to_status", _("新状态"), dict(Posting.Status.choices)),
        "created_at",
    ]
    exclude = ["action", "from_status", "to_status"]
    readonly_fields = ["action_name", "from_name", "to_name"]
    search_fields = ["posting__cadre__name__chars_contain"]  # 姓名 only (issue 18)
    list_select_related = ["posting__cadre", "posting__receiving_unit", "actor"]
    list_defer = ("data", "posting__duties", "posting__responsibilities", "posting__training_plan")
    list_defer += ("posting__cadre__notes",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ExtensionCondition)
class ExtensionConditionAdmin(admin.ModelAdmin):
    """The conditions an extension needs, per jurisdiction (blank: the defaults); saved through the
    service (validated and audited)."""

    list_display = ["jurisdiction", "kind", "min_grade", "order"]
    list_filter = ["kind", "min_grade"]
    search_fields = ["jurisdiction__name"]
    autocomplete_fields = ["jurisdiction"]
    list_select_related = ["jurisdiction"]

    def save_model(self, request, obj, form, change):
        from .services.postings import extension_condition_save

        saved = extension_condition_save(
            condition=ExtensionCondition.objects.get(pk=obj.pk) if change else None,
            acting_user=request.user,
            **form.cleaned_data,
        )
        obj.pk = saved.pk


@admin.register(ExtensionRequest)
class ExtensionRequestAdmin(ReadOnlyAdmin):
    """Read-only: request, consent and decision are taken on the posting page (services.postings)."""

    list_display = ["posting", "new_end_date", "consent", "consent_by", "cadre_willing", "decision", "decided_by"]
    list_filter = ["decision", "consent", "cadre_willing"]
    search_fields = ["posting__cadre__name", "receiving_unit_request", "consent_reason", "decision_reason"]
    list_select_related = ["posting__cadre", "posting__receiving_unit", "consent_by", "decided_by"]
    readonly_fields = ["decision", "consent", "consent_by", "consent_at", "decided_by", "decided_at"]


@admin.register(LeaveRule)
class LeaveRuleAdmin(admin.ModelAdmin):
    list_display = ["jurisdiction", "max_days", "min_rank", "approver", "order"]
    list_filter = ["approver"]
    search_fields = ["jurisdiction__name"]
    autocomplete_fields = ["jurisdiction"]


@admin.register(LeaveRequest)
class LeaveRequestAdmin(PostingSearchMixin, RowLinksMixin, ReadOnlyAdmin):
    show_full_result_count = False  # no second COUNT(*) over millions of rows (issue 18)
    paginator = EstimatedCountPaginator
    list_per_page = ADMIN_PER_PAGE
    list_display = ["posting", "kind", "start_date", "end_date", "days", "approver", "status"]
    list_filter = ["status", "kind", "approver"]
    search_fields = ["posting__cadre__name", "reason"]
    list_select_related = ["posting__cadre", "posting__receiving_unit"]
    readonly_fields = ["status", "decided_by", "decided_at", "approver"]


@admin.register(AttendanceRecord)
class AttendanceRecordAdmin(RowLinksMixin, ReadOnlyAdmin):
    show_full_result_count = False  # no second COUNT(*) over millions of rows (issue 18)
    paginator = EstimatedCountPaginator
    list_per_page = ADMIN_PER_PAGE
    ordering = ["-id"]  # newest first by the primary key: the model's order has no index (issue 18)
    list_display = ["posting", "month", "days_present", "days_on_leave", "days_absent"]
    list_filter = ["month"]
    search_fields = ["posting__cadre__name__chars_contain"]
    list_select_related = ["posting__cadre", "posting__receiving_unit"]


@admin.register(AbsenceRecord)
class AbsenceRecordAdmin(ReadOnlyAdmin):
    list_display = ["posting", "start_date", "end_date", "days"]
    list_filter = ["start_date"]
    search_fields = ["posting__cadre__name", "notes"]
    list_select_related = ["posting__cadre", "posting__receiving_unit"]


@admin.register(Inspection)
class InspectionAdmin(PostingSearchMixin, RowLinksMixin, ReadOnlyAdmin):
    show_full_result_count = False  # no second COUNT(*) over millions of rows (issue 18)
    paginator = EstimatedCountPaginator
    list_per_page = ADMIN_PER_PAGE
    list_display = [
        "posting",
        "date",
        "method",
        "reminder_talk",
        "rectification_required",
        "rectification_deadline",
        "rectified_at",
    ]
    list_filter = ["method", "reminder_talk", "rectification_required", "date"]
    search_fields = ["posting__cadre__name", "findings"]
    list_select_related = ["posting__cadre", "posting__receiving_unit"]


@admin.register(WorkLogEntry)
class WorkLogEntryAdmin(ReadOnlyAdmin):
    list_display = ["posting", "date", "place"]
    list_filter = ["date"]
    search_fields = ["posting__cadre__name", "content", "place"]
    list_select_related = ["posting__cadre", "posting__receiving_unit"]


# --- support records (issue 15): written on the pages through secondment.services.support ----------
from .models import (  # noqa: E402
    LivingSupport,
    PostingFeedback,
    PostingRotation,
    Symposium,
    SymposiumAttachment,
    UnitPairing,
)


class SymposiumAttachmentInline(ReadOnlyInline):
    model = SymposiumAttachment
    fields = ["name", "size", "uploaded_by", "created_at"]
    readonly_fields = fields


@admin.register(Symposium)
class SymposiumAdmin(ReadOnlyAdmin):
    list_display = ["date", "title", "place", "organizer", "batch"]
    list_filter = ["date", "organizer", "batch"]
    search_fields = ["title", "place", "topics", "minutes", "attendees__cadre__name"]
    filter_horizontal = ["attendees"]
    inlines = [SymposiumAttachmentInline]
    date_hierarchy = "date"


@admin.register(SymposiumAttachment)
class SymposiumAttachmentAdmin(ReadOnlyAdmin):
    list_display = ["name", "symposium", "size", "uploaded_by", "created_at"]
    list_filter = ["created_at"]
    search_fields = ["name", "symposium__title"]


@admin.register(PostingFeedback)
class PostingFeedbackAdmin(ReadOnlyAdmin):
    list_display = ["posting", "source", "period_start", "period_end", "written_by", "acknowledged_at"]
    list_filter = ["source", ("acknowledged_at", admin.EmptyFieldListFilter), "posting__batch"]
    search_fields = ["posting__cadre__name", "content", "reply"]


@admin.register(PostingRotation)
class PostingRotationAdmin(ReadOnlyAdmin):
    list_display = ["posting", "post", "start_date", "end_date"]
    list_filter = ["posting__batch", "start_date"]
    search_fields = ["posting__cadre__name", "post", "duties"]


@admin.register(LivingSupport)
class LivingSupportAdmin(ReadOnlyAdmin):
    list_display = ["posting", "housing", "transport", "transport_allowance", "travel_payer", "updated_at"]
    list_filter = ["housing", "transport", "travel_payer", "posting__batch"]
    search_fields = ["posting__cadre__name", "housing_detail", "travel_detail", "notes"]


@admin.register(UnitPairing)
class UnitPairingAdmin(ReadOnlyAdmin):
    list_display = ["batch", "dispatching_unit", "receiving_unit", "notes"]
    list_filter = ["batch"]
    search_fields = ["dispatching_unit__name", "receiving_unit__name", "notes"]


@admin.register(TerminationProposal)
class TerminationProposalAdmin(ReadOnlyAdmin):
    """终止挂职建议: proposed and decided on the posting page (secondment.services.termination)."""

    list_display = ["posting", "proposer_side", "proposer_unit", "grounds", "created_at", "decision", "decided_by"]
    list_filter = ["decision", "proposer_side", "grounds"]
    search_fields = ["posting__cadre__name", "reasons", "decision_reason", "proposer_unit__name"]
    list_select_related = ["posting__cadre", "posting__receiving_unit", "proposer_unit", "decided_by"]
    readonly_fields = ["decision", "decided_by", "decided_at"]


@admin.register(AppointmentFormality)
class AppointmentFormalityAdmin(ReadOnlyAdmin):
    """任职手续: recorded by the receiving unit on the posting page (secondment.services.termination)."""

    list_display = ["posting", "date", "doc_no", "title", "recorded_by"]
    list_filter = ["date"]
    search_fields = ["posting__cadre__name", "doc_no", "title"]
    list_select_related = ["posting__cadre", "posting__receiving_unit", "recorded_by"]

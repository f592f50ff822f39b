from django.contrib import admin, messages
from django.db import transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.admin import NotDeletableMixin, RowLinksMixin, labelled_filter
from core.paginator import ADMIN_PER_PAGE, EstimatedCountPaginator
from secondment.admin import PostingSearchMixin

from .models import (
    AfterSecondment,
    AnnualAssessment,
    AnnualPractice,
    Appraisal,
    AppraisalEvent,
    AppraisalScore,
    Ballot,
    BallotCode,
    DemocraticVote,
    DemocraticVoteEvent,
    DemocraticVotePractice,
    Grade,
    GradeScale,
    IndicatorItem,
    IndicatorTemplate,
)
from .workflow import STEP_LABELS


class GradeInline(admin.TabularInline):
    model = Grade
    extra = 0


@admin.register(GradeScale)
class GradeScaleAdmin(admin.ModelAdmin):
    list_display = ["name", "is_default"]
    list_filter = ["is_default"]
    search_fields = ["name"]
    inlines = [GradeInline]


@admin.register(Grade)
class GradeAdmin(admin.ModelAdmin):
    list_display = ["name", "scale", "code", "min_score", "order"]
    list_filter = ["scale"]
    search_fields = ["name", "code"]


class ItemInline(admin.TabularInline):
    model = IndicatorItem
    extra = 0


@admin.register(IndicatorTemplate)
class IndicatorTemplateAdmin(admin.ModelAdmin):
    """A template in use by an appraisal is never edited (old appraisals keep the template they used):
    copy it as a new version instead."""

    list_display = ["name", "version", "is_active", "created_at"]
    list_filter = ["is_active", "name"]
    search_fields = ["name"]
    inlines = [ItemInline]
    actions = ["copy_as_new_version"]

    def has_change_permission(self, request, obj=None):
        if obj is not None and Appraisal.objects.filter(template=obj).exists():
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self.has_change_permission(request, obj)

    @admin.action(description="复制为新版本（旧版本停用）")
    def copy_as_new_version(self, request, queryset):
        with transaction.atomic():
            for template in queryset:
                latest = IndicatorTemplate.objects.filter(name=template.name).order_by("-version").first()
                new = IndicatorTemplate.objects.create(name=template.name, version=latest.version + 1, is_active=True)
                IndicatorItem.objects.bulk_create(
                    IndicatorItem(template=new, name=i.name, weight=i.weight, description=i.description, order=i.order)
                    for i in template.items.all()
                )
                IndicatorTemplate.objects.filter(name=template.name).exclude(pk=new.pk).update(is_active=False)
        messages.success(request, gettext("已复制为新版本。"))


@admin.register(IndicatorItem)
class IndicatorItemAdmin(admin.ModelAdmin):
    list_display = ["name", "template", "weight", "order"]
    list_filter = ["template"]
    search_fields = ["name", "description"]

    def has_change_permission(self, request, obj=None):
        if obj is not None and Appraisal.objects.filter(template=obj.template_id).exists():
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self.has_change_permission(request, obj)


@admin.register(AnnualPractice)
class AnnualPracticeAdmin(admin.ModelAdmin):
    """Who determines the annual grade, per jurisdiction; saved through the service (audited)."""

    list_display = ["jurisdiction", "determiner", "note"]
    list_filter = ["determiner"]
    search_fields = ["jurisdiction__name", "note"]
    autocomplete_fields = ["jurisdiction"]
    list_select_related = ["jurisdiction"]

    def save_model(self, request, obj, form, change):
        from .services.annual import annual_practice_save

        saved = annual_practice_save(
            practice=AnnualPractice.objects.get(pk=obj.pk) if change else None,
            acting_user=request.user,
            **form.cleaned_data,
        )
        obj.pk = saved.pk


@admin.register(AnnualAssessment)
class AnnualAssessmentAdmin(RowLinksMixin, NotDeletableMixin, admin.ModelAdmin):
    """Read-only: the steps are taken on the pages (assessments.services.annual)."""

    show_full_result_count = False  # no second COUNT(*) over millions of rows (issue 18)
    paginator = EstimatedCountPaginator
    list_per_page = ADMIN_PER_PAGE
    ordering = ["-id"]  # newest first by the primary key: the model's order has no index (issue 18)
    list_display = ["posting", "year", "status", "proposed_grade", "final_grade", "determined_at", "confirmed_at"]
    list_filter = ["year", "status", "final_grade"]
    search_fields = ["posting__cadre__name__chars_contain"]
    list_select_related = ["posting__cadre", "posting__receiving_unit", "proposed_grade", "final_grade"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ScoreInline(admin.TabularInline):
    model = AppraisalScore
    extra = 0
    can_delete = False
    readonly_fields = ["item", "score"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Appraisal)
class AppraisalAdmin(PostingSearchMixin, RowLinksMixin, NotDeletableMixin, admin.ModelAdmin):
    """Read-only in admin: every step goes through assessments.services.appraisals, which refuses any
    change to a finalized appraisal (appraisal_correct opens a correction instead)."""

    show_full_result_count = False  # no second COUNT(*) over millions of rows (issue 18)
    paginator = EstimatedCountPaginator
    list_per_page = ADMIN_PER_PAGE
    ordering = ["-id"]  # newest first by the primary key: the model's order has no index (issue 18)
    list_display = ["posting", "version", "status", "composite_score", "final_grade", "finalized_at"]
    list_filter = ["status", "final_grade", "scale"]
    search_fields = ["posting__cadre__name", "filing_no"]
    list_select_related = ["posting__cadre", "posting__receiving_unit", "final_grade"]
    inlines = [ScoreInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(AppraisalScore)
class AppraisalScoreAdmin(NotDeletableMixin, admin.ModelAdmin):
    list_display = ["appraisal", "item", "score"]
    list_filter = ["item__name"]
    search_fields = ["appraisal__posting__cadre__name"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(AppraisalEvent)
class AppraisalEventAdmin(NotDeletableMixin, admin.ModelAdmin):
    list_display = ["created_at", "appraisal", "actor", "step_name"]
    list_filter = [labelled_filter("step", _("环节"), STEP_LABELS), "created_at"]
    exclude = ["step"]
    readonly_fields = ["step_name"]

    @admin.display(description=_("环节"), ordering="step")
    def step_name(self, obj) -> str:
        return STEP_LABELS.get(obj.step, obj.step)

    search_fields = ["appraisal__posting__cadre__name", "note"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(AfterSecondment)
class AfterSecondmentAdmin(admin.ModelAdmin):
    list_display = ["posting", "outcome", "date", "doc_no", "new_post"]
    list_filter = ["outcome", "date"]
    search_fields = ["posting__cadre__name", "doc_no", "new_post"]
    list_select_related = ["posting__cadre", "posting__receiving_unit"]


# --- 民主测评（扫码）(issue 20): read-only; votes are opened, closed and reopened on the pages -----------


@admin.register(DemocraticVotePractice)
class DemocraticVotePracticeAdmin(admin.ModelAdmin):
    """Who organizes phone votes, per jurisdiction (default without a row: the org department)."""

    list_display = ["jurisdiction", "organizer", "note"]
    list_filter = ["organizer"]
    search_fields = ["jurisdiction__name", "note"]
    autocomplete_fields = ["jurisdiction"]
    list_select_related = ["jurisdiction"]

    def save_model(self, request, obj, form, change):
        from core.services import audit_log_record

        with transaction.atomic():
            super().save_model(request, obj, form, change)
            audit_log_record(actor=request.user, action="vote.practice", target=obj)


class VoteEventInline(admin.TabularInline):
    model = DemocraticVoteEvent
    extra = 0
    can_delete = False
    readonly_fields = ["created_at", "actor", "action", "reason"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(DemocraticVote)
class DemocraticVoteAdmin(NotDeletableMixin, admin.ModelAdmin):
    """Read-only: the codes are never shown here (they are printed on the slips for the organizer)."""

    list_display = ["appraisal", "status", "expected", "opens_at", "closes_at", "closed_at"]
    list_filter = ["status", "organizer_side", "closes_at"]
    search_fields = ["appraisal__posting__cadre__name"]
    list_select_related = ["appraisal__posting__cadre"]
    inlines = [VoteEventInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(BallotCode)
class BallotCodeAdmin(NotDeletableMixin, admin.ModelAdmin):
    """Whether each slip was used; the code itself is not shown (whoever reads it could vote with it)."""

    list_display = ["vote", "used"]
    list_filter = ["used"]
    fields = ["vote", "used"]
    search_fields = ["vote__appraisal__posting__cadre__name"]
    list_select_related = ["vote__appraisal__posting__cadre"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Ballot)
class BallotAdmin(NotDeletableMixin, admin.ModelAdmin):
    """Anonymous ballots: no code, no voter, no time; listed in the order of their random keys."""

    list_display = ["vote", "choice"]
    list_filter = ["choice"]
    fields = ["vote", "choice", "ratings"]
    search_fields = ["vote__appraisal__posting__cadre__name"]
    list_select_related = ["vote__appraisal__posting__cadre"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(DemocraticVoteEvent)
class DemocraticVoteEventAdmin(NotDeletableMixin, admin.ModelAdmin):
    list_display = ["created_at", "vote", "actor", "action", "reason"]
    list_filter = ["action", "created_at"]
    search_fields = ["vote__appraisal__posting__cadre__name", "reason"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

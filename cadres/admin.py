from django import forms
from django.contrib import admin

from core.admin import RowLinksMixin
from core.paginator import ADMIN_PER_PAGE, EstimatedCountPaginator

from . import services
from .models import (
    Cadre,
    CadreParticulars,
    Degree,
    Education,
    Ethnicity,
    FamilyMember,
    PoliticalStatus,
    Rank,
    ResumeEntry,
    RewardPunishment,
    TrainingRecord,
    Unit,
)
from .services.particulars import FAMILY_FIELDS, PARTICULARS_FIELDS, RESUME_FIELDS
from .services.records import REWARD_FIELDS


@admin.register(Ethnicity, Education, Degree, Rank)
class ReferenceItemAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "order", "is_active"]
    list_editable = ["order", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "code"]


@admin.register(PoliticalStatus)
class PoliticalStatusAdmin(ReferenceItemAdmin):
    list_display = ["name", "code", "order", "is_party_member", "is_active"]
    list_filter = ["is_active", "is_party_member"]


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    """Writes go through cadres.services, which keep the tree paths and the audit trail."""

    list_display = ["name", "kind", "level", "region", "parent", "is_org_department"]
    list_filter = ["kind", "level", "is_org_department", "region"]
    search_fields = ["name", "short_name", "region"]
    autocomplete_fields = ["parent"]
    list_select_related = ["parent"]
    readonly_fields = ["path"]

    def save_model(self, request, obj, form, change):
        fields = {name: form.cleaned_data[name] for name in form.changed_data if name in form.cleaned_data}
        if change:
            fresh = Unit.objects.get(pk=obj.pk)
            services.unit_update(unit=fresh, acting_user=request.user, **fields)
            obj.path = fresh.path
        else:
            data = {f: form.cleaned_data[f] for f in form.cleaned_data}
            created = services.unit_create(acting_user=request.user, **data)
            obj.pk, obj.path = created.pk, created.path


# What a training record holds beyond its cadre and who entered it.
TRAINING_FIELDS = (
    "course",
    "organizer",
    "start_date",
    "end_date",
    "hours",
    "attended_hours",
    "systematic",
    "completed",
    "result",
)


class TrainingRecordInline(admin.TabularInline):
    """New rows are added by CadreAdmin.save_formset through cadres.services.training_record_add."""

    model = TrainingRecord
    extra = 0
    exclude = ["created_by"]


class CadreAdminForm(forms.ModelForm):
    """Refuses reserve status without a completed system training, by the services' rule (seed 002),
    next to the field. (The admin supplies the model and fields.)"""

    def clean(self):
        data = super().clean()
        was_reserve = bool(self.instance.pk) and Cadre.objects.filter(pk=self.instance.pk, is_reserve=True).exists()
        trained = bool(self.instance.pk) and bool(services.cadres_with_system_training([self.instance.pk]))
        refusal = services.reserve_refusal(
            is_reserve=bool(data.get("is_reserve")), was_reserve=was_reserve, trained=trained
        )
        if refusal:
            self.add_error("is_reserve", refusal)
        return data


@admin.register(Cadre)
class CadreAdmin(RowLinksMixin, admin.ModelAdmin):
    """Writes go through cadres.services. A cadre who has been nominated or posted has history and is
    not deletable."""

    show_full_result_count = False  # no second COUNT(*) over millions of rows (issue 18)
    paginator = EstimatedCountPaginator
    list_per_page = ADMIN_PER_PAGE
    list_display = ["name", "gender", "birth_date", "unit", "post", "rank", "political_status", "is_reserve"]
    list_filter = ["gender", "is_reserve", "rank", "political_status", "education", "unit__kind", "unit__level"]
    # A person, by what an index serves (issue 18): 姓名 anywhere (core.lookups.chars_contain, the
    # cadre_name_chars index), 拼音首字母 and 身份证号 by their start. Not the unit's name or the post:
    # OR-ed with them, "王" read all 100,000 cadres and their units; the cadre list page filters by unit.
    search_fields = ["name__chars_contain", "name_initials__startswith", "id_number__startswith"]
    autocomplete_fields = ["unit"]
    list_select_related = ["unit", "rank", "political_status"]
    inlines = [TrainingRecordInline]
    form = CadreAdminForm

    def save_model(self, request, obj, form, change):
        data = {f: form.cleaned_data[f] for f in form.cleaned_data}
        if change:
            services.cadre_update(cadre=Cadre.objects.get(pk=obj.pk), acting_user=request.user, **data)
        else:
            obj.pk = services.cadre_create(acting_user=request.user, **data).pk

    def save_formset(self, request, form, formset, change):
        if formset.model is not TrainingRecord:
            return super().save_formset(request, form, formset, change)
        formset.save(commit=False)  # sorts the rows into new, changed and deleted; writes nothing
        for record in formset.deleted_objects:
            record.delete()
        for record, _fields in formset.changed_objects:
            record.save()
        for record in formset.new_objects:
            fields = {name: getattr(record, name) for name in TRAINING_FIELDS}
            record.pk = services.training_record_add(cadre=form.instance, acting_user=request.user, **fields).pk

    def has_delete_permission(self, request, obj=None):
        if obj is not None and (obj.postings.exists() or obj.nominations.exists()):
            return False
        return super().has_delete_permission(request, obj)


@admin.register(TrainingRecord)
class TrainingRecordAdmin(admin.ModelAdmin):
    """Added through cadres.services.training_record_add, like the cadre page does."""

    list_display = ["cadre", "course", "organizer", "start_date", "end_date", "hours", "systematic", "completed"]
    list_filter = ["systematic", "completed", "start_date", "organizer"]
    search_fields = ["cadre__name", "course", "organizer"]
    autocomplete_fields = ["cadre"]
    list_select_related = ["cadre"]
    readonly_fields = ["created_by"]

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        fields = {name: form.cleaned_data[name] for name in TRAINING_FIELDS if name in form.cleaned_data}
        created = services.training_record_add(cadre=form.cleaned_data["cadre"], acting_user=request.user, **fields)
        obj.pk, obj.created_by = created.pk, created.created_by


@admin.register(RewardPunishment)
class RewardPunishmentAdmin(admin.ModelAdmin):
    """奖惩记录: added, changed and deleted through cadres.services, like the cadre page does (scope
    checked, audited)."""

    list_display = ["cadre", "kind", "date", "title", "issuing_body", "document_no"]
    list_filter = ["kind", "date", "issuing_body"]
    search_fields = ["cadre__name", "cadre__name_initials", "title", "issuing_body", "document_no"]
    autocomplete_fields = ["cadre"]
    list_select_related = ["cadre"]
    date_hierarchy = "date"
    readonly_fields = ["created_by"]

    def get_readonly_fields(self, request, obj=None):
        # a record stays with its cadre: a wrong one is deleted and entered again for the right cadre
        return ["cadre", "created_by"] if obj is not None else ["created_by"]

    def save_model(self, request, obj, form, change):
        fields = {name: form.cleaned_data[name] for name in REWARD_FIELDS if name in form.cleaned_data}
        if change:
            record = RewardPunishment.objects.select_related("cadre").get(pk=obj.pk)
            services.reward_punishment_update(record=record, acting_user=request.user, **fields)
            return
        created = services.reward_punishment_add(cadre=form.cleaned_data["cadre"], acting_user=request.user, **fields)
        obj.pk, obj.created_by = created.pk, created.created_by

    def delete_model(self, request, obj):
        services.reward_punishment_delete(record=obj, acting_user=request.user)

    def delete_queryset(self, request, queryset):
        for record in queryset.select_related("cadre"):
            services.reward_punishment_delete(record=record, acting_user=request.user)


@admin.register(CadreParticulars)
class CadreParticularsAdmin(admin.ModelAdmin):
    """任免审批表信息: written through cadres.services.particulars_update (scope checked, audited)."""

    list_display = ["cadre", "native_place", "party_joined", "work_started", "fulltime_education", "reporting_unit"]
    list_filter = ["fulltime_education", "inservice_education", "health", "cadre__unit__kind"]
    search_fields = ["cadre__name", "cadre__name_initials", "native_place", "birthplace", "professional_title"]
    autocomplete_fields = ["cadre"]
    list_select_related = ["cadre"]
    readonly_fields = ["created_by"]

    def get_readonly_fields(self, request, obj=None):
        return ["cadre", "created_by"] if obj is not None else ["created_by"]

    def save_model(self, request, obj, form, change):
        cadre = obj.cadre if change else form.cleaned_data["cadre"]
        fields = {name: form.cleaned_data[name] for name in PARTICULARS_FIELDS if name in form.cleaned_data}
        services.particulars_update(cadre=cadre, acting_user=request.user, **fields)


@admin.register(ResumeEntry)
class ResumeEntryAdmin(admin.ModelAdmin):
    """简历: added, changed and deleted through cadres.services (scope checked, audited)."""

    list_display = ["cadre", "order", "start", "end", "text"]
    list_filter = ["cadre__unit__kind", "cadre__unit__level"]
    search_fields = ["cadre__name", "cadre__name_initials", "text"]
    autocomplete_fields = ["cadre"]
    list_select_related = ["cadre"]

    def get_readonly_fields(self, request, obj=None):
        return ["cadre"] if obj is not None else []

    def save_model(self, request, obj, form, change):
        fields = {name: form.cleaned_data[name] for name in RESUME_FIELDS if name in form.cleaned_data}
        if change:
            services.resume_entry_update(entry=ResumeEntry.objects.get(pk=obj.pk), acting_user=request.user, **fields)
            return
        obj.pk = services.resume_entry_add(cadre=form.cleaned_data["cadre"], acting_user=request.user, **fields).pk

    def delete_model(self, request, obj):
        services.resume_entry_delete(entry=obj, acting_user=request.user)

    def delete_queryset(self, request, queryset):
        for entry in queryset.select_related("cadre"):
            services.resume_entry_delete(entry=entry, acting_user=request.user)


@admin.register(FamilyMember)
class FamilyMemberAdmin(admin.ModelAdmin):
    """家庭成员: added, changed and deleted through cadres.services (scope checked, audited)."""

    list_display = ["cadre", "order", "relation", "name", "birth", "political_status", "work_and_post"]
    list_filter = ["relation", "political_status"]
    search_fields = ["cadre__name", "cadre__name_initials", "name", "work_and_post"]
    autocomplete_fields = ["cadre"]
    list_select_related = ["cadre"]

    def get_readonly_fields(self, request, obj=None):
        return ["cadre"] if obj is not None else []

    def save_model(self, request, obj, form, change):
        fields = {name: form.cleaned_data[name] for name in FAMILY_FIELDS if name in form.cleaned_data}
        if change:
            member = FamilyMember.objects.get(pk=obj.pk)
            services.family_member_update(member=member, acting_user=request.user, **fields)
            return
        obj.pk = services.family_member_add(cadre=form.cleaned_data["cadre"], acting_user=request.user, **fields).pk

    def delete_model(self, request, obj):
        services.family_member_delete(member=obj, acting_user=request.user)

    def delete_queryset(self, request, queryset):
        for member in queryset.select_related("cadre"):
            services.family_member_delete(member=member, acting_user=request.user)

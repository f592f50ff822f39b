"""Cadre pages: the filtered list and its export, one cadre, add and edit, training records, rewards and
punishments (奖惩情况). Thin:
scope from selectors, what the user may do from `cadres.access`, writes through services."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import prefetch_related_objects
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.generic import View

from accounts.roles import roles_of
from core.exports import export_response
from core.pages import page_context
from core.paginator import keyset_page
from core.stats_cache import cached_count
from core.view_helpers import apply_validation_errors, form_action

from .. import access, selectors, services
from ..filters import CadreFilter
from ..forms import (
    CadreForm,
    CadreParticularsForm,
    FamilyMemberForm,
    ResumeEntryForm,
    RewardPunishmentForm,
    TrainingRecordForm,
)
from ..models import Cadre, CadreParticulars, FamilyMember, ResumeEntry, RewardPunishment, particulars_of
from ..timeline import cadre_timeline


class CadreListView(View):
    paginate_by = 50

    def get(self, request):
        cadre_filter = CadreFilter(
            request.GET,
            queryset=selectors.cadre_list_for_user(user=request.user, narrowed=bool(request.GET.get("q", "").strip())),
            units=selectors.unit_list_for_user(user=request.user).order_by("path"),
        )
        from ..filters import SORTS

        cadres = cadre_filter.qs
        count = cached_count("cadres", roles_of(request.user).scope_key(), request.GET, cadres, day=cadre_filter.today)
        if cadre_filter.form.cleaned_data.get("sort") in (None, "", "unit"):
            # the default order pages by cursor: 下一页 reads after the last row, not past OFFSET rows (issue 18)
            page = keyset_page(
                cadres,
                keys=SORTS["unit"],
                per_page=self.paginate_by,
                number=request.GET.get("page"),
                after=request.GET.get("after"),
                before=request.GET.get("before"),
                count=count,
                read=selectors.cadre_rows(),
            )
        else:
            paginator = Paginator(cadres, self.paginate_by)
            paginator.count = count  # already known
            page = paginator.get_page(request.GET.get("page"))
        query = request.GET.copy()
        for name in ("page", "after", "before"):
            query.pop(name, None)
        context = {
            "filter": cadre_filter,
            "page": page,
            "query": query.urlencode(),
            "actions": access.cadre_list_actions(request.user),
        }
        return render(request, "cadres/cadre_list.html", context)


class CadreExportView(View):
    """The filtered cadre list as .xlsx (same filters and the same scope as the page)."""

    def get(self, request):
        return export_response(request, "cadres")  # a large list becomes a background job (core.exports)


def _cadre_page(request, cadre, *, reward_form=None, training_form=None, resume_form=None, family_form=None):
    """The cadre page; with `reward_form` / `training_form` / `resume_form` / `family_form`, the bound form
    of a record that was refused, its errors next to its fields."""
    # read once for the lists and the timeline alike
    prefetch_related_objects([cadre], "trainings", "rewards_punishments", "resume_entries")
    actions = access.cadre_actions(request.user, cadre)
    if reward_form is None and "manage_rewards" in actions:
        reward_form = RewardPunishmentForm()
    if "edit" in actions:
        resume_form = resume_form or ResumeEntryForm()
        family_form = family_form or FamilyMemberForm()
    read_particulars = "read_particulars" in actions
    context = {
        "resume": cadre.resume_entries.all(),
        "particulars": particulars_of(cadre) if read_particulars else None,
        "family": cadre.family_members.all() if read_particulars else None,
        "resume_form": resume_form,
        "family_form": family_form,
        "cadre": cadre,
        "trainings": cadre.trainings.all(),
        "rewards": cadre.rewards_punishments.all(),
        "timeline": cadre_timeline(cadre=cadre, user=request.user),
        "actions": actions,
        "training_form": training_form or TrainingRecordForm() if "add_training" in actions else None,
        "reward_form": reward_form,
        # a receiving contact sees the cadre seconded to them, not their home unit: no link to a 404
        "unit_visible": access.units_visible_to(request.user).filter(pk=cadre.unit_id).exists(),
    }
    context.update(page_context("cadres.cadre_detail", user=request.user, cadre=cadre, actions=actions))  # documents
    return render(request, "cadres/cadre_detail.html", context)


class CadreDetailView(View):
    def get(self, request, pk: int):
        return _cadre_page(request, selectors.cadre_get_for_user(user=request.user, pk=pk))


class CadreCreateView(View):
    def _units(self, request):
        if "add_cadre" not in access.cadre_list_actions(request.user):
            raise PermissionDenied
        return access.units_managed_by(request.user)

    def get(self, request):
        form = CadreForm(units=self._units(request), initial={"unit": request.GET.get("unit")})
        return render(request, "cadres/cadre_form.html", {"form": form})

    def post(self, request):
        form = CadreForm(request.POST, request.FILES, units=self._units(request))
        if form.is_valid():
            try:
                cadre = services.cadre_create(acting_user=request.user, **form.cleaned_data)
            except ValidationError as error:
                apply_validation_errors(form, error)
            else:
                messages.success(request, f"已新建干部：{cadre.name}")
                return redirect("cadres:cadre-detail", pk=cadre.pk)
        return render(request, "cadres/cadre_form.html", {"form": form})


class CadreUpdateView(View):
    def _cadre(self, request, pk):
        cadre = selectors.cadre_get_for_user(user=request.user, pk=pk)
        if "edit" not in access.cadre_actions(request.user, cadre):
            raise PermissionDenied
        return cadre

    def get(self, request, pk: int):
        cadre = self._cadre(request, pk)
        form = CadreForm(instance=cadre, units=access.units_managed_by(request.user))
        return render(request, "cadres/cadre_form.html", {"form": form, "cadre": cadre})

    def post(self, request, pk: int):
        cadre = self._cadre(request, pk)
        form = CadreForm(
            request.POST,
            request.FILES,
            instance=Cadre.objects.get(pk=cadre.pk),
            units=access.units_managed_by(request.user),
        )
        if form.is_valid():
            changes = {name: form.cleaned_data[name] for name in form.changed_data}
            try:
                services.cadre_update(cadre=cadre, acting_user=request.user, **changes)
            except ValidationError as error:
                apply_validation_errors(form, error)
            else:
                messages.success(request, gettext("干部信息已保存。"))
                return redirect("cadres:cadre-detail", pk=cadre.pk)
        return render(request, "cadres/cadre_form.html", {"form": form, "cadre": cadre})


class TrainingRecordCreateView(View):
    def post(self, request, pk: int):
        cadre = selectors.cadre_get_for_user(user=request.user, pk=pk)
        form = TrainingRecordForm(request.POST)
        if form_action(
            request,
            form,
            lambda **d: services.training_record_add(cadre=cadre, acting_user=request.user, **d),
            gettext("培训记录已添加。"),
        ):
            return redirect("cadres:cadre-detail", pk=cadre.pk)
        return _cadre_page(request, cadre, training_form=form)


class RewardPunishmentCreateView(View):
    """Adds a reward or punishment from the cadre page; refused input comes back on that page, each
    message next to its field, nothing saved."""

    def post(self, request, pk: int):
        cadre = selectors.cadre_get_for_user(user=request.user, pk=pk)
        if "manage_rewards" not in access.cadre_actions(request.user, cadre):
            raise PermissionDenied
        form = RewardPunishmentForm(request.POST)
        if form.is_valid():
            try:
                services.reward_punishment_add(cadre=cadre, acting_user=request.user, **form.cleaned_data)
            except ValidationError as error:
                apply_validation_errors(form, error)
            else:
                messages.success(request, gettext("奖惩记录已添加。"))
                return redirect(reverse("cadres:cadre-detail", args=[cadre.pk]) + "#rewards")
        return _cadre_page(request, cadre, reward_form=form)


class RewardPunishmentUpdateView(View):
    """Edits one reward or punishment on its own page, or deletes it (POST with `delete`)."""

    def _record(self, request, pk):
        record = selectors.reward_punishment_get_for_user(user=request.user, pk=pk)
        if "manage_rewards" not in access.cadre_actions(request.user, record.cadre):
            raise PermissionDenied
        return record

    def _render(self, request, record, form):
        context = {"record": record, "cadre": record.cadre, "form": form}
        return render(request, "cadres/reward_form.html", context)

    def get(self, request, pk: int):
        record = self._record(request, pk)
        return self._render(request, record, RewardPunishmentForm(instance=record, submit_label=gettext("保存")))

    def post(self, request, pk: int):
        record = self._record(request, pk)
        target = reverse("cadres:cadre-detail", args=[record.cadre_id]) + "#rewards"
        if "delete" in request.POST:
            services.reward_punishment_delete(record=record, acting_user=request.user)
            messages.success(request, gettext("奖惩记录已删除。"))
            return redirect(target)
        form = RewardPunishmentForm(
            request.POST, instance=RewardPunishment.objects.get(pk=record.pk), submit_label=gettext("保存")
        )
        if form.is_valid():
            changes = {name: form.cleaned_data[name] for name in form.changed_data}
            try:
                services.reward_punishment_update(record=record, acting_user=request.user, **changes)
            except ValidationError as error:
                apply_validation_errors(form, error)
            else:
                messages.success(request, gettext("奖惩记录已保存。"))
                return redirect(target)
        return self._render(request, record, form)


class _CadreRecordCreateView(View):
    """Adds a résumé line or a family member from the cadre page (whoever may edit the cadre); refused
    input comes back on that page, each message next to its field, nothing saved."""

    form_class = None
    service = None
    message = ""
    anchor = ""
    page_form = ""

    def post(self, request, pk: int):
        cadre = selectors.cadre_get_for_user(user=request.user, pk=pk)
        if "edit" not in access.cadre_actions(request.user, cadre):
            raise PermissionDenied
        form = self.form_class(request.POST)
        if form_action(
            request,
            form,
            lambda **d: type(self).service(cadre=cadre, acting_user=request.user, **d),
            self.message,
        ):
            return redirect(reverse("cadres:cadre-detail", args=[cadre.pk]) + self.anchor)
        return _cadre_page(request, cadre, **{self.page_form: form})


class _CadreRecordUpdateView(View):
    """Edits one résumé line or family member on its own page, or deletes it (POST with `delete`)."""

    form_class = None
    model = None
    selector = None
    update = None
    delete = None
    keyword = ""
    title = ""
    anchor = ""

    def _record(self, request, pk):
        record = type(self).selector(user=request.user, pk=pk)
        if "edit" not in access.cadre_actions(request.user, record.cadre):
            raise PermissionDenied
        return record

    def _render(self, request, record, form):
        context = {"record": record, "cadre": record.cadre, "form": form, "title": self.title, "anchor": self.anchor}
        return render(request, "cadres/cadre_record_form.html", context)

    def get(self, request, pk: int):
        record = self._record(request, pk)
        return self._render(request, record, self.form_class(instance=record, submit_label=gettext("保存")))

    def post(self, request, pk: int):
        record = self._record(request, pk)
        target = reverse("cadres:cadre-detail", args=[record.cadre_id]) + self.anchor
        if "delete" in request.POST:
            type(self).delete(**{self.keyword: record, "acting_user": request.user})
            messages.success(request, gettext("已删除。"))
            return redirect(target)
        form = self.form_class(
            request.POST, instance=self.model.objects.get(pk=record.pk), submit_label=gettext("保存")
        )
        if form.is_valid():
            changes = {name: form.cleaned_data[name] for name in form.changed_data if name in form.cleaned_data}
            try:
                type(self).update(**{self.keyword: record, "acting_user": request.user}, **changes)
            except ValidationError as error:
                apply_validation_errors(form, error)
            else:
                messages.success(request, gettext("已保存。"))
                return redirect(target)
        return self._render(request, record, form)


class ResumeEntryCreateView(_CadreRecordCreateView):
    form_class = ResumeEntryForm
    service = services.resume_entry_add
    message = "简历已添加。"
    anchor = "#resume"
    page_form = "resume_form"


class FamilyMemberCreateView(_CadreRecordCreateView):
    form_class = FamilyMemberForm
    service = services.family_member_add
    message = "家庭成员已添加。"
    anchor = "#family"
    page_form = "family_form"


class ResumeEntryUpdateView(_CadreRecordUpdateView):
    form_class = ResumeEntryForm
    model = ResumeEntry
    selector = selectors.resume_entry_get_for_user
    update = services.resume_entry_update
    delete = services.resume_entry_delete
    keyword = "entry"
    title = "简历"
    anchor = "#resume"


class FamilyMemberUpdateView(_CadreRecordUpdateView):
    form_class = FamilyMemberForm
    model = FamilyMember
    selector = selectors.family_member_get_for_user
    update = services.family_member_update
    delete = services.family_member_delete
    keyword = "member"
    title = "家庭成员"
    anchor = "#family"


class CadreParticularsUpdateView(View):
    """The 任免审批表 particulars of one cadre, on their own page (whoever may edit the cadre)."""

    def _cadre(self, request, pk):
        cadre = selectors.cadre_get_for_user(user=request.user, pk=pk)
        if "edit" not in access.cadre_actions(request.user, cadre):
            raise PermissionDenied
        return cadre

    def _render(self, request, cadre, form):
        return render(request, "cadres/particulars_form.html", {"cadre": cadre, "form": form})

    def get(self, request, pk: int):
        cadre = self._cadre(request, pk)
        return self._render(request, cadre, CadreParticularsForm(instance=particulars_of(cadre)))

    def post(self, request, pk: int):
        cadre = self._cadre(request, pk)
        instance = CadreParticulars.objects.filter(cadre=cadre).first() or CadreParticulars(cadre=cadre)
        form = CadreParticularsForm(request.POST, instance=instance)
        if form_action(
            request,
            form,
            lambda **d: services.particulars_update(cadre=cadre, acting_user=request.user, **d),
            gettext("任免审批表信息已保存。"),
        ):
            return redirect(reverse("cadres:cadre-detail", args=[cadre.pk]) + "#particulars")
        return self._render(request, cadre, form)

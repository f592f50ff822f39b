"""Registry pages. Thin views: scoping through selectors, writes through services."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.generic import View

from accounts.roles import roles_of
from core.import_views import xlsx_response
from core.view_helpers import apply_validation_errors

from . import access, selectors, services
from .access import units_administered_by, units_managed_by
from .exports import cadre_export_rows, cadre_export_xlsx
from .extensions import unit_page_context
from .filters import CadreFilter
from .forms import CadreForm, TrainingRecordForm, UnitForm
from .models import Cadre, Unit
from .timeline import cadre_timeline


class UnitListView(View):
    def get(self, request):
        units = selectors.unit_list_for_user(user=request.user).order_by("path")
        can_add = units_administered_by(request.user).exists()
        return render(request, "cadres/unit_list.html", {"units": units, "can_add": can_add})


class UnitDetailView(View):
    def get(self, request, pk: int):
        unit = selectors.unit_get_for_user(user=request.user, pk=pk)
        cadres = selectors.cadre_list_for_user(user=request.user).filter(unit=unit).order_by("name")
        children = selectors.unit_list_for_user(user=request.user).filter(parent=unit).order_by("name")
        actions = access.unit_actions(request.user, unit)
        context = {
            "unit": unit,
            "cadres": cadres,
            "children": children,
            "actions": actions,
            "can_edit": "edit" in actions,
            **unit_page_context(unit=unit, user=request.user),  # postings, from secondment
        }
        return render(request, "cadres/unit_detail.html", context)


class UnitCreateView(View):
    def _parents(self, request):
        parents = units_administered_by(request.user)
        if not parents.exists():
            raise PermissionDenied
        return parents

    def get(self, request):
        initial = {"parent": request.GET.get("parent")}
        form = UnitForm(parents=self._parents(request), initial=initial)
        return render(request, "cadres/unit_form.html", {"form": form})

    def post(self, request):
        form = UnitForm(request.POST, parents=self._parents(request))
        if form.is_valid():
            try:
                unit = services.unit_create(acting_user=request.user, **form.cleaned_data)
            except ValidationError as error:
                apply_validation_errors(form, error)
            else:
                messages.success(request, f"已新建单位：{unit.name}")
                return redirect("cadres:unit-detail", pk=unit.pk)
        return render(request, "cadres/unit_form.html", {"form": form})


class UnitUpdateView(View):
    def _unit(self, request, pk):
        unit = selectors.unit_get_for_user(user=request.user, pk=pk)
        if not units_administered_by(request.user).filter(pk=unit.pk).exists():
            raise PermissionDenied
        return unit

    def get(self, request, pk: int):
        unit = self._unit(request, pk)
        form = UnitForm(instance=unit, parents=units_administered_by(request.user).exclude(path__startswith=unit.path))
        return render(request, "cadres/unit_form.html", {"form": form, "unit": unit})

    def post(self, request, pk: int):
        unit = self._unit(request, pk)
        parents = units_administered_by(request.user).exclude(path__startswith=unit.path)
        form = UnitForm(request.POST, instance=Unit.objects.get(pk=unit.pk), parents=parents)
        if form.is_valid():
            changes = {name: form.cleaned_data[name] for name in form.changed_data}
            try:
                services.unit_update(unit=unit, acting_user=request.user, **changes)
            except ValidationError as error:
                apply_validation_errors(form, error)
            else:
                messages.success(request, gettext("单位信息已保存。"))
                return redirect("cadres:unit-detail", pk=unit.pk)
        return render(request, "cadres/unit_form.html", {"form": form, "unit": unit})


class CadreListView(View):
    paginate_by = 50

    def get(self, request):
        cadre_filter = CadreFilter(
            request.GET,
            queryset=selectors.cadre_list_for_user(user=request.user),
            units=selectors.unit_list_for_user(user=request.user).order_by("path"),
        )
        page = Paginator(cadre_filter.qs, self.paginate_by).get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        context = {
            "filter": cadre_filter,
            "page": page,
            "query": query.urlencode(),
            "roles": roles_of(request.user),
            "can_add": units_managed_by(request.user).exists(),
        }
        return render(request, "cadres/cadre_list.html", context)


class CadreExportView(View):
    """The filtered cadre list as .xlsx (same filters and the same scope as the page)."""

    def get(self, request):
        cadre_filter = CadreFilter(
            request.GET,
            queryset=selectors.cadre_list_for_user(user=request.user),
            units=selectors.unit_list_for_user(user=request.user),
        )
        content = cadre_export_xlsx(cadre_export_rows(cadre_filter.qs))
        return xlsx_response(content, f"cadres-{timezone.localdate():%Y%m%d}.xlsx")


class CadreDetailView(View):
    def get(self, request, pk: int):
        cadre = selectors.cadre_get_for_user(user=request.user, pk=pk)
        can_edit = units_managed_by(request.user).filter(pk=cadre.unit_id).exists()
        context = {
            "cadre": cadre,
            "trainings": cadre.trainings.all(),
            "timeline": cadre_timeline(cadre=cadre, user=request.user),
            "can_edit": can_edit,
            "training_form": TrainingRecordForm() if can_edit else None,
        }
        return render(request, "cadres/cadre_detail.html", context)


class CadreCreateView(View):
    def _units(self, request):
        units = units_managed_by(request.user)
        if not units.exists():
            raise PermissionDenied
        return units

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
        if not units_managed_by(request.user).filter(pk=cadre.unit_id).exists():
            raise PermissionDenied
        return cadre

    def get(self, request, pk: int):
        cadre = self._cadre(request, pk)
        form = CadreForm(instance=cadre, units=units_managed_by(request.user))
        return render(request, "cadres/cadre_form.html", {"form": form, "cadre": cadre})

    def post(self, request, pk: int):
        cadre = self._cadre(request, pk)
        form = CadreForm(
            request.POST, request.FILES, instance=Cadre.objects.get(pk=cadre.pk), units=units_managed_by(request.user)
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
        if form.is_valid():
            services.training_record_add(cadre=cadre, acting_user=request.user, **form.cleaned_data)
            messages.success(request, gettext("培训记录已添加。"))
        else:
            for field, errors in form.errors.items():
                label = form.fields[field].label if field in form.fields else ""
                messages.error(request, f"{label}：{'；'.join(errors)}" if label else "；".join(errors))
        return redirect("cadres:cadre-detail", pk=cadre.pk)

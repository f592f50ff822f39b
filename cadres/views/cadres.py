"""Cadre pages: the filtered list and its export, one cadre, add and edit, training records. Thin:
scope from selectors, what the user may do from `cadres.access`, writes through services."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.generic import View

from core.import_views import xlsx_response
from core.view_helpers import apply_validation_errors

from .. import access, selectors, services
from ..exports import cadre_export_rows, cadre_export_xlsx
from ..filters import CadreFilter
from ..forms import CadreForm, TrainingRecordForm
from ..models import Cadre
from ..timeline import cadre_timeline


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
            "actions": access.cadre_list_actions(request.user),
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
        actions = access.cadre_actions(request.user, cadre)
        context = {
            "cadre": cadre,
            "trainings": cadre.trainings.all(),
            "timeline": cadre_timeline(cadre=cadre, user=request.user),
            "actions": actions,
            "training_form": TrainingRecordForm() if "add_training" in actions else None,
            # a receiving contact sees the cadre seconded to them, not their home unit: no link to a 404
            "unit_visible": access.units_visible_to(request.user).filter(pk=cadre.unit_id).exists(),
        }
        return render(request, "cadres/cadre_detail.html", context)


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
        if form.is_valid():
            services.training_record_add(cadre=cadre, acting_user=request.user, **form.cleaned_data)
            messages.success(request, gettext("培训记录已添加。"))
        else:
            for field, errors in form.errors.items():
                label = form.fields[field].label if field in form.fields else ""
                messages.error(request, f"{label}：{'；'.join(errors)}" if label else "；".join(errors))
        return redirect("cadres:cadre-detail", pk=cadre.pk)

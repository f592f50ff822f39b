"""Unit pages: the tree, one unit, add and edit. Thin: scope from selectors, what the user may do from
`cadres.access`, writes through services."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.generic import View

from core.view_helpers import apply_validation_errors, query_id

from .. import access, selectors, services
from ..extensions import unit_page_context
from ..forms import UnitForm
from ..models import Unit
from ..unit_pickers import PICKS, unit_pick_search

UNITS_PER_PAGE = 100


class UnitListView(View):
    def get(self, request):
        # a province has thousands of units: a slice of the tree at a time, without a count (issue 18)
        number = query_id(request, "page") or 1
        start = (number - 1) * UNITS_PER_PAGE
        units = list(
            selectors.unit_list_for_user(user=request.user).order_by("path")[start : start + UNITS_PER_PAGE + 1]
        )
        context = {
            "units": units[:UNITS_PER_PAGE],
            "actions": access.unit_list_actions(request.user),
            "previous_page": number - 1 if number > 1 else None,
            "next_page": number + 1 if len(units) > UNITS_PER_PAGE else None,
        }
        return render(request, "cadres/unit_list.html", context)


class UnitDetailView(View):
    def get(self, request, pk: int):
        unit = selectors.unit_get_for_user(user=request.user, pk=pk)
        cadres = selectors.cadre_list_for_user(user=request.user).filter(unit=unit).order_by("name")
        children = selectors.unit_list_for_user(user=request.user).filter(parent=unit).order_by("name")
        context = {
            "unit": unit,
            "cadres": cadres,
            "children": children,
            "actions": access.unit_actions(request.user, unit),
            **unit_page_context(unit=unit, user=request.user),  # postings, from secondment
        }
        return render(request, "cadres/unit_detail.html", context)


class UnitCreateView(View):
    def _parents(self, request):
        if "add_unit" not in access.unit_list_actions(request.user):
            raise PermissionDenied
        return access.units_administered_by(request.user)

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
        if "edit" not in access.unit_actions(request.user, unit):
            raise PermissionDenied
        return unit

    def _parents(self, request, unit):
        """Units it may move under: those the user administers, outside its own subtree."""
        return access.units_administered_by(request.user).exclude(path__startswith=unit.path)

    def get(self, request, pk: int):
        unit = self._unit(request, pk)
        form = UnitForm(instance=unit, parents=self._parents(request, unit))
        return render(request, "cadres/unit_form.html", {"form": form, "unit": unit})

    def post(self, request, pk: int):
        unit = self._unit(request, pk)
        form = UnitForm(request.POST, instance=Unit.objects.get(pk=unit.pk), parents=self._parents(request, unit))
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


class UnitPickView(View):
    """The search behind a unit picker (static/js/unit-picker.js): the units of this kind of field that
    the user may pick whose name or pinyin initials match `q`, as JSON. Outside the user's scope nothing
    is found; an unknown kind of field is a 404."""

    def get(self, request, pick: str):
        if pick not in PICKS:
            raise Http404
        units = unit_pick_search(user=request.user, pick=pick, q=request.GET.get("q", "")[:50])
        return JsonResponse(
            {"results": [{"id": unit.pk, "text": unit.name} for unit in units]},
            json_dumps_params={"ensure_ascii": False},
        )

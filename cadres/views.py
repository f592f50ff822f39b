from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.generic import View

from accounts.roles import roles_of

from . import selectors


class UnitListView(View):
    def get(self, request):
        units = selectors.unit_list_for_user(user=request.user).order_by("path")
        return render(request, "cadres/unit_list.html", {"units": units})


class UnitDetailView(View):
    def get(self, request, pk: int):
        unit = selectors.unit_get_for_user(user=request.user, pk=pk)
        cadres = selectors.cadre_list_for_user(user=request.user).filter(unit=unit).order_by("name")
        children = selectors.unit_list_for_user(user=request.user).filter(parent=unit).order_by("name")
        return render(request, "cadres/unit_detail.html", {"unit": unit, "cadres": cadres, "children": children})


class CadreListView(View):
    paginate_by = 50

    def get(self, request):
        cadres = selectors.cadre_list_for_user(user=request.user)
        q = request.GET.get("q", "").strip()
        if q:
            from django.db.models import Q

            cadres = cadres.filter(
                Q(name__contains=q) | Q(id_number__startswith=q.upper()) | Q(name_initials__startswith=q.lower())
            )
        page = Paginator(cadres.order_by("unit__path", "name", "id"), self.paginate_by).get_page(
            request.GET.get("page")
        )
        return render(request, "cadres/cadre_list.html", {"page": page, "q": q, "roles": roles_of(request.user)})


class CadreDetailView(View):
    def get(self, request, pk: int):
        cadre = selectors.cadre_get_for_user(user=request.user, pk=pk)
        return render(request, "cadres/cadre_detail.html", {"cadre": cadre, "trainings": cadre.trainings.all()})

from django.shortcuts import render
from django.views.generic import View

from cadres.selectors import cadre_list_for_user, unit_list_for_user

from .roles import roles_of


class HomeView(View):
    """The home page: one section per role the user holds."""

    def get(self, request):
        roles = roles_of(request.user)
        context = {"roles": roles}
        if roles.is_admin or roles.is_org_staff or roles.is_dispatch_contact:
            context["cadre_count"] = cadre_list_for_user(user=request.user).count()
        if roles.is_admin or roles.is_org_staff or roles.is_dispatch_contact or roles.is_receive_contact:
            context["my_units"] = list(
                unit_list_for_user(user=request.user)
                .filter(pk__in=[i for ids in roles.unit_ids.values() for i in ids])
                .order_by("path")
            )
            context["unit_count"] = unit_list_for_user(user=request.user).count()
        if roles.is_cadre:
            context["my_cadre"] = cadre_list_for_user(user=request.user).filter(pk=roles.cadre_id).first()
        return render(request, "accounts/home.html", context)

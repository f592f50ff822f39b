from django.shortcuts import render
from django.views.generic import View

from accounts.roles import roles_of
from cadres.selectors import cadre_list_for_user, unit_list_for_user
from core.stats_cache import cached_stats
from reports.access import work_reports_visible_to
from secondment.access import postings_visible_to
from secondment.models import Posting


def cadre_reports(user, cadre_id) -> dict:
    """The cadre's reports that need them: returned for revision, late, due within 30 days."""
    from datetime import timedelta

    from django.utils import timezone

    today = timezone.localdate()
    mine = (
        work_reports_visible_to(user)
        .filter(posting__cadre_id=cadre_id, out_of_term=False, status__in=["draft", "returned"])
        .filter(posting__status__in=Posting.ACTIVE_STATUSES)  # a terminated or completed posting owes nothing
        .select_related("cycle", "posting")
        .order_by("due_date")
    )
    return {
        "my_posting": postings_visible_to(user)
        .active()
        .filter(cadre_id=cadre_id)
        .select_related("receiving_unit")
        .first(),
        "reports_returned": [r for r in mine if r.status == "returned"],
        "reports_late": [r for r in mine if r.status == "draft" and r.due_date < today],
        "reports_due": [r for r in mine if r.status == "draft" and today <= r.due_date <= today + timedelta(days=30)],
        # 写汇报 opens the report to write next: one returned for revision first, then the earliest due
        "next_report": next((r for r in mine if r.status == "returned"), None) or next(iter(mine), None),
        "today": today,
    }


def _scope_counts(user, *, cadres: bool) -> dict:
    """How many units (and cadres) the user sees: counts over the whole scope (100,000 cadres in a
    province), cached per scope under the data version (core.stats_cache)."""

    def compute() -> dict:
        counts = {"unit_count": unit_list_for_user(user=user).count()}
        if cadres:
            counts["cadre_count"] = cadre_list_for_user(user=user).count()
        return counts

    return cached_stats("home_counts", (roles_of(user).scope_key(), cadres), compute)


class HomeView(View):
    """The home page: one section per role the user holds."""

    def get(self, request):
        roles = roles_of(request.user)
        context = {"roles": roles}
        counts_cadres = roles.is_admin or roles.is_org_staff or roles.is_dispatch_contact
        counts_units = counts_cadres or roles.is_receive_contact
        if counts_units:
            context.update(_scope_counts(request.user, cadres=counts_cadres))
            context["my_units"] = list(
                unit_list_for_user(user=request.user)
                .filter(pk__in=[i for ids in roles.unit_ids.values() for i in ids])
                .order_by("path")
            )
        if roles.is_cadre:
            context["my_cadre"] = cadre_list_for_user(user=request.user).filter(pk=roles.cadre_id).first()
            context.update(cadre_reports(request.user, roles.cadre_id))
        from dashboard import home, todo

        if roles.is_admin or roles.is_org_staff:
            context["org_todos"] = todo.todos_for(request.user, todo.ORG)
            context["org_todo"] = {t.key: n for t, n in context["org_todos"]}
        if roles.is_receive_contact:
            context["receiving_todo"] = home.receiving_todo(request.user)
            context["receive_todos"] = context["receiving_todo"]["todos"]
        if roles.is_dispatch_contact:
            context["dispatching_todo"] = home.dispatching_todo(request.user)
            context["dispatch_todos"] = context["dispatching_todo"]["todos"]
        if roles.is_cadre:
            context["cadre_todo"] = home.cadre_todo(request.user)
        return render(request, "dashboard/home.html", context)

"""The reports tab of a posting's page."""

from django.shortcuts import render
from django.utils import timezone
from django.views.generic import View

from secondment.views.posting_pages import posting_context


class PostingReportsView(View):
    def get(self, request, pk: int):
        context = posting_context(request, pk, "reports")
        reports = context["posting"].reports.select_related("cycle").order_by("due_date", "cycle__period_months")
        context.update(reports=reports, today=timezone.localdate())
        return render(request, "reports/posting_reports.html", context)

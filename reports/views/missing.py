"""逾期未报: who has not filed which report, by batch and receiving unit, on screen with filters, and
the same list as .xlsx (`?format=xlsx`). Scoped by `selectors.reports_missing`."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.views.generic import View

from accounts.roles import roles_of
from core.import_views import xlsx_response
from core.paginator import rows_in_order
from core.stats_cache import cached_list_ids
from core.xlsx import build_xlsx

from .. import selectors
from ..filters import MissingReportFilter
from ..models import WorkReport

HEADERS = ["批次", "接收单位", "干部", "派出单位", "汇报", "期间", "截止日期", "逾期天数"]


class MissingReportsView(View):
    def get(self, request):
        today = timezone.localdate()
        missing = MissingReportFilter(
            request.GET or None, queryset=selectors.reports_missing(user=request.user, today=today), request=request
        )
        reports = missing.qs
        if request.GET.get("format") == "xlsx":
            rows = (
                [
                    r.posting.batch.name,
                    r.posting.receiving_unit.name,
                    r.posting.cadre.name,
                    r.posting.dispatching_unit.name,
                    r.cycle.name,
                    r.period_label,
                    r.due_date,
                    (today - r.due_date).days,
                ]
                for r in reports
            )
            content = build_xlsx(title="逾期未报", headers=HEADERS, rows=rows, widths=[34, 24, 10, 24, 14, 24, 12, 10])
            return xlsx_response(content, f"reports-missing-{today:%Y%m%d}.xlsx")
        # the list's ids in its order, cached per jurisdiction, filters and day under the data version, then
        # the page's rows by id with what they show: ordering a city's 1,400 overdue reports joined to five
        # tables took 40–90 ms a page (issue 18)
        scope = roles_of(request.user).scope_key()
        ordered = cached_list_ids("reports_missing", scope, request.GET, reports, day=today)
        page = Paginator(ordered, 50).get_page(request.GET.get("page"))
        # read through the scoped list; a cached id whose report was removed since (a shortened posting
        # drops its untouched drafts) is left out
        page.object_list = rows_in_order(reports.defer(*WorkReport.SECTIONS), page.object_list)
        for report in page:
            report.days_late = (today - report.due_date).days
        query = request.GET.copy()
        query.pop("page", None)
        return render(
            request,
            "reports/report_missing.html",
            {"filter": missing, "page": page, "query": query.urlencode(), "today": today},
        )

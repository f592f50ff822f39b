"""Compliance (报送情况): per batch or receiving unit, reports due, on time, late and missing; as a
page or .xlsx. Scoped by `selectors.report_compliance` to the reports the user sees."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.generic import View

from core.import_views import xlsx_response
from core.xlsx import build_xlsx

from .. import selectors

# a province has 200 batches and 500 receiving units: a page at a time (the Excel has every row)
COMPLIANCE_PER_PAGE = 50


class ComplianceView(View):
    def get(self, request):
        group_by = "unit" if request.GET.get("by") == "unit" else "batch"
        rows = selectors.report_compliance(user=request.user, group_by=group_by)
        if request.GET.get("format") == "xlsx":
            headers = [
                "接收单位" if group_by == "unit" else "批次",
                "应报",
                "按时",
                "逾期提交",
                "未报",
                "未到期",
                "按时率（%）",
            ]
            content = build_xlsx(
                title="汇报报送情况",
                headers=headers,
                widths=[36, 8, 8, 10, 8, 8, 12],
                rows=(
                    [r["name"], r["due"], r["on_time"], r["late"], r["missing"], r["upcoming"], r["rate"]] for r in rows
                ),
            )
            return xlsx_response(content, f"report-compliance-{timezone.localdate():%Y%m%d}.xlsx")
        page = Paginator(rows, COMPLIANCE_PER_PAGE).get_page(request.GET.get("page"))
        return render(
            request,
            "reports/report_compliance.html",
            {
                "rows": page.object_list,
                "page": page,
                "query": f"by={group_by}",
                "group_by": group_by,
                # the rows' links built once, not by a {% url %} per row
                "missing_url": reverse("reports:missing") + ("?receiving_unit=" if group_by == "unit" else "?batch="),
                "export_url": reverse("reports:export-xlsx") + "?batch=",
            },
        )

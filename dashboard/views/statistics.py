"""The org department's dashboard (charts with their tables and Excel), and the personal calendar feed."""

from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views.generic import View

from cadres.access import units_visible_to
from cadres.fields import UnitChoiceField
from cadres.models import Unit
from core.import_views import xlsx_response
from core.widgets import FastSelect
from core.xlsx import build_xlsx
from dashboard.access import dashboard_require
from dashboard.calendar import calendar_for, regenerate_token, user_for_token
from dashboard.selectors import DashboardFilters, dashboard
from secondment.access import batches_visible_to
from secondment.models import BatchKind


class FilterForm(forms.Form):
    year = forms.IntegerField(label="年度", required=False)
    # options written in Python: a province has 200 batches (core.widgets)
    batch = forms.ModelChoiceField(label="批次", queryset=None, required=False, widget=FastSelect)
    kind = forms.ModelChoiceField(label="挂职类型", queryset=BatchKind.objects.all(), required=False, widget=FastSelect)
    # a <select> of a city's counties, a name box for a province's 700 (cadres.fields)
    county = UnitChoiceField(label="县（区）", queryset=None, required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        # the options' names only: a province's 200 batches and 700 counties are otherwise whole rows
        self.fields["batch"].queryset = batches_visible_to(user).only("pk", "name")
        self.fields["county"].queryset = (
            units_visible_to(user).filter(level=Unit.Level.COUNTY).order_by("path").only("pk", "name", "path")
        )

    def filters(self) -> DashboardFilters:
        if not self.is_valid():
            return DashboardFilters()
        d = self.cleaned_data
        return DashboardFilters(
            year=d["year"],
            batch_id=d["batch"].pk if d["batch"] else None,
            kind_id=d["kind"].pk if d["kind"] else None,
            county_id=d["county"].pk if d["county"] else None,
        )


class DashboardView(View):
    def get(self, request):
        dashboard_require(request.user, "statistics")
        form = FilterForm(request.GET or None, user=request.user)
        f = form.filters()
        stats = dashboard(request.user, f)
        base = {k: v for k, v in {"batch": f.batch_id, "kind": f.kind_id}.items() if v}
        list_url = reverse("secondment:posting-list")
        charts = {
            "status": {
                "title": "挂职状态",
                "labels": [s[0] for s in stats["by_status"]],
                "values": [s[2] for s in stats["by_status"]],
                "links": [f"{list_url}?{urlencode({**base, 'status': s[1]})}" for s in stats["by_status"]],
            },
            "kind": {
                "title": "挂职类型",
                "labels": [k[0] for k in stats["by_kind"]],
                "values": [k[2] for k in stats["by_kind"]],
                "links": [f"{list_url}?{urlencode({**base, 'kind': k[1]})}" for k in stats["by_kind"]],
            },
            "region": {
                "title": "在岗干部（按接收单位地区）",
                "labels": [r[0] for r in stats["by_region"]],
                "values": [r[1] for r in stats["by_region"]],
                "links": [
                    f"{list_url}?{urlencode({**base, 'status': 'on_post', 'region': r[0]})}" for r in stats["by_region"]
                ],
            },
            "compliance": {
                "title": "工作汇报按时率（%）",
                "labels": [c["period"] for c in stats["compliance"]],
                "values": [c["rate"] or 0 for c in stats["compliance"]],
                "links": [reverse("reports:compliance")] * len(stats["compliance"]),
            },
            "annual": {
                "title": "年度考核等次",
                "labels": [a[0] for a in stats["annual"]],
                "values": [a[1] for a in stats["annual"]],
                "links": [],
            },
            "appraisal": {
                "title": "期满鉴定等次",
                "labels": [a[0] for a in stats["appraisal"]],
                "values": [a[1] for a in stats["appraisal"]],
                "links": [],
            },
        }
        # each table's rows paired here: pairing them in the template was quadratic (issue 18)
        for chart in charts.values():
            links = chart["links"] or [""] * len(chart["labels"])
            chart["rows"] = list(zip(chart["labels"], chart["values"], links, strict=True))
        return render(
            request,
            "dashboard/dashboard.html",
            {
                "form": form,
                "stats": stats,
                "charts": charts,
                # what the chart script reads: each chart once, without the table's rows
                "chart_data": {key: {k: v for k, v in chart.items() if k != "rows"} for key, chart in charts.items()},
                "echarts": settings.ECHARTS_AVAILABLE,
                "query": request.GET.urlencode(),
            },
        )


class DashboardExportView(View):
    """Every chart's numbers as Excel (one block per chart)."""

    def get(self, request):
        dashboard_require(request.user, "statistics")
        f = FilterForm(request.GET or None, user=request.user).filters()
        stats = dashboard(request.user, f)

        def rows():
            for title, pairs in [
                ("挂职状态", [(a, c) for a, _, c in stats["by_status"]]),
                ("挂职类型", [(a, c) for a, _, c in stats["by_kind"]]),
                ("在岗干部（按地区）", stats["by_region"]),
                ("工作汇报按时率（%）", [(c["period"], c["rate"]) for c in stats["compliance"]]),
                ("年度考核等次", stats["annual"]),
                ("期满鉴定等次", stats["appraisal"]),
                (
                    "逾期事项",
                    [
                        ("逾期未到岗", stats["overdue"]["arrival"]),
                        ("汇报未报", stats["overdue"]["reports"]),
                        ("整改逾期", stats["overdue"]["rectification"]),
                        ("长期离岗", stats["overdue"]["absence"]),
                    ],
                ),
            ]:
                for label, value in pairs:
                    yield [title, label, value]

        content = build_xlsx(title="统计", headers=["统计项", "分类", "数值"], rows=rows(), widths=[22, 30, 10])
        return xlsx_response(content, f"dashboard-{timezone.localdate():%Y%m%d}.xlsx")


class CalendarSettingsView(View):
    def get(self, request):
        token = request.user.calendar_token or regenerate_token(request.user)
        url = request.build_absolute_uri(reverse("dashboard:calendar-feed", args=[token]))
        return render(request, "dashboard/calendar.html", {"feed_url": url})

    def post(self, request):
        regenerate_token(request.user)
        return redirect("dashboard:calendar")


@method_decorator(login_not_required, name="dispatch")
class CalendarFeedView(View):
    """The user's deadlines as iCalendar, at a secret URL a phone or Outlook can subscribe to."""

    def get(self, request, token: str):
        user = user_for_token(token)
        if user is None:
            raise Http404
        response = HttpResponse(calendar_for(user), content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = 'inline; filename="guazhitong.ics"'
        return response

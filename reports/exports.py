"""The work reports the user sees as .xlsx, one row per report (for a batch and a period: 报送期限
between from and to); a large one is written by a worker (core.exports)."""

from types import SimpleNamespace

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from core.exports import Export, register_export
from core.view_helpers import query_id

EXPORT_HEADERS = [
    "姓名",
    "批次",
    "接收单位",
    "汇报类型",
    "期间自",
    "期间至",
    "报送期限",
    "状态",
    "首次提交",
    "是否逾期",
    "主要工作",
    "取得成效",
    "存在问题",
    "下步打算",
]


def report_export_queryset(user, params):
    from .access import work_reports_visible_to

    reports = work_reports_visible_to(user).select_related(
        "posting__cadre", "posting__batch", "posting__receiving_unit", "cycle"
    )
    field = forms.DateField(required=False)
    try:
        start, end = field.clean(params.get("from") or None), field.clean(params.get("to") or None)
    except ValidationError:
        start = end = None
    if batch_id := query_id(SimpleNamespace(GET=params), "batch"):
        reports = reports.filter(posting__batch_id=batch_id)
    if start:
        reports = reports.filter(due_date__gte=start)
    if end:
        reports = reports.filter(due_date__lte=end)
    return reports.order_by("posting__batch_id", "posting__cadre__name", "due_date")


def report_export_rows(reports):
    """One row per report, read as plain values in chunks (no model instances: a province has 130,000)."""
    from .models import WorkReport

    today = timezone.localdate()
    statuses = {value: str(label) for value, label in WorkReport.Status.choices}
    rows = reports.values_list(
        "posting__cadre__name",
        "posting__batch__name",
        "posting__receiving_unit__name",
        "cycle__name",
        "period_start",
        "period_end",
        "due_date",
        "status",
        "first_submitted_at",
        "main_work",
        "results",
        "problems",
        "next_plans",
    )
    for name, batch, unit, cycle, start, end, due, status, first, main_work, results, problems, plans in rows.iterator(
        chunk_size=2000
    ):
        # late as WorkReport.is_late: submitted after the due date, or not yet and the due date has passed
        late = (timezone.localtime(first).date() if first else today) > due
        yield [
            name,
            batch,
            unit,
            cycle,
            start,
            end,
            due,
            statuses.get(status, status),
            first,
            "是" if late else "否",
            main_work,
            results,
            problems,
            plans,
        ]


register_export(
    Export(
        name="reports",
        title="工作汇报",
        filename="reports",
        headers=EXPORT_HEADERS,
        widths=[10, 30, 20, 14, 12, 12, 12, 10, 18, 8, 50, 40, 40, 40],
        queryset=report_export_queryset,
        rows=report_export_rows,
    )
)

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
    for r in reports.iterator(chunk_size=1000):
        yield [
            r.posting.cadre.name,
            r.posting.batch.name,
            r.posting.receiving_unit.name,
            r.cycle.name,
            r.period_start,
            r.period_end,
            r.due_date,
            r.get_status_display(),
            timezone.localtime(r.first_submitted_at) if r.first_submitted_at else None,
            "是" if r.is_late() else "否",
            r.main_work,
            r.results,
            r.problems,
            r.next_plans,
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

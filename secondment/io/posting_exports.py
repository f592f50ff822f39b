"""Posting list export: rows from a scoped, filtered queryset, rendered as XLSX."""

from collections.abc import Iterator
from types import SimpleNamespace

from core.exports import Export, register_export
from core.xlsx import build_xlsx

HEADERS = [
    "姓名",
    "身份证号",
    "批次",
    "挂职类型",
    "派出单位",
    "原职务",
    "接收单位",
    "挂任职务",
    "任职文号",
    "任职日期",
    "到岗日期",
    "开始日期",
    "结束日期",
    "原定结束日期",
    "状态",
    "备案",
    "逾期未到岗",
    "帮带领导",
]


FIELDS = [
    "cadre__name",
    "cadre__id_number",
    "batch__name",
    "batch__kind__name",
    "dispatching_unit__name",
    "original_post",
    "receiving_unit__name",
    "post",
    "appointment_doc_no",
    "appointment_date",
    "arrival_date",
    "start_date",
    "end_date",
    "planned_end_date",
    "status",
    "filing",
    "mentor",
]


def posting_export_rows(queryset) -> Iterator[list]:
    """One row per posting, read as plain values in chunks (no model instances: a province has 30,000)."""
    from ..models import Posting

    statuses = {value: str(label) for value, label in Posting.Status.choices}
    filings = {value: str(label) for value, label in Posting.Filing.choices}
    flagged = "arrival_overdue" in queryset.query.annotations
    fields = [*FIELDS, "arrival_overdue"] if flagged else FIELDS
    for row in queryset.values_list(*fields).iterator(chunk_size=5000):
        yield [
            *row[:14],
            statuses.get(row[14], row[14]),
            filings.get(row[15], row[15]),
            "是" if flagged and row[17] else "",
            row[16],
        ]


WIDTHS = [10, 22, 30, 10, 24, 14, 24, 12, 18, 12, 12, 12, 12, 12, 12, 8, 10, 12]


def posting_export_xlsx(rows) -> bytes:
    return build_xlsx(title="挂职干部名单", headers=HEADERS, rows=rows, widths=WIDTHS)


def posting_export_queryset(user, params):
    """The posting list as its page shows it to `user` with these filters (the filter reads only the
    request's user)."""
    from ..filters import PostingFilter
    from ..selectors import posting_list_for_user

    return PostingFilter(params, queryset=posting_list_for_user(user=user), request=SimpleNamespace(user=user)).qs


register_export(
    Export(
        name="postings",
        title="挂职干部名单",
        filename="postings",
        headers=HEADERS,
        widths=WIDTHS,
        queryset=posting_export_queryset,
        rows=posting_export_rows,
    )
)

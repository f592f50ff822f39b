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


def posting_export_rows(queryset) -> Iterator[list]:
    for p in queryset.iterator(chunk_size=2000):
        yield [
            p.cadre.name,
            p.cadre.id_number,
            p.batch.name,
            p.batch.kind.name,
            p.dispatching_unit.name,
            p.original_post,
            p.receiving_unit.name,
            p.post,
            p.appointment_doc_no,
            p.appointment_date,
            p.arrival_date,
            p.start_date,
            p.end_date,
            p.planned_end_date,
            p.get_status_display(),
            p.get_filing_display(),
            "是" if getattr(p, "arrival_overdue", False) else "",
            p.mentor,
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

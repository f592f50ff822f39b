"""Posting list export: rows from a scoped, filtered queryset, rendered as XLSX."""

from collections.abc import Iterator

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


def posting_export_xlsx(rows) -> bytes:
    widths = [10, 22, 30, 10, 24, 14, 24, 12, 18, 12, 12, 12, 12, 12, 12, 8, 10, 12]
    return build_xlsx(title="挂职干部名单", headers=HEADERS, rows=rows, widths=widths)

"""Excel exports of the support records (issue 15): rows from scoped, filtered querysets."""

from django.utils import timezone

from core.exports import Export, register_export
from core.view_helpers import parse_id
from core.xlsx import build_xlsx


def symposium_xlsx(queryset) -> bytes:
    rows = (
        [
            s.date,
            s.title,
            s.place,
            s.organizer.name,
            s.batch.name if s.batch else "",
            "、".join(p.cadre.name for p in s.attendees.all()),
            s.other_attendees,
            s.topics,
            s.minutes,
        ]
        for s in queryset
    )
    headers = ["日期", "会议名称", "地点", "组织单位", "批次", "参会挂职干部", "其他参会人员", "议题", "会议纪要"]
    return build_xlsx(title="座谈会", headers=headers, rows=rows, widths=[12, 30, 20, 20, 30, 40, 24, 40, 60])


def feedback_rows(queryset):
    return (
        [
            fb.posting.cadre.name,
            fb.posting.batch.name,
            fb.posting.dispatching_unit.name,
            fb.posting.receiving_unit.name,
            fb.get_source_display(),
            fb.period_start,
            fb.period_end,
            fb.content,
            str(fb.written_by or ""),
            timezone.localtime(fb.created_at),
            "已确认" if fb.acknowledged_at else "待确认",
            str(fb.acknowledged_by or ""),
            timezone.localtime(fb.acknowledged_at) if fb.acknowledged_at else None,
            fb.reply,
        ]
        for fb in queryset.iterator(chunk_size=2000)
    )


FEEDBACK_HEADERS = [
    "姓名",
    "批次",
    "派出单位",
    "接收单位",
    "反馈方",
    "期间自",
    "期间至",
    "现实表现和工作情况",
    "反馈人",
    "反馈时间",
    "确认情况",
    "确认人",
    "确认时间",
    "派出单位回复",
]
FEEDBACK_WIDTHS = [10, 30, 24, 24, 10, 12, 12, 60, 12, 18, 10, 12, 18, 30]


def feedback_xlsx(queryset) -> bytes:
    return build_xlsx(title="情况反馈", headers=FEEDBACK_HEADERS, rows=feedback_rows(queryset), widths=FEEDBACK_WIDTHS)


def rotation_rows(queryset):
    return (
        [
            r.posting.cadre.name,
            r.posting.batch.name,
            r.posting.receiving_unit.name,
            r.post,
            r.duties,
            r.start_date,
            r.end_date,
            r.notes,
        ]
        for r in queryset.iterator(chunk_size=2000)
    )


ROTATION_HEADERS = ["姓名", "批次", "接收单位", "岗位（职务）", "分管工作", "开始日期", "结束日期", "备注"]
ROTATION_WIDTHS = [10, 30, 24, 16, 40, 12, 12, 24]


def rotation_xlsx(queryset) -> bytes:
    return build_xlsx(title="轮岗情况", headers=ROTATION_HEADERS, rows=rotation_rows(queryset), widths=ROTATION_WIDTHS)


def living_support_rows(queryset):
    return (
        [
            s.posting.cadre.name,
            s.posting.batch.name,
            s.posting.receiving_unit.name,
            s.get_housing_display(),
            s.housing_detail,
            s.get_transport_display(),
            s.transport_allowance,
            s.get_travel_payer_display(),
            s.travel_detail,
            s.posting.subsidy_monthly,
            s.notes,
        ]
        for s in queryset.iterator(chunk_size=2000)
    )


LIVING_HEADERS = [
    "姓名",
    "批次",
    "接收单位",
    "住房",
    "住房说明",
    "乘车",
    "交通补贴（元/月）",
    "差旅费",
    "差旅费说明",
    "生活补助（元/月）",
    "其他保障",
]
LIVING_WIDTHS = [10, 30, 24, 18, 24, 18, 14, 14, 24, 14, 30]


def living_support_xlsx(queryset) -> bytes:
    return build_xlsx(
        title="生活保障", headers=LIVING_HEADERS, rows=living_support_rows(queryset), widths=LIVING_WIDTHS
    )


# The support lists that grow with the postings (one 生活保障 record per posting, feedback every
# period, rotations): as exports that a worker writes when large (core.exports). Their querysets are
# the list pages' own (secondment.views.support: scope, then the batch filter).


def _batch_filter(params, qs, field: str):
    batch = params.get("batch", "")
    batch_id = parse_id(batch)
    return qs.filter(**{field: batch_id}) if batch_id else qs


def feedback_export_queryset(user, params):
    from ..selectors_support import feedback_list_for_user

    qs = _batch_filter(params, feedback_list_for_user(user=user), "posting__batch_id")
    return qs.filter(acknowledged_at__isnull=True) if params.get("pending") else qs


def rotation_export_queryset(user, params):
    from ..selectors_support import rotation_list_for_user

    return _batch_filter(params, rotation_list_for_user(user=user), "posting__batch_id")


def living_support_export_queryset(user, params):
    from ..selectors_support import living_support_list_for_user

    return _batch_filter(params, living_support_list_for_user(user=user), "posting__batch_id")


for _export in (
    Export(
        "feedback", "情况反馈", "feedback", FEEDBACK_HEADERS, feedback_export_queryset, feedback_rows, FEEDBACK_WIDTHS
    ),
    Export(
        "rotations", "轮岗情况", "rotations", ROTATION_HEADERS, rotation_export_queryset, rotation_rows, ROTATION_WIDTHS
    ),
    Export(
        "living-support",
        "生活保障",
        "living-support",
        LIVING_HEADERS,
        living_support_export_queryset,
        living_support_rows,
        LIVING_WIDTHS,
    ),
):
    register_export(_export)


def pairing_xlsx(queryset, batch) -> bytes:
    rows = ([batch.name, p.dispatching_unit.name, p.receiving_unit.name, p.notes] for p in queryset)
    headers = ["批次", "派出单位", "接收单位", "帮扶内容"]
    return build_xlsx(title="结对帮扶", headers=headers, rows=rows, widths=[30, 28, 28, 40])

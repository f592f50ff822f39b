"""Cadre roster export: a generator of rows (from a scoped, filtered queryset) and an XLSX renderer."""

from collections.abc import Iterator

from django.utils import timezone

from core.exports import Export, register_export
from core.xlsx import build_xlsx

ROSTER_HEADERS = [
    "姓名",
    "性别",
    "民族",
    "出生年月",
    "身份证号",
    "政治面貌",
    "学历",
    "学位",
    "工作单位",
    "职务",
    "职级",
    "联系电话",
    "是否后备干部",
    "备注",
]
EXPORT_HEADERS = [*ROSTER_HEADERS[:4], "年龄", *ROSTER_HEADERS[4:]]


def cadre_export_rows(queryset) -> Iterator[list]:
    today = timezone.localdate()
    qs = queryset.select_related("unit", "ethnicity", "political_status", "education", "degree", "rank")
    for c in qs.iterator(chunk_size=2000):
        yield [
            c.name,
            c.get_gender_display(),
            c.ethnicity.name,
            c.birth_date.strftime("%Y.%m"),
            c.age_on(today),
            c.id_number,
            c.political_status.name,
            c.education.name if c.education else "",
            c.degree.name if c.degree else "",
            c.unit.name,
            c.post,
            c.rank.name if c.rank else "",
            c.phone,
            "是" if c.is_reserve else "否",
            c.notes,
        ]


WIDTHS = [10, 6, 8, 10, 6, 22, 12, 12, 8, 30, 16, 14, 14, 12, 30]


def cadre_export_xlsx(rows) -> bytes:
    return build_xlsx(title="干部名册", headers=EXPORT_HEADERS, rows=rows, widths=WIDTHS)


def cadre_export_queryset(user, params):
    """The cadre list as its page shows it to `user` with these filters."""
    from . import selectors
    from .filters import CadreFilter

    return CadreFilter(
        params, queryset=selectors.cadre_list_for_user(user=user), units=selectors.unit_list_for_user(user=user)
    ).qs


register_export(
    Export(
        name="cadres",
        title="干部名册",
        filename="cadres",
        headers=EXPORT_HEADERS,
        widths=WIDTHS,
        queryset=cadre_export_queryset,
        rows=cadre_export_rows,
    )
)

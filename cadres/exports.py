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
    """One row per cadre, read as plain values in chunks (no model instances: a province's roster is
    100,000 rows, and building an instance and six related ones per row was most of the time)."""
    from .models import Cadre

    today = timezone.localdate()
    genders = {value: str(label) for value, label in Cadre.Gender.choices}
    rows = queryset.values_list(
        "name",
        "gender",
        "ethnicity__name",
        "birth_date",
        "id_number",
        "political_status__name",
        "education__name",
        "degree__name",
        "unit__name",
        "post",
        "rank__name",
        "phone",
        "is_reserve",
        "notes",
    )
    for (
        name,
        gender,
        ethnicity,
        birth,
        id_number,
        political,
        education,
        degree,
        unit,
        post,
        rank,
        phone,
        reserve,
        notes,
    ) in rows.iterator(chunk_size=5000):
        yield [
            name,
            genders.get(gender, gender),
            ethnicity,
            birth.strftime("%Y.%m"),
            today.year - birth.year - int((today.month, today.day) < (birth.month, birth.day)),
            id_number,
            political,
            education or "",
            degree or "",
            unit,
            post,
            rank or "",
            phone,
            "是" if reserve else "否",
            notes,
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

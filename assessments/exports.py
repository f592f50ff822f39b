"""Annual assessment results as .xlsx, with the codes used by national cadre-information systems
(core.exports: at once when small, else a background job)."""

from django.utils import timezone

from core.exports import Export, register_export


def annual_export_queryset(user, params):
    from .access import annual_assessments_visible_to
    from .models import AnnualAssessment

    return (
        annual_assessments_visible_to(user)
        .filter(status=AnnualAssessment.Status.CONFIRMED)
        .select_related("posting__cadre", "posting__receiving_unit", "final_grade")
        .order_by("-year", "posting__cadre__name")
    )


def annual_export_rows(assessments):
    for a in assessments.iterator(chunk_size=1000):
        yield [
            a.posting.cadre.name,
            a.posting.cadre.id_number,
            a.year,
            a.posting.receiving_unit.name,
            a.final_grade.name,
            a.final_grade.code,
            timezone.localtime(a.confirmed_at),
        ]


register_export(
    Export(
        name="annual",
        title="年度考核结果",
        filename="annual-assessments",
        headers=["姓名", "身份证号", "年度", "接收单位", "考核结果", "结果代码", "确定时间"],
        widths=[10, 22, 8, 24, 12, 10, 18],
        queryset=annual_export_queryset,
        rows=annual_export_rows,
    )
)

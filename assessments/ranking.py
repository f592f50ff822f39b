"""Ranking of a batch's end-of-term appraisals by composite score (综合得分), a reference for awards and
promotion (以得分高低作为…评优和提拔使用的重要参考依据, seed 003).

What is ranked: each posting's current finalized appraisal (a finalized version that no later finalized
version corrects); open or closed appraisals are not ranked.

Order and ties: composite score, highest first; equal scores are decided by the democratic evaluation
score (民主测评得分, the colleagues' judgement); appraisals equal on both share a rank (并列, standard
competition ranking 1, 2, 2, 4) and are listed by name. An appraisal without a composite score is
listed last, unranked.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Exists, F, OuterRef
from django.utils import timezone

from core.xlsx import build_xlsx

from .models import Appraisal
from .scoring import democratic


@dataclass(frozen=True)
class RankedAppraisal:
    rank: int | None
    tied: bool
    appraisal: Appraisal
    democratic_score: Decimal | None


def current_finalized(queryset=None):
    qs = queryset if queryset is not None else Appraisal.objects.all()
    corrected = Appraisal.objects.filter(previous=OuterRef("pk"), status=Appraisal.Status.FINALIZED)
    return qs.filter(status=Appraisal.Status.FINALIZED).exclude(Exists(corrected))


def batch_appraisal_ranking(*, batch) -> list[RankedAppraisal]:
    appraisals = list(
        current_finalized(Appraisal.objects.filter(posting__batch=batch))
        .select_related(
            "posting__cadre", "posting__dispatching_unit", "posting__receiving_unit", "final_grade", "finalized_by"
        )
        .order_by(F("composite_score").desc(nulls_last=True), "posting__cadre__name", "pk")
    )
    keyed = [(a, democratic(a).score) for a in appraisals]

    def key(item):
        a, demo = item
        return (a.composite_score is None, -(a.composite_score or 0), demo is None, -(demo or 0))

    keyed.sort(key=lambda item: (*key(item), item[0].posting.cadre.name, item[0].pk))
    counts: dict = {}
    for item in keyed:
        counts[key(item)] = counts.get(key(item), 0) + 1
    rows, rank, previous = [], 0, None
    for position, item in enumerate(keyed, start=1):
        a, demo = item
        if a.composite_score is None:
            rows.append(RankedAppraisal(None, False, a, demo))
            continue
        if key(item) != previous:
            rank, previous = position, key(item)
        rows.append(RankedAppraisal(rank, counts[key(item)] > 1, a, demo))
    return rows


HEADERS = [
    "名次",
    "姓名",
    "派出单位",
    "接收单位",
    "挂任职务",
    "综合得分",
    "民主测评得分",
    "鉴定等次",
    "版本",
    "定稿时间",
]


def ranking_rows(rows: list[RankedAppraisal]) -> Iterator[list]:
    for r in rows:
        a = r.appraisal
        yield [
            (f"{r.rank}（并列）" if r.tied else r.rank) if r.rank else "—",
            a.posting.cadre.name,
            a.posting.dispatching_unit.name,
            a.posting.receiving_unit.name,
            a.posting.post,
            a.composite_score,
            r.democratic_score,
            a.final_grade.name if a.final_grade else "",
            a.version,
            timezone.localtime(a.finalized_at) if a.finalized_at else None,
        ]


def ranking_xlsx(rows: list[RankedAppraisal]) -> bytes:
    widths = [10, 10, 24, 24, 14, 10, 12, 10, 6, 18]
    return build_xlsx(title="鉴定得分排名", headers=HEADERS, rows=ranking_rows(rows), widths=widths)

"""The numbers of an appraisal, computed the documented way.

- Indicator total (0–100): Σ score_i × weight_i / Σ weight_i, each score on 0–100
  (with 德20 能15 勤15 绩30 廉20: 德90 能80 勤85 绩88 廉95 → (1800+1200+1275+2640+1900)/100 = 88.15).
- Democratic score (0–100): the average points of the valid votes that expressed a grade
  (APPRAISAL_VOTE_POINTS, default 优秀100 称职80 基本称职60 不称职0; 不了解 is left out).
- Composite score: indicators × APPRAISAL_WEIGHTS["indicators"] + democratic × APPRAISAL_WEIGHTS["democratic"]
  (default 0.7 / 0.3).
- Suggested grade: the highest grade of the scale whose `min_score` the composite reaches.
- Vote labels: the four vote counts are kept by the grade's code (优秀 = 1 … 不称职 = 4, the national
  cadre-information code), so a scale of 优秀/合格/基本合格/不合格 reads its own names (`vote_labels`).
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings

TWO = Decimal("0.01")


def _q(value: Decimal) -> Decimal:
    return value.quantize(TWO, rounding=ROUND_HALF_UP)


def indicator_total(scores: list[tuple[Decimal, Decimal]]) -> Decimal | None:
    """scores: (score 0–100, weight) per item."""
    weights = sum((w for _, w in scores), Decimal(0))
    if not scores or weights == 0:
        return None
    return _q(sum((s * w for s, w in scores), Decimal(0)) / weights)


@dataclass(frozen=True)
class DemocraticResult:
    participation: Decimal | None  # 实到 / 应到
    valid_rate: Decimal | None  # 有效票 / 实到
    shares: dict[str, Decimal]  # votes per grade / valid ballots
    score: Decimal | None
    valid: bool
    message: str


def democratic(appraisal) -> DemocraticResult:
    """Rates of a democratic evaluation; never divides by zero, says in Chinese what is wrong."""
    expected, present, valid = appraisal.expected, appraisal.present, appraisal.ballots_valid
    votes = {
        "excellent": appraisal.votes_excellent or 0,
        "competent": appraisal.votes_competent or 0,
        "basic": appraisal.votes_basic or 0,
        "incompetent": appraisal.votes_incompetent or 0,
        "unknown": appraisal.votes_unknown or 0,
    }
    if expected is None or present is None:
        return DemocraticResult(None, None, {}, None, False, "尚未录入民主测评。")
    if not expected or not present:
        return DemocraticResult(None, None, {}, None, False, "应到或实到人数为0，无法计算参与率，测评无效。")
    participation = _q(Decimal(present) / Decimal(expected))
    valid_rate = _q(Decimal(valid or 0) / Decimal(present))
    shares = {k: _q(Decimal(v) / Decimal(valid)) for k, v in votes.items()} if valid else {}
    points = settings.APPRAISAL_VOTE_POINTS
    graded = sum(votes[k] for k in points)
    score = _q(sum(Decimal(points[k]) * votes[k] for k in points) / Decimal(graded)) if graded else None
    threshold = Decimal(str(settings.DEMOCRATIC_MIN_PARTICIPATION))
    if Decimal(present) / Decimal(expected) < threshold:
        return DemocraticResult(
            participation,
            valid_rate,
            shares,
            score,
            False,
            f"参与率{participation:.0%}低于规定的{threshold:.0%}，测评结果无效，请重新组织测评。",
        )
    if score is None:
        return DemocraticResult(
            participation, valid_rate, shares, None, False, "没有表明等次的有效票，无法计算测评得分。"
        )
    return DemocraticResult(participation, valid_rate, shares, score, True, "")


# the vote count of each grade code (assessments.models.Grade.code), then 不了解
VOTE_FIELDS_BY_CODE = {
    "1": "votes_excellent",
    "2": "votes_competent",
    "3": "votes_basic",
    "4": "votes_incompetent",
}
DEFAULT_VOTE_LABELS = {
    "votes_excellent": "优秀",
    "votes_competent": "称职",
    "votes_basic": "基本称职",
    "votes_incompetent": "不称职",
    "votes_unknown": "不了解",
}


def vote_labels(scale) -> list[tuple[str, str]]:
    """(vote field, label) of a democratic evaluation in the order of a ballot: the grade names of
    `scale` by their codes 1–4 (the default names where the scale has no such code), then 不了解."""
    names = {grade.code: grade.name for grade in scale.grades.all()} if scale is not None else {}
    labels = [(field, names.get(code, DEFAULT_VOTE_LABELS[field])) for code, field in VOTE_FIELDS_BY_CODE.items()]
    return [*labels, ("votes_unknown", DEFAULT_VOTE_LABELS["votes_unknown"])]


def composite(indicators: Decimal | None, democratic_score: Decimal | None) -> Decimal | None:
    if indicators is None or democratic_score is None:
        return None
    w = settings.APPRAISAL_WEIGHTS
    return _q(indicators * Decimal(str(w["indicators"])) + democratic_score * Decimal(str(w["democratic"])))


def suggested_grade(scale, score: Decimal | None):
    if score is None:
        return None
    banded = [g for g in scale.grades.all() if g.min_score is not None]
    for grade in sorted(banded, key=lambda g: g.min_score, reverse=True):
        if score >= grade.min_score:
            return grade
    return None

"""The democratic evaluation's two printed forms (民主测评), generators plus their PDFs:

- 民主测评汇总表 (`democratic_tally_pdf`): per appraisal, the tallies as entered in its democratic step —
  应到/实到/有效/无效/弃权, the votes per grade under the labels of the appraisal's grade scale, 不了解,
  the participation rate (参评率) and the result by the 2/3 rule, the share of the two best grades, who
  entered it and when; lines for the tellers (计票人/监票人) and the org department's seal. An appraisal
  whose democratic step is not entered prints the same form blank, marked 未录入, to fill in by hand.
- 民主测评票 (`ballots_pdf`): blank ballots for the meeting, several to an A4 page with cut lines: the
  cadre, the receiving unit and post, the batch, the scale's grades and 不了解 as boxes to tick. No voter's
  name, no page number, no serial number: every ballot is the same, so none can be told apart.

The numbers are those of `assessments.services.appraisals.appraisal_numbers` (assessments.scoring).
"""

from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.utils import timezone

from assessments import scoring
from assessments.models import Appraisal
from assessments.services.appraisals import appraisal_numbers

from .pdf import render_pdf

UNKNOWN_LABEL = "不了解"
NOT_ENTERED = "未录入"

MAX_BALLOTS = 300  # a meeting's 应到 is rarely above a hundred; more would only tie up a worker
BALLOTS_WITHOUT_HEADCOUNT = 4  # one A4 page of them, when neither ?count=N nor 应到 says how many


def vote_labels(scale) -> list[tuple[str, str]]:
    """(vote field without its votes_ prefix, label) for the four tallied grades, best first, named as
    the scale names them by grade code (assessments.scoring.vote_labels; 不了解 is added by the callers)."""
    return [(field.removeprefix("votes_"), label) for field, label in scoring.vote_labels(scale)[:-1]]


def _percent(value: Decimal | None) -> str:
    """0.8 → "80%", 0.8182 → "81.8%" (one decimal where it is not whole); None → ""."""
    if value is None:
        return ""
    pct = (value * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return f"{pct:.0f}%" if pct == pct.to_integral_value() else f"{pct}%"


def _number(value) -> str:
    return "" if value is None else str(value)


def _posting_fields(appraisal: Appraisal) -> dict:
    p = appraisal.posting
    c = p.cadre
    return {
        "batch": p.batch.name,
        "name": c.name,
        "gender": c.get_gender_display(),
        "birth": f"{c.birth_date:%Y.%m}",
        "original": f"{p.dispatching_unit.name} {p.original_post}".strip(),
        "seconded": f"{p.receiving_unit.name} {p.post}".strip(),
        "term": f"{p.start_date:%Y年%m月%d日}至{p.end_date:%Y年%m月%d日}",
    }


def democratic_tally_fields(appraisal: Appraisal) -> dict:
    """The 汇总表's fields. Counts are strings ('' where nothing is entered); rates are percentages."""
    entered = appraisal.democratic_at is not None
    demo = appraisal_numbers(appraisal)["democratic"]
    labels = vote_labels(appraisal.scale)
    valid = appraisal.ballots_valid
    grades = []
    for field, label in [*labels, ("unknown", UNKNOWN_LABEL)]:
        votes = getattr(appraisal, f"votes_{field}") if entered else None
        grades.append({"label": label, "votes": _number(votes), "share": _percent(demo.shares.get(field))})
    top_two = labels[0][1] + "和" + labels[1][1]
    if entered and valid:
        best = Decimal((appraisal.votes_excellent or 0) + (appraisal.votes_competent or 0)) / Decimal(valid)
        top_share = _percent(best.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP))
    else:
        top_share = ""
    threshold = Decimal(str(settings.DEMOCRATIC_MIN_PARTICIPATION))
    if not entered:
        result = "未录入：本鉴定尚未录入民主测评结果，本表可在测评后手工填写。"
    elif demo.valid:
        result = (
            f"参评率{_percent(demo.participation)}（实到{appraisal.present}人/应到{appraisal.expected}人），"
            f"达到规定的{threshold:.0%}，测评有效。"
        )
    else:  # in the form's word for the same rate (实到/应到): 参评率
        result = demo.message.replace("参与率", "参评率")
    entered_at = timezone.localtime(appraisal.democratic_at) if entered else None
    return {
        **_posting_fields(appraisal),
        "entered": entered,
        "headcount": _number(appraisal.headcount if entered else None),
        "expected": _number(appraisal.expected if entered else None),
        "present": _number(appraisal.present if entered else None),
        "participation": _percent(demo.participation) if entered else "",
        "ballots_valid": _number(valid if entered else None),
        "ballots_invalid": _number(appraisal.ballots_invalid if entered else None),
        "ballots_abstain": _number(appraisal.ballots_abstain if entered else None),
        "grades": grades,
        "total_share": "100%" if entered and valid else "",
        "top_two": top_two,
        "top_share": top_share,
        "score": f"{demo.score}" if entered and demo.score is not None else "",
        "valid": entered and demo.valid,
        "result": result,
        "entered_by": (str(appraisal.democratic_by) if appraisal.democratic_by_id else "系统") if entered else "",
        "entered_at": f"{entered_at:%Y年%m月%d日 %H:%M}" if entered_at else "",
        "scale": appraisal.scale.name,
        "today": timezone.localdate(),
    }


def democratic_tally_pdf(appraisal: Appraisal) -> bytes:
    """民主测评汇总表 of one appraisal (blank, marked 未录入, before its democratic step is entered)."""
    return render_pdf("documents/pdf/democratic_tally.html", {"f": democratic_tally_fields(appraisal)})


def ballot_count(appraisal: Appraisal, requested: int | None = None) -> int:
    """How many ballots to print: the number asked for, else the appraisal's 应到 (one per person
    expected at the meeting), else a page of them; never more than MAX_BALLOTS."""
    count = requested or appraisal.expected or BALLOTS_WITHOUT_HEADCOUNT
    return max(1, min(count, MAX_BALLOTS))


def ballot_fields(appraisal: Appraisal) -> dict:
    return {
        **_posting_fields(appraisal),
        "choices": [label for _, label in vote_labels(appraisal.scale)] + [UNKNOWN_LABEL],
    }


def ballots_pdf(appraisal: Appraisal, *, count: int) -> bytes:
    """`count` identical blank ballots (民主测评票) for the appraisal's democratic evaluation."""
    return render_pdf("documents/pdf/democratic_ballots.html", {"f": ballot_fields(appraisal), "ballots": range(count)})

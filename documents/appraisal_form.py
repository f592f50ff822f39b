"""The appraisal form (鉴定表, by default 《挂职锻炼总结鉴定表》; its title is a setting per jurisdiction):
a generator (the form's fields from an appraisal) and its PDF."""

from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Sum
from django.utils import timezone

from assessments.models import Appraisal
from assessments.scoring import vote_labels
from assessments.services.appraisals import appraisal_numbers
from cadres.selectors import rewards_punishments_between

from .pdf import photo_data_uri, render_pdf, render_pdf_copies
from .selectors import appraisal_form_title

# An opinion block this short (in lines of the form's text column) moves to the next page whole with its
# seal line; a longer one may be split, keeping its last lines with the seal line (see base.html).
KEEP_TOGETHER_LINES = 18
_CHARS_PER_LINE = 38  # CJK characters in a line of the text column (11pt on A4, 6 of 7 columns)
_SIGNATURE_LINES = 3  # 负责人签名 and （盖章）日期 with the space above them
NOT_YET_WRITTEN = "（尚未填写）"  # what a draft prints for a part not written yet


def _short(*texts: str) -> bool:
    """Whether the texts, one after the other, and the signature block take at most KEEP_TOGETHER_LINES
    lines of the column."""
    lines = sum(max(1, -(-len(line) // _CHARS_PER_LINE)) for text in texts for line in str(text).split("\n"))
    return lines + _SIGNATURE_LINES <= KEEP_TOGETHER_LINES


def _date(value):
    if value is None:
        return "    年  月  日"
    if hasattr(value, "tzinfo"):
        value = timezone.localtime(value)
    return f"{value:%Y年%m月%d日}"


def _label(field: str) -> str:
    return str(Appraisal._meta.get_field(field).verbose_name)


def _opinion_parts(appraisal: Appraisal) -> list[dict]:
    """The receiving unit's opinion in its four customary parts, each with its label (the model's
    verbose names: 基本情况、主要优点、主要不足、希望)."""
    fields = ("opinion_intro", "opinion_strengths", "opinion_shortcomings", "opinion_hopes")
    return [{"label": _label(name), "text": getattr(appraisal, name)} for name in fields if getattr(appraisal, name)]


def _percent(part: int, whole: int) -> str:
    return f"{(Decimal(100) * part / whole).quantize(Decimal('0.1'), rounding=ROUND_HALF_UP)}%"


def _democratic(appraisal: Appraisal, message: str) -> list[str]:
    """民主测评 as printed: ballots (应到/实到 with the participation rate, 有效/无效/弃权), the votes per
    grade under the names of the appraisal's grade scale and 不了解, and what makes the result void."""
    if appraisal.expected is None or appraisal.present is None:
        return [message]
    expected, present = appraisal.expected, appraisal.present
    rate = _percent(present, expected) if expected else "—"
    lines = [
        f"应到{expected}人，实到{present}人，参评率{rate}；有效票{appraisal.ballots_valid or 0}张，"
        f"无效票{appraisal.ballots_invalid or 0}张，弃权票{appraisal.ballots_abstain or 0}张。",
        "，".join(f"{label}{getattr(appraisal, field) or 0}票" for field, label in vote_labels(appraisal.scale)) + "。",
    ]
    return [*lines, message] if message else lines


def _rewards(posting) -> list[str]:
    """奖惩情况 during the posting's term (start to current end date, both included), oldest first: the
    records entered on the cadre page and those read from a 任免审批表 (.lrmx) alike. (The form's
    undated 奖惩 text, CadreParticulars.rewards_text, cannot be placed in a term and is not printed.)"""
    lines = []
    for r in rewards_punishments_between(cadre=posting.cadre, start=posting.start_date, end=posting.end_date):
        source = "，".join(part for part in (r.issuing_body, r.document_no) if part)
        source = f"（{source}）" if source else ""  # a line read from a 任免审批表 seldom names its body
        note = f"；{r.note}" if r.note else ""
        lines.append(f"{_date(r.date)} {r.get_kind_display()}：{r.title}{source}{note}")
    return lines


def _correction(appraisal: Appraisal) -> str:
    """The 更正件 line under the title of a version that corrects a finalized one, after its label
    ('' for a first version)."""
    previous = appraisal.previous
    if appraisal.version <= 1 or previous is None:
        return ""
    filing = f"（备案编号{previous.filing_no}）" if previous.filing_no else ""
    reason = f"；更正理由：{appraisal.correction_reason}" if appraisal.correction_reason else ""
    return (
        f"本表为第{appraisal.version}版，于{_date(appraisal.created_at)}更正"
        f"{_date(previous.finalized_at)}定稿的第{previous.version}版{filing}{reason}"
    )


def _deviation(appraisal: Appraisal) -> list[str]:
    """Where the final grade is not the suggested one: the suggestion and the reason given."""
    suggested, final = appraisal.suggested_grade, appraisal.final_grade
    if suggested is None or final is None or suggested.pk == final.pk:
        return []
    return [
        f"{_label('suggested_grade')}：{suggested.name}",
        f"{_label('grade_deviation_reason')}：{appraisal.grade_deviation_reason or '—'}",
    ]


def appraisal_form_fields(appraisal: Appraisal) -> dict:
    p = appraisal.posting
    c = p.cadre
    numbers = appraisal_numbers(appraisal)
    leave_days = p.leave_requests.filter(status="approved").aggregate(n=Sum("days"))["n"] or 0
    absent = p.absences.aggregate(n=Sum("days"))["n"] or 0
    scores = "；".join(f"{s.item.name}{s.score.normalize():f}" for s in appraisal.scores.select_related("item"))
    parts = _opinion_parts(appraisal)
    title = appraisal_form_title(batch=p.batch)
    deviation = _deviation(appraisal)
    return {
        "title": title,
        "header": f"{c.name} · {title}",
        "draft": appraisal.status != Appraisal.Status.FINALIZED,
        "correction": _correction(appraisal),
        "batch": p.batch.name,
        "filing_no": appraisal.filing_no,
        "name": c.name,
        "gender": c.get_gender_display(),
        "birth": f"{c.birth_date:%Y.%m}",
        "ethnicity": c.ethnicity.name,
        "political": c.political_status.name,
        "education": " ".join(x.name for x in (c.education, c.degree) if x),
        "original": f"{p.dispatching_unit.name} {p.original_post}",
        "seconded": f"{p.receiving_unit.name} {p.post}",
        "term": f"{p.start_date:%Y年%m月%d日}至{p.end_date:%Y年%m月%d日}",
        "self_summary": appraisal.self_summary or NOT_YET_WRITTEN,
        "self_summary_date": _date(appraisal.self_summary_at),
        "main_work": appraisal.main_work or p.duties,
        "opinion_parts": parts or [{"label": _label("opinion_intro"), "text": NOT_YET_WRITTEN}],
        "scores": scores,
        "receiving_date": _date(appraisal.receiving_at),
        "democratic": _democratic(appraisal, numbers["democratic"].message),
        "attendance": f"挂职期间经批准请假{leave_days}天，未经批准离岗{absent}天。",
        "rewards": _rewards(p),
        "dispatch_opinion": appraisal.dispatch_opinion or NOT_YET_WRITTEN,
        "dispatch_date": _date(appraisal.dispatch_at),
        "conclusion": appraisal.conclusion or NOT_YET_WRITTEN,
        "composite": appraisal.composite_score or numbers["composite"] or "—",
        "grade": appraisal.final_grade or "—",
        "deviation": deviation,
        "conclusion_date": _date(appraisal.conclusion_at),
        "photo": photo_data_uri(c),
        "keep": {
            "receiving": _short(*(f"{part['label']}：{part['text']}" for part in parts), f"指标得分：{scores}"),
            "dispatch": _short(appraisal.dispatch_opinion),
            "conclusion": _short(appraisal.conclusion, "综合得分", *deviation),
        },
    }


def appraisal_form_pdf(appraisal: Appraisal) -> bytes:
    return render_pdf("documents/pdf/appraisal_form.html", {"f": appraisal_form_fields(appraisal)})


def appraisal_form_copies_pdf(appraisal: Appraisal, *, copies: int) -> bytes:
    """The form in several copies (一式N份), each marked 第N份，共M份, as one PDF (one copy: unmarked)."""
    return render_pdf_copies(
        "documents/pdf/appraisal_form.html", {"f": appraisal_form_fields(appraisal)}, copies=copies
    )


def batch_summary_pdf(batch, postings) -> bytes:
    """挂职干部情况汇总表: one row per posting of a batch, landscape, with totals by state."""
    from collections import Counter

    from django.utils import timezone

    rows, states = [], Counter()
    for p in postings:
        c = p.cadre
        final = next((a for a in p.appraisals.all() if a.status == "finalized" and a.final_grade_id), None)
        rows.append(
            {
                "name": c.name,
                "gender": c.get_gender_display(),
                "birth": f"{c.birth_date:%Y.%m}",
                "political": c.political_status.name,
                "original": f"{p.dispatching_unit.name} {p.original_post}",
                "seconded": f"{p.receiving_unit.name} {p.post}",
                "term": f"{p.start_date:%Y.%m.%d}–{p.end_date:%Y.%m.%d}",
                "status": p.get_status_display(),
                "grade": final.final_grade.name if final else "",
            }
        )
        states[p.get_status_display()] += 1
    return render_pdf(
        "documents/pdf/batch_summary.html",
        {"batch": batch, "rows": rows, "totals": sorted(states.items()), "today": timezone.localdate()},
    )

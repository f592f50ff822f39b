"""The appraisal form (鉴定表, by default 《挂职锻炼总结鉴定表》; its title is a setting per jurisdiction):
a generator (the form's fields from an appraisal) and its PDF."""

from django.db.models import Sum

from assessments.models import Appraisal
from assessments.services.appraisals import appraisal_numbers

from .pdf import render_pdf, render_pdf_copies
from .selectors import appraisal_form_title

# An opinion block this short (in lines of the form's text column) moves to the next page whole with its
# seal line; a longer one may be split, keeping its last lines with the seal line (see base.html).
KEEP_TOGETHER_LINES = 18
_CHARS_PER_LINE = 38  # CJK characters in a line of the text column (11pt on A4, 6 of 7 columns)


def _short(*texts: str) -> bool:
    """Whether the texts, one after the other, take at most KEEP_TOGETHER_LINES lines of the column."""
    lines = sum(max(1, -(-len(line) // _CHARS_PER_LINE)) for text in texts for line in str(text).split("\n"))
    return lines <= KEEP_TOGETHER_LINES


def _date(value):
    return f"{value:%Y年%m月%d日}" if value else "    年  月  日"


def appraisal_form_fields(appraisal: Appraisal) -> dict:
    p = appraisal.posting
    c = p.cadre
    numbers = appraisal_numbers(appraisal)
    demo = numbers["democratic"]
    leave_days = p.leave_requests.filter(status="approved").aggregate(n=Sum("days"))["n"] or 0
    absent = p.absences.aggregate(n=Sum("days"))["n"] or 0
    scores = "；".join(f"{s.item.name}{s.score:g}" for s in appraisal.scores.select_related("item"))
    opinion = "\n".join(
        part
        for part in [
            appraisal.opinion_intro,
            appraisal.opinion_strengths,
            appraisal.opinion_shortcomings,
            appraisal.opinion_hopes,
        ]
        if part
    )
    return {
        "title": appraisal_form_title(batch=p.batch),
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
        "self_summary": appraisal.self_summary,
        "main_work": appraisal.main_work or p.duties,
        "receiving_opinion": opinion,
        "scores": scores,
        "receiving_date": _date(appraisal.receiving_at),
        "democratic": (
            f"应到{appraisal.expected or 0}人，实到{appraisal.present or 0}人；优秀{appraisal.votes_excellent or 0}票，"
            f"称职{appraisal.votes_competent or 0}票，基本称职{appraisal.votes_basic or 0}票，"
            f"不称职{appraisal.votes_incompetent or 0}票，不了解{appraisal.votes_unknown or 0}票。"
            f"{demo.message}"
        ),
        "attendance": f"挂职期间经批准请假{leave_days}天，未经批准离岗{absent}天。",
        "dispatch_opinion": appraisal.dispatch_opinion,
        "dispatch_date": _date(appraisal.dispatch_at),
        "conclusion": appraisal.conclusion,
        "composite": appraisal.composite_score or numbers["composite"] or "—",
        "grade": appraisal.final_grade or "—",
        "conclusion_date": _date(appraisal.conclusion_at),
        "photo": _photo_uri(c),
        "keep": {
            "receiving": _short(opinion, scores),
            "dispatch": _short(appraisal.dispatch_opinion),
            "conclusion": _short(appraisal.conclusion, "综合得分"),
        },
    }


def _photo_uri(cadre) -> str:
    """The cadre's photo as a file URI for the form's photo box ('' when there is none)."""
    from pathlib import Path

    if not cadre.photo:
        return ""
    path = Path(cadre.photo.path)
    return path.as_uri() if path.exists() else ""


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

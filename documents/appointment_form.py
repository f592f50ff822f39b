"""The 干部任免审批表 (appointment and removal approval form) of a cadre as a PDF, in the form's familiar
two-page layout: page 1 the particulars grid (photo box top right, four rows tall), education, current,
proposed and removed posts and the résumé (简历); page 2 rewards and punishments, the annual assessment
results, the reasons, the family table, the reporting unit's and the approving bodies' opinions with their
seals, and who filled it in and when.

A résumé longer than its box grows onto further pages (the box never clips a line): its row splits
between pages like any long table row, and page 2 of the form always starts on a page of its own, so the
back of the sheet keeps its layout whatever the length of the résumé.

`appointment_form_fields(cadre)` is the generator (everything the form prints, as text); the PDF renders
it through templates/documents/pdf/appointment_form.html."""

import re
from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from cadres.models import particulars_of

from .pdf import photo_data_uri, render_document

TEMPLATE = "documents/pdf/appointment_form.html"
RESUME_BOX_MM = 131  # the résumé box's height when the grid above it has its usual height: to page 1's foot
FAMILY_ROWS = 7  # the paper form's family table has room for seven; more rows are added, never fewer


@dataclass(frozen=True)
class ResumeLine:
    """One line of the 简历: the period ("1998.09--2002.07") and what the cadre did then; a line
    without a period continues the one above, aligned under its text."""

    period: str
    text: str


def _month(value) -> str:
    """A month as the form writes it, 1975.03: from a date, or from the yyyymm / yyyy.mm text the
    particulars keep ('' for none; any other text as it is, 民盟2005.01 say)."""
    if not value:
        return ""
    if isinstance(value, date):
        return f"{value:%Y.%m}"
    text = str(value).strip()
    if re.fullmatch(r"\d{6}", text):
        return f"{text[:4]}.{text[4:]}"
    return text


def _year_month(text: str) -> tuple[int, int] | None:
    """(year, month) of a yyyymm or yyyy.mm text, None for anything else (已故, blank)."""
    match = re.fullmatch(r"(\d{4})\.?(\d{2})(?:\.?\d{2})?", (text or "").strip())
    if not match or not 1 <= int(match[2]) <= 12:
        return None
    return int(match[1]), int(match[2])


def _age(birth: tuple[int, int] | None, on: date) -> str:
    """Age in whole years on `on` of someone born in that month: their birthday counted as passed once
    its month has begun (the month is all the form knows of a relative)."""
    if birth is None:
        return ""
    return str(on.year - birth[0] - int(on.month < birth[1]))


def age_reference_date(particulars) -> date:
    """计算年龄时间: the date ages are computed at: the particulars' own month (an imported form keeps the
    month it was made for; its first day), else today."""
    reference = _year_month(particulars.age_reference)
    return date(reference[0], reference[1], 1) if reference else timezone.localdate()


def _cadre_age(cadre, particulars, on: date) -> str:
    """The cadre's age: by months against a 计算年龄时间 (as the form's software counts), else in whole
    years today."""
    if _year_month(particulars.age_reference):
        return _age((cadre.birth_date.year, cadre.birth_date.month), on)
    return str(cadre.age_on(on))


def _resume(cadre) -> list[ResumeLine]:
    """The résumé lines in their order; an open period (no end: 至今) is written "2021.03--" as the form
    does."""
    return [
        ResumeLine(period=f"{_month(e.start)}--{_month(e.end)}" if e.start else "", text=e.text)
        for e in cadre.resume_entries.all()
    ]


def _rewards(cadre, particulars) -> list[str]:
    """奖惩情况: every reward and punishment on the record, oldest first, then the text of the form that
    names no month (kept as it was read)."""
    lines = []
    for r in sorted(cadre.rewards_punishments.all(), key=lambda r: (r.date, r.pk)):
        source = "，".join(part for part in (r.issuing_body, r.document_no) if part)
        lines.append(f"{r.date:%Y.%m} {r.title}" + (f"（{source}）" if source else ""))
    return lines + [line for line in particulars.rewards_text.splitlines() if line.strip()]


def _family(cadre, on: date) -> list[dict | None]:
    """The family table's rows, padded with empty ones to the paper form's seven."""
    rows = [
        {
            "relation": m.relation,
            "name": m.name,
            "age": _age(_year_month(m.birth), on),
            "political": m.political_status,
            "work": m.work_and_post,
        }
        for m in cadre.family_members.all()
    ]
    return rows + [None] * (FAMILY_ROWS - len(rows))


def _annual_results(cadre, particulars) -> str:
    """年度考核结果: the form's own text, then each graded annual assessment of the cadre's postings (年度考核,
    rule 8) for a year the text does not name, "2025年度考核优秀（挂职期间）"."""
    from assessments.models import AnnualAssessment

    text = particulars.annual_results.strip()
    graded = (
        AnnualAssessment.objects.filter(
            posting__cadre=cadre, status__in=AnnualAssessment.GRADED_STATUSES, final_grade__isnull=False
        )
        .order_by("year", "pk")
        .values_list("year", "final_grade__name")
    )
    extra = [f"{year}年度考核{grade}（挂职期间）" for year, grade in graded if f"{year}年" not in text]
    return "；".join(part for part in (text.rstrip("；;。"), *extra) if part) + ("。" if text.endswith("。") else "")


def _education(particulars, prefix: str) -> dict:
    """全日制 (`fulltime`) or 在职 (`inservice`) education: 学历 over 学位, and the school of each (once
    when they are the same)."""
    get = lambda name: getattr(particulars, f"{prefix}_{name}")  # noqa: E731
    schools = [get("education_school"), get("degree_school")]
    return {
        "degree": "\n".join(v for v in (get("education"), get("degree")) if v),
        "school": "\n".join(dict.fromkeys(s for s in schools if s)),
    }


def appointment_form_fields(cadre, *, proposed: str = "") -> dict:
    """Everything the form prints for `cadre`. `proposed` (拟任职务) stands in for the record's own when
    that is empty: a batch's nominee is proposed for the post the nomination is matched to."""
    p = particulars_of(cadre)
    on = age_reference_date(p)
    full_time = _education(p, "fulltime")
    if not full_time["degree"]:  # a record without the 任免审批表's education: the registry's 学历 and 学位
        full_time["degree"] = "\n".join(x.name for x in (cadre.education, cadre.degree) if x)
    return {
        "name": cadre.name,
        "gender": cadre.get_gender_display(),
        "birth": _month(cadre.birth_date),
        "age": _cadre_age(cadre, p, on),
        "ethnicity": cadre.ethnicity.name,
        "native_place": p.native_place,
        "birth_place": p.birthplace,
        "party_date": _month(p.party_joined),
        "work_date": _month(p.work_started),
        "health": p.health,
        "title": p.professional_title,
        "speciality": cadre.speciality,
        "full_time": full_time,
        "in_service": _education(p, "inservice"),
        "current": " ".join(part for part in (cadre.unit.name, cadre.post) if part),
        "proposed": p.proposed_post or proposed,
        "removed": p.proposed_removal,
        "resume": _resume(cadre),
        "rewards": _rewards(cadre, p),
        "assessments": _annual_results(cadre, p),
        "reasons": p.appointment_reason,
        "family": _family(cadre, on),
        "reporting_unit": p.reporting_unit,
        "filled_by": p.filled_by,
        "filled_on": _month(p.filled_on),
        "photo": photo_data_uri(cadre),
    }


def _px_to_mm(px: float) -> float:
    return px * 25.4 / 96


def _resume_box_on_first_page(document) -> tuple[bool, float]:
    """Whether the résumé box starts on page 1, and how much room (mm) page 1 has below the grid."""
    page = document.pages[0]._page_box
    bottom = page.content_box_y() + page.height
    lowest, found = 0.0, False
    for box in page.descendants():
        if getattr(box, "element_tag", None) != "td":
            continue
        if "resume-box" in (box.element.get("class") or ""):
            found = True
        lowest = max(lowest, box.position_y + box.margin_height())
    return found, _px_to_mm(bottom - lowest)


def appointment_form_pdf(cadre, *, proposed: str = "") -> bytes:
    """The form as a PDF. The résumé box reaches down to the foot of page 1; when the grid above it
    has grown (long unit names, say) and the box no longer fits there, the form is laid out again with
    the box as tall as the room left, so page 1 never ends half empty."""
    fields = appointment_form_fields(cadre, proposed=proposed)
    document = render_document(TEMPLATE, {"f": fields, "resume_mm": RESUME_BOX_MM})
    on_first_page, room = _resume_box_on_first_page(document)
    if not on_first_page:
        # the box's height is its content's: less its padding (2 mm above and below) and borders
        document = render_document(TEMPLATE, {"f": fields, "resume_mm": max(int(room) - 6, 0)})
    return document.write_pdf()


def appointment_form_filename(cadre) -> str:
    """干部任免审批表-欧阳明-1234.pdf: the cadre's name and the last four digits of the ID number (two
    cadres of one name apart)."""
    return f"干部任免审批表-{cadre.name}-{cadre.id_number[-4:]}.pdf"

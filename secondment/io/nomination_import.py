"""Bulk entry for a batch from Excel, on the shared import machinery: a nominee list (推荐名单) and a
score sheet (成绩表). Every row goes through the same services as the pages, all rows or none."""

import io
from collections import Counter

from openpyxl import Workbook

from cadres.models import Cadre
from core.importing import (
    Column,
    ParsedSheet,
    closest_matches,
    parse_citizen_id,
    parse_decimal,
    parse_text,
    read_rows,
    read_sheet,
)
from core.importing.apply import apply_rows
from core.importing.results import ImportResult, RowOutcome, show

from ..access import nominations_visible_to, units_for_nominating
from ..eligibility import eligibility_failures, postings_overlapping, seconded_failure
from ..models import Batch, BatchQuota, Nomination
from ..services import nominations as services

METHODS = {label: value for value, label in Nomination.Method.choices}
METHODS.update({"自荐": "self", "群众": "mass", "组织": "org"})


def _template(headers: list[str]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for row in range(2, 302):
        sheet.cell(row=row, column=1).number_format = "@"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


NOMINEE_COLUMNS = [
    Column("id_number", "身份证号", parse_citizen_id, required=True),
    Column("name", "姓名", lambda v: parse_text(v).replace(" ", "")),
    Column("method", "推荐方式", parse_text, required=True),
    Column("reason", "推荐理由", parse_text, required=True),
    Column("offer", "报名岗位", parse_text),
]
SCORE_COLUMNS = [
    Column("id_number", "身份证号", parse_citizen_id, required=True),
    Column("name", "姓名", lambda v: parse_text(v).replace(" ", "")),
    Column("written_score", "笔试成绩", parse_decimal),
    Column("interview_score", "面试成绩", parse_decimal),
]


def nominee_template_xlsx() -> bytes:
    return _template([c.header for c in NOMINEE_COLUMNS])


def score_template_xlsx() -> bytes:
    return _template([c.header for c in SCORE_COLUMNS])


def nominee_import(
    *, fileobj=None, sheet: ParsedSheet | None = None, user, batch: Batch, apply: bool, skip_bad_rows: bool = False
) -> ImportResult:
    rows = list(read_rows(sheet if sheet is not None else read_sheet(fileobj), NOMINEE_COLUMNS, unique_key="id_number"))
    allowed_units = set(units_for_nominating(user=user, batch=batch).values_list("pk", flat=True))
    cadres = {
        c.id_number: c
        for c in Cadre.objects.filter(id_number__in=[r.values.get("id_number") for r in rows]).select_related(
            "unit", "rank", "education", "rank"
        )
    }
    quotas = dict(BatchQuota.objects.filter(batch=batch).values_list("dispatching_unit_id", "quota"))
    used = Counter(Nomination.objects.active().filter(batch=batch).values_list("dispatching_unit_id", flat=True))
    already = set(Nomination.objects.active().filter(batch=batch).values_list("cadre_id", flat=True))
    offers = {str(o): o for o in batch.offers.select_related("receiving_unit", "post_title")}
    seconded = postings_overlapping(batch=batch, cadre_ids=[c.pk for c in cadres.values()])
    outcomes = []
    for row in rows:
        outcome = RowOutcome(
            row_number=row.row_number,
            errors=list(row.errors),
            id_number=row.values.get("id_number") or parse_text(row.raw.get("id_number")),
            name=row.values.get("name") or "",
        )
        cadre = cadres.get(row.values.get("id_number"))
        if row.values.get("id_number") and (cadre is None or cadre.unit_id not in allowed_units):
            outcome.errors.append(("身份证号", "系统中没有该干部，或该干部不属于您可推荐的单位。"))
        elif cadre is not None:
            outcome.name = cadre.name
            if row.values.get("name") and row.values["name"] != cadre.name:
                outcome.errors.append(("姓名", f"与系统中该身份证号的姓名“{cadre.name}”不一致。"))
            if cadre.pk in already:
                outcome.errors.append(("身份证号", "该干部已被推荐到本批次。"))
            used[cadre.unit_id] += 1
            if used[cadre.unit_id] > quotas.get(cadre.unit_id, 0):
                outcome.errors.append(("", f"{cadre.unit.name}的选派名额（{quotas.get(cadre.unit_id, 0)}）不够。"))
            for failure in eligibility_failures(batch=batch, cadre=cadre):
                outcome.errors.append(("", f"不符合选派条件：{failure}"))
            if seconded.get(cadre.pk):
                outcome.errors.append(("身份证号", seconded_failure(seconded[cadre.pk], batch)))
        method = METHODS.get(row.values.get("method") or "")
        if row.values.get("method") and method is None:
            outcome.errors.append(("推荐方式", "应为“个人自荐”“群众推荐”或“组织推荐”。"))
        offer = None
        if row.values.get("offer"):
            offer = offers.get(row.values["offer"])
            if offer is None:
                near = closest_matches(row.values["offer"], list(offers), limit=2)
                hint = f"，是否指“{'”或“'.join(near)}”？" if near else "。"
                outcome.errors.append(("报名岗位", f"本批次没有岗位“{row.values['offer']}”{hint}"))
        outcome.fields = {"cadre": cadre, "method": method, "reason": row.values.get("reason"), "offer": offer}
        outcome.status = "error" if outcome.errors else "new"
        outcomes.append(outcome)
    result = ImportResult(rows=outcomes)
    if apply:
        result.created = apply_rows(
            result,
            lambda o: services.nomination_create(batch=batch, acting_user=user, **o.fields),
            skip_bad_rows=skip_bad_rows,
        )
    return result


def score_import(
    *, fileobj=None, sheet: ParsedSheet | None = None, user, batch: Batch, apply: bool, skip_bad_rows: bool = False
) -> ImportResult:
    rows = list(read_rows(sheet if sheet is not None else read_sheet(fileobj), SCORE_COLUMNS, unique_key="id_number"))
    nominations = {
        n.cadre.id_number: n
        for n in nominations_visible_to(user).active().filter(batch=batch).select_related("cadre", "batch")
    }
    outcomes = []
    for row in rows:
        outcome = RowOutcome(
            row_number=row.row_number,
            errors=list(row.errors),
            id_number=row.values.get("id_number") or parse_text(row.raw.get("id_number")),
        )
        nomination = nominations.get(row.values.get("id_number"))
        if row.values.get("id_number") and nomination is None:
            outcome.errors.append(("身份证号", "本批次没有该干部的推荐记录。"))
        for key, label in (("written_score", "笔试成绩"), ("interview_score", "面试成绩")):
            value = row.values.get(key)
            if value is not None and not 0 <= value <= 100:
                outcome.errors.append((label, "成绩应在 0 到 100 之间。"))
        if nomination is not None:
            outcome.name, outcome.obj = nomination.cadre.name, nomination
            if row.values.get("name") and row.values["name"] != nomination.cadre.name:
                outcome.errors.append(("姓名", f"与系统中该身份证号的姓名“{nomination.cadre.name}”不一致。"))
            for key, label in (("written_score", "笔试成绩"), ("interview_score", "面试成绩")):
                old, new = getattr(nomination, key), row.values.get(key)
                if old != new:
                    outcome.diff.append((label, show(old), show(new)))
        outcome.fields = {
            "written_score": row.values.get("written_score"),
            "interview_score": row.values.get("interview_score"),
        }
        outcome.status = "error" if outcome.errors else ("update" if outcome.diff else "unchanged")
        outcomes.append(outcome)
    result = ImportResult(rows=outcomes)
    if apply:
        result.updated = apply_rows(
            result,
            lambda o: services.nomination_record_scores(nomination=o.obj, acting_user=user, **o.fields),
            skip_bad_rows=skip_bad_rows,
        )
    return result

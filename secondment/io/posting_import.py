"""Import postings already under way (存量挂职名单) into a batch, for org departments that start with
an existing roster. Rows go through the same services as the pages: create, appoint, confirm arrival,
filing; all rows or none unless bad rows are skipped."""

from cadres.models import Cadre, Unit
from core.importing import (
    Column,
    ParsedSheet,
    closest_matches,
    parse_citizen_id,
    parse_date,
    parse_text,
    read_rows,
    read_sheet,
)
from core.importing.apply import apply_rows
from core.importing.matching import normalize_name
from core.importing.results import ImportResult, RowOutcome

from ..models import Batch, Posting
from ..services import postings as services


def _day(value):
    parsed = parse_date(value)
    return parsed[0] if parsed else None


COLUMNS = [
    Column("id_number", "身份证号", parse_citizen_id, required=True),
    Column("name", "姓名", lambda v: parse_text(v).replace(" ", "")),
    Column("receiving_unit", "接收单位", parse_text, required=True, aliases=("挂职单位",)),
    Column("post", "挂任职务", parse_text, required=True, aliases=("挂职职务",)),
    Column("start_date", "开始日期", _day, required=True, aliases=("挂职开始日期",)),
    Column("end_date", "结束日期", _day, aliases=("挂职结束日期",)),
    Column("appointment_doc_no", "任职文号", parse_text),
    Column("appointment_date", "任职日期", _day),
    Column("arrival_date", "到岗日期", _day),
    Column("filing_no", "备案编号", parse_text),
    Column("mentor", "帮带领导", parse_text),
]
HEADERS = [c.header for c in COLUMNS]


def posting_import(
    *, fileobj=None, sheet: ParsedSheet | None = None, user, batch: Batch, apply: bool, skip_bad_rows: bool = False
) -> ImportResult:
    from cadres.access import units_visible_to

    rows = list(read_rows(sheet if sheet is not None else read_sheet(fileobj), COLUMNS, unique_key="id_number"))
    cadres = {
        c.id_number: c
        for c in Cadre.objects.filter(id_number__in=[r.values.get("id_number") for r in rows]).select_related("unit")
    }
    busy = set(Posting.objects.active().filter(cadre__in=cadres.values()).values_list("cadre_id", flat=True))
    visible_units = units_visible_to(user) if user is not None else Unit.objects.all()
    units = {normalize_name(u.name): u for u in visible_units.only("id", "name")}
    outcomes = []
    for row in rows:
        v = row.values
        outcome = RowOutcome(
            row_number=row.row_number,
            errors=list(row.errors),
            id_number=v.get("id_number") or parse_text(row.raw.get("id_number")),
            name=v.get("name", ""),
        )
        cadre = cadres.get(v.get("id_number"))
        if v.get("id_number") and cadre is None:
            outcome.errors.append(("身份证号", "系统中没有该干部，请先导入干部名册。"))
        elif cadre is not None:
            outcome.name = cadre.name
            if v.get("name") and v["name"] != cadre.name:
                outcome.errors.append(("姓名", f"与系统中该身份证号的姓名“{cadre.name}”不一致。"))
            if cadre.pk in busy:
                outcome.errors.append(("身份证号", f"{cadre.name}已有一条进行中的挂职。"))
        unit = units.get(normalize_name(v.get("receiving_unit") or ""))
        if v.get("receiving_unit") and unit is None:
            near = closest_matches(v["receiving_unit"], [u.name for u in units.values()], limit=2, cutoff=0.7)
            hint = f"是否指“{'”或“'.join(near)}”？" if near else "请先登记该单位。"
            outcome.errors.append(
                ("接收单位", f"单位“{v['receiving_unit']}”不在系统中（或不在您的权限范围内），{hint}")
            )
        start, end = v.get("start_date"), v.get("end_date")
        if start and end and end <= start:
            outcome.errors.append(("结束日期", "结束日期须晚于开始日期。"))
        if v.get("arrival_date") and not (v.get("appointment_doc_no") and v.get("appointment_date")):
            outcome.errors.append(("到岗日期", "有到岗日期的，须同时填写任职文号和任职日期。"))
        if v.get("filing_no") and not v.get("appointment_date"):
            outcome.errors.append(("备案编号", "任职后才能备案：请填写任职文号和任职日期。"))
        outcome.fields = {**v, "cadre": cadre, "receiving_unit": unit}
        outcome.status = "error" if outcome.errors else "new"
        outcomes.append(outcome)
    result = ImportResult(rows=outcomes)
    if apply:
        result.created = apply_rows(result, lambda o: _create(o.fields, batch, user), skip_bad_rows=skip_bad_rows)
    return result


def _create(f: dict, batch: Batch, user) -> Posting:
    posting = services.posting_create(
        batch=batch,
        cadre=f["cadre"],
        receiving_unit=f["receiving_unit"],
        post=f["post"],
        start_date=f["start_date"],
        end_date=f.get("end_date"),
        mentor=f.get("mentor") or "",
        acting_user=user,
    )
    if f.get("appointment_doc_no") and f.get("appointment_date"):
        posting = services.posting_transition(
            posting=posting,
            action="appoint",
            acting_user=user,
            reason="名单导入",
            appointment_doc_no=f["appointment_doc_no"],
            appointment_date=f["appointment_date"],
        )
        if f.get("filing_no"):
            posting = services.posting_record_filing(
                posting=posting, filing_no=f["filing_no"], filing_date=f["appointment_date"], acting_user=user
            )
        if f.get("arrival_date"):
            posting = services.posting_transition(
                posting=posting,
                action="confirm_arrival",
                acting_user=user,
                reason="名单导入",
                arrival_date=f["arrival_date"],
            )
    return posting


def posting_template_xlsx() -> bytes:
    from .nomination_import import _template

    return _template(HEADERS)

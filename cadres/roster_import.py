"""Cadre roster import (干部名册导入): evaluate every row against the registry, then apply all rows,
or none, unless the user chose to skip bad rows. The same code serves the web flow, the command
`import_cadres` and the benchmark."""

from django.db import transaction
from django.utils import timezone

from core.audit import audit_changes
from core.importing import (
    Column,
    ImportRejected,
    ParsedSheet,
    closest_matches,
    parse_bool,
    parse_citizen_id,
    parse_date,
    parse_gender,
    parse_phone,
    parse_text,
    read_rows,
    read_sheet,
)
from core.importing.matching import normalize_name
from core.importing.results import ImportResult, RowOutcome, show
from core.models import AuditLog

from .access import units_managed_by
from .models import Cadre, Degree, Education, Ethnicity, PoliticalStatus, Rank, Unit
from .reference_data import SYNONYMS
from .services import cadres_with_system_training, name_initials, reserve_refusal
from .validators import citizen_id_birth_date, citizen_id_gender

__all__ = ["ImportRejected", "ImportResult", "roster_import"]


def _text(max_length):
    return lambda value: parse_text(value, max_length=max_length)


COLUMNS = [
    # spaces inside a name are alignment padding (张　三), not part of it
    Column("name", "姓名", lambda v: parse_text(v, max_length=40).replace(" ", ""), required=True),
    Column("gender", "性别", parse_gender, required=True),
    Column("ethnicity", "民族", _text(40), required=True),
    # 出生年月 means year and month whatever the cell holds (text 1985.03, 198503, an Excel date); a
    # 出生日期 column gives the day too. One of them is needed (checked per row).
    Column("birth", "出生年月", parse_date),
    Column("birth_full", "出生日期", parse_date, aliases=("出生年月日",)),
    Column("id_number", "身份证号", parse_citizen_id, required=True, aliases=("身份证号码", "公民身份号码")),
    Column("political_status", "政治面貌", _text(40), required=True),
    Column("education", "学历", _text(40)),
    Column("degree", "学位", _text(40)),
    Column("unit", "工作单位", _text(100), required=True, aliases=("现工作单位", "单位")),
    Column("post", "职务", _text(60), aliases=("现任职务", "现职务")),
    Column("rank", "职级", _text(40)),
    Column("phone", "联系电话", parse_phone, aliases=("手机", "手机号", "电话")),
    Column("is_reserve", "是否后备干部", parse_bool, aliases=("后备干部", "是否后备")),
    Column("notes", "备注", _text(2000)),
]
HEADERS = {c.key: c.header for c in COLUMNS}
# model field -> (label, how to show a value)
COMPARED = [
    ("name", "姓名"),
    ("gender", "性别"),
    ("ethnicity", "民族"),
    ("birth_date", "出生日期"),
    ("political_status", "政治面貌"),
    ("education", "学历"),
    ("degree", "学位"),
    ("unit", "工作单位"),
    ("post", "职务"),
    ("rank", "职级"),
    ("phone", "联系电话"),
    ("is_reserve", "后备干部"),
    ("notes", "备注"),
]


class _Lookups:
    """Everything the evaluation needs, loaded in a handful of queries whatever the row count."""

    def __init__(self, user, id_numbers: list[str]):
        self.refs = {
            "ethnicity": {e.name: e for e in Ethnicity.objects.all()},
            "political_status": {p.name: p for p in PoliticalStatus.objects.all()},
            "education": {e.name: e for e in Education.objects.all()},
            "degree": {d.name: d for d in Degree.objects.all()},
            "rank": {r.name: r for r in Rank.objects.all()},
        }
        # the lists' other spellings (rosters, 干部任免审批表): cadres.reference_data.SYNONYMS
        for kind, words in SYNONYMS.items():
            ref = self.refs[kind]
            for word, entry in words.items():
                if entry in ref and word not in ref:
                    ref[word] = ref[entry]
        for name, item in list(self.refs["ethnicity"].items()):
            self.refs["ethnicity"].setdefault(name.removesuffix("族"), item)  # 汉 -> 汉族
        managed = units_managed_by(user) if user is not None else Unit.objects.all()
        self.units = {normalize_name(u.name): u for u in managed.only("id", "name", "path")}
        self.unit_names = [u.name for u in self.units.values()]
        self.managed_unit_ids = {u.pk for u in self.units.values()}
        self.existing = {
            c.id_number: c
            for c in Cadre.objects.filter(id_number__in=id_numbers).select_related(
                "ethnicity", "political_status", "education", "degree", "unit", "rank"
            )
        }
        # cadres with a completed system training: the reserve rule (seed 002) as the pages apply it
        self.trained = cadres_with_system_training([c.pk for c in self.existing.values()])


def _birth(values: dict, outcome: RowOutcome) -> tuple | None:
    """(date, day_known) from 出生日期, else from 出生年月 read as year and month only."""
    if values.get("birth_full"):
        return values["birth_full"]
    if values.get("birth"):
        return values["birth"][0], False
    if not any(header in ("出生年月", "出生日期") for header, _ in outcome.errors):
        outcome.errors.append(("出生年月", "出生年月不能为空。"))
    return None


def _resolve(row, outcome: RowOutcome, lookups: _Lookups) -> None:
    values = row.values
    fields = {}
    for key in ("name", "gender", "post", "phone", "notes"):
        if key in values:
            fields[key] = values[key] or ""
    fields["is_reserve"] = bool(values.get("is_reserve") or False)
    birth = _birth(values, outcome)
    if birth:
        fields["birth_date"] = birth[0]
    for key in ("ethnicity", "political_status", "education", "degree", "rank"):
        text = values.get(key)
        if not text:
            if key in ("education", "degree", "rank"):
                fields[key] = None
            continue
        item = lookups.refs[key].get(text)
        if item is None:
            near = closest_matches(text, [k for k in lookups.refs[key]], limit=2)
            hint = f"，是否指“{'”或“'.join(near)}”？" if near else "。可选值见模板中的下拉列表。"
            outcome.errors.append((HEADERS[key], f"“{text}”不在{HEADERS[key]}列表中{hint}"))
        else:
            fields[key] = item
    unit_name = values.get("unit")
    if unit_name:
        unit = lookups.units.get(normalize_name(unit_name))
        if unit is None:
            near = closest_matches(unit_name, lookups.unit_names, limit=2, cutoff=0.7)
            hint = f"是否指“{'”或“'.join(near)}”？" if near else "请先在系统中登记该单位，或检查名称。"
            outcome.errors.append(("工作单位", f"单位“{unit_name}”不在系统中（或不在您的权限范围内），{hint}"))
        else:
            fields["unit"] = unit
    id_number = values.get("id_number")
    if id_number:
        if birth and birth[1] and citizen_id_birth_date(id_number) != birth[0]:
            outcome.errors.append(("出生年月", f"与身份证号中的出生日期（{citizen_id_birth_date(id_number)}）不一致。"))
        elif birth and not birth[1]:
            from_id = citizen_id_birth_date(id_number)
            if (from_id.year, from_id.month) != (birth[0].year, birth[0].month):
                outcome.errors.append(("出生年月", f"与身份证号中的出生年月（{from_id:%Y.%m}）不一致。"))
            else:
                fields["birth_date"] = from_id  # the roster gives year and month; the ID gives the day
        if values.get("gender") and citizen_id_gender(id_number) != values["gender"]:
            outcome.errors.append(("性别", "与身份证号第17位（奇数为男，偶数为女）不一致。"))
    outcome.fields = fields


def _evaluate(sheet, user) -> list[RowOutcome]:
    rows = list(read_rows(sheet, COLUMNS, unique_key="id_number"))
    lookups = _Lookups(user, [r.values["id_number"] for r in rows if r.values.get("id_number")])
    outcomes = []
    for row in rows:
        outcome = RowOutcome(row_number=row.row_number, errors=list(row.errors))
        outcome.name = row.values.get("name") or parse_text(row.raw.get("name"))
        outcome.id_number = row.values.get("id_number") or parse_text(row.raw.get("id_number"))
        _resolve(row, outcome, lookups)
        existing = lookups.existing.get(row.values.get("id_number"))
        if existing is not None and existing.unit_id not in lookups.managed_unit_ids:
            outcome.errors.append(("身份证号", "该身份证号的干部已登记在您权限范围以外的单位，不能在此更新。"))
        refusal = reserve_refusal(
            is_reserve=bool(outcome.fields.get("is_reserve")),
            was_reserve=existing is not None and existing.is_reserve,
            trained=existing is not None and existing.pk in lookups.trained,
        )
        if refusal:
            outcome.errors.append((HEADERS["is_reserve"], refusal))
        if outcome.errors:
            outcome.status = "error"
        elif existing is None:
            outcome.status = "new"
        else:
            outcome.obj = existing
            for name, label in COMPARED:
                if name in outcome.fields and getattr(existing, name) != outcome.fields[name]:
                    outcome.diff.append((label, show(getattr(existing, name)), show(outcome.fields[name])))
            outcome.status = "update" if outcome.diff else "unchanged"
        outcomes.append(outcome)
    return outcomes


@transaction.atomic
def _apply(outcomes: list[RowOutcome], user) -> tuple[int, int]:
    new = [
        Cadre(id_number=o.id_number, name_initials=name_initials(o.fields["name"]), **o.fields)
        for o in outcomes
        if o.status == "new"
    ]
    Cadre.objects.bulk_create(new, batch_size=1000)
    changed = []
    for o in outcomes:
        if o.status == "update":
            for name, value in o.fields.items():
                setattr(o.obj, name, value)
            o.obj.name_initials = name_initials(o.obj.name)
            o.obj.updated_at = timezone.now()
            changed.append(o.obj)
    update_fields = [name for name, _ in COMPARED if name != "birth_date"] + [
        "birth_date",
        "name_initials",
        "updated_at",
    ]
    Cadre.objects.bulk_update(changed, update_fields, batch_size=1000)
    # One audit row per cadre written, in the same transaction.
    if new and new[0].pk is None:  # backends without RETURNING on bulk insert
        ids = dict(Cadre.objects.filter(id_number__in=[c.id_number for c in new]).values_list("id_number", "id"))
        for c in new:
            c.pk = ids[c.id_number]
    from django.contrib.contenttypes.models import ContentType

    cadre_type = ContentType.objects.get_for_model(Cadre)
    actor = user if getattr(user, "pk", None) else None
    AuditLog.objects.bulk_create(
        [
            AuditLog(
                actor=actor,
                action="cadre.import",
                target_type=cadre_type,
                target_id=str(c.pk),
                target_repr=c.name,
                data={"created": True},
            )
            for c in new
        ]
        + [
            AuditLog(
                actor=actor,
                action="cadre.import",
                target_type=cadre_type,
                target_id=str(c.pk),
                target_repr=c.name,
                data={"created": False},
                changes=audit_changes(c),
            )
            for c in changed
        ],
        batch_size=1000,
    )
    return len(new), len(changed)


def roster_import(
    *, fileobj=None, sheet: ParsedSheet | None = None, user, apply: bool, skip_bad_rows: bool = False
) -> ImportResult:
    """Evaluate the roster (the upload already parsed, `sheet`, or a file); when `apply`, write it:
    every good row if `skip_bad_rows`, otherwise all rows only when none has an error. Raises
    ImportRejected for a file-level problem."""
    result = ImportResult(rows=_evaluate(sheet if sheet is not None else read_sheet(fileobj), user))
    if apply and (skip_bad_rows or not result.has_errors):
        result.created, result.updated = _apply(result.rows, user)
        result.applied = True
    return result

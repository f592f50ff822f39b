"""The 任免审批表 file (cadres.lrmx) and the registry's records, both ways.

Export: `person_from_cadre(cadre)` gathers the cadre, their particulars, résumé, family members, rewards
and punishments and photo into an `LrmxPerson` that `cadres.lrmx.write_lrmx` writes.

Import (`lrmx_import`): every file of an upload is evaluated against the registry — new / update (with
the fields that change) / unchanged / error (the field and the reason) — and applied through the
cadres services, all files or none unless bad files are skipped, within the user's units.

Mappings where the form and the registry differ:
- 现任职务 ↔ unit + post: the file names the unit at the head of 现任职务 ("甲县人民政府副县长"); the
  longest unit name (or short name) it starts with is the cadre's unit and the rest is the post. A unit
  chosen on the upload form overrides this for every file of the batch. Export writes unit name + post.
- 出生年月 (yyyymm) ↔ birth_date: the day comes from the ID number, which must agree.
- 简历 ↔ ResumeEntry: one line per period, "1998.09--2002.07  text"; a line without a leading date
  continues the previous one when indented (the software wraps long lines so), else it is an undated
  entry; a period without an end date reads 至今.
- 奖惩情况 ↔ RewardPunishment: a line starting with a date (yyyy.mm or yyyy.mm.dd) is one record, kind
  惩处 when it names a punishment (警告, 记过, 诫勉…), else 奖励; a trailing "（批准机关：…，文号：…）"
  fills those fields (export writes it so, adding "类别：惩处" for a punishment its title does not name).
  Lines without a date (such as "无") stay as text in the
  particulars (rewards_text) and are written back after the records.
- 政治面貌: the file's ZhengZhiMianMao when present, else 中共党员 when 入党时间 is a date; a new cadre
  without either is 群众; an update keeps the registry's value.
- 学历/学位 (the registry's FKs) are filled from the full-time education only while empty: the file's four
  education texts land in the particulars as written.
"""

import copy
import io
import logging
import re
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from core.importing import ImportRejected
from core.importing.apply import apply_rows
from core.importing.results import ImportResult, RowOutcome, show
from core.services import audit_log_record

from . import services
from .access import units_managed_by
from .lrmx import BundleEntry, LrmxPerson, read_bundle
from .models import (
    Cadre,
    CadreParticulars,
    Degree,
    Education,
    Ethnicity,
    FamilyMember,
    PoliticalStatus,
    ResumeEntry,
    RewardPunishment,
    Unit,
)
from .reference_data import SYNONYMS
from .services.particulars import PARTICULARS_FIELDS
from .validators import citizen_id_birth_date, citizen_id_gender, normalize_citizen_id, validate_citizen_id

logger = logging.getLogger(__name__)

KIND_BY_LABEL = {"奖励": "reward", "惩处": "punishment"}
PUNISHMENT_WORDS = ("警告", "记过", "降级", "撤职", "开除", "留党察看", "处分", "诫勉", "通报批评", "停职", "问责")
_RESUME_LINE = re.compile(r"^(\d{4})[.．](\d{1,2})\s*(?:--?|—{1,2}|–|~|～|至)\s*(?:(\d{4})[.．](\d{1,2}))?\s*(.*)$")
_REWARD_LINE = re.compile(r"^(\d{4})[.．](\d{1,2})(?:[.．](\d{1,2}))?\s*(.+)$")
_REWARD_SOURCE = re.compile(r"^(.*)（((?:批准机关|文号|类别)：[^（）]*)）$")
PARTICULARS_FROM_PERSON = [name for name in PARTICULARS_FIELDS if name != "rewards_text"]


# --- résumé and 奖惩 text <-> rows ------------------------------------------------------------------


def parse_resume(text: str) -> list[dict]:
    entries: list[dict] = []
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            continue
        match = _RESUME_LINE.match(line)
        if match:
            start = f"{match[1]}{int(match[2]):02d}"
            end = f"{match[3]}{int(match[4]):02d}" if match[3] else ""
            entries.append({"start": start, "end": end, "text": match[5].strip()})
        elif entries and raw[:1] in (" ", "\u3000", "\t"):
            entries[-1]["text"] += line
        else:
            entries.append({"start": "", "end": "", "text": line})
    return entries


def _ym(value: str) -> str:
    return f"{value[:4]}.{value[4:]}" if value else ""


def format_resume(entries) -> str:
    lines = []
    for e in entries:
        start, end, text = (e["start"], e["end"], e["text"]) if isinstance(e, dict) else (e.start, e.end, e.text)
        if start:
            lines.append(f"{_ym(start)}--{_ym(end) or ' ' * 7}  {text}")
        else:
            lines.append(text)
    return "\n".join(lines)


def _kind(title: str) -> str:
    if any(word in title for word in PUNISHMENT_WORDS):
        return RewardPunishment.Kind.PUNISHMENT
    return RewardPunishment.Kind.REWARD


def parse_rewards(text: str) -> tuple[list[dict], str, list[str]]:
    """(records, the lines that are not records, errors)."""
    records, rest, errors = [], [], []
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            continue
        match = _REWARD_LINE.match(line)
        if not match:
            rest.append(line)
            continue
        try:
            when = date(int(match[1]), int(match[2]), int(match[3] or 1))
        except ValueError:
            errors.append(f"“{line[:30]}”中的日期无效。")
            continue
        title, body, number, kind = match[4].strip(), "", "", ""
        source = _REWARD_SOURCE.match(title)
        if source:
            title = source[1].strip()
            for part in re.split(r"[，；]", source[2]):
                key, _, value = part.partition("：")
                if key == "批准机关":
                    body = value.strip()
                elif key == "文号":
                    number = value.strip()
                elif key == "类别" and value.strip() in KIND_BY_LABEL:
                    kind = KIND_BY_LABEL[value.strip()]
        records.append(
            {"kind": kind or _kind(title), "title": title, "date": when, "issuing_body": body, "document_no": number}
        )
    return records, "\n".join(rest), errors


def format_rewards(records, rest: str) -> str:
    lines = []
    for r in sorted(records, key=lambda r: (r.date, r.pk or 0)):
        day = f"{r.date:%Y.%m}" if r.date.day == 1 else f"{r.date:%Y.%m.%d}"
        source = "，".join(
            part
            for part in (
                f"批准机关：{r.issuing_body}" if r.issuing_body else "",
                f"文号：{r.document_no}" if r.document_no else "",
                # the kind only where the title does not tell it (a punishment not named as one)
                f"类别：{r.get_kind_display()}" if _kind(r.title) != r.kind else "",
            )
            if part
        )
        lines.append(f"{day}  {r.title}" + (f"（{source}）" if source else ""))
    return "\n".join([*lines, *([rest] if rest else [])])


def _reward_key(r) -> tuple:
    if isinstance(r, dict):
        return (r["kind"], r["title"], r["date"], r["issuing_body"], r["document_no"])
    return (r.kind, r.title, r.date, r.issuing_body, r.document_no)


# --- export -----------------------------------------------------------------------------------------


def current_post_text(cadre: Cadre) -> str:
    post = cadre.post or ""
    unit = cadre.unit
    if any(name and post.startswith(name) for name in (unit.name, unit.short_name)):
        return post
    return f"{unit.name}{post}"


def person_from_cadre(cadre: Cadre) -> LrmxPerson:
    from .models import particulars_of

    p = particulars_of(cadre)
    person = LrmxPerson(
        name=cadre.name,
        gender=cadre.get_gender_display(),
        birth=f"{cadre.birth_date:%Y.%m}",
        ethnicity=cadre.ethnicity.name,
        speciality=cadre.speciality,
        current_post=current_post_text(cadre),
        id_number=cadre.id_number,
        political_status=cadre.political_status.name,
        resume=format_resume(cadre.resume_entries.all()),
        rewards=format_rewards(list(cadre.rewards_punishments.all()), p.rewards_text),
        family=[
            {f: getattr(m, f) for f in ("relation", "name", "birth", "political_status", "work_and_post")}
            for m in cadre.family_members.all()
        ],
    )
    for name in PARTICULARS_FROM_PERSON:
        setattr(person, name, getattr(p, name))
    if cadre.photo:
        try:
            with cadre.photo.open("rb") as handle:
                person.photo = handle.read()
        except OSError:  # the record names a file the storage no longer has: the form goes without its photo
            logger.warning("cadre %s: photo %s missing from storage", cadre.pk, cadre.photo.name)
    return person


def lrmx_filename(cadre: Cadre) -> str:
    return f"{cadre.name}_{cadre.id_number[-4:]}.lrmx"


# --- import -----------------------------------------------------------------------------------------


@dataclass
class LrmxUpload:
    """What the preview and the confirmation evaluate: the files as read, and the unit chosen for all."""

    entries: list[BundleEntry]
    unit_id: int | None = None


def bundle_from_stored(data: bytes, unit_id: int | None) -> LrmxUpload:
    from .lrmx import LrmxError

    try:
        return LrmxUpload(entries=read_bundle([("upload.zip", data)]), unit_id=unit_id)
    except LrmxError as exc:
        raise ImportRejected(exc.message) from exc


@dataclass
class _Plan:
    """What one file writes: the cadre's fields, particulars, lists, photo."""

    cadre_fields: dict = field(default_factory=dict)
    particulars: dict = field(default_factory=dict)
    resume: list[dict] = field(default_factory=list)
    family: list[dict] = field(default_factory=list)
    rewards: list[dict] = field(default_factory=list)
    photo: bytes = b""
    replace_resume: bool = True
    replace_family: bool = True
    file_name: str = ""


class _Lookups:
    def __init__(self, user, upload: LrmxUpload, id_numbers: list[str]):
        def ref(model, kind):
            items = {i.name: i for i in model.objects.all()}
            for word, entry in SYNONYMS.get(kind, {}).items():
                if entry in items:
                    items.setdefault(word, items[entry])
            return items

        self.ethnicity = ref(Ethnicity, "ethnicity")
        for name, item in list(self.ethnicity.items()):
            self.ethnicity.setdefault(name.removesuffix("族"), item)
        self.political_status = ref(PoliticalStatus, "political_status")
        self.education = ref(Education, "education")
        self.degree = ref(Degree, "degree")
        self.managed = units_managed_by(user) if user is not None else Unit.objects.all()
        self.managed_ids = set(self.managed.values_list("pk", flat=True))
        self.units = list(Unit.objects.only("id", "name", "short_name", "path"))
        self.chosen_unit = next((u for u in self.units if u.pk == upload.unit_id), None) if upload.unit_id else None
        related = ("ethnicity", "political_status", "education", "degree", "unit", "particulars")
        self.existing = {
            c.id_number: c for c in Cadre.objects.filter(id_number__in=id_numbers).select_related(*related)
        }

    def unit_from_post(self, post: str, units=None) -> tuple[Unit | None, str]:
        """The unit whose name (or short name) 现任职务 starts with, the longest match, and the rest."""
        best, best_len = None, 0
        for unit in self.units if units is None else units:
            for name in (unit.name, unit.short_name):
                if not (name and post.startswith(name)):
                    continue
                # the longest name; between namesakes (two 农业农村局 under different parents), the user's own
                if len(name) > best_len or (
                    len(name) == best_len and unit.pk in self.managed_ids and best.pk not in self.managed_ids
                ):
                    best, best_len = unit, len(name)
        return best, post[best_len:].lstrip("，, ")


def _one_line(value: str) -> str:
    return "".join(part.strip() for part in value.split("\n"))


def _field_errors(error: ValidationError, labels: dict, prefix: str = "") -> list[tuple[str, str]]:
    out = []
    for name, messages in error.message_dict.items():
        label = labels.get(name, name)
        out.extend((f"{prefix}{label}", m) for m in messages)
    return out


def _labels(model) -> dict:
    return {f.name: str(f.verbose_name) for f in model._meta.fields}


def _photo_ok(data: bytes) -> str:
    """ "" when `data` is a JPEG/PNG/GIF/BMP image within the size limit, else why not."""
    from PIL import Image, UnidentifiedImageError

    from .lrmx import MAX_PHOTO_BYTES

    if len(data) > MAX_PHOTO_BYTES:
        return f"照片超过 {MAX_PHOTO_BYTES // (1024 * 1024)} MB 的上限。"
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format not in ("JPEG", "PNG", "GIF", "BMP"):
                return f"照片格式 {image.format} 不受支持（应为 JPEG、PNG、GIF 或 BMP）。"
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return "照片不是有效的图片文件。"
    return ""


def _photo_name(data: bytes) -> str:
    kind = {b"\xff\xd8": "jpg", b"\x89P": "png", b"GI": "gif", b"BM": "bmp"}.get(data[:2], "jpg")
    return f"photo.{kind}"


def _existing_by_name(person: LrmxPerson, lookups: _Lookups) -> list[Cadre]:
    """A .lrm has no ID number: the managed cadres of the same name born in the same month."""
    match = re.fullmatch(r"(\d{4})\.(\d{2})", person.birth)
    if not match:
        return []
    return list(
        Cadre.objects.filter(
            name=person.name,
            birth_date__year=int(match[1]),
            birth_date__month=int(match[2]),
            unit__in=lookups.managed,
        ).select_related("ethnicity", "political_status", "education", "degree", "unit")[:2]
    )


def _evaluate_one(entry: BundleEntry, lookups: _Lookups, seen: set, today: date) -> RowOutcome:
    outcome = RowOutcome(row_number=entry.name)  # the preview's first column: the file's name
    if entry.error is not None:
        outcome.errors.append((entry.error.field or "文件", entry.error.message))
        return outcome
    person = entry.person
    errors = outcome.errors
    outcome.name = _one_line(person.name).replace(" ", "").replace("\u3000", "")
    plan = _Plan(file_name=entry.name)
    fields = plan.cadre_fields
    if not outcome.name:
        errors.append(("姓名", "姓名（XingMing）不能为空。"))
    fields["name"] = outcome.name
    gender = {"男": "M", "女": "F"}.get(person.gender.strip())
    if gender is None:
        errors.append(("性别", f"“{person.gender}”不是有效的性别（应为 男 或 女）。"))
    else:
        fields["gender"] = gender

    # who: the ID number (a .lrm has none: same name and birth month among the user's cadres)
    existing = None
    id_number = normalize_citizen_id(person.id_number)
    if id_number:
        outcome.id_number = id_number
        try:
            validate_citizen_id(id_number)
        except ValidationError as exc:
            errors.append(("身份证号", "；".join(exc.messages)))
            id_number = ""
        if id_number in seen:
            errors.append(("身份证号", "同一批文件中有两个文件是同一身份证号的干部。"))
        seen.add(id_number)
        existing = lookups.existing.get(id_number)
    elif entry.name.lower().endswith(".lrm"):
        matches = _existing_by_name(person, lookups)
        if len(matches) == 1:
            existing = matches[0]
            outcome.id_number = existing.id_number
        else:
            errors.append(
                (
                    "身份证号",
                    "2.0 格式（.lrm）不含身份证号，系统中找不到唯一一位同名且出生年月相同的干部，无法新建；"
                    "请改用 .lrmx 文件，或先在干部名册中登记该干部。",
                )
            )
    else:
        errors.append(("身份证号", "身份证号（ShenFenZheng）不能为空。"))
    if existing is not None and existing.unit_id not in lookups.managed_ids:
        errors.append(("身份证号", "该身份证号的干部已登记在您权限范围以外的单位，不能在此更新。"))
    id_for_checks = outcome.id_number if not any(label == "身份证号" for label, _ in errors) else ""

    # birth date: year and month from the file, the day from the ID
    birth = re.fullmatch(r"(\d{4})\.(\d{1,2})", person.birth)
    if not birth:
        errors.append(("出生年月", f"“{person.birth}”不是有效的出生年月（应为 yyyymm，如 198503）。"))
    elif id_for_checks:
        from_id = citizen_id_birth_date(id_for_checks)
        if (from_id.year, from_id.month) != (int(birth[1]), int(birth[2])):
            errors.append(("出生年月", f"与身份证号中的出生年月（{from_id:%Y.%m}）不一致。"))
        else:
            fields["birth_date"] = from_id
        if gender and citizen_id_gender(id_for_checks) != gender:
            errors.append(("性别", "与身份证号第17位（奇数为男，偶数为女）不一致。"))
    elif existing is not None:
        fields["birth_date"] = existing.birth_date

    # reference lists
    ethnicity = lookups.ethnicity.get(person.ethnicity.strip())
    if ethnicity is None:
        errors.append(("民族", f"“{person.ethnicity}”不在民族列表中。"))
    else:
        fields["ethnicity"] = ethnicity
    status_text = person.political_status.strip()
    if status_text:
        status = lookups.political_status.get(status_text)
        if status is None:
            errors.append(("政治面貌", f"“{status_text}”不在政治面貌列表中。"))
        else:
            fields["political_status"] = status
    elif re.match(r"\d{4}\.\d{2}", person.party_joined):
        fields["political_status"] = lookups.political_status.get("中共党员")
    elif existing is None:
        fields["political_status"] = lookups.political_status.get("群众")
    if existing is None or existing.education_id is None:
        fields["education"] = lookups.education.get(person.fulltime_education.strip()) or (
            existing.education if existing else None
        )
    if existing is None or existing.degree_id is None:
        fields["degree"] = lookups.degree.get(person.fulltime_degree.strip()) or (existing.degree if existing else None)

    # unit and post
    post_text = _one_line(person.current_post)
    if lookups.chosen_unit is not None:  # the unit chosen for the batch; its name may head 现任职务
        unit = lookups.chosen_unit
        post = (
            lookups.unit_from_post(post_text, [unit])[1] if lookups.unit_from_post(post_text, [unit])[0] else post_text
        )
    else:
        unit, post = lookups.unit_from_post(post_text)
    if unit is None:
        errors.append(
            (
                "现任职务",
                f"“{post_text[:40]}”没有以系统中的单位名称开头，无法确定所在单位；请在上传时选择单位。",
            )
        )
    elif unit.pk not in lookups.managed_ids:
        errors.append(("现任职务", f"单位“{unit.name}”不在您的权限范围内。"))
    else:
        fields["unit"] = unit
    fields["post"] = post
    fields["speciality"] = _one_line(person.speciality)

    # particulars, as written
    for name in PARTICULARS_FROM_PERSON:
        value = getattr(person, name)
        model_field = CadreParticulars._meta.get_field(name)
        plan.particulars[name] = value if model_field.get_internal_type() == "TextField" else _one_line(value)
    rewards, rest, reward_errors = parse_rewards(person.rewards)
    plan.particulars["rewards_text"] = rest
    errors.extend(("奖惩情况", message) for message in reward_errors)
    try:
        CadreParticulars(**plan.particulars).full_clean(exclude=["cadre"])
    except ValidationError as exc:
        errors.extend(_field_errors(exc, _labels(CadreParticulars)))

    # lists
    plan.resume = parse_resume(person.resume)
    for number, item in enumerate(plan.resume, start=1):
        entry_errors = _check_list_item(ResumeEntry, {**item, "order": number})
        entry_errors += _resume_dates(item)
        errors.extend((f"简历第{number}行·{label}", m) for label, m in entry_errors)
    plan.family = [{**row, "order": n} for n, row in enumerate(person.family, start=1)]
    for number, row in enumerate(plan.family, start=1):
        errors.extend((f"家庭成员第{number}行·{label}", m) for label, m in _check_list_item(FamilyMember, row))
    plan.rewards = rewards
    for number, row in enumerate(rewards, start=1):
        if row["date"] > today:
            errors.append((f"奖惩第{number}条", "奖惩日期不能晚于今天。"))
        errors.extend((f"奖惩第{number}条·{label}", m) for label, m in _check_list_item(RewardPunishment, row))

    # photo
    if person.photo:
        problem = _photo_ok(person.photo)
        if problem:
            errors.append(("照片", problem))
        plan.photo = person.photo

    if not errors:
        if existing is not None:
            candidate = copy.copy(existing)
            for name, value in fields.items():
                setattr(candidate, name, value)
        else:
            candidate = Cadre(**{**fields, "id_number": outcome.id_number})
        try:
            candidate.full_clean(exclude=["photo", "id_number"] if existing is not None else ["photo"])
        except ValidationError as exc:
            errors.extend(_field_errors(exc, _labels(Cadre)))
    outcome.fields = {"plan": plan}
    if errors:
        outcome.status = "error"
    elif existing is None:
        outcome.status = "new"
    else:
        outcome.obj = existing
        outcome.diff = _diff(existing, plan)
        outcome.status = "update" if outcome.diff else "unchanged"
    return outcome


def _resume_dates(item: dict) -> list[tuple[str, str]]:
    errors = []
    for key, label in (("start", "起始年月"), ("end", "截止年月")):
        value = item[key]
        if value and not (1 <= int(value[4:]) <= 12):
            errors.append((label, f"{_ym(value)} 不是有效的年月。"))
    if not errors and item["start"] and item["end"] and item["end"] < item["start"]:
        errors.append(("截止年月", "截止年月不能早于起始年月。"))
    return errors


def _check_list_item(model, values: dict) -> list[tuple[str, str]]:
    try:
        model(**values).full_clean(exclude=["cadre", "created_by"])
    except ValidationError as exc:
        return _field_errors(exc, _labels(model))
    return []


COMPARED = [
    ("name", "姓名"),
    ("gender", "性别"),
    ("ethnicity", "民族"),
    ("birth_date", "出生日期"),
    ("political_status", "政治面貌"),
    ("education", "学历"),
    ("degree", "学位"),
    ("unit", "工作单位"),
    ("post", "现任职务"),
    ("speciality", "熟悉专业有何专长"),
]


def _photo_bytes(cadre: Cadre) -> bytes:
    if not cadre.photo:
        return b""
    try:
        with cadre.photo.open("rb") as handle:
            return handle.read()
    except OSError:
        return b""


def _diff(cadre: Cadre, plan: _Plan) -> list[tuple[str, str, str]]:
    diff = []
    for name, label in COMPARED:
        if name in plan.cadre_fields and getattr(cadre, name) != plan.cadre_fields[name]:
            old, new = getattr(cadre, name), plan.cadre_fields[name]
            if name == "gender":
                old, new = cadre.get_gender_display(), {"M": "男", "F": "女"}[new]
            diff.append((label, show(old), show(new)))
    try:
        particulars = cadre.particulars
    except CadreParticulars.DoesNotExist:
        particulars = CadreParticulars()
    labels = _labels(CadreParticulars)
    for name, value in plan.particulars.items():
        if getattr(particulars, name) != value:
            diff.append((labels[name], show(getattr(particulars, name))[:60], show(value)[:60]))
    old_resume = [(e.start, e.end, e.text) for e in cadre.resume_entries.all()]
    new_resume = [(e["start"], e["end"], e["text"]) for e in plan.resume]
    plan.replace_resume = old_resume != new_resume
    if plan.replace_resume:
        diff.append(("简历", f"{len(old_resume)} 条", f"{len(new_resume)} 条（按文件替换）"))
    family_keys = ("relation", "name", "birth", "political_status", "work_and_post")
    old_family = [tuple(getattr(m, k) for k in family_keys) for m in cadre.family_members.all()]
    new_family = [tuple(row[k] for k in family_keys) for row in plan.family]
    plan.replace_family = old_family != new_family
    if plan.replace_family:
        diff.append(("家庭成员", f"{len(old_family)} 人", f"{len(new_family)} 人（按文件替换）"))
    old_rewards = {_reward_key(r) for r in cadre.rewards_punishments.all()}
    new_rewards = {_reward_key(r) for r in plan.rewards}
    added, removed = len(new_rewards - old_rewards), len(old_rewards - new_rewards)
    if added or removed:
        diff.append(("奖惩记录", f"{len(old_rewards)} 条", f"{len(new_rewards)} 条（新增 {added}，删除 {removed}）"))
    if plan.photo and plan.photo != _photo_bytes(cadre):
        diff.append(("照片", "原照片" if cadre.photo else "—", "更换为文件中的照片"))
    return diff


def _apply_one(outcome: RowOutcome, user) -> None:
    plan: _Plan = outcome.fields["plan"]
    fields = dict(plan.cadre_fields)
    if plan.photo:
        fields["photo"] = ContentFile(plan.photo, name=_photo_name(plan.photo))
    if outcome.status == "new":
        cadre = services.cadre_create(acting_user=user, id_number=outcome.id_number, **fields)
    else:
        cadre = Cadre.objects.get(pk=outcome.obj.pk)
        if plan.photo and plan.photo == _photo_bytes(cadre):
            fields.pop("photo")
        changes = {k: v for k, v in fields.items() if k == "photo" or getattr(cadre, k) != v}
        if changes:
            cadre = services.cadre_update(cadre=cadre, acting_user=user, **changes)
    services.particulars_update(cadre=cadre, acting_user=user, **plan.particulars)
    if outcome.status == "new" or plan.replace_resume:
        cadre.resume_entries.all().delete()
        ResumeEntry.objects.bulk_create(
            [ResumeEntry(cadre=cadre, order=n, **item) for n, item in enumerate(plan.resume, start=1)]
        )
    if outcome.status == "new" or plan.replace_family:
        cadre.family_members.all().delete()
        FamilyMember.objects.bulk_create([FamilyMember(cadre=cadre, **row) for row in plan.family])
    wanted = {_reward_key(r): r for r in plan.rewards}
    have = list(cadre.rewards_punishments.all())
    removed = [r for r in have if _reward_key(r) not in wanted]
    kept = {_reward_key(r) for r in have} - {_reward_key(r) for r in removed}
    added = [r for key, r in wanted.items() if key not in kept]
    RewardPunishment.objects.filter(pk__in=[r.pk for r in removed]).delete()
    actor = user if getattr(user, "pk", None) else None
    RewardPunishment.objects.bulk_create([RewardPunishment(cadre=cadre, created_by=actor, **r) for r in added])
    audit_log_record(
        actor=user,
        action="cadre.lrmx_import",
        target=cadre,
        data={
            "file": plan.file_name[:100],
            "created": outcome.status == "new",
            "resume": len(plan.resume),
            "family": len(plan.family),
            "rewards_added": len(added),
            "rewards_removed": len(removed),
        },
    )
    outcome.obj = cadre


def lrmx_import(*, upload: LrmxUpload, user, apply: bool, skip_bad_rows: bool = False) -> ImportResult:
    """Evaluate every file of the upload; when `apply`, write them: every good file if `skip_bad_rows`,
    otherwise all only when none has an error."""
    ids = [
        normalize_citizen_id(e.person.id_number) for e in upload.entries if e.person is not None and e.person.id_number
    ]
    lookups = _Lookups(user, upload, ids)
    seen: set[str] = set()
    today = timezone.localdate()
    result = ImportResult(rows=[_evaluate_one(entry, lookups, seen, today) for entry in upload.entries])
    if apply:
        with transaction.atomic():
            apply_rows(result, lambda outcome: _apply_one(outcome, user), skip_bad_rows=skip_bad_rows)
        result.created = sum(1 for r in result.rows if r.status == "new") if result.applied else 0
        result.updated = sum(1 for r in result.rows if r.status == "update") if result.applied else 0
    return result

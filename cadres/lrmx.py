"""The 《干部任免审批表》 files of the national 任免审批表 software, read and written without the database.

- `.lrmx` (version 3.0): one XML document per person, root `<Person>`, elements named in pinyin
  (`XingMing`, `ChuShengNianYue` yyyymm, `ShenFenZheng`, `JianLi` one résumé line per period,
  `JiaTingChengYuan` with `Item`s, `ZhaoPian` the photo in base64, …). Element names checked against
  public readers and writers of the format (a C# LrmHelper, a Java exporter of the same fields).
- `.lrm` (version 2.0) + `.pic`: GB 2312 text, the fields in quotes separated by `","`; 学历/学位 and their
  schools as `全日制#学位@在职#学位`; the family table as five columns, the rows of each split by `@`; no ID
  number. The photo is the `.pic` beside it (JPEG bytes).

Nothing here trusts the file: XML with a DTD or an entity is refused (defusedxml: no XXE, no billion
laughs), every file and the whole upload are bounded in size and count, a zip is checked from its
directory before anything is unpacked, and reading stops at MAX_PARSE_SECONDS. Problems are
`LrmxError(field, message)` in Chinese, naming the element's Chinese label.
"""

import base64
import binascii
import io
import re
import time
import zipfile
from dataclasses import asdict, dataclass, field

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

MAX_FILE_BYTES = 4 * 1024 * 1024  # one .lrmx (a photo in base64 is the bulk: ~100 KB)
MAX_PHOTO_BYTES = 2 * 1024 * 1024
MAX_FILES = 300  # persons in one upload
MAX_TOTAL_BYTES = 60 * 1024 * 1024  # everything uploaded, zips unpacked
MAX_RATIO = 100  # a zip member unpacking to more than 100× its packed size is a bomb
MAX_PARSE_SECONDS = 60
MAX_TEXT_CHARS = 20_000  # one element's text

# element -> (attribute of LrmxPerson, Chinese label): the one-line fields of the form, in the order the
# software writes them
TEXT_FIELDS = [
    ("XingMing", "name", "姓名"),
    ("XingBie", "gender", "性别"),
    ("ChuShengNianYue", "birth", "出生年月"),
    ("MinZu", "ethnicity", "民族"),
    ("JiGuan", "native_place", "籍贯"),
    ("ChuShengDi", "birthplace", "出生地"),
    ("RuDangShiJian", "party_joined", "入党时间"),
    ("CanJiaGongZuoShiJian", "work_started", "参加工作时间"),
    ("JianKangZhuangKuang", "health", "健康状况"),
    ("ZhuanYeJiShuZhiWu", "professional_title", "专业技术职务"),
    ("ShuXiZhuanYeYouHeZhuanChang", "speciality", "熟悉专业有何专长"),
    ("QuanRiZhiJiaoYu_XueLi", "fulltime_education", "全日制教育学历"),
    ("QuanRiZhiJiaoYu_XueWei", "fulltime_degree", "全日制教育学位"),
    ("QuanRiZhiJiaoYu_XueLi_BiYeYuanXiaoXi", "fulltime_education_school", "全日制学历毕业院校系及专业"),
    ("QuanRiZhiJiaoYu_XueWei_BiYeYuanXiaoXi", "fulltime_degree_school", "全日制学位毕业院校系及专业"),
    ("ZaiZhiJiaoYu_XueLi", "inservice_education", "在职教育学历"),
    ("ZaiZhiJiaoYu_XueWei", "inservice_degree", "在职教育学位"),
    ("ZaiZhiJiaoYu_XueLi_BiYeYuanXiaoXi", "inservice_education_school", "在职学历毕业院校系及专业"),
    ("ZaiZhiJiaoYu_XueWei_BiYeYuanXiaoXi", "inservice_degree_school", "在职学位毕业院校系及专业"),
    ("XianRenZhiWu", "current_post", "现任职务"),
    ("NiRenZhiWu", "proposed_post", "拟任职务"),
    ("NiMianZhiWu", "proposed_removal", "拟免职务"),
    ("JianLi", "resume", "简历"),
    ("JiangChengQingKuang", "rewards", "奖惩情况"),
    ("NianDuKaoHeJieGuo", "annual_results", "年度考核结果"),
    ("RenMianLiYou", "appointment_reason", "任免理由"),
    ("ChengBaoDanWei", "reporting_unit", "呈报单位"),
    ("JiSuanNianLingShiJian", "age_reference", "计算年龄时间"),
    ("TianBiaoShiJian", "filled_on", "填表时间"),
    ("TianBiaoRen", "filled_by", "填表人"),
    ("ShenFenZheng", "id_number", "身份证号"),
    ("ZhengZhiMianMao", "political_status", "政治面貌"),  # written by some producers; optional
]
LABELS = {attr: label for _, attr, label in TEXT_FIELDS}
FAMILY_FIELDS = [
    ("ChengWei", "relation", "称谓"),
    ("XingMing", "name", "姓名"),
    ("ChuShengRiQi", "birth", "出生日期"),
    ("ZhengZhiMianMao", "political_status", "政治面貌"),
    ("GongZuoDanWeiJiZhiWu", "work_and_post", "工作单位及职务"),
]
VERSION = "3.0"


class LrmxError(Exception):
    """A file is refused: `field` is the Chinese label of what is wrong ("" for the whole file)."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass
class LrmxPerson:
    """One 任免审批表 as the file holds it: every field text, the family rows, the photo bytes."""

    name: str = ""
    gender: str = ""
    birth: str = ""
    ethnicity: str = ""
    native_place: str = ""
    birthplace: str = ""
    party_joined: str = ""
    work_started: str = ""
    health: str = ""
    professional_title: str = ""
    speciality: str = ""
    fulltime_education: str = ""
    fulltime_degree: str = ""
    fulltime_education_school: str = ""
    fulltime_degree_school: str = ""
    inservice_education: str = ""
    inservice_degree: str = ""
    inservice_education_school: str = ""
    inservice_degree_school: str = ""
    current_post: str = ""
    proposed_post: str = ""
    proposed_removal: str = ""
    resume: str = ""
    rewards: str = ""
    annual_results: str = ""
    appointment_reason: str = ""
    reporting_unit: str = ""
    age_reference: str = ""
    filled_on: str = ""
    filled_by: str = ""
    id_number: str = ""
    political_status: str = ""
    family: list[dict] = field(default_factory=list)
    photo: bytes = b""

    def to_json(self, *, with_photo: bool = False) -> dict:
        data = asdict(self)
        photo = data.pop("photo")
        if with_photo and photo:
            data["photo_b64"] = base64.b64encode(photo).decode("ascii")
        data["has_photo"] = bool(photo)
        return data

    @classmethod
    def from_json(cls, data: dict, photo: bytes = b"") -> "LrmxPerson":
        names = {f for f in cls.__dataclass_fields__ if f != "photo"}
        person = cls(**{k: v for k, v in data.items() if k in names})
        person.photo = photo or base64.b64decode(data.get("photo_b64", "") or b"")
        return person


# --- .lrmx ------------------------------------------------------------------------------------------

_DECL_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_\-]+)["']""")


def _as_utf8(data: bytes) -> bytes:
    """expat reads UTF-8/16 and Latin-1 only; a file declared GB2312/GBK/GB18030 is re-encoded first."""
    match = _DECL_ENCODING.match(data[:200])
    declared = match.group(1).decode("ascii").lower().replace("-", "").replace("_", "") if match else ""
    if declared in {"gb2312", "gbk", "gb18030"}:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError as exc:
            raise LrmxError("", "文件声明为 GB2312 编码，但内容不是有效的 GB2312/GBK 文字。") from exc
        text = re.sub(r"""encoding\s*=\s*["'][^"']+["']""", 'encoding="UTF-8"', text, count=1)
        return text.encode("utf-8")
    return data


def _text_of(element) -> str:
    text = "".join(element.itertext()) if element is not None else ""
    if len(text) > MAX_TEXT_CHARS:
        raise LrmxError("", f"文件中有一项内容超过 {MAX_TEXT_CHARS} 个字符，文件异常。")
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def parse_lrmx(data: bytes) -> LrmxPerson:
    """One .lrmx file. Raises LrmxError naming the problem."""
    if len(data) > MAX_FILE_BYTES:
        raise LrmxError("", f"文件超过 {MAX_FILE_BYTES // (1024 * 1024)} MB 的上限。")
    data = _as_utf8(data)
    try:
        root = fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise LrmxError(
            "", "文件中含有 XML 文档类型声明或实体定义（DTD/ENTITY），可能是恶意构造的，已拒绝处理。"
        ) from exc
    except Exception as exc:  # ParseError and its kin
        raise LrmxError("", f"不是有效的 XML 文件（{str(exc)[:80]}）。") from exc
    if root.tag != "Person":
        raise LrmxError("", f"不是任免审批表文件：根元素应为 <Person>，实为 <{str(root.tag)[:40]}>。")
    person = LrmxPerson()
    for element, attr, _label in TEXT_FIELDS:
        value = _text_of(root.find(element))
        setattr(person, attr, _dotted(value) if attr in DATE_FIELDS else value)
    family = root.find("JiaTingChengYuan")
    for item in family.iter("Item") if family is not None else ():
        row = {attr: _text_of(item.find(element)) for element, attr, _ in FAMILY_FIELDS}
        row["birth"] = _dotted(row["birth"])
        if any(row.values()):
            person.family.append(row)
    photo = "".join(_text_of(root.find("ZhaoPian")).split())
    if photo:
        try:
            person.photo = base64.b64decode(photo, validate=True)
        except (binascii.Error, ValueError) as exc:
            raise LrmxError("照片", "照片（ZhaoPian）不是有效的 base64 编码。") from exc
    return person


DATE_FIELDS = ("birth", "party_joined", "work_started", "age_reference")  # yyyymm in the file, yyyy.mm here


def _dotted(text: str) -> str:
    """yyyymm (or yyyymmdd) as the form prints it, yyyy.mm; anything else as it is (民盟2005.01)."""
    match = re.fullmatch(r"(\d{4})(\d{2})(\d{2})?", text)
    return f"{match.group(1)}.{match.group(2)}" if match else text


def _yyyymm(text: str) -> str:
    """The file writes dates as yyyymm; ours may be yyyy.mm (as the form prints them)."""
    match = re.fullmatch(r"(\d{4})[.\-/年]?(\d{2})月?", text)
    return f"{match.group(1)}{match.group(2)}" if match else text


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def write_lrmx(person: LrmxPerson) -> bytes:
    """The .lrmx (3.0) document of `person`, UTF-8. Characters XML 1.0 cannot hold (control characters a
    free-text field may have picked up) are left out rather than written as a document no reader opens."""
    from xml.etree.ElementTree import Element, SubElement, tostring

    root = Element("Person")
    for element, attr, _label in TEXT_FIELDS:
        value = getattr(person, attr)
        if attr in DATE_FIELDS:
            value = _yyyymm(value)
        SubElement(root, element).text = value
    family = SubElement(root, "JiaTingChengYuan")
    for row in person.family:
        item = SubElement(family, "Item")
        for element, attr, _ in FAMILY_FIELDS:
            value = row.get(attr, "")
            SubElement(item, element).text = _yyyymm(value) if attr == "birth" else value
    SubElement(root, "ZhaoPian").text = base64.b64encode(person.photo).decode("ascii") if person.photo else ""
    SubElement(root, "Version").text = VERSION
    document = _NOT_XML.sub("", tostring(root, encoding="unicode"))
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + document.encode("utf-8")


# --- .lrm + .pic ---------------------------------------------------------------------------------------

# the .lrm's field positions (0-based), the 2.0 layout
_LRM_SIMPLE = {
    0: "name",
    1: "gender",
    2: "birth",
    3: "ethnicity",
    4: "native_place",
    5: "party_joined",
    6: "health",
    7: "birthplace",
    8: "work_started",
    11: "professional_title",
    16: "speciality",
    17: "resume",
    18: "rewards",
    19: "annual_results",
    25: "current_post",
    26: "proposed_post",
    27: "proposed_removal",
    28: "appointment_reason",
    29: "reporting_unit",
    30: "age_reference",
    31: "filled_by",
    32: "filled_on",
}


def _pairs(text: str) -> tuple[str, str, str, str]:
    """ "全日制#学位@在职#学位" -> the four parts (missing ones blank)."""
    fulltime, _, inservice = text.partition("@")
    a, _, b = fulltime.partition("#")
    c, _, d = inservice.partition("#")
    return a.strip(), b.strip(), c.strip(), d.strip()


def parse_lrm(data: bytes, pic: bytes | None) -> LrmxPerson:
    """One .lrm (2.0) with the bytes of its .pic (or None: no photo)."""
    if len(data) > MAX_FILE_BYTES:
        raise LrmxError("", f"文件超过 {MAX_FILE_BYTES // (1024 * 1024)} MB 的上限。")
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise LrmxError("", "不是 GB2312 编码的任免审批表（.lrm）文件。") from exc
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not (text.startswith('"') and text.endswith('"')):
        raise LrmxError("", '不是任免审批表（.lrm）文件：内容应为以引号括起、以 "," 分隔的各项。')
    parts = text[1:-1].split('","')
    if len(parts) < 33:
        raise LrmxError("", f"不是完整的任免审批表（.lrm）文件：应有 33 项，只有 {len(parts)} 项。")
    person = LrmxPerson()
    for index, attr in _LRM_SIMPLE.items():
        value = parts[index].strip()
        setattr(person, attr, _dotted(value) if attr in DATE_FIELDS else value)
    (
        person.fulltime_education,
        person.fulltime_degree,
        person.inservice_education,
        person.inservice_degree,
    ) = _pairs(parts[9])
    (
        person.fulltime_education_school,
        person.fulltime_degree_school,
        person.inservice_education_school,
        person.inservice_degree_school,
    ) = _pairs(parts[10])
    columns = [parts[20 + i].split("@") for i in range(5)]
    for r in range(max(len(c) for c in columns)):
        row = {
            attr: (columns[i][r].strip() if r < len(columns[i]) else "") for i, (_, attr, _) in enumerate(FAMILY_FIELDS)
        }
        row["birth"] = _dotted(row["birth"])
        if row["relation"] or row["name"]:
            person.family.append(row)
    person.photo = pic or b""
    return person


def write_lrm(person: LrmxPerson) -> bytes:
    """The .lrm (2.0) text of `person` (GB18030, a superset of GB 2312); the photo goes in a .pic beside it.
    Used by the tests to make 2.0 files; the product exports .lrmx."""
    parts = [""] * 33
    for index, attr in _LRM_SIMPLE.items():
        value = getattr(person, attr)
        parts[index] = _yyyymm(value) if attr in DATE_FIELDS else value
    p = person
    parts[9] = f"{p.fulltime_education}#{p.fulltime_degree}@{p.inservice_education}#{p.inservice_degree}"
    parts[10] = (
        f"{p.fulltime_education_school}#{p.fulltime_degree_school}"
        f"@{p.inservice_education_school}#{p.inservice_degree_school}"
    )
    for i, (_, attr, _) in enumerate(FAMILY_FIELDS):
        parts[20 + i] = "@".join(
            _yyyymm(row.get(attr, "")) if attr == "birth" else row.get(attr, "") for row in person.family
        )
    return ('"' + '","'.join(parts) + '"').encode("gb18030")


# --- an upload: files, zips of files, .lrm + .pic pairs --------------------------------------------------


@dataclass
class BundleEntry:
    """One person's file in an upload: its name, and either the person read or the error."""

    name: str
    person: LrmxPerson | None = None
    error: LrmxError | None = None


def _limit_error(message: str) -> LrmxError:
    return LrmxError("", message)


def expand_uploads(files: list[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
    """The uploaded files with every .zip replaced by its members (one level; a zip in a zip is not
    opened), within the count and size limits, checked from the zip's directory before unpacking."""
    out: list[tuple[str, bytes]] = []
    total = 0
    for name, data in files:
        if not name.lower().endswith(".zip"):
            total += len(data)
            out.append((name, data))
            continue
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
        except (zipfile.BadZipFile, OSError) as exc:
            raise _limit_error(f"“{name}”不是有效的 zip 压缩包。") from exc
        with archive:
            members = [i for i in archive.infolist() if not i.is_dir()]
            if len(members) > MAX_FILES * 2:
                raise _limit_error(f"压缩包“{name}”中的文件超过 {MAX_FILES * 2} 个的上限，请拆分后再导入。")
            for info in members:
                if info.file_size > MAX_FILE_BYTES:
                    raise _limit_error(f"压缩包中的“{info.filename}”超过 {MAX_FILE_BYTES // (1024 * 1024)} MB 的上限。")
                ratio = info.file_size / max(info.compress_size, 1)
                total += info.file_size
                if info.file_size > 1024 * 1024 and ratio > MAX_RATIO:
                    raise _limit_error("压缩包解压后的大小异常（疑似压缩炸弹），已拒绝处理。")
                if total > MAX_TOTAL_BYTES:
                    raise _limit_error(
                        f"上传的文件解压后合计超过 {MAX_TOTAL_BYTES // (1024 * 1024)} MB 的上限，请分批导入。"
                    )
            for info in members:
                member = _member_name(info)
                if member.startswith("__MACOSX/") or member.rsplit("/", 1)[-1].startswith("._"):
                    continue
                try:
                    with archive.open(info) as handle:
                        content = handle.read(MAX_FILE_BYTES + 1)
                except (zipfile.BadZipFile, OSError, NotImplementedError, RuntimeError) as exc:
                    raise _limit_error(f"压缩包中的“{member}”无法解压（已损坏或加密）。") from exc
                if len(content) > info.file_size or len(content) > MAX_FILE_BYTES:
                    raise _limit_error("压缩包解压后的大小与目录不符（疑似压缩炸弹），已拒绝处理。")
                out.append((member, content))
        if total > MAX_TOTAL_BYTES:
            raise _limit_error(f"上传的文件合计超过 {MAX_TOTAL_BYTES // (1024 * 1024)} MB 的上限，请分批导入。")
    if total > MAX_TOTAL_BYTES:
        raise _limit_error(f"上传的文件合计超过 {MAX_TOTAL_BYTES // (1024 * 1024)} MB 的上限，请分批导入。")
    return out


def _member_name(info: zipfile.ZipInfo) -> str:
    """Zip members named in GBK by Windows' own zip (no UTF-8 flag) decode as cp437 in Python."""
    if info.flag_bits & 0x800:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("gb18030")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


def _stem(name: str) -> str:
    return name.rsplit(".", 1)[0]


def read_bundle(files: list[tuple[str, bytes]]) -> list[BundleEntry]:
    """Every person in an upload (.lrmx files, .lrm + .pic pairs, zips of them), in name order, each read
    or with its error. Raises LrmxError for a limit passed by the upload as a whole."""
    started = time.monotonic()
    expanded = expand_uploads(files)
    pictures = {_stem(n).lower(): data for n, data in expanded if n.lower().endswith(".pic")}
    lrm_stems = {_stem(n).lower() for n, _ in expanded if n.lower().endswith(".lrm")}
    entries: list[BundleEntry] = []
    for name, data in sorted(expanded, key=lambda item: item[0]):
        lower = name.lower()
        if lower.endswith(".pic"):
            if _stem(lower) not in lrm_stems:
                entries.append(BundleEntry(name, error=LrmxError("照片", "找不到同名的 .lrm 文件，该照片未导入。")))
            continue
        if len(entries) >= MAX_FILES:
            raise _limit_error(f"一次最多导入 {MAX_FILES} 个任免审批表文件，请分批导入。")
        if time.monotonic() - started > MAX_PARSE_SECONDS:
            raise _limit_error(f"读取文件超过 {MAX_PARSE_SECONDS} 秒的上限，请分批导入。")
        try:
            if lower.endswith(".lrmx"):
                entries.append(BundleEntry(name, person=parse_lrmx(data)))
            elif lower.endswith(".lrm"):
                pic = pictures.get(_stem(lower))
                entries.append(BundleEntry(name, person=parse_lrm(data, pic)))
            elif lower.endswith(".zip"):
                message = "压缩包中的压缩包不会被打开：请把其中的文件直接放进上传的压缩包。"
                entries.append(BundleEntry(name, error=LrmxError("", message)))
            else:
                message = "不是任免审批表文件（应为 .lrmx，或 .lrm 与同名 .pic）。"
                entries.append(BundleEntry(name, error=LrmxError("", message)))
        except LrmxError as exc:
            entries.append(BundleEntry(name, error=exc))
    if not entries:
        raise _limit_error("上传的文件中没有任免审批表（.lrmx 或 .lrm）文件。")
    return entries

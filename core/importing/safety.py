"""Open an uploaded workbook without trusting it (issue 17: bounded imports).

Every limit is checked before memory grows, in this order:

1. the file's size, that it is a zip, the unpacked sizes and compression ratios (from the zip's
   directory, nothing unpacked yet);
2. a streaming pass (expat, a chunk at a time) over every XML part: a DTD or an entity declaration
   (XXE, billion laughs) is refused, and the shared strings (共享字符串, the table of cell texts that
   openpyxl loads whole) are counted and refused past MAX_SHARED_STRINGS — stopping at the first one
   too many, long before openpyxl would have built them;
3. openpyxl in read-only mode streams the first sheet's rows, counting rows and cells and the time
   spent, and stops at the first limit passed.

`read_sheet` returns the first sheet's values as a `ParsedSheet` that can be kept (JSON) so that the
preview and the confirmation of an import do not parse the file again.
"""

import hashlib
import io
import time
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from datetime import time as dtime
from xml.parsers import expat

import defusedxml  # noqa: F401  -- installed so that openpyxl parses the XML parts safely
from defusedxml import DefusedXmlException
from django.utils.translation import gettext
from openpyxl import load_workbook

MAX_BYTES = 10 * 1024 * 1024
MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_RATIO = 100
MAX_PARTS = 2_000  # files inside the zip; a real workbook has a few dozen
MAX_SHARED_STRINGS = 200_000  # a 20,000-row roster has well under 100,000 distinct texts
MAX_SHARED_STRINGS_BYTES = 32 * 1024 * 1024  # the shared-strings part, unpacked
MAX_SHEET_ROWS = 30_000  # rows of the first sheet, blank ones included (data rows: reader.read_rows)
MAX_CELLS = 1_000_000  # cells read from the first sheet
MAX_CELL_CHARS = 32_767  # Excel's own limit for one cell
MAX_PARSE_SECONDS = 60

_CHUNK = 256 * 1024
_XML_SUFFIXES = (".xml", ".rels", ".vml")


class ImportRejected(Exception):
    """The whole file is refused; the message says why, in Chinese."""


@dataclass(frozen=True)
class Limits:
    max_bytes: int = MAX_BYTES
    max_uncompressed: int = MAX_UNCOMPRESSED
    max_ratio: int = MAX_RATIO
    max_shared_strings: int = MAX_SHARED_STRINGS
    max_shared_strings_bytes: int = MAX_SHARED_STRINGS_BYTES
    max_sheet_rows: int = MAX_SHEET_ROWS
    max_cells: int = MAX_CELLS
    max_parse_seconds: float = MAX_PARSE_SECONDS


HOSTILE_XML = (
    "文件中含有 XML 文档类型声明或实体定义（DTD/ENTITY）。"
    "正常的 Excel 文件不会有这些内容，该文件可能是恶意构造的，已拒绝处理。"
)


def _too_many_strings(limit: int) -> str:
    return (
        f"文件中的共享字符串（单元格文本）超过 {limit} 条的上限，已拒绝处理。"
        "请只保留需要导入的工作表和列，或拆分后再导入。"
    )


def _read_bytes(fileobj, max_bytes: int) -> bytes:
    if hasattr(fileobj, "read"):
        return fileobj.read(max_bytes + 1)
    with open(fileobj, "rb") as handle:
        return handle.read(max_bytes + 1)


def _check_zip(archive: zipfile.ZipFile, limits: Limits) -> None:
    if len(archive.infolist()) > MAX_PARTS:
        raise ImportRejected(f"文件内部包含超过 {MAX_PARTS} 个部件，不是正常的 Excel 工作簿，已拒绝处理。")
    total = 0
    for info in archive.infolist():
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if total > limits.max_uncompressed or (info.file_size > 1024 * 1024 and ratio > limits.max_ratio):
            raise ImportRejected(gettext("文件解压后的大小异常（疑似压缩炸弹），已拒绝处理。"))
    if "xl/workbook.xml" not in archive.namelist():
        raise ImportRejected(gettext("文件不是有效的 Excel 工作簿（缺少工作簿内容）。"))


def _shared_strings_parts(archive: zipfile.ZipFile) -> set[str]:
    """The usual name plus whatever [Content_Types].xml declares as shared strings (openpyxl follows it)."""
    names = {"xl/sharedStrings.xml"}
    try:
        info = archive.getinfo("[Content_Types].xml")
    except KeyError:
        return names
    if info.file_size > 1024 * 1024:
        raise ImportRejected(gettext("文件不是有效的 Excel 工作簿（内容类型表异常）。"))
    from defusedxml.ElementTree import fromstring

    try:
        root = fromstring(archive.read(info))
    except DefusedXmlException as exc:
        raise ImportRejected(HOSTILE_XML) from exc
    except Exception as exc:
        raise ImportRejected(gettext("文件不是有效的 Excel 工作簿（内容类型表无法读取）。")) from exc
    for override in root:
        if str(override.get("ContentType", "")).endswith("sharedStrings+xml"):
            names.add(str(override.get("PartName", "")).lstrip("/"))
    return names


class _Hostile(Exception):
    pass


class _TooMany(Exception):
    pass


def _scan_part(archive: zipfile.ZipFile, info: zipfile.ZipInfo, *, count_strings: int | None) -> None:
    """Stream one XML part through expat: refuse a DTD or an entity; count <si> when `count_strings`
    is the limit, stopping at the first string past it."""
    parser = expat.ParserCreate()
    seen = 0

    def hostile(*args):
        raise _Hostile

    parser.StartDoctypeDeclHandler = hostile
    parser.EntityDeclHandler = hostile
    parser.ExternalEntityRefHandler = hostile
    if count_strings is not None:

        def start(name, attrs):
            nonlocal seen
            if name == "si" or name.endswith(":si"):
                seen += 1
                if seen > count_strings:
                    raise _TooMany

        parser.StartElementHandler = start
    with archive.open(info) as part:
        while chunk := part.read(_CHUNK):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)


def precheck_xlsx(data: bytes, limits: Limits = Limits()) -> None:
    """Everything that can be refused without openpyxl: size, zip, ratios, DTDs, shared strings."""
    if len(data) > limits.max_bytes:
        raise ImportRejected(f"文件超过 {limits.max_bytes // (1024 * 1024)} MB 的上限，请拆分后再导入。")
    buffer = io.BytesIO(data)
    if not zipfile.is_zipfile(buffer):
        raise ImportRejected(gettext("这不是 .xlsx 文件（旧版 .xls 请在 Excel 中“另存为” .xlsx 后再导入）。"))
    try:
        with zipfile.ZipFile(buffer) as archive:
            _check_zip(archive, limits)
            shared = _shared_strings_parts(archive)
            for info in archive.infolist():
                is_shared = info.filename in shared
                if is_shared and info.file_size > limits.max_shared_strings_bytes:
                    mb = limits.max_shared_strings_bytes // (1024 * 1024)
                    raise ImportRejected(
                        f"文件中的共享字符串（单元格文本）解压后超过 {mb} MB 的上限，已拒绝处理。请拆分后再导入。"
                    )
                if not info.filename.lower().endswith(_XML_SUFFIXES) and not is_shared:
                    continue
                try:
                    _scan_part(archive, info, count_strings=limits.max_shared_strings if is_shared else None)
                except _Hostile as exc:
                    raise ImportRejected(HOSTILE_XML) from exc
                except _TooMany as exc:
                    raise ImportRejected(_too_many_strings(limits.max_shared_strings)) from exc
                except expat.ExpatError as exc:
                    raise ImportRejected(f"文件已损坏：其中的 {info.filename} 不是有效的 XML。") from exc
    except (zipfile.BadZipFile, EOFError, NotImplementedError) as exc:
        raise ImportRejected(gettext("文件已损坏，无法读取。")) from exc


def _load(buffer):
    try:
        return load_workbook(buffer, read_only=True, data_only=True)
    except DefusedXmlException as exc:
        raise ImportRejected(HOSTILE_XML) from exc
    except Exception as exc:  # openpyxl raises many kinds on malformed parts
        raise ImportRejected(f"无法读取该 Excel 文件：文件结构不完整或已损坏（{type(exc).__name__}）。") from exc


def open_workbook_safely(
    fileobj, *, max_bytes: int = MAX_BYTES, max_uncompressed: int = MAX_UNCOMPRESSED, max_ratio: int = MAX_RATIO
):
    """A read-only openpyxl workbook, after `precheck_xlsx`. Iterate its rows with `bounded_rows`."""
    data = _read_bytes(fileobj, max_bytes)
    precheck_xlsx(data, Limits(max_bytes=max_bytes, max_uncompressed=max_uncompressed, max_ratio=max_ratio))
    return _load(io.BytesIO(data))


def bounded_rows(workbook, limits: Limits = Limits()):
    """The first sheet's rows as value tuples, refused at the first limit passed (rows, cells, time).
    The sheet's declared dimension is ignored: a forged A1:XFD1048576 pads nothing."""
    sheet = workbook.worksheets[0]
    if hasattr(sheet, "reset_dimensions"):
        sheet.reset_dimensions()
    started = time.monotonic()
    cells = 0
    try:
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            if number > limits.max_sheet_rows:
                raise ImportRejected(f"工作表超过 {limits.max_sheet_rows} 行的上限（含空行），请拆分后再导入。")
            cells += len(row)
            if cells > limits.max_cells:
                raise ImportRejected(
                    f"工作表的单元格超过 {limits.max_cells} 个的上限，请删去多余的行列或拆分后再导入。"
                )
            if number % 500 == 0 and time.monotonic() - started > limits.max_parse_seconds:
                raise ImportRejected(f"读取文件超过 {int(limits.max_parse_seconds)} 秒的上限，请拆分后再导入。")
            for value in row:
                if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
                    raise ImportRejected(
                        f"第{number}行有单元格超过 {MAX_CELL_CHARS} 个字符（Excel 的上限），文件异常。"
                    )
            yield row
    except DefusedXmlException as exc:
        raise ImportRejected(HOSTILE_XML) from exc
    except ImportRejected:
        raise
    except Exception as exc:  # a malformed sheet part
        raise ImportRejected(f"无法读取该 Excel 文件：工作表内容已损坏（{type(exc).__name__}）。") from exc


# --- the parsed first sheet, kept between the preview and the confirmation --------------------------


def _encode(value):
    if isinstance(value, datetime):
        return {"dt": value.isoformat()}
    if isinstance(value, date):
        return {"d": value.isoformat()}
    if isinstance(value, dtime):
        return {"t": value.isoformat()}
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)  # timedelta and the like: as Excel would show them, roughly


def _decode(value):
    if isinstance(value, dict):
        if "dt" in value:
            return datetime.fromisoformat(value["dt"])
        if "d" in value:
            return date.fromisoformat(value["d"])
        if "t" in value:
            return dtime.fromisoformat(value["t"])
    return value


@dataclass
class ParsedSheet:
    """The first sheet's values, row by row (trailing blanks trimmed), and the file's SHA-256."""

    rows: list[tuple] = field(default_factory=list)
    sha256: str = ""

    def to_json(self) -> dict:
        return {"sha256": self.sha256, "rows": [[_encode(v) for v in row] for row in self.rows]}

    @classmethod
    def from_json(cls, data: dict) -> "ParsedSheet":
        return cls(rows=[tuple(_decode(v) for v in row) for row in data.get("rows", [])], sha256=data.get("sha256", ""))


def read_sheet(fileobj, limits: Limits = Limits()) -> ParsedSheet:
    """Check, open and read the first sheet of an uploaded workbook, once. Raises ImportRejected with
    a Chinese message naming the limit or the problem."""
    data = _read_bytes(fileobj, limits.max_bytes)
    precheck_xlsx(data, limits)
    workbook = _load(io.BytesIO(data))
    try:
        rows = []
        for row in bounded_rows(workbook, limits):
            values = list(row)
            while values and (values[-1] is None or values[-1] == ""):
                values.pop()
            rows.append(tuple(values))
    finally:
        workbook.close()
    while rows and not rows[-1]:
        rows.pop()
    return ParsedSheet(rows=rows, sha256=hashlib.sha256(data).hexdigest())

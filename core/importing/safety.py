"""Open an uploaded workbook without trusting it."""

import io
import zipfile

import defusedxml  # noqa: F401  -- installed so that openpyxl parses the XML parts safely
from django.utils.translation import gettext
from openpyxl import load_workbook

MAX_BYTES = 10 * 1024 * 1024
MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_RATIO = 100


class ImportRejected(Exception):
    """The whole file is refused; the message says why, in Chinese."""


def open_workbook_safely(
    fileobj, *, max_bytes: int = MAX_BYTES, max_uncompressed: int = MAX_UNCOMPRESSED, max_ratio: int = MAX_RATIO
):
    """A read-only openpyxl workbook, after checking size, format and compression ratios."""
    data = fileobj.read(max_bytes + 1) if hasattr(fileobj, "read") else open(fileobj, "rb").read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ImportRejected(f"文件超过 {max_bytes // (1024 * 1024)} MB 的上限，请拆分后再导入。")
    buffer = io.BytesIO(data)
    if not zipfile.is_zipfile(buffer):
        raise ImportRejected(gettext("这不是 .xlsx 文件（旧版 .xls 请在 Excel 中“另存为” .xlsx 后再导入）。"))
    try:
        with zipfile.ZipFile(buffer) as archive:
            total = 0
            for info in archive.infolist():
                total += info.file_size
                ratio = info.file_size / max(info.compress_size, 1)
                if total > max_uncompressed or (info.file_size > 1024 * 1024 and ratio > max_ratio):
                    raise ImportRejected(gettext("文件解压后的大小异常（疑似压缩炸弹），已拒绝处理。"))
            if "xl/workbook.xml" not in archive.namelist():
                raise ImportRejected(gettext("文件不是有效的 Excel 工作簿（缺少工作簿内容）。"))
    except zipfile.BadZipFile as exc:
        raise ImportRejected(gettext("文件已损坏，无法读取。")) from exc
    buffer.seek(0)
    try:
        return load_workbook(buffer, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on malformed parts
        raise ImportRejected(f"无法读取该 Excel 文件：{type(exc).__name__}") from exc

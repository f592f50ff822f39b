"""Excel output shared by every export: write-only workbooks with Chinese headers, a frozen header
row, sensible widths and date formats, and formula injection neutralized."""

import io
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime

from django.utils import timezone
from django.utils.functional import Promise
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\x00")


def neutralize(value):
    """A text that a spreadsheet would execute (=, +, -, @ or a control character first) is prefixed
    with an apostrophe, so Excel and WPS show it as text. Numbers and dates pass unchanged."""
    if isinstance(value, str):
        if value.startswith(_DANGEROUS_START) or (value and ord(value[0]) < 32):
            return "'" + value
        return value
    return value


def _width(text: str) -> int:
    # CJK characters take about two columns
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def build_xlsx(
    *, title: str, headers: Sequence[str], rows: Iterable[Sequence], widths: Sequence[int] | None = None
) -> bytes:
    """Stream rows into a write-only workbook and return its bytes."""
    buffer = io.BytesIO()
    write_xlsx(buffer, title=title, headers=headers, rows=rows, widths=widths)
    return buffer.getvalue()


def write_xlsx(
    target,
    *,
    title: str,
    headers: Sequence[str],
    rows: Iterable[Sequence],
    widths: Sequence[int] | None = None,
    progress: Callable[[int], None] | None = None,
    every: int = 1000,
) -> int:
    """Stream rows into a write-only workbook saved to `target` (a path or a binary file), in constant
    memory (openpyxl's write-only mode, lxml installed: rows go to a temporary file as they come).
    `progress(n)` is called every `every` rows and at the end. Returns the number of rows."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.freeze_panes = "A2"
    for i, header in enumerate(headers, start=1):
        width = widths[i - 1] if widths else max(_width(header) + 4, 10)
        sheet.column_dimensions[get_column_letter(i)].width = width
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="F2DCDB")
    header_cells = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=neutralize(str(header)))
        cell.font, cell.fill, cell.alignment = bold, fill, Alignment(horizontal="center")
        header_cells.append(cell)
    sheet.append(header_cells)
    written = 0
    for row in rows:
        # plain values where openpyxl needs no style (it formats dates itself): a styled cell per value
        # costs twice the time, and a province's roster is a million and a half cells
        out = []
        for value in row:
            if isinstance(value, str):
                value = neutralize(value)
            elif isinstance(value, Promise):  # lazy translations (choice labels) are text
                value = neutralize(str(value))
            elif isinstance(value, datetime):
                if value.tzinfo is not None:  # Excel has no time zones: show local time
                    value = timezone.localtime(value).replace(tzinfo=None)
                value = WriteOnlyCell(sheet, value=value)
                value.number_format = "yyyy-mm-dd hh:mm"
            out.append(value)
        sheet.append(out)
        written += 1
        if progress is not None and written % every == 0:
            progress(written)
    workbook.save(target)
    if progress is not None:
        progress(written)
    return written

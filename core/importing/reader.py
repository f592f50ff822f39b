"""Find the header row, read and normalize the rows of the first sheet."""

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from .normalize import CellError, to_halfwidth
from .safety import ImportRejected, ParsedSheet, bounded_rows


@dataclass(frozen=True)
class Column:
    """One expected column: its header, other spellings, whether required, and its cell parser."""

    key: str
    header: str
    parse: Callable = lambda value: value
    required: bool = False
    aliases: tuple[str, ...] = ()

    def names(self) -> set[str]:
        return {normalize_header(n) for n in (self.header, *self.aliases)}


@dataclass
class RowResult:
    row_number: int  # the Excel row number, as the user sees it
    values: dict = field(default_factory=dict)
    raw: dict = field(default_factory=dict)
    errors: list[tuple[str, str]] = field(default_factory=list)  # (column header or "", message)

    @property
    def ok(self) -> bool:
        return not self.errors

    def error(self, column: str, message: str) -> None:
        self.errors.append((column, message))


def normalize_header(value) -> str:
    text = to_halfwidth(str(value or ""))
    return re.sub(r"[\s*＊:：()（）]", "", text)


HEADER_SCAN_ROWS = 20


def _find_header(rows: list[tuple], columns: list[Column]) -> tuple[int, dict[str, int]]:
    best_index, best_map = -1, {}
    for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        mapping = {}
        for position, cell in enumerate(row):
            name = normalize_header(cell)
            for column in columns:
                if name and name in column.names() and column.key not in mapping:
                    mapping[column.key] = position
        if len(mapping) > len(best_map):
            best_index, best_map = index, mapping
    return best_index, best_map


def read_rows(
    source, columns: list[Column], *, unique_key: str | None = None, max_rows: int = 20000
) -> Iterator[RowResult]:
    """Yield a RowResult per non-empty data row of the first sheet, from a `ParsedSheet` (the upload
    parsed once) or an open workbook (read within the safety limits). Raises ImportRejected for a
    file-level problem (no header row, a required column missing, too many rows)."""
    head = []
    rows_iter = iter(source.rows) if isinstance(source, ParsedSheet) else bounded_rows(source)
    for row in rows_iter:
        head.append(row)
        if len(head) >= HEADER_SCAN_ROWS:
            break
    header_index, mapping = _find_header(head, columns)
    if header_index < 0 or len(mapping) < 2:
        expected = "、".join(c.header for c in columns if c.required)
        raise ImportRejected(f"在前{HEADER_SCAN_ROWS}行中找不到表头行。表头应包含：{expected}。")
    missing = [c.header for c in columns if c.required and c.key not in mapping]
    if missing:
        raise ImportRejected(f"缺少必需的列：{'、'.join(missing)}（表头在第{header_index + 1}行）。")

    seen: dict = {}
    by_key = {c.key: c for c in columns}

    def data_rows():
        for offset, row in enumerate(head[header_index + 1 :], start=header_index + 2):
            yield offset, row
        for offset, row in enumerate(rows_iter, start=len(head) + 1):
            yield offset, row

    count = 0
    for row_number, row in data_rows():
        cells = {key: (row[pos] if pos < len(row) else None) for key, pos in mapping.items()}
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in cells.values()):
            continue
        count += 1
        if count > max_rows:
            raise ImportRejected(f"数据超过 {max_rows} 行的上限，请拆分后再导入。")
        result = RowResult(row_number=row_number, raw=cells)
        for key, value in cells.items():
            column = by_key[key]
            empty = value is None or (isinstance(value, str) and not value.strip())
            if empty and column.required:
                result.error(column.header, f"{column.header}不能为空。")
                continue
            try:
                result.values[key] = column.parse(value)
            except CellError as exc:
                result.error(column.header, str(exc))
        if unique_key and result.values.get(unique_key):
            key_value = result.values[unique_key]
            if key_value in seen:
                header = by_key[unique_key].header
                result.error(header, f"与第{seen[key_value]}行的{header}重复。")
            else:
                seen[key_value] = row_number
        yield result

"""Layout checks on a rendered PDF, for any form the product prints (issue 14's layout rules).

`layout_problems(pdf, headers=[...])` returns what is wrong, one sentence each (an empty list when the
layout holds), so a test reads `assert layout_problems(pdf, headers=...) == []` and a failure says where:

(a) every word's box and every drawn line (table borders) lies inside the printable area: the page box
    less `inset_mm` on each side (what office printers leave blank);
(b) every page holds body text: lines other than the repeated header lines it is given, the page-number
    footer and seal lines (（盖章）…日期, 签名：, 本人签名：, 负责人签名：, 日期：) — a page with only a header
    and a seal or signature line fails;
(c) every page has the footer 第N页 共M页 with its own number N and the page count M (`footer=False`
    for a PDF without one);
(d) a seal line never opens a page: some body line stands above it on its page, so the seal, signature
    and date stay with the opinion they close;
(e) no text runs across a table's vertical rule (out of its cell into the next one, or past the table);
(f) the repeated header lines it is given stand on every page.

Slips to cut apart (the 测评码 slips of a phone vote) are the cells of a grid of dashed cut lines:
`cut_cells(pdf)` gives each page's cells with the words and images inside each, and `cut_problems(pdf)`
says where a word or an image lies across a cut line or outside every cell (a slip that does not fit);
`read_qr_codes(pdf)` what a phone's camera reads off each page.

Text is read with pdfplumber (positions from pdfminer.six); `page_lines(pdf)` gives each page's lines
for checks of one form (a phone number kept on one line, say). Text set at an angle (a 草稿 watermark)
is no part of a page's lines — it counts under (a) only; `watermarks(pdf)` gives it per page.
"""

import io
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass

import pdfplumber

MM = 72 / 25.4  # PDF points in a millimetre
FOOTER = re.compile(r"^第(\d+)页共(\d+)页$")
# seal, signature and date lines that close a form or opinion
SEAL = re.compile(r"^(（盖章）|签名：|本人签名：|负责人签名：|日期：)")


@dataclass(frozen=True)
class Line:
    text: str  # as extracted, words joined by spaces
    top: float  # distance from the top of the page, in points
    bottom: float

    @property
    def flat(self) -> str:
        """The text without any whitespace, for comparisons that do not depend on word spacing."""
        return re.sub(r"\s+", "", self.text)


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def page_lines(pdf: bytes) -> list[list[Line]]:
    """Each page's text lines, top to bottom."""
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return [_lines(page) for page in doc.pages]


def watermarks(pdf: bytes) -> list[str]:
    """Each page's text set at an angle (a watermark such as 草稿), characters in drawing order."""
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return ["".join(char["text"] for char in page.chars if _slanted(char)) for page in doc.pages]


def _slanted(obj) -> bool:
    """A character drawn rotated (its text matrix has a shear or rotation part): a watermark, not a line."""
    matrix = obj.get("matrix")
    return obj.get("object_type") == "char" and matrix is not None and abs(matrix[1]) > 0.01


def _level(page):
    """The page without its slanted text."""
    return page.filter(lambda obj: not _slanted(obj))


def _lines(page) -> list[Line]:
    return [
        Line(text=line["text"], top=line["top"], bottom=line["bottom"])
        for line in _level(page).extract_text_lines(layout=False, strip=True, return_chars=False)
        if line["text"].strip()
    ]


def layout_problems(
    pdf: bytes,
    *,
    headers: Iterable[str] = (),
    footer: bool = True,
    inset_mm: float = 5.0,
    seal: re.Pattern = SEAL,
) -> list[str]:
    """What breaks the layout rules in `pdf` (see the module's docstring); [] when nothing does.
    `headers` are the lines a form repeats on every page (a table's header row), compared without
    whitespace."""
    header_texts = {_flat(h) for h in headers}
    problems: list[str] = []
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        total = len(doc.pages)
        for number, page in enumerate(doc.pages, start=1):
            where = f"第{number}页"
            problems += [f"{where}: {p}" for p in _outside(page, inset_mm * MM)]
            problems += [f"{where}: {p}" for p in _across_rules(page)]
            lines = _lines(page)
            footers = [line for line in lines if FOOTER.match(line.flat)]
            seals = [line for line in lines if seal.match(line.flat)]
            body = [
                line for line in lines if line not in footers and line not in seals and line.flat not in header_texts
            ]
            missing = header_texts - {line.flat for line in lines}
            if missing:
                problems.append(f"{where}: 缺少每页重复的表头 {sorted(missing)}")
            if footer and not any(FOOTER.match(line.flat).groups() == (str(number), str(total)) for line in footers):
                problems.append(f"{where}: 没有页脚“第{number}页 共{total}页”（有 {[f.text for f in footers]}）")
            if not body:
                problems.append(f"{where}: 除页眉、页脚和盖章行外没有正文（{[line.text for line in lines]}）")
            for line in seals:
                if not any(b.bottom <= line.top + 0.5 for b in body):
                    problems.append(f"{where}: 盖章行“{line.text}”离开了它的意见，位于页首")
    return problems


def _across_rules(page) -> list[str]:
    """Text that a vertical table rule passes through (the rule crosses a character's box at the height
    of its middle): text running out of its cell into the next one, or past the table's edge."""
    rules = [e for e in page.edges if e["orientation"] == "v"]
    crossed: dict[tuple[int, float], list[str]] = {}
    for char in _level(page).chars:
        middle = (char["top"] + char["bottom"]) / 2
        for rule in rules:
            if rule["top"] <= middle <= rule["bottom"] and char["x0"] + 0.3 < rule["x0"] < char["x1"] - 0.3:
                crossed.setdefault((round(char["top"]), rule["x0"]), []).append(char["text"])
                break
    return [
        f"文字“{''.join(chars)}”越过表格竖线（x = {x / MM:.1f} mm），超出了它的单元格"
        for (_top, x), chars in sorted(crossed.items())
    ]


def _outside(page, inset: float) -> list[str]:
    """Words and drawn lines whose box is not inside the page box less `inset` on every side."""
    x0, top0, x1, bottom1 = page.bbox
    left, top, right, bottom = x0 + inset, top0 + inset, x1 - inset, bottom1 - inset

    def out(obj, eps=0.01) -> bool:
        inside = left - eps <= obj["x0"] and obj["x1"] <= right + eps and top - eps <= obj["top"]
        return not (inside and obj["bottom"] <= bottom + eps)

    def box(obj) -> str:
        return f"({obj['x0'] / MM:.1f}, {obj['top'] / MM:.1f})–({obj['x1'] / MM:.1f}, {obj['bottom'] / MM:.1f}) mm"

    size = f"页面 {(x1 - x0) / MM:.0f}×{(bottom1 - top0) / MM:.0f} mm，可打印区域留边 {inset / MM:.0f} mm"
    found = [
        f"文字“{w['text']}”{box(w)} 超出可打印区域（{size}）"
        for w in page.extract_words(keep_blank_chars=False, use_text_flow=False)
        if out(w)
    ]
    found += [f"线条 {box(e)} 超出可打印区域（{size}）" for e in page.edges if out(e)]
    return found


# --- slips to cut apart ------------------------------------------------------------------------------


@dataclass
class Cell:
    """One slip: the box between two dashed cut lines each way, what lies inside it."""

    x0: float
    top: float
    x1: float
    bottom: float
    words: list[str]
    images: list[dict]  # pdfplumber's image objects (x0, x1, top, bottom, srcsize)

    @property
    def text(self) -> str:
        return "".join(self.words)


def _dashed(page) -> tuple[list[float], list[float]]:
    """The x of the vertical and the y of the horizontal dashed lines, each once."""
    xs, ys = set(), set()
    for line in page.lines:
        dash = line.get("dash")
        if not dash or not dash[0]:
            continue
        if abs(line["x0"] - line["x1"]) < 0.5:
            xs.add(round(line["x0"], 1))
        elif abs(line["top"] - line["bottom"]) < 0.5:
            ys.add(round(line["top"], 1))
    return sorted(xs), sorted(ys)


def _grid(page) -> list[tuple[float, float, float, float]]:
    xs, ys = _dashed(page)
    return [(x0, y0, x1, y1) for y0, y1 in itertools.pairwise(ys) for x0, x1 in itertools.pairwise(xs)]


def _inside(obj, box, eps: float = 0.5) -> bool:
    x0, top, x1, bottom = box
    return x0 - eps <= obj["x0"] and obj["x1"] <= x1 + eps and top - eps <= obj["top"] and obj["bottom"] <= bottom + eps


def cut_cells(pdf: bytes) -> list[list[Cell]]:
    """Each page's cells of dashed cut lines that hold something, top to bottom, left to right."""
    pages = []
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for page in doc.pages:
            words = page.extract_words(keep_blank_chars=False, use_text_flow=False)
            cells = []
            for box in _grid(page):
                inside = [w["text"] for w in words if _inside(w, box)]
                images = [i for i in page.images if _inside(i, box)]
                if inside or images:
                    cells.append(Cell(*box, words=inside, images=images))
            pages.append(cells)
    return pages


def cut_problems(pdf: bytes) -> list[str]:
    """Words and images that no cell of dashed cut lines holds whole: across a cut line, or off the grid."""
    problems = []
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for number, page in enumerate(doc.pages, start=1):
            grid = _grid(page)
            if not grid:
                problems.append(f"第{number}页: 没有裁切线")
                continue
            for w in page.extract_words(keep_blank_chars=False, use_text_flow=False):
                if not any(_inside(w, box) for box in grid):
                    problems.append(f"第{number}页: 文字“{w['text']}”不在任何一张裁切格内（越过裁切线）")
            for i in page.images:
                if not any(_inside(i, box) for box in grid):
                    problems.append(f"第{number}页: 图片 ({i['x0'] / MM:.1f}, {i['top'] / MM:.1f}) mm 越过裁切线")
    return problems


def read_qr_codes(pdf: bytes, dpi: int = 150) -> list[list[str]]:
    """What a phone's camera reads off each page: the pages rendered (pdfium, through pdfplumber), every
    QR code found on them decoded (zxing-cpp)."""
    import zxingcpp

    found = []
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for page in doc.pages:
            image = page.to_image(resolution=dpi).original
            results = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
            found.append([result.text for result in results])
    return found

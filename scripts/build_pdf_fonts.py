"""Prepare the fonts of PDF forms: the Simplified Chinese faces of Noto Serif CJK (宋体-like, for body
text) and Noto Sans CJK (黑体-like, for headings) from Debian's fonts-noto-cjk, subset to the characters
of official documents (GB 2312 hanzi, punctuation, ASCII, full-width forms) and saved as single fonts;
and the monospaced Latin of Noto Sans Mono CJK (ASCII only), for codes typed from paper (the ballot
slips' 测评码, where every character must be told apart at a glance).
WeasyPrint then subsets a 7,000-glyph font per document instead of a 65,000-glyph collection, which is
what makes Chinese PDFs fast. Run by `make` and by CI; output in var/fonts/ (not committed).

The subsetting is HarfBuzz's (uharfbuzz): a fraction of a second per font, where fontTools took about a
minute and a half each (issue 14: the first `make run` spent 253 s here).
"""

import os
import sys
import time
from pathlib import Path

import uharfbuzz as hb

NOTO = "/usr/share/fonts/opentype/noto"
# target: (collection, family of the face to take, characters to keep: "cjk" or "ascii")
SOURCES = {
    "gzt-serif.otf": (f"{NOTO}/NotoSerifCJK-Regular.ttc", "Noto Serif CJK SC", "cjk"),
    "gzt-serif-bold.otf": (f"{NOTO}/NotoSerifCJK-Bold.ttc", "Noto Serif CJK SC", "cjk"),
    "gzt-sans-bold.otf": (f"{NOTO}/NotoSansCJK-Bold.ttc", "Noto Sans CJK SC", "cjk"),
    "gzt-mono-bold.otf": (f"{NOTO}/NotoSansCJK-Bold.ttc", "Noto Sans Mono CJK SC", "ascii"),
}
OUT = Path(os.environ.get("PDF_FONT_DIR") or Path(__file__).resolve().parent.parent / "var" / "fonts")


def characters() -> str:
    chars = {chr(c) for c in range(0x20, 0x7F)}
    for hi in range(0xA1, 0xF8):  # GB 2312: symbols, hanzi level 1 and 2
        for lo in range(0xA1, 0xFF):
            try:
                chars.add(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    chars |= {chr(c) for c in range(0x3000, 0x3040)} | {chr(c) for c in range(0xFF01, 0xFF5F)}
    chars |= set("“”‘’—…·〔〕【】《》℃№①②③④⑤⑥⑦⑧⑨⑩　")
    return "".join(sorted(chars))


def simplified_chinese_face(blob: "hb.Blob", family: str) -> "hb.Face":
    """The collection's face of that family (its Simplified Chinese one, "… SC"), else its first."""
    count = hb.Face(blob, 0).count
    for index in range(count):
        face = hb.Face(blob, index)
        if (face.get_name(hb.OTNameIdPredefined.FONT_FAMILY) or "") == family:
            return face
    return hb.Face(blob, 0)


def subset(face: "hb.Face", text: str) -> bytes:
    """Keep the characters of `text` with every layout feature (vertical forms, punctuation widths) and
    every name record; keep the .notdef outline so a missing character shows as a box, not as nothing."""
    request = hb.SubsetInput()
    request.unicode_set.update(ord(c) for c in text)
    request.sets(hb.SubsetInputSets.LAYOUT_FEATURE_TAG).invert()
    request.sets(hb.SubsetInputSets.NAME_ID).invert()
    request.flags = hb.SubsetFlags.NOTDEF_OUTLINE
    return bytes(hb.subset(face, request).blob.data)


def build(force: bool = False) -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    texts = {"cjk": characters(), "ascii": "".join(chr(c) for c in range(0x20, 0x7F))}
    for target, (source, family, chars) in SOURCES.items():
        path = OUT / target
        if path.exists() and not force:
            continue
        if not Path(source).exists():
            print(
                f"缺少中文字体 {source}：请安装 fonts-noto-cjk（Debian/Ubuntu: apt-get install fonts-noto-cjk）",
                file=sys.stderr,
            )
            return 1
        started = time.monotonic()
        print(f"PDF 字体：从 {Path(source).name} 裁剪 {target}……", end="", flush=True)
        data = subset(simplified_chinese_face(hb.Blob.from_file_path(source), family), texts[chars])
        partial = path.with_suffix(".part")
        partial.write_bytes(data)
        partial.replace(path)  # never a half-written font in var/fonts
        print(f" {len(data) // 1024} KB，{time.monotonic() - started:.1f} 秒")
    return 0


if __name__ == "__main__":
    sys.exit(build(force="--force" in sys.argv))

"""Prepare the fonts of PDF forms: the Simplified Chinese faces of Noto Serif CJK (宋体-like, for body
text) and Noto Sans CJK (黑体-like, for headings) from Debian's fonts-noto-cjk, subset to the characters
of official documents (GB 2312 hanzi, punctuation, ASCII, full-width forms) and saved as single fonts.
WeasyPrint then subsets a 7,000-glyph font per document instead of a 65,000-glyph collection, which is
what makes Chinese PDFs fast. Run by `make` and by CI; output in var/fonts/ (not committed).
"""

import os
import sys
from pathlib import Path

from fontTools.subset import Options, Subsetter
from fontTools.ttLib import TTCollection

SOURCES = {
    "gzt-serif.otf": "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
    "gzt-serif-bold.otf": "/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc",
    "gzt-sans-bold.otf": "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
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


def simplified_chinese_face(collection: TTCollection):
    for font in collection.fonts:
        name = font["name"].getDebugName(1) or ""
        if name.endswith(" SC"):
            return font
    return collection.fonts[0]


def build(force: bool = False) -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    text = characters()
    for target, source in SOURCES.items():
        path = OUT / target
        if path.exists() and not force:
            continue
        if not Path(source).exists():
            print(
                f"缺少中文字体 {source}：请安装 fonts-noto-cjk（Debian/Ubuntu: apt-get install fonts-noto-cjk）",
                file=sys.stderr,
            )
            return 1
        font = simplified_chinese_face(TTCollection(source))
        options = Options()
        options.layout_features = ["*"]
        options.name_IDs = ["*"]
        options.notdef_outline = True
        subsetter = Subsetter(options)
        subsetter.populate(text=text)
        subsetter.subset(font)
        font.save(path)
        print(f"{path.name}: {path.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(build(force="--force" in sys.argv))

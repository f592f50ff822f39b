"""PDF rendering with WeasyPrint for official forms. Chinese is set in the prepared fonts of
scripts/build_pdf_fonts.py (宋体-like serif for text, 黑体-like sans for headings, and a monospaced face
for codes typed from paper), embedded and subset per document; one FontConfiguration is reused per
process. A form printed in several copies (一式N份) is one PDF of N renderings, each marked 第N份，共M份
by base.html."""

from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.template.loader import render_to_string


def _font_dir() -> Path:
    return Path(settings.PDF_FONT_DIR)


FACES = [
    ("GZT Serif", "gzt-serif.otf", "normal"),
    ("GZT Serif", "gzt-serif-bold.otf", "bold"),
    ("GZT Sans", "gzt-sans-bold.otf", "bold"),
    ("GZT Mono", "gzt-mono-bold.otf", "bold"),  # codes to type from paper (ballot slips), ASCII only
]


def font_face_css() -> str:
    font_dir = _font_dir()
    missing = [name for _, name, _ in FACES if not (font_dir / name).exists()]
    if missing:
        raise ImproperlyConfigured(
            f"缺少PDF字体 {', '.join(missing)}：请运行 `python scripts/build_pdf_fonts.py`（需先安装 fonts-noto-cjk）。"
        )
    return "\n".join(
        f'@font-face {{ font-family: "{family}"; src: url("{(font_dir / name).as_uri()}"); font-weight: {weight}; }}'
        for family, name, weight in FACES
    )


@lru_cache(maxsize=1)
def _font_config():
    import atexit

    from weasyprint.text.fonts import FontConfiguration

    # release it while the interpreter is still whole (its finalizer needs the Pango bindings)
    atexit.register(_stylesheets.cache_clear)
    atexit.register(_font_config.cache_clear)
    return FontConfiguration()


@lru_cache(maxsize=1)
def _stylesheets():
    from weasyprint import CSS

    return [CSS(string=font_face_css(), font_config=_font_config())]


def render_pdf(template_name: str, context: dict) -> bytes:
    from weasyprint import HTML

    html = render_to_string(template_name, context)
    document = HTML(string=html, base_url=str(settings.BASE_DIR))
    return document.write_pdf(stylesheets=_stylesheets(), font_config=_font_config())


def render_document(template_name: str, context: dict):
    """The laid-out WeasyPrint document (its pages and boxes, for a form that measures itself before it
    is written: `document.write_pdf()`)."""
    from weasyprint import HTML

    html = render_to_string(template_name, context)
    document = HTML(string=html, base_url=str(settings.BASE_DIR))
    return document.render(stylesheets=_stylesheets(), font_config=_font_config())


def render_pdf_copies(template_name: str, context: dict, *, copies: int) -> bytes:
    """The form in `copies` copies as one PDF; each copy is rendered on its own (its page numbers start
    again) and marked 第N份，共M份 (`copy_no`, `copy_total`). A single copy is the plain form, unmarked."""
    if copies <= 1:
        return render_pdf(template_name, context)
    import io

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for n in range(1, copies + 1):
        pdf = render_pdf(template_name, {**context, "copy_no": n, "copy_total": copies})
        for page in PdfReader(io.BytesIO(pdf)).pages:
            writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def photo_data_uri(cadre) -> str:
    """The cadre's photo as a data URI for the form's photo box ('' when there is none or it is not an
    image). Read through the storage API, never a local path: with shared storage (S3/MinIO) the worker
    that prints has no local copy of the file."""
    import base64

    from core.files import GIF, JPEG, PNG, sniff_content_type

    if not cadre.photo:
        return ""
    try:
        with cadre.photo.open("rb") as handle:
            kind = sniff_content_type(handle)
            data = handle.read() if kind in (JPEG, PNG, GIF) else b""
    except (FileNotFoundError, OSError):
        return ""
    return f"data:{kind};base64,{base64.b64encode(data).decode()}" if data else ""

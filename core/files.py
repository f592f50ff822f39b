"""Stored files behind scope (issue 17): every uploaded or generated file is reached only through
`core.file_views.StoredFileView` at MEDIA_URL, which finds the record that owns the storage name,
checks that the user sees that record (404 otherwise) and answers with the file as an attachment, its
type sniffed from its bytes, never guessed from its name.

Apps declare their file fields (from their AppConfig.ready):

    protect_files(WorkReportAttachment, "file", visible_to=..., filename=lambda a: a.name)

Storage names are not guessable (`RandomPath`), so even a web server misconfigured to serve MEDIA_ROOT
would not give names away. In production the bytes leave through the web server's internal redirect
(`FILES_ACCEL_REDIRECT`, nginx's X-Accel-Redirect, see README) or are streamed by Django (FileResponse).
"""

import secrets
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import quote

from django.conf import settings
from django.db.models import Model, QuerySet
from django.http import FileResponse, Http404, HttpResponse
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.http import content_disposition_header
from django.utils.translation import gettext

# ---------------------------------------------------------------------------------------------------
# Non-guessable storage names


@deconstructible
class RandomPath:
    """upload_to: `<prefix>/<YYYY>/<32 random hex>/<original name>`. Names already stored keep working
    (a name is looked up as it is in the database)."""

    def __init__(self, prefix: str):
        self.prefix = prefix.strip("/")

    def __call__(self, instance, filename: str) -> str:
        base = PurePosixPath(filename.replace("\\", "/")).name or "file"
        return f"{self.prefix}/{timezone.now():%Y}/{secrets.token_hex(16)}/{base}"

    def __eq__(self, other) -> bool:
        return isinstance(other, RandomPath) and other.prefix == self.prefix

    def __hash__(self) -> int:
        return hash(self.prefix)


# ---------------------------------------------------------------------------------------------------
# The content type, from the content

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
GIF = "image/gif"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
ZIP = "application/zip"
OFD = "application/ofd"  # GB/T 33190 electronic documents (red-headed files), a zip with OFD.xml
OLE = "application/x-ole-storage"  # legacy Word/Excel (.doc/.xls) are OLE compound files
DOC = "application/msword"
XLS = "application/vnd.ms-excel"
UNKNOWN = "application/octet-stream"

_MAGIC = [
    (b"%PDF", PDF),
    (b"\x89PNG\r\n\x1a\n", PNG),
    (b"\xff\xd8\xff", JPEG),
    (b"GIF87a", GIF),
    (b"GIF89a", GIF),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", OLE),
    (b"PK\x03\x04", ZIP),
]


def sniff_content_type(fileobj, *, name: str = "") -> str:
    """The MIME type that the file's first bytes (and, for a zip, its parts) show. The name only
    tells a legacy Word file from a legacy Excel one once the content is known to be one of them."""
    position = fileobj.tell() if hasattr(fileobj, "tell") else 0
    fileobj.seek(0)
    head = fileobj.read(16)
    kind = next((mime for magic, mime in _MAGIC if head.startswith(magic)), UNKNOWN)
    if kind == ZIP:
        fileobj.seek(0)
        try:
            with zipfile.ZipFile(fileobj) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            names = set()
        if "word/document.xml" in names:
            kind = DOCX
        elif "xl/workbook.xml" in names:
            kind = XLSX
        elif "ppt/presentation.xml" in names:
            kind = PPTX
        elif "OFD.xml" in names:
            kind = OFD
    elif kind == OLE:
        lower = name.lower()
        kind = DOC if lower.endswith(".doc") else XLS if lower.endswith(".xls") else OLE
    fileobj.seek(position)
    return kind


# what an uploaded attachment's content must be for its extension: a name ending in .pdf over HTML is
# refused, whatever the name says
CONTENT_BY_EXTENSION = {
    ".pdf": {PDF},
    ".jpg": {JPEG},
    ".jpeg": {JPEG},
    ".png": {PNG},
    ".doc": {DOC},
    ".docx": {DOCX},
    ".xls": {XLS},
    ".xlsx": {XLSX},
    ".ofd": {OFD},
}


def upload_content_error(upload, *, name: str) -> str:
    """'' when the upload's bytes are what its extension says (CONTENT_BY_EXTENSION), else the Chinese
    message that refuses it. The caller has checked the extension is one it accepts."""
    extension = "." + name.lower().rsplit(".", 1)[-1] if "." in name else ""
    if sniff_content_type(upload, name=name) in CONTENT_BY_EXTENSION.get(extension, ()):
        return ""
    return (
        f"附件“{name}”的内容不是扩展名所示的 {extension[1:].upper() or '已知'} 文件，已拒绝上传。"
        "请上传真实的文件（不要只改扩展名）。"
    )


# ---------------------------------------------------------------------------------------------------
# Which records own files, and who sees them


@dataclass(frozen=True)
class ProtectedField:
    model: type[Model]
    field: str
    visible_to: Callable[..., QuerySet]  # visible_to(user) -> queryset of the model
    filename: Callable[[Model], str] | None = None

    def find(self, user, name: str):
        return self.visible_to(user).filter(**{self.field: name}).first()


_protected: list[ProtectedField] = []


def protect_files(model, field: str, *, visible_to, filename=None) -> None:
    """Declare that `model.field` holds stored files served to whoever `visible_to(user)` lets see the
    record. Called from the owning app's AppConfig.ready()."""
    entry = ProtectedField(model, field, visible_to, filename)
    if entry not in _protected:
        _protected.append(entry)


def protected_fields() -> list[ProtectedField]:
    return list(_protected)


def stored_file_for_user(*, user, name: str):
    """(record, field file, download name) for the stored file `name` when a record the user sees owns
    it; Http404 otherwise: the same for "missing" and "not yours"."""
    if not name or not getattr(user, "is_authenticated", False):
        raise Http404(gettext("文件不存在"))
    for entry in _protected:
        record = entry.find(user, name)
        if record is not None:
            field_file = getattr(record, entry.field)
            filename = entry.filename(record) if entry.filename else PurePosixPath(field_file.name).name
            return record, field_file, filename
    raise Http404(gettext("文件不存在或不在您的权限范围内"))


def stored_file_response(field_file, *, filename: str) -> HttpResponse:
    """The file as an attachment, with a sniffed type and nosniff. Through the web server's internal
    redirect when FILES_ACCEL_REDIRECT is set (nginx reads it from MEDIA_ROOT), else streamed."""
    try:
        handle = field_file.open("rb")
    except (FileNotFoundError, OSError) as exc:
        raise Http404(gettext("文件不存在")) from exc
    content_type = sniff_content_type(handle, name=filename)
    accel = getattr(settings, "FILES_ACCEL_REDIRECT", "")
    if accel:
        handle.close()
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = accel.rstrip("/") + "/" + quote(field_file.name)
    else:
        response = FileResponse(handle, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response

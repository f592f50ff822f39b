"""测评码 slips for a democratic evaluation by phone (民主测评, issue 20): the vote's unused one-time codes,
ten to an A4 page in a regular 2 × 5 grid with dashed cut lines, so a stack of sheets can be cut on a
guillotine. Each slip: the cadre evaluated and the meeting, a QR code of the voting link for the phone's
camera, the same code to type in large monospaced letters grouped by four (ABCD-EFGH), the short address
to type it at, and "每码限投一票".

No serial number and no page number: nothing on a slip but its code tells it from the next, and the code
is not linked to the ballot it casts (assessments.models.Ballot).

The QR code is drawn by segno as a PNG of one pixel a module, embedded as a data: URI (the PDF is not a web
page: no CSP applies) and scaled without smoothing (vector SVG took WeasyPrint several times longer).
The long texts are shortened to fit the slip's fixed size (the grid must stay regular for cutting); the
voting page itself shows them in full.
"""

from dataclasses import dataclass, replace
from urllib.parse import urlsplit

import segno
from django.conf import settings
from django.urls import reverse

from assessments.models import BallotCode, DemocraticVote
from assessments.services.votes import code_display

from .pdf import render_pdf

SLIPS_PER_PAGE = 10  # 2 columns × 5 rows of 95 × 55 mm
TEMPLATE = "documents/pdf/vote_slips.html"
BLANK_CODE = "XXXX-XXXX"  # holds the code's place on the sheet layer (not drawn)
QR_ERROR = "m"  # 15 % of the code may be smudged or folded; segno raises it where the size allows
LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}

# what a slip prints of the long texts, in characters: each has one line of the slip (29 hanzi wide)
NAME_CHARS = 22  # after 被测评人：
POST_CHARS = 28


@dataclass(frozen=True)
class Slip:
    code: str  # as stored, ungrouped
    grouped: str  # ABCD-EFGH, as printed to type
    url: str  # what the QR code holds: the code's own voting page
    qr: str  # data: URI of the QR code's PNG
    row: int = 0  # its place on the sheet: row 0–4, column 0–1
    column: int = 0


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def site_base_url(request=None) -> str:
    """The address the phones type and scan: the host the organizer's browser reached (the intranet
    host, which ALLOWED_HOSTS vouches for), unless that is this machine's loopback and SITE_URL names
    another host — a slip printed from the server's own console must still work on the phones."""
    configured = settings.SITE_URL.rstrip("/")
    if request is None:
        return configured
    base = request.build_absolute_uri("/").rstrip("/")
    if urlsplit(base).hostname in LOOPBACK and urlsplit(configured).hostname not in LOOPBACK:
        return configured
    return base


def qr_data_uri(url: str) -> str:
    """The QR code of `url` as a PNG data: URI: black modules on white, a quiet zone of four modules,
    one pixel a module (the template scales it without smoothing: image-rendering: pixelated)."""
    qr = segno.make(url, error=QR_ERROR, micro=False)
    return qr.png_data_uri(scale=1, border=4, dark="#000", light="#fff")


def slips(codes: list[str], *, base_url: str) -> list[Slip]:
    """Each code's slip: its voting page (/v/<code>/, the QR code's target) and the code as printed
    to type (ABCD-EFGH: two groups of four are read and typed without losing one's place)."""
    out = []
    for code in codes:
        url = base_url + reverse("voting:ballot", kwargs={"code": code})
        out.append(Slip(code=code, grouped=code_display(code), url=url, qr=qr_data_uri(url)))
    return out


def slip_fields(vote: DemocraticVote) -> dict:
    posting = vote.appraisal.posting
    seconded = f"{posting.receiving_unit.name} {posting.post}".strip()
    return {
        "name": _shorten(posting.cadre.name, NAME_CHARS),
        "seconded": _shorten(seconded, POST_CHARS),
        "title": "挂职期满考核民主测评",
    }


def unused_codes(vote: DemocraticVote) -> list[str]:
    """The codes still to vote with, in the order they were issued."""
    return list(BallotCode.objects.filter(vote=vote, used=False).order_by("pk").values_list("code", flat=True))


def pages(items: list[Slip], size: int = SLIPS_PER_PAGE) -> list[list[Slip]]:
    """The slips by sheet, each placed in its row and column (left to right, top to bottom)."""
    placed = [replace(slip, row=(n % size) // 2, column=n % 2) for n, slip in enumerate(items)]
    return [placed[p : p + size] for p in range(0, len(placed), size)]


def slips_pdf(codes: list[str], *, fields: dict, base_url: str) -> bytes:
    """The slips of `codes`, ten a sheet. Drawn in two layers, for speed: WeasyPrint lays out a sheet of
    slips (the texts, the cut lines) once — for a full sheet, and for the last one's remainder — and
    then only each slip's code and QR code, whose pages are laid over the sheet (pypdf). Laying out every
    slip whole took about ten times longer: 200 slips, half a minute on a loaded machine."""
    import io

    from pypdf import PdfReader, PdfWriter

    base_url = base_url.rstrip("/")
    context = {"f": fields, "entry_url": base_url + reverse("voting:enter")}  # /v/: where a code is typed
    placed = pages(slips(codes, base_url=base_url))
    codes_pdf = PdfReader(io.BytesIO(render_pdf(TEMPLATE, {**context, "layer": "codes", "pages": placed})))
    sheets: dict[int, object] = {}
    writer = PdfWriter()
    for page_slips, page in zip(placed, codes_pdf.pages, strict=True):
        count = len(page_slips)
        if count not in sheets:
            blank = pages([Slip(code="", grouped=BLANK_CODE, url="", qr="")] * count)
            sheets[count] = PdfReader(io.BytesIO(render_pdf(TEMPLATE, {**context, "layer": "sheet", "pages": blank})))
        # each page of codes gets the sheet laid under it (the other way round, every page would share
        # one sheet's content stream and gather all the codes)
        writer.add_page(page).merge_page(sheets[count].pages[0], over=False)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def vote_slips_pdf(vote: DemocraticVote, *, base_url: str) -> bytes:
    """The slips of the vote's unused codes (all of them before the meeting)."""
    return slips_pdf(unused_codes(vote), fields=slip_fields(vote), base_url=base_url)

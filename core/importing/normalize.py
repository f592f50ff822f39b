"""Cell parsers for messy rosters. Each returns a clean value or raises CellError (Chinese message)."""

import re
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation

from core.validators import control_characters


class CellError(ValueError):
    pass


_FULLWIDTH = {i: i - 0xFEE0 for i in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
_CHECK = "10X98765432"
_EXCEL_EPOCH = datetime(1899, 12, 30)


def to_halfwidth(value: str) -> str:
    return value.translate(_FULLWIDTH)


def parse_text(value, *, max_length: int | None = None) -> str:
    """Text with full-width characters made half-width and whitespace collapsed; '' for empty."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = re.sub(r"\s+", " ", to_halfwidth(str(value))).strip()
    if control_characters(text):  # line breaks and tabs became spaces above; anything else is refused
        raise CellError("含有不可见的控制字符，请删除后重新导入。")
    if max_length and len(text) > max_length:
        raise CellError(f"内容过长（最多 {max_length} 个字）。")
    return text


def _checked_date(year: int, month: int, day: int) -> date:
    try:
        result = date(year, month, day)
    except ValueError as exc:
        raise CellError(f"日期 {year}年{month}月{day}日 不存在。") from exc
    if not 1900 <= year <= 2100:
        raise CellError(f"年份 {year} 不合理。")
    return result


def parse_date(value) -> tuple[date, bool] | None:
    """(date, day_known). Accepts date cells, Excel serials, 1985.03, 1985-3, 1985年3月, 19850315..."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date(), True
    if isinstance(value, date):
        return value, True
    if isinstance(value, int | float) and not isinstance(value, bool):
        if float(value).is_integer() and (190001 <= value <= 210012 or 19000101 <= value <= 21001231):
            return parse_date(str(int(value)))  # 198503 or 19850315 typed into a number cell
        if float(value).is_integer() and 1 <= value <= 80000:  # an Excel date serial (1900-2119)
            return (_EXCEL_EPOCH + timedelta(days=int(value))).date(), True
        if isinstance(value, float) and 1900 < value < 2101:
            # 1985.03 typed into a number cell arrives as 1985.03, and 1985.10 as 1985.1 (October)
            year, _, frac = f"{value:.2f}".partition(".")
            return parse_date(f"{year}.{frac}")
        raise CellError(f"无法识别的日期“{value}”。")
    text = parse_text(value).replace(" ", "")
    m = re.fullmatch(r"(\d{4})(?:年|[.\-/])(\d{1,2})(?:月|[.\-/])?(?:(\d{1,2})日?)?", text)
    if m:
        year, month, day = int(m.group(1)), int(m.group(2)), m.group(3)
        if not 1 <= month <= 12:
            raise CellError(f"月份 {month} 不存在。")
        return _checked_date(year, month, int(day or 1)), day is not None
    m = re.fullmatch(r"(\d{4})(\d{2})(\d{2})?", text)
    if m:
        year, month, day = int(m.group(1)), int(m.group(2)), m.group(3)
        if not 1 <= month <= 12:
            raise CellError(f"月份 {month} 不存在。")
        return _checked_date(year, month, int(day or 1)), day is not None
    raise CellError(f"无法识别的日期“{text}”，请写成 1985.03、1985-03-15 或 1985年3月。")


def citizen_id_check_char(first17: str) -> str:
    return _CHECK[sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True)) % 11]


def parse_citizen_id(value) -> str:
    """An 18-character ID number, upper-case X. Numbers from Excel are refused with the reason."""
    if value is None or value == "":
        raise CellError("身份证号不能为空。")
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise CellError(
            "身份证号被 Excel 存成了数字，末尾几位已经丢失，无法还原。请把该列设为“文本”格式后重新录入号码。"
        )
    text = parse_text(value).replace(" ", "").upper()
    if re.fullmatch(r"\d(\.\d+)?E\+?\d+", text):
        raise CellError(
            f"身份证号显示为科学计数法（{text}），说明 Excel 已把它存成数字并丢失了末尾几位。"
            "请把该列设为“文本”格式后重新录入号码。"
        )
    if len(text) == 15 and text.isdigit():
        raise CellError("这是15位的旧版身份证号，请换用18位的新版号码。")
    if not re.fullmatch(r"\d{17}[\dX]", text):
        raise CellError(f"身份证号“{text}”应为18位：前17位是数字，最后一位是数字或X。")
    try:
        date(int(text[6:10]), int(text[10:12]), int(text[12:14]))
    except ValueError as exc:
        raise CellError("身份证号中的出生日期（第7-14位）不是有效日期。") from exc
    if citizen_id_check_char(text[:17]) != text[17]:
        raise CellError("身份证号校验位不正确，请核对号码是否录入有误。")
    return text


_GENDERS = {"男": "M", "男性": "M", "M": "M", "MALE": "M", "女": "F", "女性": "F", "F": "F", "FEMALE": "F"}
_YES = {"是", "Y", "YES", "TRUE", "1", "√", "✓", "后备", "后备干部"}
_NO = {"否", "N", "NO", "FALSE", "0", "×", "", "不是", "非"}


def parse_gender(value) -> str:
    text = parse_text(value).upper()
    if text not in _GENDERS:
        raise CellError(f"性别“{text}”无法识别，请填“男”或“女”。")
    return _GENDERS[text]


def parse_bool(value) -> bool:
    if isinstance(value, bool):
        return value
    text = parse_text(value).upper()
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise CellError(f"“{text}”无法识别，请填“是”或“否”。")


def parse_phone(value) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = parse_text(value).replace(" ", "")
    if re.fullmatch(r"1[3-9]\d{9}", text) or re.fullmatch(r"0\d{2,3}-?\d{7,8}(-\d{1,6})?", text):
        return text
    raise CellError(f"电话号码“{text}”格式不正确：手机号为11位，座机如 0571-87654321。")


def parse_int(value) -> int | None:
    if value is None or value == "":
        return None
    try:
        number = Decimal(parse_text(value))
    except InvalidOperation as exc:
        raise CellError(f"“{value}”不是整数。") from exc
    if number != number.to_integral_value():
        raise CellError(f"“{value}”不是整数。")
    return int(number)


def parse_decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(parse_text(value))
    except InvalidOperation as exc:
        raise CellError(f"“{value}”不是数字。") from exc

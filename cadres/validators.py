"""Validators for citizen ID numbers (GB 11643-1999) and phone numbers, with Chinese messages."""

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
_CHECK_CHARS = "10X98765432"
_ID_RE = re.compile(r"^\d{17}[\dX]$")
_PHONE_RE = re.compile(r"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$")


def citizen_id_check_char(first17: str) -> str:
    """The GB 11643 check character for the first 17 digits."""
    total = sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True))
    return _CHECK_CHARS[total % 11]


def normalize_citizen_id(value: str) -> str:
    return value.strip().upper()


def citizen_id_birth_date(value: str) -> date | None:
    try:
        return date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return None


def citizen_id_gender(value: str) -> str:
    """'M' or 'F': the 17th digit is odd for men, even for women."""
    return "M" if int(value[16]) % 2 else "F"


def validate_citizen_id(value: str) -> None:
    value = normalize_citizen_id(value)
    if len(value) == 15 and value.isdigit():
        raise ValidationError(_("这是15位的旧版身份证号，请换用18位的新版号码。"), code="legacy_15_digit")
    if not _ID_RE.match(value):
        raise ValidationError(_("身份证号应为18位：前17位是数字，最后一位是数字或X。"), code="format")
    if citizen_id_birth_date(value) is None:
        raise ValidationError(_("身份证号中的出生日期（第7-14位）不是有效日期。"), code="birth_date")
    if citizen_id_check_char(value[:17]) != value[17]:
        raise ValidationError(_("身份证号校验位不正确，请核对号码是否录入有误。"), code="checksum")


def validate_citizen_id_agrees(*, id_number: str, birth_date: date | None, gender: str | None) -> dict:
    """Errors (field -> message) where the ID disagrees with the entered birth date or gender."""
    errors: dict[str, str] = {}
    value = normalize_citizen_id(id_number)
    if not _ID_RE.match(value):
        return errors
    if birth_date and citizen_id_birth_date(value) != birth_date:
        errors["birth_date"] = _("出生日期与身份证号中的出生日期（%(date)s）不一致。") % {
            "date": citizen_id_birth_date(value)
        }
    if gender and citizen_id_gender(value) != gender:
        errors["gender"] = _("性别与身份证号第17位（奇数为男，偶数为女）不一致。")
    return errors


def validate_phone(value: str) -> None:
    if value and not _PHONE_RE.match(value.strip()):
        raise ValidationError(_("电话号码格式不正确：手机号为11位，座机如 0571-87654321。"), code="phone")

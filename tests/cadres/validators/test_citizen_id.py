import pytest
from django.core.exceptions import ValidationError

from cadres.validators import (
    citizen_id_check_char,
    validate_citizen_id,
    validate_citizen_id_agrees,
    validate_phone,
)

VALID = "11010519491231002X"  # the GB 11643 standard's own example


def test_standard_example_is_valid():
    assert citizen_id_check_char(VALID[:17]) == "X"
    validate_citizen_id(VALID)
    validate_citizen_id(VALID.lower())  # a lower-case x is accepted


@pytest.mark.parametrize(
    ("value", "code", "text"),
    [
        ("110105194912310021", "checksum", "校验位"),
        ("110105194913310027", "birth_date", "出生日期"),
        ("110105491231002", "legacy_15_digit", "15位"),
        ("11010519491231002", "format", "18位"),
        ("1101051949123100AX", "format", "18位"),
    ],
)
def test_invalid_numbers_are_refused_in_chinese(value, code, text):
    with pytest.raises(ValidationError) as exc:
        validate_citizen_id(value)
    assert exc.value.code == code
    assert text in exc.value.messages[0]


def test_birth_date_and_gender_must_agree():
    from datetime import date

    assert validate_citizen_id_agrees(id_number=VALID, birth_date=date(1949, 12, 31), gender="F") == {}
    errors = validate_citizen_id_agrees(id_number=VALID, birth_date=date(1950, 1, 1), gender="M")
    assert set(errors) == {"birth_date", "gender"}


@pytest.mark.parametrize("phone", ["13812345678", "0571-87654321", "057187654321"])
def test_valid_phones(phone):
    validate_phone(phone)


@pytest.mark.parametrize("phone", ["1381234567", "12812345678", "abc"])
def test_invalid_phones(phone):
    with pytest.raises(ValidationError, match="电话号码格式不正确"):
        validate_phone(phone)

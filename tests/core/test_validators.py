"""GB 11643 resident ID numbers, GB 32100 unified social credit codes and mobile numbers."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from sifa.core.validators import (
    _PROVINCES,
    USCC_CHARS,
    CharacterClassPasswordValidator,
    id_number_check_digit,
    parse_id_number,
    uscc_check_char,
    validate_mobile,
    validate_uscc,
)


def _code(exc: pytest.ExceptionInfo) -> str:
    return exc.value.error_list[0].code


# --- resident ID numbers (GB 11643-1999) ------------------------------------------------------------

@pytest.mark.parametrize("number, birth, sex", [
    ("11010519491231002X", date(1949, 12, 31), "F"),   # the standard's own example, check character X
    ("110101199003077758", date(1990, 3, 7), "M"),
    ("310107199001011232", date(1990, 1, 1), "M"),
    ("31010719850615009x", date(1985, 6, 15), "M"),    # a lower-case x is accepted and normalised
])
def test_valid_id_numbers_give_birth_date_and_sex(number, birth, sex):
    assert parse_id_number(number) == (birth, sex)


@pytest.mark.parametrize("number, code", [
    ("310107199001011234", "id_check"),      # one digit off in the check digit
    ("310107199001011", "id_format"),        # the old 15-digit format
    ("31010719900101123A", "id_format"),     # a letter other than X
    ("990107199001011232", "id_region"),     # no province 99
    ("310107199002301235", "id_birth"),      # 30 February
    ("310107189001011239", "id_birth"),      # born in 1890: not plausible for a living party
    ("", "id_format"),
])
def test_invalid_id_numbers_are_refused_with_the_reason(number, code):
    with pytest.raises(ValidationError) as exc:
        parse_id_number(number)
    assert _code(exc) == code


def test_wrong_check_digit_message_is_chinese(settings):
    from django.utils import translation

    with translation.override("zh-hans"), pytest.raises(ValidationError) as exc:
        parse_id_number("310107199001011234")
    assert "校验位错误" in exc.value.messages[0]


id_bodies = st.builds(
    lambda region, rest, birth, seq: f"{region}{rest:04d}{birth:%Y%m%d}{seq:03d}",
    st.sampled_from(sorted(_PROVINCES)),
    st.integers(0, 9999),
    st.dates(min_value=date(1900, 1, 1), max_value=date(2020, 12, 31)),
    st.integers(0, 999),
)


@given(id_bodies)
def test_any_id_number_with_its_computed_check_digit_is_valid(body):
    number = body + id_number_check_digit(body)
    birth, sex = parse_id_number(number)
    assert f"{birth:%Y%m%d}" == body[6:14]
    assert sex == ("M" if int(body[16]) % 2 else "F")


@given(id_bodies, st.integers(0, 17), st.integers(1, 10))
def test_changing_any_one_character_of_an_id_number_makes_it_invalid(body, position, shift):
    number = body + id_number_check_digit(body)
    alphabet = "0123456789X" if position == 17 else "0123456789"
    old = number[position]
    new = alphabet[(alphabet.index(old) + shift) % len(alphabet)]
    if new == old:
        new = alphabet[(alphabet.index(old) + 1) % len(alphabet)]
    with pytest.raises(ValidationError):
        parse_id_number(number[:position] + new + number[position + 1:])


# --- unified social credit codes (GB 32100-2015) ------------------------------------------------------

@pytest.mark.parametrize("code", ["91350100M000100Y43", "91110000802100433B", "91310000MA1FL8KQ8X",
                                  "91310000ma1fl8kq8x"])
def test_valid_credit_codes_pass(code):
    validate_uscc(code)


@pytest.mark.parametrize("code, reason", [
    ("91350100M000100Y44", "uscc_check"),
    ("913101070000000000", "uscc_check"),
    ("91350100M000100Y4", "uscc_format"),     # 17 characters
    ("91350100M000I00Y43", "uscc_format"),    # I is not used by the standard
    ("91350100M000100Z43", "uscc_format"),    # nor Z
])
def test_invalid_credit_codes_are_refused(code, reason):
    with pytest.raises(ValidationError) as exc:
        validate_uscc(code)
    assert _code(exc) == reason


uscc_bodies = st.text(alphabet=USCC_CHARS, min_size=17, max_size=17)


@given(uscc_bodies)
def test_any_credit_code_with_its_computed_check_character_is_valid(body):
    validate_uscc(body + uscc_check_char(body))


@given(uscc_bodies, st.integers(0, 17), st.integers(1, len(USCC_CHARS) - 1))
def test_changing_any_one_character_of_a_credit_code_makes_it_invalid(body, position, shift):
    code = body + uscc_check_char(body)
    new = USCC_CHARS[(USCC_CHARS.index(code[position]) + shift) % len(USCC_CHARS)]
    with pytest.raises(ValidationError):
        validate_uscc(code[:position] + new + code[position + 1:])


# --- mobile numbers and passwords ------------------------------------------------------------------

@pytest.mark.parametrize("number", ["13812345678", "19912345678", "16612345678"])
def test_valid_mobile_numbers_pass(number):
    validate_mobile(number)


@pytest.mark.parametrize("number", ["12812345678", "1381234567", "138123456789", "021-62345678", "+8613812345678"])
def test_invalid_mobile_numbers_are_refused(number):
    with pytest.raises(ValidationError):
        validate_mobile(number)


@pytest.mark.parametrize("password, ok", [
    ("Putuo@2022demo", True), ("putuo2022demo", False), ("PUTUO@DEMO!!", False), ("abcDEF123456", True),
])
def test_passwords_need_three_character_classes(password, ok):
    validator = CharacterClassPasswordValidator()
    if ok:
        validator.validate(password)
    else:
        with pytest.raises(ValidationError):
            validator.validate(password)


@pytest.mark.parametrize("number", ["（2022）沪0107行初123号", "（2022）沪03行终45号", "（2022）沪7101行初123号",
                                    "（2021）最高法行申1号", "（2022）沪0107民初9号之一", "(2022)沪0107执12号"])
def test_court_case_numbers_in_the_courts_form_are_taken(number):
    from sifa.core.validators import validate_court_number

    validate_court_number(number)


@pytest.mark.parametrize("number", ["2026-415", "（22）沪0107行初1号", "（2022）沪0107行初0号", "（2022）沪0107行初123",
                                    "（2022）0107行初123号"])
def test_anything_else_is_refused(number):
    from sifa.core.validators import validate_court_number

    with pytest.raises(ValidationError):
        validate_court_number(number)

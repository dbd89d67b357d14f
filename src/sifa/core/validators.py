"""Validators for Chinese identifiers, with the check-digit algorithms of their standards."""

from __future__ import annotations

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"
USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # GB 32100-2015: no I, O, S, V, Z
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")
# A whole personal number somewhere in a text: a resident ID number in the shape of GB 11643 (17 digits and a
# digit or X) or a mobile number (optionally +86, optionally written 138-1234-5678 or 138 1234 5678).
_ID_SHAPE = r"\d{17}[\dXx]"
_MOBILE_SHAPE = r"(?:\+?86[-\s]?)?1[3-9]\d(?:[-\s]?\d{4}){2}"
_WHOLE_ID_RE = re.compile(rf"(?<![0-9A-Za-z]){_ID_SHAPE}(?![0-9A-Za-z])")
_WHOLE_MOBILE_RE = re.compile(rf"(?<![0-9A-Za-z+]){_MOBILE_SHAPE}(?![0-9A-Za-z])")
# For masking logs the same shapes bounded by digits only: a number glued to a word ("id11010519491231002X")
# is masked too. Masking a look-alike (18 digits in a hash) costs nothing in a log.
_LOGGED_ID_RE = re.compile(rf"(?<!\d){_ID_SHAPE}(?!\d)")
_LOGGED_MOBILE_RE = re.compile(rf"(?<![\d+]){_MOBILE_SHAPE}(?!\d)")


def has_whole_personal_number(text: str) -> bool:
    """Whether `text` holds a whole resident ID number or a whole mobile number. Such a number is searched
    only from a form that POSTs it (then by its keyed hash): in a GET query string it would be kept in the
    browser's history and the server's access logs (`core.middleware.WholeNumberQueryMiddleware`)."""
    text = (text or "")[:4000]
    return bool(_WHOLE_ID_RE.search(text) or _WHOLE_MOBILE_RE.search(text))


ID_NUMBER_MASK = "[ID number]"
MOBILE_MASK = "[mobile number]"


def mask_personal_numbers(text: str) -> str:
    """`text` with every resident ID number and mobile number (the shapes above, not glued to other digits)
    replaced by a mask, so that no part of the number is left (sifa.core.logs: nothing of a person's number reaches a log)."""
    return _LOGGED_MOBILE_RE.sub(MOBILE_MASK, _LOGGED_ID_RE.sub(ID_NUMBER_MASK, text))


def id_number_check_digit(first17: str) -> str:
    """GB 11643-1999 §4: ISO 7064 MOD 11-2 over the first 17 digits."""
    total = sum(int(c) * w for c, w in zip(first17, ID_WEIGHTS, strict=True))
    return ID_CHECK[total % 11]


def parse_id_number(value: str) -> tuple[date, str]:
    """Validate a resident ID number; return (birth date, sex 'M'/'F'). Raises ValidationError."""
    v = (value or "").strip().upper()
    if not re.fullmatch(r"\d{17}[\dX]", v):
        raise ValidationError(_("An ID number has 18 characters: 17 digits and a final digit or X."),
                              code="id_format")
    if v[:2] not in _PROVINCES:
        raise ValidationError(_("The ID number's region code is not valid."), code="id_region")
    try:
        birth = date(int(v[6:10]), int(v[10:12]), int(v[12:14]))
    except ValueError:
        raise ValidationError(_("The ID number's birth date is not a real date."), code="id_birth") from None
    if birth.year < 1900 or birth > date.today():
        raise ValidationError(_("The ID number's birth date is not plausible."), code="id_birth")
    if id_number_check_digit(v[:17]) != v[17]:
        raise ValidationError(_("The ID number's check digit is wrong: please check the number."),
                              code="id_check")
    sex = "M" if int(v[16]) % 2 else "F"
    return birth, sex


def uscc_check_char(first17: str) -> str:
    """GB 32100-2015 §5: the check character of a unified social credit code."""
    total = sum(USCC_CHARS.index(c) * w for c, w in zip(first17, USCC_WEIGHTS, strict=True))
    return USCC_CHARS[(31 - total % 31) % 31]


def validate_uscc(value: str) -> None:
    v = (value or "").strip().upper()
    if len(v) != 18 or any(c not in USCC_CHARS for c in v):
        raise ValidationError(_("A unified social credit code has 18 digits and capital letters (no I, O, S, V, Z)."),
                              code="uscc_format")
    if uscc_check_char(v[:17]) != v[17]:
        raise ValidationError(_("The unified social credit code's check character is wrong."), code="uscc_check")


# A court's case number (最高人民法院《关于人民法院案件案号的若干规定》): （year）, the court's code (沪0107, 沪03,
# 沪7101, 最高法), the trial's and the kind's words (行初, 行终, 民初, 执, 民特), the serial, 号; a copy of the
# same case may end 之一. Half-width brackets are taken for full-width ones.
_COURT_NUMBER_RE = re.compile(r"^（(19[5-9]\d|20\d\d)）[\u4e00-\u9fff]{1,3}\d{0,4}[\u4e00-\u9fff]{1,6}[1-9]\d{0,6}号"
                              r"(之[一二三四五六七八九十]+)?$")


def normalise_court_number(value: str) -> str:
    return (value or "").strip().replace("(", "（").replace(")", "）").replace(" ", "")


def validate_court_number(value: str) -> None:
    if not _COURT_NUMBER_RE.match(normalise_court_number(value)):
        raise ValidationError(
            _("“%(value)s” is not a court case number. Write it as the court does, e.g. （2022）沪0107行初123号."),
            code="court_number", params={"value": value[:40]})


def validate_mobile(value: str) -> None:
    if not MOBILE_RE.fullmatch((value or "").strip()):
        raise ValidationError(_("A mobile number has 11 digits and starts with 13 to 19."), code="mobile")


class CharacterClassPasswordValidator:
    """At least three of: lower-case, upper-case, digits, symbols (等保 2.0 password complexity)."""

    def validate(self, password: str, user=None) -> None:
        classes = sum(
            bool(re.search(p, password)) for p in (r"[a-z]", r"[A-Z]", r"\d", r"[^A-Za-z0-9]")
        )
        if classes < 3:
            raise ValidationError(
                _("The password must mix at least three of: lower-case letters, capitals, digits and symbols."),
                code="password_classes",
            )

    def get_help_text(self) -> str:
        return _("Mix at least three of: lower-case letters, capitals, digits and symbols.")


_PROVINCES = {
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "41", "42",
    "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65", "71", "81", "82", "83",
}


NUMBER_FIELDS = {"prefix", "code", "year", "n"}


def validate_number_format(value: str) -> None:
    """A number series' format (core.numbering): literal text with the placeholders {prefix}, {code}, {year} and
    {n}, the last one required and alone taking a format spec ({n:03d}). Checked when saved, so that a mistyped
    format cannot make every later registration of its series fail."""
    import string

    try:
        fields = [(name, spec, conv) for _text, name, spec, conv in string.Formatter().parse(value or "")
                  if name is not None]
    except ValueError as exc:
        raise ValidationError(_("The number format is not valid: %(error)s"), code="number_format",
                              params={"error": exc}) from None
    for name, spec, conv in fields:
        if name not in NUMBER_FIELDS or conv or (spec and name != "n"):
            raise ValidationError(_("The number format may only use {prefix}, {code}, {year} and {n} (e.g. {n:03d})."),
                                  code="number_format")
    if "n" not in {name for name, _spec, _conv in fields}:
        raise ValidationError(_("The number format needs {n}, the running number."), code="number_format")
    try:
        value.format(prefix="", code="", year=2024, n=1)
    except (ValueError, TypeError) as exc:
        raise ValidationError(_("The number format is not valid: %(error)s"), code="number_format",
                              params={"error": exc}) from None

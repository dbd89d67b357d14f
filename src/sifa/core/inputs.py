"""Bounds on what a user can type, so that bad input is a clear error and never a server error or a stored value
that breaks pages later (issue #14, hole 6).

Python parses `99999999999999999999` as an integer, `1e309` as a Decimal and `9999-12-31` as a date, but no column
holds the first two and no clock can add days to the last. So every Django form field is bounded here, once, by
`install()` (called from `CoreConfig.ready`): a form written for a new line is covered without doing anything.

- Integers: within PostgreSQL's `integer` (±2,147,483,647), the narrowest column a form count lands in. Model
  forms on wider columns keep the model field's own range check as well.
- Model choices (selects, multi-selects): a key outside its column's range is "not one of the choices", before
  any query (SQLite raises OverflowError on it, PostgreSQL a type error).
- Decimals and floats: finite, and at most `DECIMAL_DIGITS` digits before the point when the field sets no
  `max_digits` of its own.
- Dates: between `DATE_MIN` and `DATE_MAX` (the founding of the PRC to the end of the century): every date a
  case, a clock or a report can carry, and clocks started at `DATE_MAX` still end within `date.max`.

Views that read query parameters by hand use `query_int` / `query_date`; the API uses `BoundedDate`.
"""

from __future__ import annotations

import math
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

from django import forms
from django.core.exceptions import BadRequest, ValidationError
from django.db import connection, models
from django.utils.translation import gettext_lazy as _
from pydantic import AfterValidator, Field

DATE_MIN = date(1949, 10, 1)
DATE_MAX = date(2100, 12, 31)
INT_MIN, INT_MAX = -(2**31), 2**31 - 1
DECIMAL_DIGITS = 15


def validate_date_in_range(value) -> None:
    day = value.date() if isinstance(value, datetime) else value
    if isinstance(day, date) and not DATE_MIN <= day <= DATE_MAX:
        raise ValidationError(_("Enter a date between %(min)s and %(max)s."), code="date_range",
                              params={"min": DATE_MIN.isoformat(), "max": DATE_MAX.isoformat()})


def validate_int_in_range(value) -> None:
    if isinstance(value, int) and not INT_MIN <= value <= INT_MAX:
        raise ValidationError(_("Enter a whole number between %(min)s and %(max)s."), code="int_range",
                              params={"min": INT_MIN, "max": INT_MAX})


def has_surrogates(text: str) -> bool:
    """Whether a text holds a lone UTF-16 surrogate (only a JSON escape can bring one in): no database and no
    encoder takes it."""
    return any("\ud800" <= c <= "\udfff" for c in text)


TEXT_MAX = 20_000  # a text box that sets no limit of its own: about ten printed pages


def validate_text(value, max_length: int | None = None) -> None:
    if not isinstance(value, str):
        return
    if has_surrogates(value):
        raise ValidationError(_("The text holds characters that are not valid Unicode."), code="surrogates")
    limit = max_length or TEXT_MAX
    if len(value) > limit:
        # Before Django's own check, whose Chinese reads "确保该变量包含不超过 300 字符".
        raise ValidationError(_("At most %(limit)s characters can be entered here; this has %(length)s."),
                              code="max_length", params={"limit": limit, "length": len(value)})


def validate_not_future(value) -> None:
    """The date of something that has happened (a registration, a receipt, a decision) is not after today."""
    from django.utils import timezone

    day = value.date() if isinstance(value, datetime) else value
    if isinstance(day, date) and day > timezone.localdate():
        raise ValidationError(_("This date is in the future."), code="future")


def validate_finite_number(value) -> None:
    """Finite, and of at most DECIMAL_DIGITS digits before the point (what a float keeps exactly)."""
    if isinstance(value, Decimal):
        ok = value.is_finite() and value.adjusted() < DECIMAL_DIGITS
    elif isinstance(value, float):
        ok = math.isfinite(value) and abs(value) < 10**DECIMAL_DIGITS
    else:
        return
    if not ok:
        raise ValidationError(_("Enter a number of at most %(digits)s digits before the decimal point."),
                              code="number_range", params={"digits": DECIMAL_DIGITS})


def _api_date(value: date) -> date:
    if not DATE_MIN <= value <= DATE_MAX:
        raise ValueError(f"dates run from {DATE_MIN} to {DATE_MAX}")  # pydantic: a 422 with this message
    return value


BoundedDate = Annotated[date, AfterValidator(_api_date)]
"""A date parameter or field of the API, within DATE_MIN..DATE_MAX (else 422)."""


def _api_text(value: str) -> str:
    if has_surrogates(value):
        raise ValueError("the text holds lone surrogates, which are not valid Unicode")  # pydantic: a 422
    return value


def ApiText(max_length: int):  # noqa: N802 - read as a type
    """A text field of the API: at most `max_length` characters, valid Unicode (else 422)."""
    return Annotated[str, Field(max_length=max_length), AfterValidator(_api_text)]


# --- query parameters read by hand ------------------------------------------------------------------------

def query_int(request, name: str, *, default: int | None = None, min_value: int = 0,
              max_value: int = INT_MAX) -> int | None:
    """The integer query parameter `name` (GET, else POST), or `default` when absent; 400 when it is not a whole
    number within [min_value, max_value]."""
    raw = request.GET.get(name) or request.POST.get(name)
    if not raw:
        return default
    raw = raw.strip()
    if not (raw.isascii() and raw.lstrip("-").isdigit() and len(raw) <= 20):
        raise BadRequest(f"{name} must be a whole number")
    value = int(raw)
    if not min_value <= value <= max_value:
        raise BadRequest(f"{name} must be between {min_value} and {max_value}")
    return value


def query_date(request, name: str, *, default: date | None = None) -> date | None:
    """The date query parameter `name` (YYYY-MM-DD), or `default` when absent; 400 when it is not a date within
    DATE_MIN..DATE_MAX."""
    raw = request.GET.get(name)
    if not raw:
        return default
    try:
        value = date.fromisoformat(raw.strip())
    except ValueError:
        raise BadRequest(f"{name} must be a date (YYYY-MM-DD)") from None
    if not DATE_MIN <= value <= DATE_MAX:
        raise BadRequest(f"{name} must be between {DATE_MIN} and {DATE_MAX}")
    return value


# --- every form field ------------------------------------------------------------------------------------

def _key_field(field: forms.ModelChoiceField) -> models.Field:
    model = field.queryset.model
    key = model._meta.get_field(field.to_field_name) if field.to_field_name else model._meta.pk
    while key.is_relation:  # a primary key that is a one-to-one link: the column it points to
        key = key.target_field
    return key


def _key_in_range(field: forms.ModelChoiceField, value) -> bool:
    """False for a key no column can hold: an integer outside its column's range, a text with a NUL (PostgreSQL
    refuses it) or a lone surrogate (no encoder takes it). It matches nothing: refuse it before the query."""
    if isinstance(value, str) and ("\x00" in value or has_surrogates(value)):
        return False
    key = _key_field(field)
    if not isinstance(key, models.IntegerField):
        return True
    try:
        n = int(str(value).strip())
    except (ValueError, TypeError):
        return True  # not a number at all: the field's own check refuses it
    low, high = connection.ops.integer_field_range(key.get_internal_type())
    return (low is None or n >= low) and (high is None or n <= high)


def _choice_clean(original):
    # `clean`, not `to_python`: fields that read their own kind of value (core.lookups) replace `to_python`.
    def clean(self, value):
        if value not in self.empty_values and not isinstance(value, models.Model) and not _key_in_range(self, value):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice",
                                  params={"value": str(value)[:40]})
        return original(self, value)
    return clean


def _multiple_check_values(original):
    def _check_values(self, value):
        try:
            keys = frozenset(value)
        except TypeError:
            return original(self, value)  # not a list: the field's own message
        for key in keys:
            if not _key_in_range(self, key):
                raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice",
                                      params={"value": str(key)[:40]})
        return original(self, value)
    return _check_values


def _bounded_validate(original):
    # Dispatched on the field's class, most specific first (DecimalField and FloatField are IntegerFields).
    bounds = ((forms.DecimalField, validate_finite_number), (forms.FloatField, validate_finite_number),
              (forms.IntegerField, validate_int_in_range), (forms.DateTimeField, validate_date_in_range),
              (forms.DateField, validate_date_in_range), (forms.CharField, validate_text))

    def validate(self, value):
        original(self, value)
        if value in self.empty_values:
            return
        for cls, check in bounds:
            if isinstance(self, cls):
                if check is validate_text:
                    check(value, getattr(self, "max_length", None))
                else:
                    check(value)
                return
    return validate


def install() -> None:
    """Bound every Django form field (see the module's docstring). Idempotent.

    `Field.validate` is wrapped rather than each class's `default_validators` set, because form fields are
    built when their module is imported, which may be before this runs; `validate` runs on every clean."""
    if getattr(forms.Field, "_sifa_bounded", False):
        return
    forms.Field._sifa_bounded = True
    forms.Field.validate = _bounded_validate(forms.Field.validate)
    forms.ModelChoiceField.clean = _choice_clean(forms.ModelChoiceField.clean)
    forms.ModelMultipleChoiceField._check_values = _multiple_check_values(
        forms.ModelMultipleChoiceField._check_values)

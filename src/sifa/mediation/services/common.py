"""What the line's writers share: the number series, the legal date, clock errors as field errors, checks."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from sifa.core.calendar import CalendarYearUnknown
from sifa.core.clocks import ClockError
from sifa.core.models import Unit
from sifa.core.numbering import take

from ..models import Track

# Number series: (kind, default format). District formats are data: edit a series' format in the admin.
NUMBERS = {
    Track.PEOPLE: ("mediation.dispute", "{prefix}〔{year}〕{n}号"),
    Track.PRELITIGATION: ("mediation.prelitigation", "{prefix}诉前〔{year}〕{n}号"),
    Track.ADMINISTRATIVE: ("mediation.administrative", "{prefix}〔{year}〕{n}号"),
    "agreement": ("mediation.agreement", "（{year}）{prefix}协字第{n}号"),
    "reception": ("mediation.reception", "{prefix}接〔{year}〕{n}号"),
}


def _today(on: date | None) -> date:
    return on or timezone.localdate()


def _actor(by):
    return by if (by is not None and getattr(by, "is_authenticated", False)) else None


def _clock(fn, *args, **kwargs):
    """Run a clock operation; a year without holiday data or a refused extension becomes a clear error."""
    try:
        return fn(*args, **kwargs)
    except (CalendarYearUnknown, ClockError) as exc:
        raise ValidationError(str(exc)) from exc


def _number(key, unit: Unit, year: int) -> str:
    kind, fmt = NUMBERS[key]
    return take(kind=kind, unit=unit, year=year, default_format=fmt)


def _require(condition: bool, field_name: str | None, message: str) -> None:
    if not condition:
        raise ValidationError({field_name: message} if field_name else message)


def _not_before(on: date, earlier: date | None, field_name: str | None = None) -> None:
    if earlier and on < earlier:
        raise ValidationError({field_name or "on": _("The date cannot be before %(date)s.") % {"date": earlier}})

"""What the line's writers share: the number series, the legal date, the one error type, checks."""

from __future__ import annotations

from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from sifa.core.models import Unit
from sifa.core.numbering import take
from sifa.core.workflow import StepError

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


def _number(key, unit: Unit, year: int) -> str:
    kind, fmt = NUMBERS[key]
    return take(kind=kind, unit=unit, year=year, default_format=fmt)


def _require(condition: bool, field_name: str | None, message: str) -> None:
    if not condition:
        raise StepError(message, field=field_name)


def _not_before(on: date, earlier: date | None, field_name: str | None = None) -> None:
    if earlier and on < earlier:
        raise StepError(_("The date cannot be before %(date)s.") % {"date": earlier}, field=field_name or "on")

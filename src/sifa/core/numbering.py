"""Gapless numbers per series (kind, unit, year), taken inside the transaction that needs them.

The series row is locked (SELECT ... FOR UPDATE) and incremented in the caller's transaction: a rolled-back
transaction gives its number back, and no two transactions can take the same number.
"""

from __future__ import annotations

from django.db import IntegrityError, connection, transaction
from django.db.models import F

from .models import NumberSeries


class NumberingError(RuntimeError):
    pass


def _series(kind: str, unit, year: int, default_format: str) -> NumberSeries:
    qs = NumberSeries.objects.select_for_update()
    series = qs.filter(kind=kind, unit=unit, year=year).first()
    if series is None:
        try:
            with transaction.atomic():
                NumberSeries.objects.create(kind=kind, unit=unit, year=year, format=default_format)
        except IntegrityError:  # another transaction created it first
            pass
        series = qs.get(kind=kind, unit=unit, year=year)
    return series


def take(*, kind: str, unit, year: int, default_format: str = "{prefix}〔{year}〕{n}号") -> str:
    """Take the next number of a series and return it formatted. Must run inside a transaction."""
    if not connection.in_atomic_block:
        raise NumberingError("numbers are taken inside the transaction that uses them")
    series = _series(kind, unit, year, default_format)
    NumberSeries.objects.filter(pk=series.pk).update(last=F("last") + 1)
    series.refresh_from_db(fields=["last"])
    return series.format.format(prefix=unit.short_name or unit.name, year=year, n=series.last)


def take_int(*, kind: str, unit, year: int) -> int:
    """The next integer of a series (for receipt numbers and the like)."""
    if not connection.in_atomic_block:
        raise NumberingError("numbers are taken inside the transaction that uses them")
    series = _series(kind, unit, year, "{n}")
    NumberSeries.objects.filter(pk=series.pk).update(last=F("last") + 1)
    series.refresh_from_db(fields=["last"])
    return series.last

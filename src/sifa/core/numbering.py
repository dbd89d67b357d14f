"""Gapless numbers per series (kind, unit, year), taken inside the transaction that needs them.

The series row is locked (SELECT … FOR UPDATE on PostgreSQL; on SQLite every transaction begins
IMMEDIATE and so holds the database's write lock) and incremented in the caller's transaction: no two
transactions can take the same number, and a rolled-back transaction gives its number back, because
the increment rolls back with it. Concurrent takers of one series wait for each other; they never fail.

A series' format is data (`NumberSeries.format`, editable in the admin): placeholders {prefix} (the
unit's short name), {code} (the unit's code), {year} and {n}, which takes a format spec ({n:03d}).
The first number of a series creates it with the caller's `default_format`.
"""

from __future__ import annotations

from django.db import IntegrityError, connection, transaction
from django.utils.translation import gettext as _

from .models import NumberSeries


class NumberingError(RuntimeError):
    pass


def _locked_series(kind: str, unit, year: int, default_format: str) -> NumberSeries:
    if not connection.in_atomic_block:
        raise NumberingError("numbers are taken inside the transaction that uses them")
    qs = NumberSeries.objects.select_for_update()
    series = qs.filter(kind=kind, unit=unit, year=year).first()
    if series is None:
        try:
            with transaction.atomic():  # a savepoint: losing the race to create the series is not an error
                NumberSeries.objects.create(kind=kind, unit=unit, year=year, format=default_format)
        except IntegrityError:
            pass
        series = qs.get(kind=kind, unit=unit, year=year)
    return series


def _next(series: NumberSeries) -> int:
    series.last += 1
    series.save(update_fields=["last"])
    return series.last


def render(fmt: str, *, unit, year: int, n: int) -> str:
    try:
        return fmt.format(prefix=unit.short_name or unit.name, code=unit.code, year=year, n=n)
    except (KeyError, IndexError, ValueError, AttributeError, TypeError) as exc:
        raise NumberingError(_("The number format “%(format)s” is not valid: %(error)s") % {
            "format": fmt, "error": exc}) from exc


def take(*, kind: str, unit, year: int, default_format: str = "{prefix}〔{year}〕{n}号") -> str:
    """Take the next number of a series and return it formatted (普府复〔2024〕12号). Must run inside the
    transaction that uses the number."""
    series = _locked_series(kind, unit, year, default_format)
    return render(series.format, unit=unit, year=year, n=_next(series))


def take_block(*, kind: str, unit, year: int, count: int,
               default_format: str = "{prefix}〔{year}〕{n}号") -> list[str]:
    """`count` consecutive numbers of a series, formatted, for a batch writer (an import): the series row is
    locked and moved on by the whole block in one UPDATE, in the caller's transaction. Still gapless: the
    block rolls back with the transaction like a single number does."""
    if count <= 0:
        return []
    series = _locked_series(kind, unit, year, default_format)
    first = series.last + 1
    series.last += count
    series.save(update_fields=["last"])
    return [render(series.format, unit=unit, year=year, n=n) for n in range(first, first + count)]


def take_int(*, kind: str, unit, year: int) -> int:
    """The next integer of a series (receipt numbers and the like). Must run inside a transaction."""
    return _next(_locked_series(kind, unit, year, "{n}"))


def peek(*, kind: str, unit, year: int) -> int:
    """The last number issued in a series (0 when none), without taking one."""
    return NumberSeries.objects.filter(kind=kind, unit=unit, year=year).values_list("last", flat=True).first() or 0

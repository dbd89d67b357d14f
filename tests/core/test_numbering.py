"""Gapless numbers per (kind, unit, year), taken in the caller's transaction."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, transaction

from sifa.core import numbering
from sifa.core.models import NumberSeries, Unit

from .concurrency import run_in_threads

pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def unit(db):
    return Unit.objects.create(code="T-FY", name="测试区人民政府", short_name="测府", kind=Unit._meta.get_field(
        "kind").choices[0][0])


def _take(unit, *, kind="decision", year=2024, fmt="普府复〔{year}〕{n}号") -> str:
    with transaction.atomic():
        return numbering.take(kind=kind, unit=unit, year=year, default_format=fmt)


@pytest.mark.django_db
def test_numbers_follow_the_series_format(unit):
    assert _take(unit) == "普府复〔2024〕1号"
    assert _take(unit) == "普府复〔2024〕2号"
    assert _take(unit, kind="notice", fmt="{prefix}复通〔{year}〕{n:03d}号") == "测府复通〔2024〕001号"
    NumberSeries.objects.filter(kind="decision").update(format="{code}-{year}-{n:04d}")
    assert _take(unit) == "T-FY-2024-0003"


@pytest.mark.django_db
def test_each_kind_unit_and_year_has_its_own_series(unit):
    other = Unit.objects.create(code="T-SFJ", name="测试区司法局", kind=unit.kind)
    assert [_take(unit), _take(unit, year=2025), _take(other), _take(unit, kind="receipt")] == [
        "普府复〔2024〕1号", "普府复〔2025〕1号", "普府复〔2024〕1号", "普府复〔2024〕1号"]
    assert numbering.peek(kind="decision", unit=unit, year=2024) == 1


@pytest.mark.django_db
def test_a_rolled_back_transaction_gives_its_number_back(unit):
    assert _take(unit) == "普府复〔2024〕1号"
    with pytest.raises(RuntimeError), transaction.atomic():
        assert numbering.take(kind="decision", unit=unit, year=2024) == "普府复〔2024〕2号"
        raise RuntimeError("the service failed after taking its number")
    assert _take(unit) == "普府复〔2024〕2号"


@pytest.mark.django_db
def test_a_number_is_taken_only_inside_a_transaction(unit):
    # The test itself runs inside a transaction; leave it to show the refusal.
    with pytest.raises(numbering.NumberingError):
        atomic = connection.in_atomic_block
        connection.in_atomic_block = False
        try:
            numbering.take_int(kind="receipt", unit=unit, year=2024)
        finally:
            connection.in_atomic_block = atomic


@pytest.mark.django_db
def test_a_broken_format_is_reported(unit):
    NumberSeries.objects.create(kind="decision", unit=unit, year=2024, format="{prefix}〔{yaer}〕{n}号")
    with pytest.raises(numbering.NumberingError, match="yaer"):
        _take(unit)


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_wait_for_each_other_instead_of_failing(unit):
    """One transaction holds a number; a second taker waits (SQLite busy timeout behind BEGIN IMMEDIATE,
    PostgreSQL row lock) and gets the next number once the first commits - no "database is locked"."""
    holding, release, second_done = threading.Event(), threading.Event(), threading.Event()

    def work(i: int) -> int:
        if i == 0:
            with transaction.atomic():
                n = numbering.take_int(kind="receipt", unit=unit, year=2024)
                holding.set()
                release.wait(30)
            return n
        holding.wait(30)
        with transaction.atomic():
            n = numbering.take_int(kind="receipt", unit=unit, year=2024)
        second_done.set()
        return n

    def watcher() -> None:
        holding.wait(30)
        # The second taker cannot finish while the first holds its transaction open.
        assert not second_done.wait(0.3)
        release.set()

    w = threading.Thread(target=watcher)
    w.start()
    results = run_in_threads(2, work)
    w.join()
    assert results == [1, 2]


def _allocate(unit, threads: int, each: int) -> list[int]:
    def work(i: int) -> list[int]:
        taken = []
        for _ in range(each):
            with transaction.atomic():
                taken.append(numbering.take_int(kind="receipt", unit=unit, year=2024))
        return taken

    return [n for batch in run_in_threads(threads, work) for n in batch]


@pytest.mark.django_db(transaction=True)
def test_concurrent_allocations_are_unique_and_gapless(unit):
    numbers = _allocate(unit, 4, 25)
    assert sorted(numbers) == list(range(1, 101))


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twenty_threads_times_fifty_give_exactly_1_to_1000_on_postgresql(unit):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (SIFA_DATABASE_URL=postgres://...)")
    numbers = _allocate(unit, 20, 50)
    assert sorted(numbers) == list(range(1, 1001))
    assert NumberSeries.objects.get(kind="receipt", unit=unit, year=2024).last == 1000

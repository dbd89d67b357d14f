"""The demo's supervisors: a pool, a year of verifiable draws, and work around today."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import timezone

from sifa.core import metrics
from sifa.core.models import Deadline
from sifa.supervisors import services
from sifa.supervisors.models import DrawRequest, State
from tests.conftest import load_demo

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo_loaded(module_db):
    with module_db():
        return load_demo("supervisors")


def test_the_demo_year_has_draws_served_and_attendance(demo_loaded):
    values = metrics.compute(date(2022, 1, 1), date(2022, 10, 31), demo_loaded["PT"], lines=["supervisors"]).flat()
    assert values["supervisors.selected"] == 24
    assert values["supervisors.requests"] == values["supervisors.draws"] == values["supervisors.served"] == 8
    assert values["supervisors.participation"] == 8 * 3 - 1 and values["supervisors.declined"] == 2


def test_every_demo_draw_verifies(demo_loaded):
    drawn = DrawRequest.objects.exclude(drawn_on=None)
    assert drawn.count() >= 10
    assert all(services.verify(r).ok for r in drawn)


def test_the_demo_leaves_work_around_today(demo_loaded):
    today = timezone.localdate()
    assert set(DrawRequest.objects.filter(closed_on=None).values_list("state", flat=True)) >= {
        State.RECEIVED, State.PREPARED, State.DRAWN, State.HELD}
    running = Deadline.objects.filter(rule__startswith="supervisors.", state__in=["running", "overdue"])
    assert running.filter(due__lt=today).exists() and running.filter(due__gte=today).exists()


def test_the_bench_plugins_hand_written_sql_gives_the_demo_figures(demo_loaded):
    """bench/lines/supervisors.py computes the line's figures in plain SQL for the metrics benchmark: they agree."""
    from bench.b_metrics import hand_sql
    from bench.lines.supervisors import Plugin

    start, end, unit = date(2022, 1, 1), date(2022, 12, 31), demo_loaded["PT"]
    want = hand_sql(Plugin(), start, end, unit)
    got = metrics.compute(start, end, unit, lines=["supervisors"]).values
    assert want and {k: got.get(k) for k in want} == want

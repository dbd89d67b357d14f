"""The demo's petitions: a year answered through the services (some late, returned, referred, reopened, reviewed),
and open work around today."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import timezone

from sifa.core import metrics
from sifa.core.models import Deadline
from sifa.petitions.models import Petition, State
from tests.conftest import load_demo

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo_loaded(module_db):
    with module_db():
        return load_demo("petitions")


def test_the_demo_year_adds_up(demo_loaded):
    res = metrics.compute(date(2022, 1, 1), date(2022, 10, 31), demo_loaded["PT"], lines=["petitions"])
    v = res.flat()
    assert v["petitions.received"] > 30 and v["petitions.hotline_orders"] > 0
    assert 0 < v["petitions.answered_on_time"] < v["petitions.answered"]
    assert v["petitions.returned"] == 1 and v["petitions.referred"] == 1 and v["petitions.reviewed"] == 1
    assert 0 < v["petitions.satisfied"] < v["petitions.visited"]
    assert all(e.holds for e in res.equations)
    assert Petition.objects.filter(reopened__gt=0).exists()


def test_the_demo_leaves_a_queue_around_today(demo_loaded):
    today = timezone.localdate()
    assert Petition.objects.filter(state=State.REGISTERED, received_on__gt=date(2025, 1, 1)).count() >= 3
    running = Deadline.objects.filter(rule__startswith="petitions.", state__in=["running", "overdue"])
    assert running.filter(due__lt=today).exists() and running.filter(due__gte=today).exists()


def test_the_bench_plugins_hand_written_sql_gives_the_demo_figures(demo_loaded):
    """bench/lines/petitions.py computes the line's figures in plain SQL for the metrics benchmark: they agree."""
    from bench.b_metrics import hand_sql
    from bench.lines.petitions import Plugin

    start, end, unit = date(2022, 1, 1), date(2022, 12, 31), demo_loaded["PT"]
    want = hand_sql(Plugin(), start, end, unit)
    got = metrics.compute(start, end, unit, lines=["petitions"]).values
    assert want and {k: got.get(k) for k in want} == want

"""The demo reproduces the seed's litigation figures for 2022-01-01..10-31 and loads once."""

from __future__ import annotations

import io
from datetime import date

import pytest

from sifa.core import metrics
from sifa.litigation import demo
from sifa.litigation.models import Hearing, Suit
from tests.conftest import load_demo

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo_loaded(module_db):
    """The demo district with the line's demo, built once for the module's tests."""
    with module_db():
        return load_demo("litigation")


def test_the_demo_reproduces_the_seed_figures(demo_loaded):
    values = metrics.compute(date(2022, 1, 1), date(2022, 10, 31), lines=["litigation"]).flat()
    assert values["litigation.suits_received"] == 87
    assert values["litigation.suits_concluded"] == 139
    assert values["litigation.losses"] == 0
    assert values["litigation.loss_rate"] == 0.0
    assert values["litigation.city_reconsiderations"] == 4
    assert values["litigation.city_reconsiderations_corrected"] == 0
    assert values["litigation.hearings"] == 52
    assert values["litigation.head_appearances"] == 52
    assert values["litigation.appearance_rate"] == 100.0


def test_the_demo_spreads_over_agencies_courts_and_2021(demo_loaded):
    concluded = metrics.cases_for("litigation.suits_concluded", date(2022, 1, 1), date(2022, 10, 31))
    assert concluded.filter(received_on__year=2021).count() > 50
    assert len(set(concluded.values_list("agency__code", flat=True))) >= 8
    assert set(Suit.objects.values_list("court__code", flat=True)) >= {"PT-FY", "SH-TLFY"}
    assert Suit.objects.filter(against_government=False).exists()


def test_the_demo_leaves_current_work_with_clocks_around_today(demo_loaded):
    from sifa.core.models import Deadline

    open_clocks = Deadline.objects.filter(state__in=["running", "overdue"], due__gte=date(2026, 11, 1))
    assert open_clocks.filter(due__gt=date(2026, 11, 28)).count() >= 4
    assert Deadline.objects.filter(state="overdue").exists()
    assert Hearing.objects.filter(held=False, scheduled_on__gt=date(2026, 11, 28)).exists()
    assert not Deadline.objects.filter(state__in=["running", "overdue"], due__lt=date(2026, 1, 1)).exists()


def test_loading_the_demo_twice_changes_nothing(demo_loaded):
    before = Suit.objects.count()
    out = io.StringIO()
    demo.load(demo_loaded, out)
    assert Suit.objects.count() == before
    assert "already" in out.getvalue()

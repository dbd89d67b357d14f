"""The demo reproduces the seed's publicity figures for 2022-01-01..10-31 through the services, and loads once."""

from __future__ import annotations

import io
from datetime import date

import pytest

from sifa.core import metrics
from sifa.publicity import demo
from sifa.publicity.models import Activity, ContestEntry, Project
from tests.conftest import load_demo

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo_loaded(module_db):
    with module_db():
        return load_demo("publicity")


def test_the_demo_reproduces_the_seed_figures(demo_loaded):
    res = metrics.compute(date(2022, 1, 1), date(2022, 10, 31), demo_loaded["PT"], lines=["publicity"])
    values = res.flat()
    for key, expected in demo.SEED.items():
        assert values[key] == expected, key
    # "10万余次": the views themselves are over 100 000 and under 110 000
    assert 100_000 < values["publicity.online_views"] < 110_000
    assert values["publicity.online_views"] == sum(v for _t, v in demo.ONLINE)
    assert values["publicity.members_reviewed"] == len(demo.MEMBERS)
    assert all(e.holds for e in res.equations)


def test_the_selected_projects_are_the_ten_best_scored(demo_loaded):
    chosen = set(Project.objects.filter(selected=True).values_list("pk", flat=True))
    best = set(Project.objects.order_by("-score").values_list("pk", flat=True)[:10])
    assert chosen == best


def test_the_demo_loads_once(demo_loaded):
    out = io.StringIO()
    demo.load(demo_loaded, out)
    assert "already loaded" in out.getvalue()
    assert ContestEntry.objects.count() == 270 and Activity.objects.filter(kind="open_class").count() == 10

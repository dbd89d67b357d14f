"""The demo reproduces the seed's governance figures for 2022-01-01..10-31 through the services, and loads once."""

from __future__ import annotations

import io
from datetime import date

import pytest

from sifa.core import metrics
from sifa.governance import demo
from sifa.governance.models import Inspection, ObservationPoint
from tests.conftest import load_demo

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo_loaded(module_db):
    with module_db():
        return load_demo("governance")


def test_the_demo_reproduces_the_seed_figures(demo_loaded):
    res = metrics.compute(date(2022, 1, 1), date(2022, 10, 31), demo_loaded["PT"], lines=["governance"])
    values = res.flat()
    for key, expected in demo.SEED.items():
        assert values[key] == expected, key
    assert Inspection.objects.filter(inspected__name="区文旅局", campaign=demo.CAMPAIGN).exists()
    assert values["governance.findings"] == values["governance.rectifications_closed"] == 8
    assert 0 < values["governance.rectifications_on_time"] < values["governance.rectifications_closed"]
    assert values["governance.tasks_due"] == 8 and values["governance.tasks_done_on_time"] == 6
    assert values["governance.tasks_on_time_rate"] == metrics.rate_value(6, 8, 1)
    assert values["governance.observations"] == values["governance.observations_replied"] == 6
    assert all(e.holds for e in res.equations)


def test_every_point_has_its_observer(demo_loaded):
    assert not ObservationPoint.objects.filter(observers__isnull=True).exists()


def test_the_demo_loads_once(demo_loaded):
    out = io.StringIO()
    demo.load(demo_loaded, out)
    assert "already loaded" in out.getvalue()
    assert ObservationPoint.objects.count() == 25


def test_the_2022_assessment_is_scored_and_ranked(demo_loaded):
    from sifa.governance.models import Assessment

    res = metrics.compute(date(2023, 1, 1), date(2023, 1, 31), demo_loaded["PT"], lines=["governance"]).flat()
    assert res["governance.assessed"] == 7 and res["governance.assessments_passed"] == 7
    ranks = sorted(Assessment.objects.values_list("rank", flat=True))
    assert ranks[0] == 1 and None not in ranks and Assessment.objects.filter(total__lt=100).exists()

"""The demo reproduces the seed's lawyers figures for 2022-01-01..09-30 (and the same to 10-31, the report's
period), leaves work around today, loads once."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.utils import timezone

from sifa.core import metrics
from sifa.core.models import Deadline
from sifa.lawyers import demo
from sifa.lawyers.models import FirmInspection, LawyerComplaint, LicensingMatter
from tests.conftest import load_demo

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo_loaded(module_db):
    with module_db():
        return load_demo("lawyers")


def test_the_demo_reproduces_the_seed_figures(demo_loaded):
    for end in (date(2022, 9, 30), date(2022, 10, 31)):
        res = metrics.compute(date(2022, 1, 1), end, demo_loaded["PT"], lines=["lawyers"])
        values = res.flat()
        assert values["lawyers.licensing"] == 646
        assert values["lawyers.complaints"] == 106
        assert all(e.holds for e in res.equations), [(e.equation.label, e.left, e.right) for e in res.equations]
    assert values["lawyers.complaints_penalty"] > 0 and values["lawyers.complaints_not_accepted"] > 0
    assert values["lawyers.complaints_concluded"] == 106 and values["lawyers.complaints_answered_rate"] == 100
    assert values["lawyers.firms_inspected"] == 5


def test_figures_drill_down_to_their_records(demo_loaded):
    rows = metrics.cases_for("lawyers.complaints", date(2022, 1, 1), date(2022, 9, 30))
    assert rows.count() == 106 and set(rows.values_list("received_on__year", flat=True)) == {2022}
    assert metrics.cases_for("lawyers.licensing", date(2022, 1, 1), date(2022, 9, 30)).count() == 646


def test_the_demo_leaves_current_work_with_clocks_around_today(demo_loaded):
    today = timezone.localdate()
    open_clocks = Deadline.objects.filter(rule__startswith="lawyers.", state__in=["running", "overdue", "paused"])
    assert open_clocks.filter(due__lt=today, state="overdue").exists()
    assert open_clocks.filter(state="paused").exists()  # a complaint waiting for the complainant's materials
    assert LawyerComplaint.objects.filter(received_on__gt=date(2022, 12, 31)).exists()


def test_the_demo_loads_once(demo_loaded):
    n = LicensingMatter.objects.count()
    out = io.StringIO()
    demo.load(demo_loaded, out)
    assert "already loaded" in out.getvalue() and LicensingMatter.objects.count() == n
    assert FirmInspection.objects.filter(year=2021).count() == 5

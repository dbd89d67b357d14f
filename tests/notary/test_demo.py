"""The demo reproduces the seed's notarisation figures for 2022-01-01..10-31, leaves work around today, loads once."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone

from sifa.core import metrics
from sifa.core.models import Deadline
from sifa.notary import demo
from sifa.notary.models import Notarisation
from tests.conftest import load_demo

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo_loaded(module_db):
    with module_db():
        return load_demo("notary")


def test_the_demo_reproduces_the_seed_figures(demo_loaded):
    res = metrics.compute(date(2022, 1, 1), date(2022, 10, 31), demo_loaded["PT"], lines=["notary"])
    values = res.values
    assert values["notary.accepted"] == 7741
    assert values["notary.civil_share"] == Decimal("89")
    assert values["notary.online"] == 843
    assert values["notary.accepted_civil"] == 6890 and values["notary.accepted_foreign"] > 0
    assert 0 < values["notary.issued_in_time"] < values["notary.issued"]
    assert values["notary.refused"] > 0
    assert all(e.holds for e in res.equations), [(e.equation.label, e.left, e.right) for e in res.equations]


def test_the_figures_drill_down_to_their_records(demo_loaded):
    rows = metrics.cases_for("notary.online", date(2022, 1, 1), date(2022, 10, 31), demo_loaded["PT"])
    assert rows.count() == 843 and set(rows.values_list("channel", flat=True)) == {"zero_visit"}
    assert not rows.filter(matter__in=["will", "living", "adoption"]).exists()  # 第二十六条: in person


def test_the_demo_leaves_current_work_with_clocks_around_today(demo_loaded):
    today = timezone.localdate()
    open_clocks = Deadline.objects.filter(rule__startswith="notary.", state__in=["running", "overdue", "paused"])
    assert open_clocks.filter(due__lt=today).exists()
    assert open_clocks.filter(due__gte=today).count() >= 4
    assert Notarisation.objects.filter(state="under_review").exists()
    assert Notarisation.objects.filter(state="revoked").exists()
    assert Notarisation.objects.filter(state="paused").count() == 2


def test_loading_the_demo_twice_changes_nothing(demo_loaded):
    before = Notarisation.objects.count()
    demo.load(demo_loaded, io.StringIO())
    assert Notarisation.objects.count() == before

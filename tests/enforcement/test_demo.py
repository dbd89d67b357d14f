"""The demo reproduces the seed's enforcement figures for 2022-01-01..10-31, leaves work around today, loads once."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.utils import timezone

from sifa.core import metrics
from sifa.core.models import Deadline
from sifa.enforcement import demo, services
from sifa.enforcement.models import CertificateApplication, EvaluationCampaign
from tests.conftest import load_demo

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo_loaded(module_db):
    with module_db():
        return load_demo("enforcement")


def test_the_demo_reproduces_the_seed_figures(demo_loaded):
    res = metrics.compute(date(2022, 1, 1), date(2022, 10, 31), demo_loaded["PT"], lines=["enforcement"])
    values = res.flat()
    assert values["enforcement.applications_reviewed"] == 601
    assert values["enforcement.certificates_issued"] == 161
    assert values["enforcement.agencies_evaluated"] == 7
    assert values["enforcement.adviser_work_items"] == 127
    assert values["enforcement.agreements_reviewed"] == 29
    assert values["enforcement.applications_cancellation"] > 0 and values["enforcement.files_evaluated"] >= 7
    assert values["enforcement.legality_reviews"] == 18 and values["enforcement.filings"] == 24
    assert values["enforcement.filings_problem"] == values["enforcement.filings_corrected"]
    assert 0 < values["enforcement.legality_in_time"] <= 18 and values["enforcement.filings_late"] > 0
    assert all(e.holds for e in res.equations), [(e.equation.label, e.left, e.right) for e in res.equations]


def test_the_campaigns_draw_can_be_rerun_from_its_seed(demo_loaded):
    campaign = EvaluationCampaign.objects.get(year=2022)
    drawn = {}
    for f in campaign.files.select_related("agency"):
        drawn.setdefault(f.agency.code, []).append(f.file_number)
    assert services.redraw(campaign) == {k: sorted(v) for k, v in drawn.items()}
    assert not campaign.files.filter(evaluator__agency=models_F("agency")).exists()


def models_F(name):
    from django.db.models import F

    return F(name)


def test_the_demo_leaves_current_work_with_clocks_around_today(demo_loaded):
    today = timezone.localdate()
    open_clocks = Deadline.objects.filter(rule__startswith="enforcement.", state__in=["running", "overdue"])
    assert open_clocks.filter(due__lt=today).exists()
    assert open_clocks.filter(due__gte=today).count() >= 2
    assert CertificateApplication.objects.filter(state="received").count() == 4


def test_loading_the_demo_twice_changes_nothing(demo_loaded):
    before = CertificateApplication.objects.count()
    demo.load(demo_loaded, io.StringIO())
    assert CertificateApplication.objects.count() == before

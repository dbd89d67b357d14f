"""The demo reproduces the seed's legal-aid figures for 2022-01-01..10-31, leaves work around today, loads once."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.utils import timezone

from sifa.core import metrics
from sifa.core.models import Deadline
from sifa.legalaid import demo
from sifa.legalaid.models import Consultation, LegalAidCase
from tests.conftest import load_demo

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo_loaded(module_db):
    with module_db():
        return load_demo("legalaid")


def test_the_demo_reproduces_the_seed_figures(demo_loaded):
    res = metrics.compute(date(2022, 1, 1), date(2022, 10, 31), demo_loaded["PT"], lines=["legalaid"])
    values = res.flat()
    assert values["legalaid.cases"] == 1659
    assert values["legalaid.walk_in"] == 5234
    assert values["legalaid.calls_12348"] == 8527
    assert values["legalaid.refused"] > 0 and values["legalaid.cases_notification"] > 0
    assert all(e.holds for e in res.equations), [(e.equation.label, e.left, e.right) for e in res.equations]


def test_the_demo_leaves_current_work_with_clocks_around_today(demo_loaded):
    today = timezone.localdate()
    open_clocks = Deadline.objects.filter(rule__startswith="legalaid.", state__in=["running", "overdue"])
    assert open_clocks.filter(due__lt=today).exists()  # something overdue
    assert open_clocks.filter(due__gte=today).count() >= 4  # and due soon or later
    assert LegalAidCase.objects.filter(state="refusal_objected").exists()
    assert Consultation.objects.filter(callback_requested=True, callback_done_on__isnull=True).count() == 3


def test_loading_the_demo_twice_changes_nothing(demo_loaded):
    before = (LegalAidCase.objects.count(), Consultation.objects.count())
    demo.load(demo_loaded, io.StringIO())
    assert (LegalAidCase.objects.count(), Consultation.objects.count()) == before


def test_the_demo_has_a_duty_schedule_around_today(demo_loaded):
    from sifa.legalaid.models import DutyShift

    today = timezone.localdate()
    shifts = DutyShift.objects.all()
    assert shifts.filter(on__gte=today, served__isnull=True).exists()  # planned
    assert shifts.filter(on__lt=today, served=True, helps__isnull=False).exists()  # served, with help
    assert shifts.filter(served=False).count() == 1
    assert {s.place.kind for s in shifts} >= {"legal_aid_centre", "justice_office"}

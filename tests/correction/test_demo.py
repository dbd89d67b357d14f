"""The demo reproduces the seed's correction figures for 2022-01-01..10-31 (脱管 and 漏管 0 from records that hold
late-but-caught cases), leaves work around today, and loads once."""

from __future__ import annotations

import io
import time
from datetime import date

import pytest
from django.db.models import F as models_f
from django.utils import timezone

from sifa.core import metrics
from sifa.core.models import Deadline
from sifa.correction import demo
from sifa.correction.models import Contact, Release, Supervisee
from tests.conftest import load_demo

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo_loaded(module_db):
    from sifa.demo import parts

    with module_db():
        units = load_demo()  # the district: units, users, holidays
        started = time.monotonic()
        parts.load(units, io.StringIO(), only=["correction"])
        units["_seconds"] = time.monotonic() - started  # the line's part alone
        return units


def test_the_demo_reproduces_the_seed_figures(demo_loaded):
    res = metrics.compute(date(2022, 1, 1), date(2022, 10, 31), demo_loaded["PT"], lines=["correction"])
    v = res.flat()
    assert v["correction.thematic_sessions"] == 123
    assert v["correction.individual_education"] == 9600
    assert v["correction.public_welfare"] == 290
    assert v["correction.learning_hours"] == 11958
    assert v["correction.counselling"] == 74
    assert v["correction.out_of_supervision"] == 0
    assert v["correction.missed_intake"] == 0
    assert all(e.holds for e in res.equations)


def test_the_zeros_come_from_records_with_near_misses(demo_loaded):
    """Some reported in late but within the grace, some contacts were met late but before the threshold."""
    v = metrics.compute(date(2022, 1, 1), date(2022, 10, 31), demo_loaded["PT"], lines=["correction"]).flat()
    assert v["correction.contacts_late"] > 0
    assert v["correction.contacts_due"] > 1000
    late = Supervisee.objects.filter(reported_on__gt=models_f("report_due"), missed_intake=False)
    assert late.exists()
    assert not Contact.objects.filter(lost=True).exists()


def test_the_demo_leaves_current_work_around_today(demo_loaded):
    today = timezone.localdate()
    open_clocks = Deadline.objects.filter(rule__startswith="correction.", state__in=["running", "overdue"])
    assert open_clocks.filter(due__lt=today).exists()  # a report-in overdue
    assert Contact.objects.filter(met_on__isnull=True, cancelled_on__isnull=True, due_on__lt=today).exists()
    assert Supervisee.objects.filter(state="ended", end_number__gt="").exists()
    assert Release.objects.filter(hand_over="pending").count() == 2


def test_loading_the_demo_twice_changes_nothing_and_it_is_fast(demo_loaded):
    before = (Supervisee.objects.count(), Contact.objects.count())
    demo.load(demo_loaded, io.StringIO())
    assert (Supervisee.objects.count(), Contact.objects.count()) == before
    assert demo_loaded["_seconds"] < 30




"""The demo's 2022 reproduces the seed report's figures exactly, built through the services."""

from __future__ import annotations

import io
from datetime import date

import pytest

from sifa.core import metrics
from sifa.reconsideration.models import Application, State
from tests.conftest import load_demo

SEED = {
    "reconsideration.received": 302, "reconsideration.pre_acceptance_resolved": 35, "reconsideration.accepted": 252,
    "reconsideration.not_accepted": 15, "reconsideration.concluded": 242,
    "reconsideration.carried_over_concluded": 60, "reconsideration.mediated": 124,
    "reconsideration.direct_corrections": 13, "reconsideration.resolution_rate": 51.2,
    "reconsideration.hearings_interviews": 97,
}


pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(module_db):
    """The demo district with the line's demo, built once for the module's tests."""
    with module_db():
        return load_demo("reconsideration")


def test_the_demo_reproduces_the_seed_figures_for_2022(demo):
    units = demo
    res = metrics.compute(date(2022, 1, 1), date(2022, 10, 31), units["PT"], lines=["reconsideration"])
    values = res.flat()
    assert {k: values[k] for k in SEED} == SEED
    assert all(e.holds for e in res.equations)


def test_the_demo_has_current_work_with_due_soon_and_overdue_clocks(demo):
    from sifa.core.models import Deadline

    assert Application.objects.filter(received_on__year=2026, state=State.RECEIVED).count() >= 3
    assert Deadline.objects.filter(state="overdue", rule__startswith="reconsideration.").exists()
    # The current work is dated around the end of November 2026: clocks fall due then. Once that week has passed
    # (the test runs on any day) they are overdue rather than running, so either state counts.
    assert Deadline.objects.filter(state__in=("running", "overdue"), due__range=(date(2026, 11, 28), date(2026, 12, 3)),
                                   rule__startswith="reconsideration.").exists()
    # 2022's cases are all concluded
    assert not Application.objects.filter(received_on__year=2022, closed_on__isnull=True).exists()


def test_the_demo_loads_once(demo):
    from sifa.reconsideration import demo as demo_line

    before = Application.objects.count()
    demo_line.load(demo, io.StringIO())
    assert Application.objects.count() == before

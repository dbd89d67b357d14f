"""The demo's 2022 equals the seed report, built through the services, with current work around today."""

from __future__ import annotations

import io
from datetime import date

from sifa.core import audit, clocks
from sifa.core import metrics as core_metrics
from sifa.core.models import Deadline
from sifa.mediation import demo
from sifa.mediation.models import Campaign, Dispute, DisputeState, Reception


def test_the_demo_reproduces_the_seed_and_leaves_work_in_progress(units):
    demo.load(units, io.StringIO())
    figures = core_metrics.compute(date(2022, 1, 1), date(2022, 10, 31), units["PT"], lines=["mediation"]).flat()
    assert {k: figures[k] for k in demo.SEED} == demo.SEED
    assert figures["mediation.success_rate"] == 96.61
    assert figures["mediation.amount_agreed"] > 0 and figures["mediation.risk_averted"] > 0
    # the agreed keys are all registered
    for key in ["accepted", "successful", "success_rate", "centre_accepted", "centre_successful",
                "prelitigation_started", "prelitigation_successful", "campaigns", "cases_selected", "cases_published"]:
        core_metrics.metric(f"mediation.{key}")
    assert audit.verify().ok
    # current work: court periods overdue and due soon, disputes in mediation, a campaign with pending findings
    today = date(2026, 11, 28)
    open_clocks = Deadline.objects.filter(state__in=["running", "overdue"], rule__startswith="mediation.")
    assert open_clocks.filter(due__lt=today).exists()
    assert open_clocks.filter(due__gte=today, due__lte=clocks.due_soon_threshold(today)).exists()
    assert Dispute.objects.filter(state=DisputeState.MEDIATING, opened_on__year=2026).exists()
    assert Reception.objects.filter(opened_on__year=2026, state="routed").exists()
    assert Campaign.objects.filter(held_on__year=2026, findings__state="pending").exists()
    # loading again changes nothing
    before = Dispute.objects.count()
    demo.load(units, io.StringIO())
    assert Dispute.objects.count() == before

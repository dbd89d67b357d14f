"""The generator writes a consistent world: the audit chain verifies, clocks agree with their cases and
rules, numbers continue their series, history exists — on SQLite (executemany) and PostgreSQL (COPY)."""

from __future__ import annotations

from datetime import date

import pytest
from bench.lines import available
from django.contrib.contenttypes.models import ContentType

from bench import seed as seeding
from sifa.core import audit, clocks
from sifa.core.models import AuditEvent, Deadline, NumberSeries
from sifa.core.models.clocks import DeadlineState

TODAY = date(2026, 11, 28)
pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(district):
    if not available():
        pytest.skip("no business line with a generator plugin is installed yet")
    audit.record(None, "bench.before", None, summary="an event written before the generator runs")
    return seeding.seed("tiny", today=TODAY)


def test_every_installed_line_gets_cases(seeded):
    lines = available()
    for p in lines:
        assert p.model.objects.count() > 0, p.line
    assert seeded.cases == sum(p.model.objects.count() for p in lines)


def test_the_audit_chain_continues_and_verifies(seeded):
    result = audit.verify()
    assert result.ok, result.reason
    assert result.verified == AuditEvent.objects.count() == seeded.events + 1
    assert AuditEvent.objects.get(seq=1).action == "bench.before"


def test_audit_events_follow_time_order_within_the_chain(seeded):
    ats = list(AuditEvent.objects.order_by("seq").values_list("at", flat=True)[1:])
    assert ats == sorted(ats)


def test_clocks_follow_their_rules_and_their_cases(seeded):
    assert Deadline.objects.exists()
    for d in Deadline.objects.all()[:300]:
        rule = clocks.rule_for(d.rule, d.start)
        assert d.due == clocks.compute_due(rule=rule, start=d.start)
        case = ContentType.objects.get_for_id(d.content_type_id).get_object_for_this_type(pk=d.object_id)
        assert d.unit_id == case.unit_id
        if d.state == DeadlineState.MET:
            assert d.met_on is not None
        elif d.state == DeadlineState.RUNNING:
            assert d.due >= TODAY
        elif d.state == DeadlineState.OVERDUE:
            assert d.due < TODAY


def test_cases_have_history_from_their_opening(seeded):
    for p in available():
        case = p.model.objects.order_by("pk").first()
        kinds = list(case.history.order_by("history_date").values_list("history_type", flat=True))
        assert kinds[0] == "+"


def test_number_series_end_at_the_last_number_given(seeded):
    for s in NumberSeries.objects.all():
        assert s.last > 0
    for p in available():
        numbered = p.model.objects.exclude(number="")
        assert numbered.values("number").distinct().count() == numbered.count()


def test_the_same_seed_gives_the_same_cases(district):
    from bench.seed import Generator

    def first_rows(seed):
        g = Generator(size=10, seed=seed, today=TODAY)
        return [g.person_name() for _ in range(20)], [g.day_in(date(2022, 3, 1)) for _ in range(20)]

    assert first_rows(7) == first_rows(7)
    assert first_rows(7) != first_rows(8)

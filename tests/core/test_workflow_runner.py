"""The line kit's runner: one transaction takes a step — guard, effect, state, clocks as data, audit, locking —
and every refusal is one error type that lands on the field it concerns."""

from __future__ import annotations

from datetime import date

import pytest
from django import forms
from django.db import models

from sifa.core import clocks
from sifa.core.clocks import DAYS, WORKING_DAYS, Rule
from sifa.core.lists import filter_due, with_clocks
from sifa.core.locking import ConflictError
from sifa.core.models import AuditEvent
from sifa.core.steps import StepForm, add_error
from sifa.core.workflow import (
    Close,
    Extend,
    Meet,
    Pause,
    Resume,
    Start,
    StepError,
    Transition,
    TransitionNotAllowed,
    Workflow,
)

pytestmark = pytest.mark.usefixtures("english")

REVIEW = Rule(key="kit.review", label="Review", length=5, unit=WORKING_DAYS, basis="FY 30")
DECISION = Rule(key="kit.decision", label="Decision", length=60, unit=DAYS, basis="FY 62", max_extension=30)


class S(models.TextChoices):
    RECEIVED = "received", "Received"
    HEARING = "hearing", "Hearing"
    SUSPENDED = "suspended", "Suspended"
    DECIDED = "decided", "Decided"


class DecideForm(StepForm):
    outcome = forms.CharField()


def _record_outcome(case, data, *, on, by):
    if data.get("outcome") == "bad":
        raise StepError("an outcome no law knows", field="outcome")
    case.title = data["outcome"]


def _flow() -> Workflow:
    return Workflow(states=S, event_prefix="kit", transitions=[
        Transition("accept", "Accept", (S.RECEIVED,), S.HEARING, "core.view_unit", basis="FY 30",
                   not_before=(("opened_on", "the receipt"),), event="accepted",
                   clocks=(Meet("kit.review"), Start("kit.decision"))),
        Transition("suspend", "Suspend", (S.HEARING,), S.SUSPENDED, "core.view_unit",
                   clocks=(Pause("kit.decision", reason="suspended"),)),
        Transition("resume", "Resume", (S.SUSPENDED,), S.HEARING, "core.view_unit",
                   clocks=(Resume("kit.decision"),)),
        Transition("extend", "Extend", (S.HEARING,), None, "core.view_unit", clocks=(Extend("kit.decision"),)),
        Transition("decide", "Decide", (S.HEARING,), S.DECIDED, "core.view_unit", form=DecideForm,
                   effect=_record_outcome, closes=True, clocks=(Close("kit.decision", reason="decided"),),
                   guards=(lambda case, on: "not before the 2nd" if on < date(2024, 10, 2) else None,)),
        Transition("deem", "Deem accepted", (S.RECEIVED,), S.HEARING, "core.view_unit", manual=False),
    ])


@pytest.fixture
def kit_rules(rules):
    rules(REVIEW, DECISION)


@pytest.fixture
def received(make_dossier, kit_rules, users):
    case = make_dossier(title="t", opened_on=date(2024, 9, 27))
    clocks.start(case, rule="kit.review", start=date(2024, 9, 27), by=users["handler"])
    return case


@pytest.mark.django_db
def test_a_step_moves_state_and_clocks_as_the_table_says_and_is_audited(received, users):
    flow = _flow()
    flow.run(received, "accept", by=users["handler"], on=date(2024, 9, 30), expected_version=received.version)
    assert received.state == "hearing" and received.version == 2  # one step, one version
    review = clocks.for_case(received).get(rule="kit.review")
    decision = clocks.current(received, "kit.decision")
    assert review.state == "met" and decision.is_open and decision.start == date(2024, 9, 30)
    event = AuditEvent.objects.filter(action="kit.accepted").get()
    assert event.object_id == str(received.pk)


@pytest.mark.django_db
def test_pause_resume_extend_and_close_are_data_too(received, users):
    flow, by = _flow(), users["handler"]
    flow.run(received, "accept", by=by, on=date(2024, 9, 30))
    due = clocks.current(received, "kit.decision").due
    flow.run(received, "suspend", by=by, on=date(2024, 10, 1))
    flow.run(received, "resume", by=by, on=date(2024, 10, 11))
    assert clocks.current(received, "kit.decision").due > due
    flow.run(received, "extend", by=by, on=date(2024, 10, 12), data={"days": 10, "reason": "complex"})
    d = clocks.current(received, "kit.decision")
    assert d.extensions and d.extensions[0]["days"] == 10
    flow.run(received, "decide", by=by, on=date(2024, 10, 14), data={"outcome": "upheld"})
    assert (received.state, received.title, received.closed_on) == ("decided", "upheld", date(2024, 10, 14))
    assert clocks.for_case(received).get(rule="kit.decision").state == "met"


@pytest.mark.django_db
def test_a_refusal_leaves_nothing_half_done(received, users):
    flow, by = _flow(), users["handler"]
    flow.run(received, "accept", by=by, on=date(2024, 9, 30))
    with pytest.raises(StepError) as info:
        flow.run(received, "decide", by=by, on=date(2024, 10, 14), data={"outcome": "bad"})
    assert info.value.field == "outcome"
    assert received.state == "hearing" and received.title == "t" and received.closed_on is None
    assert clocks.current(received, "kit.decision").state in ("running", "overdue")  # as before the step


@pytest.mark.django_db
def test_guards_state_dates_and_permissions_refuse_with_a_reason(received, users):
    flow, by = _flow(), users["handler"]
    with pytest.raises(StepError, match="before the receipt") as info:
        flow.run(received, "accept", by=by, on=date(2024, 9, 1))
    assert info.value.field == "on"
    with pytest.raises(TransitionNotAllowed, match="cannot be done while the case is “Received”"):
        flow.run(received, "decide", by=by, on=date(2024, 10, 14), data={"outcome": "x"})
    flow.run(received, "accept", by=by, on=date(2024, 9, 30))
    with pytest.raises(TransitionNotAllowed, match="not before the 2nd"):
        flow.run(received, "decide", by=by, on=date(2024, 10, 1), data={"outcome": "x"})
    with pytest.raises(TransitionNotAllowed, match="You may not"):
        flow.run(received, "suspend", by=_Nobody(), on=date(2024, 10, 1))


class _Nobody:
    is_authenticated = False

    def has_perm(self, perm):
        return False


@pytest.mark.django_db
def test_a_stale_version_is_a_conflict(received, users):
    flow = _flow()
    with pytest.raises(ConflictError):
        flow.run(received, "accept", by=users["handler"], on=date(2024, 9, 30), expected_version=received.version - 1)
    assert received.state == "received"


@pytest.mark.django_db
def test_a_sweep_step_is_not_offered_and_clock_errors_become_step_errors(received, users):
    flow = _flow()
    assert "deem" not in [t.name for t in flow.available(received, users["handler"], on=date(2024, 9, 30))]
    flow.run(received, "accept", by=users["handler"], on=date(2024, 9, 30))
    with pytest.raises(StepError, match="30"):  # beyond the rule's max_extension
        flow.run(received, "extend", by=users["handler"], on=date(2024, 10, 1), data={"days": 31, "reason": "r"})


def test_the_table_describes_its_clock_effects_in_words(kit_rules):
    rows = {r["name"]: r for r in _flow().table()}
    assert rows["accept"]["clocks"] == "meets Review；starts Decision"
    assert rows["decide"]["clocks"] == "meets Decision and stops every other clock"
    assert rows["deem"]["manual"] is False


@pytest.mark.django_db
def test_errors_land_on_the_field_they_concern(received, users):
    form = DecideForm({"on": "2024-10-14", "version": 1, "outcome": "x"}, case=received, user=users["handler"])
    assert form.is_valid()
    assert add_error(form, StepError("no", field="outcome")) and form.errors["outcome"] == ["no"]
    assert add_error(form, StepError("whole")) and "whole" in form.non_field_errors()
    assert not add_error(form, RuntimeError("bug"))


@pytest.mark.django_db
def test_one_definition_of_overdue_and_next_due(received, users, dossier_model):
    flow = _flow()
    flow.run(received, "accept", by=users["handler"], on=date(2024, 9, 30))
    decision_due = clocks.current(received, "kit.decision").due
    rows = with_clocks(dossier_model.objects.filter(pk=received.pk), today=date(2024, 10, 1))
    assert rows.get().next_due == decision_due and rows.get().is_overdue is False
    late = decision_due.replace(year=decision_due.year + 1)
    assert filter_due(dossier_model.objects.all(), "overdue", today=late).get() == received
    flow.run(received, "suspend", by=users["handler"], on=date(2024, 10, 1))  # a paused clock is not overdue
    assert not filter_due(dossier_model.objects.all(), "overdue", today=late).exists()


def test_a_close_names_lazily_translated_rules(rules):
    from django.utils.translation import gettext_lazy

    rules(Rule(key="kit.lazy", label=gettext_lazy("Decision"), length=5, unit=DAYS, basis="b"))
    assert Close("kit.lazy").describe() == "meets Decision and stops every other clock"

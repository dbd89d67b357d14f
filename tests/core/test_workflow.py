"""The declarative transition table: illegal transitions are refused with a message saying why."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.db import models

from sifa.core.workflow import Transition, TransitionNotAllowed, Workflow

pytestmark = pytest.mark.usefixtures("english")


class State(models.TextChoices):
    RECEIVED = "received", "Received"
    ACCEPTED = "accepted", "Accepted"
    CLOSED = "closed", "Closed"


def _flow() -> Workflow:
    return Workflow(states=State, transitions=[
        Transition("accept", "Accept", (State.RECEIVED,), State.ACCEPTED, "test.accept", basis="FY 30"),
        Transition("close", "Close", (State.ACCEPTED,), State.CLOSED, "test.close",
                   guards=(lambda case: None if case.decided else "no decision has been issued",)),
        Transition("note", "Add a note", ("*",), None, "test.note"),
    ])


class Person:
    def __init__(self, *perms):
        self.perms = set(perms)

    def has_perm(self, perm):
        return perm in self.perms


def test_a_transition_moves_the_case_to_its_target():
    case = SimpleNamespace(state=State.RECEIVED, decided=False)
    _flow().apply(case, "accept", Person("test.accept"))
    assert case.state == State.ACCEPTED


def test_a_transition_from_the_wrong_state_says_which_states_allow_it():
    case = SimpleNamespace(state=State.CLOSED, decided=True)
    with pytest.raises(TransitionNotAllowed, match="“Accept” cannot be done while the case is “Closed”.*Received"):
        _flow().check(case, "accept")


def test_a_user_without_the_permission_is_refused():
    with pytest.raises(TransitionNotAllowed, match="You may not “Accept”"):
        _flow().check(SimpleNamespace(state=State.RECEIVED), "accept", Person())


def test_a_guard_gives_its_reason_and_hides_the_transition():
    case = SimpleNamespace(state=State.ACCEPTED, decided=False)
    with pytest.raises(TransitionNotAllowed, match="no decision has been issued"):
        _flow().check(case, "close")
    user = Person("test.close", "test.note")
    assert [t.name for t in _flow().available(case, user)] == ["note"]
    case.decided = True
    assert [t.name for t in _flow().available(case, user)] == ["close", "note"]


def test_a_step_within_a_state_keeps_the_state_and_unknown_actions_are_refused():
    case = SimpleNamespace(state=State.ACCEPTED)
    _flow().apply(case, "note")
    assert case.state == State.ACCEPTED
    with pytest.raises(TransitionNotAllowed, match="no action “reopen”"):
        _flow().check(case, "reopen")


def test_a_table_naming_an_unknown_state_is_refused_when_built():
    with pytest.raises(ValueError, match="unknown states: decided"):
        Workflow(states=State, transitions=[Transition("x", "X", (State.RECEIVED,), "decided", "p")])
    with pytest.raises(ValueError, match="twice"):
        Workflow(states=State, transitions=[Transition("x", "X", ("*",), None, "p")] * 2)


def test_the_table_reads_as_rows():
    rows = _flow().table()
    assert rows[0] == {"name": "accept", "label": "Accept", "from": ["Received"], "to": "Accepted",
                       "permission": "test.accept", "basis": "FY 30", "clocks": "", "manual": True}

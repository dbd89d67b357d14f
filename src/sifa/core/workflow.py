"""A declarative transition table, shared by every line's `workflow.py`.

A line lists its transitions: name, source states, target, who may take it (a permission), its legal
basis, and a note of what it does to the clocks. `Workflow.check` refuses an illegal transition with a
message that says why; `Workflow.available` lists what a user may do in a case's current state.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _


class TransitionNotAllowed(Exception):
    pass


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    source: tuple[str, ...]
    target: str | None  # None: the state does not change (a step within the state)
    permission: str
    basis: str = ""
    clocks: str = ""  # what it does to the clocks, for the reader of the table

    def allowed_from(self, state: str) -> bool:
        return "*" in self.source or state in self.source


class Workflow:
    def __init__(self, *, states, transitions: list[Transition]):
        self.states = states  # a TextChoices class
        self.transitions = {t.name: t for t in transitions}

    def __getitem__(self, name: str) -> Transition:
        return self.transitions[name]

    def state_label(self, state: str) -> str:
        try:
            return str(self.states(state).label)
        except ValueError:
            return state

    def check(self, case, name: str, user=None) -> Transition:
        t = self.transitions[name]
        if not t.allowed_from(case.state):
            raise TransitionNotAllowed(
                _("“%(action)s” cannot be done while the case is “%(state)s”; it is possible only when the case is: "
                  "%(allowed)s.") % {"action": t.label, "state": self.state_label(case.state),
                                     "allowed": "、".join(self.state_label(s) for s in t.source)})
        if user is not None and not user.has_perm(t.permission):
            raise TransitionNotAllowed(_("You may not “%(action)s”.") % {"action": t.label})
        return t

    def apply(self, case, name: str, user=None) -> Transition:
        t = self.check(case, name, user)
        if t.target is not None:
            case.state = t.target
        return t

    def available(self, case, user) -> list[Transition]:
        return [t for t in self.transitions.values() if t.allowed_from(case.state) and user.has_perm(t.permission)]

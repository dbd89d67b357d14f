"""A declarative transition table, shared by every line's `workflow.py`.

A line lists its transitions: name, source states, target, who may take it (a permission), its legal
basis, a note of what it does to the clocks, and optional guards (conditions on the case that must hold,
each returning the reason it fails or None). `Workflow.check` refuses an illegal transition with a message
that says why; `Workflow.available` lists what a user may do in a case's current state. The table is
checked when it is built: every source and target must be a state of the line.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _

ANY = "*"


class TransitionNotAllowed(Exception):
    """Refused, with a message (in the user's language) saying why."""

    def __init__(self, message: str, *, transition: str = ""):
        super().__init__(message)
        self.message = message
        self.transition = transition


Guard = Callable[[object], "str | None"]


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    source: tuple[str, ...]
    target: str | None  # None: the state does not change (a step within the state)
    permission: str
    basis: str = ""
    clocks: str = ""  # what it does to the clocks, for the reader of the table
    guards: tuple[Guard, ...] = ()  # each returns why the case may not take the transition, or None

    def allowed_from(self, state: str) -> bool:
        return ANY in self.source or state in self.source


class Workflow:
    def __init__(self, *, states, transitions: list[Transition]):
        self.states = states  # a TextChoices class
        self.transitions: dict[str, Transition] = {}
        known = {str(v) for v in getattr(states, "values", ())}
        for t in transitions:
            if t.name in self.transitions:
                raise ValueError(f"transition {t.name} is declared twice")
            unknown = [s for s in (*t.source, t.target) if s is not None and s != ANY and s not in known]
            if known and unknown:
                raise ValueError(f"transition {t.name} names unknown states: {', '.join(unknown)}")
            self.transitions[t.name] = t

    def __getitem__(self, name: str) -> Transition:
        return self.transitions[name]

    def __iter__(self):
        return iter(self.transitions.values())

    def state_label(self, state: str) -> str:
        try:
            return str(self.states(state).label)
        except ValueError:
            return state

    def check(self, case, name: str, user=None) -> Transition:
        """The transition, if the case may take it now (and the user, when given, may take it); else
        TransitionNotAllowed saying why."""
        t = self.transitions.get(name)
        if t is None:
            raise TransitionNotAllowed(_("There is no action “%(name)s”.") % {"name": name}, transition=name)
        if not t.allowed_from(case.state):
            raise TransitionNotAllowed(
                _("“%(action)s” cannot be done while the case is “%(state)s”; it is possible only when the case is: "
                  "%(allowed)s.") % {"action": t.label, "state": self.state_label(case.state),
                                     "allowed": "、".join(self.state_label(s) for s in t.source)},
                transition=name)
        if user is not None and not user.has_perm(t.permission):
            raise TransitionNotAllowed(_("You may not “%(action)s”.") % {"action": t.label}, transition=name)
        for guard in t.guards:
            reason = guard(case)
            if reason:
                raise TransitionNotAllowed(_("“%(action)s” cannot be done: %(reason)s") % {
                    "action": t.label, "reason": reason}, transition=name)
        return t

    def apply(self, case, name: str, user=None) -> Transition:
        """Check, then move the case to the target state (the caller saves it through its service)."""
        t = self.check(case, name, user)
        if t.target is not None:
            case.state = t.target
        return t

    def available(self, case, user) -> list[Transition]:
        """What the user may do now: allowed from the current state, permitted, and every guard passing."""
        return [t for t in self.transitions.values()
                if t.allowed_from(case.state) and user.has_perm(t.permission)
                and not any(g(case) for g in t.guards)]

    def table(self) -> list[dict]:
        """The procedure as rows (for documentation pages and the reader who checks the law)."""
        return [{"name": t.name, "label": str(t.label), "from": [self.state_label(s) for s in t.source],
                 "to": self.state_label(t.target) if t.target else "", "permission": t.permission,
                 "basis": t.basis, "clocks": t.clocks} for t in self.transitions.values()]

"""The line kit's procedure table: a line declares its procedure once, and core executes it.

A line lists its transitions, top to bottom as the law reads. Each says:

- `name`, `label`, the `source` states and the `target` (None: a step within the state);
- who may take it (`permission`) and its legal basis (`basis`, in Chinese, with the article);
- its `guards`: conditions beyond the state, each `guard(case, on)` returning why it refuses, or None;
- `not_before`: the case's dates the act may not precede (`("received_on", _("the receipt"))`);
- `clocks`: what it does to the statutory clocks, as data (`Start`, `Meet`, `Pause`, `Resume`, `Extend`,
  `Cancel`, `Close`), which the runner applies after the line's own `effect`;
- `form`: the step form (fields beyond the legal date `on` and the `version` every step form carries);
- `effect(case, data, *, on, by)`: the writes that are really particular to the line (the decision's type,
  a suspension row); `document`: the kind of document the step issues (through the table's `issue` hook);
- `event`: the audit code (default "<app>.<name>"); `manual=False` for a step only a sweep takes.

`Workflow.run(case, name, by=, on=, data=, expected_version=)` is the one service runner: in one
transaction it checks state, permission and guards, applies the effect, the state, the clocks, the
document and the audit event, and saves the case through optimistic locking. Every refusal is a
`StepError` (the one error type, with the field it concerns), which `core.steps` maps onto form fields and
the API onto responses; a stale version is a `core.locking.ConflictError`.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

ANY = "*"


class StepError(Exception):
    """A step refused for a reason the user can act on, in the user's language; `field` names the form field
    it concerns (None: the whole step). The one error type of every line's services."""

    def __init__(self, message, *, field: str | None = None, transition: str = ""):
        super().__init__(str(message))
        self.message = str(message)
        self.field = field
        self.transition = transition


class TransitionNotAllowed(StepError):
    """The state, the user's permission or a guard does not allow the transition now."""


def as_step_error(exc: Exception) -> StepError | None:
    """The kernel's errors that a user can act on, as a StepError (None for any other exception)."""
    from . import calendar as cal
    from . import clocks

    if isinstance(exc, StepError):
        return exc
    if isinstance(exc, cal.CalendarYearUnknown | clocks.ClockError):
        return StepError(str(exc))
    if isinstance(exc, ValidationError):
        if hasattr(exc, "error_dict"):
            name, errors = next(iter(exc.error_dict.items()))
            return StepError(" ".join(m for e in errors for m in e.messages), field=name)
        return StepError(" ".join(exc.messages))
    return None


def not_before(on: date, earlier: date | None, what, *, field: str = "on") -> None:
    """Refuse an act dated before an earlier act of the case it follows."""
    if earlier and on < earlier:
        raise StepError(_("The date %(on)s is before %(what)s (%(earlier)s).") % {
            "on": on, "what": what, "earlier": earlier}, field=field)


# --- clock effects, as data ----------------------------------------------------------------------------

def _rule(ref, case) -> str:
    return ref(case) if callable(ref) else ref


def _date(ref, case, data, on) -> date:
    """`on` by default; a key of the step's data, an attribute of the case, or a function (case, data, on)."""
    if ref is None:
        return on
    if callable(ref):
        return ref(case, data, on)
    value = (data or {}).get(ref) if ref in (data or {}) else getattr(case, ref)
    return value or on


@dataclass(frozen=True)
class ClockEffect:
    op: str
    rule: object = None  # a rule key, or a function of the case giving it; None for Close
    at: object = None  # the day it takes effect: None (the act's date), a data key, a case attribute, a function
    when: Callable | None = None  # (case, data) -> bool: applies only when true
    reason: object = ""
    days: str = "days"  # Extend: the data key with the days
    missing_ok: bool = False
    meets: tuple = ()  # Close: the rules it meets; every other open clock is cancelled
    note: object = ""  # a word for the reader where the data is not enough

    def describe(self) -> str:
        from . import clocks

        def name(ref):
            if callable(ref):
                return str(self.note) or _("the clock for the case")
            try:
                return str(clocks.rule_for(ref, timezone.localdate()).label)
            except clocks.ClockError:
                return ref

        verbs = {"start": _("starts %(clock)s"), "meet": _("meets %(clock)s"), "pause": _("pauses %(clock)s"),
                 "resume": _("resumes %(clock)s"), "extend": _("extends %(clock)s"),
                 "cancel": _("stops %(clock)s")}
        if self.op == "close":
            met = "、".join(name(r) for r in self.meets)
            return (_("meets %(clock)s and stops every other clock") % {"clock": met} if met
                    else _("stops every open clock"))
        text = verbs[self.op] % {"clock": name(self.rule)}
        if self.when is not None and self.note:
            text += f"（{self.note}）"
        return text

    def apply(self, case, data, *, on: date, by) -> None:
        from . import clocks

        if self.when is not None and not self.when(case, data):
            return
        day = _date(self.at, case, data, on)
        reason = str(self.reason(case, data) if callable(self.reason) else self.reason)
        if self.op == "close":
            meets = {_rule(r, case) for r in self.meets}
            for rule in set(clocks.for_case(case).filter(state__in=clocks.OPEN_STATES).values_list("rule", flat=True)):
                if rule in meets:
                    clocks.meet(case, rule=rule, on=day, by=by)
                else:
                    clocks.cancel(case, rule=rule, on=day, by=by, reason=reason)
            return
        rule = _rule(self.rule, case)
        if self.op == "start":
            clocks.start(case, rule=rule, start=day, by=by)
        elif self.op == "meet":
            clocks.meet(case, rule=rule, on=day, by=by, missing_ok=self.missing_ok)
        elif self.op == "pause":
            clocks.pause(case, rule=rule, on=day, by=by, reason=reason)
        elif self.op == "resume":
            clocks.resume(case, rule=rule, on=day, by=by)
        elif self.op == "extend":
            clocks.extend(case, rule=rule, days=int(data[self.days]), approver=by,
                          reason=reason or str(data.get("reason", "")), on=day, by=by)
        elif self.op == "cancel":
            clocks.cancel(case, rule=rule, on=day, by=by, reason=reason, missing_ok=True)
        else:  # pragma: no cover - the constructors below are the only way in
            raise ValueError(self.op)


def Start(rule, *, at=None, when=None, note="") -> ClockEffect:  # noqa: N802 - read as a table's verbs
    return ClockEffect("start", rule, at=at, when=when, note=note)


def Meet(rule, *, at=None, when=None, missing_ok=False, note="") -> ClockEffect:  # noqa: N802
    return ClockEffect("meet", rule, at=at, when=when, missing_ok=missing_ok, note=note)


def Pause(rule, *, reason="", at=None, when=None, note="") -> ClockEffect:  # noqa: N802
    return ClockEffect("pause", rule, at=at, when=when, reason=reason, note=note)


def Resume(rule, *, at=None, when=None, note="") -> ClockEffect:  # noqa: N802
    return ClockEffect("resume", rule, at=at, when=when, note=note)


def Extend(rule, *, days="days", reason="", when=None, note="") -> ClockEffect:  # noqa: N802
    return ClockEffect("extend", rule, days=days, reason=reason, when=when, note=note)


def Cancel(rule, *, reason="", at=None, when=None, note="") -> ClockEffect:  # noqa: N802
    return ClockEffect("cancel", rule, at=at, when=when, reason=reason, note=note)


def Close(*meets, reason="", at=None, when=None, note="") -> ClockEffect:  # noqa: N802
    """Meets the clocks of `meets` that are open and stops every other open clock of the case."""
    return ClockEffect("close", None, at=at, when=when, reason=reason, meets=tuple(meets), note=note)


# --- the table ---------------------------------------------------------------------------------------------

Guard = Callable[[object, date], "str | None"]


def _two_arguments(guard: Callable) -> Guard:
    """Guards take (case, on); a guard written for the case alone is adapted once, here."""
    try:
        params = inspect.signature(guard).parameters
    except (TypeError, ValueError):
        return guard
    if len(params) >= 2:
        return guard

    @functools.wraps(guard)
    def adapted(case, on):
        return guard(case)

    return adapted


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    source: tuple[str, ...]
    target: str | None  # None: the state does not change (a step within the state)
    permission: str
    basis: str = ""
    clocks: tuple[ClockEffect, ...] | str = ()  # effects as data; a str is a note for the reader only
    guards: tuple[Guard, ...] = ()  # each returns why the case may not take the transition, or None
    form: object = None  # the step form class (or its dotted path); None: the date and version only
    effect: Callable | None = None  # (case, data, *, on, by) -> result: the line's particular writes
    not_before: tuple[tuple[str, object], ...] = ()  # (case attribute, what it is) the act may not precede
    document: str = ""  # the kind of document issued, through the table's `issue` hook
    event: str = ""  # the audit code; default "<prefix>.<name>"
    summary: Callable | None = None  # (case, data, result) -> the audit event's summary
    manual: bool = True  # False: taken by a sweep only, never offered to a user
    closes: bool = False  # sets the case's closed_on to the act's date
    date_label: object = ""  # the label of the act's date on its form ("受理日期"); default "<label>日期"
    extra: dict = field(default_factory=dict, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "guards", tuple(_two_arguments(g) for g in self.guards))

    def allowed_from(self, state: str) -> bool:
        return ANY in self.source or state in self.source

    @property
    def effects(self) -> tuple[ClockEffect, ...]:
        return () if isinstance(self.clocks, str) else tuple(self.clocks)

    def clocks_text(self) -> str:
        """What the step does to the clocks, in the user's language (for the action's page and the table)."""
        if isinstance(self.clocks, str):
            return self.clocks
        return "；".join(e.describe() for e in self.clocks)

    def form_class(self, default=None):
        if isinstance(self.form, str):
            from django.utils.module_loading import import_string

            return import_string(self.form)
        return self.form or default


_REGISTRY: dict[str, Workflow] = {}


def registered() -> dict[str, Workflow]:
    """Every case model's procedure table, by model label ("reconsideration.application"): each line's
    `workflow.py` is imported (found in every installed app), and a table built with `model=` registers itself."""
    from django.utils.module_loading import autodiscover_modules

    autodiscover_modules("workflow")
    return dict(_REGISTRY)


def for_model(model) -> Workflow | None:
    return registered().get(model._meta.label_lower)


class Workflow:
    """A line's procedure: its states and its transitions, checked when built (every source and target must be a
    state of the line), and executed by `run`."""

    def __init__(self, *, states, transitions: list[Transition], event_prefix: str = "",
                 issue: Callable | None = None, model=None, url_name: str = ""):
        self.states = states  # a TextChoices class
        self.model = model  # the case model it governs: registered for the action API and the kit's pages
        self.url_name = url_name  # the line's action page, reversed with (case pk, transition name)
        self.event_prefix = event_prefix
        self.issue = issue  # (case, kind, *, on, by, ref) -> document
        self.transitions: dict[str, Transition] = {}
        known = {str(v) for v in getattr(states, "values", ())}
        for t in transitions:
            if t.name in self.transitions:
                raise ValueError(f"transition {t.name} is declared twice")
            unknown = [s for s in (*t.source, t.target) if s is not None and s != ANY and s not in known]
            if known and unknown:
                raise ValueError(f"transition {t.name} names unknown states: {', '.join(unknown)}")
            if t.document and issue is None:
                raise ValueError(f"transition {t.name} issues a document but the table has no issue hook")
            self.transitions[t.name] = t
        if model is not None:
            _REGISTRY[model._meta.label_lower] = self

    def __getitem__(self, name: str) -> Transition:
        return self.transitions[name]

    def __contains__(self, name: str) -> bool:
        return name in self.transitions

    def __iter__(self):
        return iter(self.transitions.values())

    def state_label(self, state: str) -> str:
        try:
            return str(self.states(state).label)
        except ValueError:
            return state

    def check(self, case, name: str, user=None, on: date | None = None) -> Transition:
        """The transition, if the case may take it on `on` (and the user, when given, may take it); else
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
        on = on or timezone.localdate()
        for guard in t.guards:
            reason = guard(case, on)
            if reason:
                raise TransitionNotAllowed(_("“%(action)s” cannot be done: %(reason)s") % {
                    "action": t.label, "reason": reason}, transition=name)
        return t

    def apply(self, case, name: str, user=None, on: date | None = None) -> Transition:
        """Check, then move the case to the target state (for a service that saves the case itself)."""
        t = self.check(case, name, user, on)
        if t.target is not None:
            case.state = t.target
        return t

    def available(self, case, user, on: date | None = None) -> list[Transition]:
        """What the user may do now: a manual step, allowed from the current state, permitted, every guard passing."""
        on = on or timezone.localdate()
        return [t for t in self.transitions.values()
                if t.manual and t.allowed_from(case.state) and user.has_perm(t.permission)
                and not any(g(case, on) for g in t.guards)]

    def event_code(self, case, t: Transition) -> str:
        """The audit code a step writes: its `event` when that is a whole code (it has a dot), else the table's
        prefix (or the case's app) and the event or step name."""
        prefix = self.event_prefix or (self.model or case)._meta.app_label
        return t.event if "." in t.event else f"{prefix}.{t.event or t.name}"

    def event_codes(self) -> set[str]:
        """Every audit code the table's steps write (for the test that each has a name)."""
        return {self.event_code(self.model, t) for t in self.transitions.values()}

    def run(self, case, name: str, *, by, on: date | None = None, data: dict | None = None,
            expected_version: int | None = None, check_permission: bool = True):
        """Take a step: check, effect, state, clocks, document, save (refusing a stale version) and the audit
        event, all in one transaction. Returns what the line's effect returned (or the case). A refusal is a
        StepError; the case object gets its stored values back, so nothing half-done stays in memory either."""
        from . import audit
        from .locking import save_versioned

        data = dict(data or {})
        on = on or data.get("on") or timezone.localdate()
        try:
            with transaction.atomic():
                t = self.check(case, name, by if check_permission else None, on)
                for attr, what in t.not_before:
                    not_before(on, getattr(case, attr), what)
                result = t.effect(case, data, on=on, by=by) if t.effect else None
                if t.target is not None:
                    case.state = t.target
                if t.closes:
                    case.closed_on = on
                for effect in t.effects:
                    effect.apply(case, data, on=on, by=by)
                if t.document:
                    self.issue(case, t.document, on=on, by=by, ref=data.get("_document_ref"))
                save_versioned(case, expected_version=expected_version, by=by)
                summary = t.summary(case, data, result) if t.summary else str(case)
                audit.record(by, self.event_code(case, t), case, summary=str(summary)[:200],
                             payload=_payload(data))
        except Exception as exc:
            if getattr(case, "pk", None):
                case.refresh_from_db()
            error = as_step_error(exc)
            if error is not None and error is not exc:
                raise error from exc
            raise
        return case if result is None else result

    def table(self) -> list[dict]:
        """The procedure as rows (for documentation pages and the reader who checks the law)."""
        return [{"name": t.name, "label": str(t.label), "from": [self.state_label(s) for s in t.source],
                 "to": self.state_label(t.target) if t.target else "", "permission": t.permission,
                 "basis": t.basis, "clocks": t.clocks_text(), "manual": t.manual}
                for t in self.transitions.values()]


def _payload(data: dict) -> dict:
    """What of the step's data goes into the audit event: plain values, never personal numbers or files."""
    out = {}
    for key, value in data.items():
        if key.startswith("_") or key in ("version", "id_number", "phone"):
            continue
        if isinstance(value, str | int | float | bool | date) or value is None:
            out[key] = value
        elif hasattr(value, "pk"):
            out[key] = str(value)
    return out


__all__ = ["ANY", "Cancel", "ClockEffect", "Close", "Extend", "Meet", "Pause", "Resume", "Start", "StepError",
           "Transition", "TransitionNotAllowed", "Workflow", "as_step_error", "for_model", "not_before", "registered"]


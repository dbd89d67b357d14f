"""Statutory clocks: a registry of rules, one `Deadline` row per running time limit, and the sweep.

A rule has a key, a length and a counting unit, its legal basis and an effective period; a clock follows
the rule in force on the day it starts. The due date is derived from the stored history (start, pauses,
extensions) every time it changes, never typed in, and a clock explains itself in one sentence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import audit
from . import calendar as cal
from .models import Deadline
from .models.clocks import DeadlineState

WORKING_DAYS = "working_days"
DAYS = "days"
MONTHS = "months"
UNIT_LABELS = {WORKING_DAYS: gettext_lazy("working days"), DAYS: gettext_lazy("days"),
               MONTHS: gettext_lazy("months")}


class ClockError(ValueError):
    pass


@dataclass(frozen=True)
class Rule:
    key: str
    label: str
    length: int
    unit: str
    basis: str
    effective_from: date = date(1990, 1, 1)
    effective_to: date | None = None
    max_extension: int = 0  # in days of the rule's unit (calendar days for month rules)
    extension_basis: str = ""
    note: str = ""

    def in_force(self, on: date) -> bool:
        return self.effective_from <= on and (self.effective_to is None or on <= self.effective_to)


_REGISTRY: dict[str, list[Rule]] = {}


def register(*rules: Rule) -> None:
    for rule in rules:
        versions = [r for r in _REGISTRY.get(rule.key, []) if r.effective_from != rule.effective_from]
        versions.append(rule)
        _REGISTRY[rule.key] = sorted(versions, key=lambda r: r.effective_from)


def rules() -> list[Rule]:
    return [r for key in sorted(_REGISTRY) for r in _REGISTRY[key]]


def rule_for(key: str, on: date) -> Rule:
    versions = _REGISTRY.get(key)
    if not versions:
        raise ClockError(_("No clock rule is registered as %(key)s.") % {"key": key})
    for r in reversed(versions):
        if r.in_force(on):
            return r
    raise ClockError(_("The rule %(key)s was not in force on %(date)s.") % {"key": key, "date": on})


# --- the arithmetic ------------------------------------------------------------------------------

def _closed_pauses(pauses: list[dict]) -> list[tuple[date, date]]:
    return [(date.fromisoformat(p["from"]), date.fromisoformat(p["to"])) for p in pauses if p.get("to")]


def compute_due(*, rule: Rule | None = None, unit: str | None = None, length: int | None = None, start: date,
                pauses: list[dict] = (), extension_days: int = 0) -> date:
    """The due date from a start, the closed pauses (time excluded) and the extensions granted."""
    unit = unit or rule.unit
    length = length if length is not None else rule.length
    closed = _closed_pauses(list(pauses))
    if unit == WORKING_DAYS:
        excluded = sum(cal.working_days_between(f, t) for f, t in closed)
        return cal.add_working_days(start, length + extension_days + excluded)
    excluded = sum((t - f).days for f, t in closed)
    if unit == DAYS:
        return cal.add_calendar_days(start, length + extension_days + excluded)
    if unit == MONTHS:
        base = cal.add_months(start, length)
        return cal.add_calendar_days(base, extension_days + excluded) if (extension_days or excluded) else base
    raise ClockError(f"unknown counting unit {unit}")


def _recompute(d: Deadline) -> None:
    d.due = compute_due(unit=d.count_unit, length=d.length, start=d.start, pauses=d.pauses,
                        extension_days=sum(e["days"] for e in d.extensions))


def explain(d: Deadline) -> str:
    parts = [
        _("due %(due)s: %(length)s %(unit)s from %(start)s (%(basis)s)") % {
            "due": d.due, "length": d.length, "unit": UNIT_LABELS.get(d.count_unit, d.count_unit),
            "start": d.start, "basis": d.basis}
    ]
    for p in d.pauses:
        if p.get("to"):
            parts.append(_("paused %(from)s to %(to)s (%(reason)s)") % {"from": p["from"], "to": p["to"],
                                                                      "reason": p.get("reason", "")})
        else:
            parts.append(_("paused since %(from)s (%(reason)s)") % {"from": p["from"], "reason": p.get("reason", "")})
    for e in d.extensions:
        parts.append(_("extended by %(days)s days on %(on)s, approved by %(approver)s (%(reason)s)") % e)
    if d.state == DeadlineState.MET and d.met_on:
        parts.append(_("met on %(on)s") % {"on": d.met_on})
    if d.state == DeadlineState.CANCELLED:
        parts.append(_("cancelled"))
    return "; ".join(parts)


# --- services ------------------------------------------------------------------------------------

def _ct(case) -> ContentType:
    return ContentType.objects.get_for_model(case, for_concrete_model=True)


def for_case(case) -> QuerySet[Deadline]:
    return Deadline.objects.filter(content_type=_ct(case), object_id=case.pk).order_by("start", "pk")


def current(case, rule: str) -> Deadline | None:
    """The open clock of a rule on a case, if any."""
    return (for_case(case).filter(rule=rule)
            .filter(state__in=[DeadlineState.RUNNING, DeadlineState.PAUSED, DeadlineState.OVERDUE])
            .order_by("-pk").first())


def _open(case, rule: str) -> Deadline:
    d = current(case, rule)
    if d is None:
        raise ClockError(_("There is no open clock %(rule)s on this case.") % {"rule": rule})
    return d


def _case_url(case) -> str:
    try:
        return case.get_absolute_url()
    except Exception:
        return ""


@transaction.atomic
def start(case, *, rule: str, start: date, by=None) -> Deadline:
    r = rule_for(rule, start)
    due = compute_due(rule=r, start=start)
    d = Deadline.objects.create(
        content_type=_ct(case), object_id=case.pk, rule=r.key, rule_effective_from=r.effective_from,
        label=str(r.label), basis=r.basis, length=r.length, count_unit=r.unit, start=start,
        original_due=due, due=due, unit=getattr(case, "unit", None), assignee=getattr(case, "handler", None),
        case_label=str(case)[:200], case_url=_case_url(case),
    )
    audit.record(by, "clock.started", case, summary=f"{d.label}: {d.due}",
                 payload={"rule": r.key, "start": start, "due": due})
    return d


@transaction.atomic
def meet(case, *, rule: str, on: date, by=None, missing_ok: bool = False) -> Deadline | None:
    d = current(case, rule)
    if d is None:
        if missing_ok:
            return None
        raise ClockError(_("There is no open clock %(rule)s on this case.") % {"rule": rule})
    if d.state == DeadlineState.PAUSED:
        d.pauses[-1]["to"] = on.isoformat()
        _recompute(d)
    d.state, d.met_on = DeadlineState.MET, on
    d.save()
    audit.record(by, "clock.met", case, summary=f"{d.label}: {on}", payload={"rule": rule, "on": on,
                                                                            "late": on > d.due})
    return d


@transaction.atomic
def pause(case, *, rule: str, on: date, reason: str, by=None) -> Deadline:
    d = _open(case, rule)
    if d.state == DeadlineState.PAUSED:
        raise ClockError(_("The clock %(label)s is already paused.") % {"label": d.label})
    d.pauses = [*d.pauses, {"from": on.isoformat(), "to": None, "reason": reason}]
    d.state = DeadlineState.PAUSED
    d.save()
    audit.record(by, "clock.paused", case, summary=f"{d.label}: {reason}",
                 payload={"rule": rule, "on": on, "reason": reason})
    return d


@transaction.atomic
def resume(case, *, rule: str, on: date, by=None) -> Deadline:
    d = _open(case, rule)
    if d.state != DeadlineState.PAUSED:
        raise ClockError(_("The clock %(label)s is not paused.") % {"label": d.label})
    if on < date.fromisoformat(d.pauses[-1]["from"]):
        raise ClockError(_("A clock cannot resume before it was paused."))
    pauses = [dict(p) for p in d.pauses]
    pauses[-1]["to"] = on.isoformat()
    d.pauses = pauses
    _recompute(d)
    d.state = DeadlineState.RUNNING if d.due >= timezone.localdate() else DeadlineState.OVERDUE
    d.save()
    audit.record(by, "clock.resumed", case, summary=f"{d.label}: {d.due}", payload={"rule": rule, "on": on,
                                                                                    "due": d.due})
    return d


@transaction.atomic
def extend(case, *, rule: str, days: int, approver, reason: str, on: date, by=None) -> Deadline:
    d = _open(case, rule)
    r = rule_for(d.rule, d.rule_effective_from)
    granted = sum(e["days"] for e in d.extensions)
    if days <= 0:
        raise ClockError(_("An extension must be at least one day."))
    if granted + days > r.max_extension:
        raise ClockError(_("%(label)s may be extended by at most %(max)s days in all (%(basis)s).") % {
            "label": d.label, "max": r.max_extension, "basis": r.extension_basis or r.basis})
    d.extensions = [*d.extensions, {"days": days, "approver": str(approver), "approver_id": getattr(approver, "pk", None),
                                    "reason": reason, "on": on.isoformat()}]
    _recompute(d)
    if d.state == DeadlineState.OVERDUE and d.due >= timezone.localdate():
        d.state = DeadlineState.RUNNING
    d.save()
    audit.record(by, "clock.extended", case, summary=f"{d.label}: +{days} → {d.due}",
                 payload={"rule": rule, "days": days, "reason": reason, "due": d.due})
    return d


@transaction.atomic
def cancel(case, *, rule: str, on: date, by=None, reason: str = "", missing_ok: bool = True) -> Deadline | None:
    d = current(case, rule)
    if d is None:
        if missing_ok:
            return None
        raise ClockError(_("There is no open clock %(rule)s on this case."))
    d.state = DeadlineState.CANCELLED
    d.met_on = on
    d.save()
    audit.record(by, "clock.cancelled", case, summary=f"{d.label}: {reason}", payload={"rule": rule, "on": on})
    return d


@transaction.atomic
def cancel_all(case, *, on: date, by=None, reason: str = "") -> int:
    """Close every open clock of a case (a case that ends closes its clocks)."""
    open_rules = list(for_case(case).filter(
        state__in=[DeadlineState.RUNNING, DeadlineState.PAUSED, DeadlineState.OVERDUE]).values_list("rule", flat=True))
    for rule in open_rules:
        cancel(case, rule=rule, on=on, by=by, reason=reason)
    return len(open_rules)


def reassign(case) -> int:
    """Carry a case's new handler and unit onto its open clocks (one UPDATE)."""
    return for_case(case).filter(state__in=[DeadlineState.RUNNING, DeadlineState.PAUSED, DeadlineState.OVERDUE]
                                 ).update(assignee=getattr(case, "handler", None), unit=getattr(case, "unit", None))


# --- the sweep -----------------------------------------------------------------------------------

@dataclass
class SweepResult:
    marked_overdue: int
    due_soon: list = field(default_factory=list)
    threshold: date | None = None


def due_soon_threshold(today: date, working_days: int | None = None) -> date:
    from django.conf import settings

    n = settings.SIFA_DUE_SOON_WORKING_DAYS if working_days is None else working_days
    return cal.add_working_days(today, n)


def sweep(today: date | None = None, *, working_days: int | None = None) -> SweepResult:
    """Mark every running clock past its due date overdue (one UPDATE) and list those due soon."""
    today = today or timezone.localdate()
    marked = Deadline.objects.filter(state=DeadlineState.RUNNING, due__lt=today).update(
        state=DeadlineState.OVERDUE, overdue_flagged_at=timezone.now())
    threshold = due_soon_threshold(today, working_days)
    soon = list(Deadline.objects.filter(state=DeadlineState.RUNNING, due__gte=today, due__lte=threshold)
                .order_by("due").values("id", "rule", "due", "case_label", "assignee_id"))
    return SweepResult(marked, soon, threshold)


def open_for_user(user, *, leader_units: bool = False) -> QuerySet[Deadline]:
    """The user's open clocks in due order; with leader_units, all clocks of the units they lead."""
    qs = Deadline.objects.filter(state__in=[DeadlineState.RUNNING, DeadlineState.PAUSED, DeadlineState.OVERDUE])
    if leader_units:
        from .models.scoping import scope_q

        return qs.filter(scope_q(user, "unit")).order_by("due")
    return qs.filter(assignee=user).order_by("due")


def days_left(d: Deadline, today: date | None = None) -> int:
    return (d.due - (today or timezone.localdate())).days


def is_due_soon(d: Deadline, today: date | None = None) -> bool:
    today = today or timezone.localdate()
    try:
        return d.state == DeadlineState.RUNNING and today <= d.due <= due_soon_threshold(today)
    except cal.CalendarYearUnknown:
        return d.state == DeadlineState.RUNNING and today <= d.due <= today + timedelta(days=5)

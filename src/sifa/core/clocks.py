"""Statutory clocks: a registry of rules, one `Deadline` row per time limit of a case, and the sweep.

A rule has a key, a length and a counting unit, its legal basis and an effective period; a clock follows
the rule in force on the day it starts (or on the day passed as `rule_date`, for a case that keeps the
rules in force when it was received). The due date is derived from the stored history (start, pauses,
extensions) every time that history changes, never typed in, and a clock explains itself in one sentence:
"due 2024-03-29: 60 days from 2024-01-29 (行政复议法第六十二条); paused 2024-02-05 to 2024-02-19 (中止)".

Counting (民事诉讼法 第八十五条, and 行政复议法 第八十八条 for working days):
- the start day is not counted; a working-day rule counts working days only;
- a pause from F to T excludes the days F … T−1 (the day of resumption counts again); for a working-day
  rule only the working days among them matter; a pause that begins after the clock has run out
  changes nothing;
- an extension adds days in the rule's unit (calendar days for a rule in months), within the rule's
  `max_extension`, with an approver and a reason;
- a period in days or months whose last day is a rest day ends on the next working day.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import QuerySet
from django.urls import NoReverseMatch
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import audit, bulk
from . import calendar as cal
from .models import Deadline
from .models.clocks import DeadlineState

WORKING_DAYS = "working_days"
DAYS = "days"
MONTHS = "months"
UNITS = (WORKING_DAYS, DAYS, MONTHS)
UNIT_LABELS = {WORKING_DAYS: gettext_lazy("working days"), DAYS: gettext_lazy("days"),
               MONTHS: gettext_lazy("months")}
OPEN_STATES = (DeadlineState.RUNNING, DeadlineState.PAUSED, DeadlineState.OVERDUE)


class ClockError(ValueError):
    pass


MAX_PERIOD_DAYS = 36_600  # a century: longer than any statutory period with its extensions


@dataclass(frozen=True)
class Rule:
    """A statutory time limit. `basis` names the law and article; `max_extension` is in the rule's unit
    (calendar days for a rule in months); `effective_from`/`effective_to` bound the version in force."""

    key: str
    label: str
    length: int
    unit: str
    basis: str
    effective_from: date = date(1990, 1, 1)
    effective_to: date | None = None
    max_extension: int = 0
    extension_basis: str = ""
    note: str = ""
    setting: str = ""  # a district setting (core.district) whose whole number, when set, replaces `length`

    def __post_init__(self):
        if self.unit not in UNITS:
            raise ValueError(f"rule {self.key}: unknown counting unit {self.unit!r} (one of {', '.join(UNITS)})")
        if self.length <= 0 or self.max_extension < 0:
            raise ValueError(f"rule {self.key}: the length must be positive and max_extension not negative")
        if self.effective_to is not None and self.effective_to < self.effective_from:
            raise ValueError(f"rule {self.key}: effective_to is before effective_from")

    def in_force(self, on: date) -> bool:
        return self.effective_from <= on and (self.effective_to is None or on <= self.effective_to)

    @property
    def extension_unit(self) -> str:
        return DAYS if self.unit == MONTHS else self.unit

    def describe(self) -> str:
        return length_text(self.length, self.unit)


_REGISTRY: dict[str, list[Rule]] = {}


def register(*rules: Rule) -> None:
    """Register rule versions. Registering a version with the same key and start again replaces it
    (AppConfig.ready may run twice); a version that overlaps another's effective period is refused."""
    for rule in rules:
        versions = [r for r in _REGISTRY.get(rule.key, []) if r.effective_from != rule.effective_from]
        for other in versions:
            later, earlier = (rule, other) if rule.effective_from > other.effective_from else (other, rule)
            if earlier.effective_to is not None and earlier.effective_to >= later.effective_from:
                raise ValueError(f"rule {rule.key}: the version from {rule.effective_from} overlaps "
                                 f"the version from {other.effective_from}")
        versions.append(rule)
        _REGISTRY[rule.key] = sorted(versions, key=lambda r: r.effective_from)


def unregister(key: str) -> None:
    """Forget every version of a rule (for tests that register their own rules)."""
    _REGISTRY.pop(key, None)


def rules() -> list[Rule]:
    """Every registered version, by key then by start of effect."""
    return [r for key in sorted(_REGISTRY) for r in _REGISTRY[key]]


def rule_for(key: str, on: date) -> Rule:
    """The version of a rule in force on `on`: the latest version that had started by then."""
    versions = _REGISTRY.get(key)
    if not versions:
        raise ClockError(_("No clock rule is registered as %(key)s.") % {"key": key})
    for r in reversed(versions):
        if r.in_force(on):
            return r
    raise ClockError(_("The rule %(key)s was not in force on %(date)s.") % {"key": key, "date": on})


def length_text(length: int, unit: str) -> str:
    if unit == WORKING_DAYS:
        return _("%(n)s working days") % {"n": length}
    if unit == MONTHS:
        return _("%(n)s months") % {"n": length}
    return _("%(n)s days") % {"n": length}


# --- the arithmetic ------------------------------------------------------------------------------

def _closed_pauses(pauses: Iterable[dict]) -> list[tuple[date, date]]:
    out = []
    for p in pauses:
        if p.get("to"):
            f, t = p["from"], p["to"]
            out.append((f if isinstance(f, date) else date.fromisoformat(f),
                        t if isinstance(t, date) else date.fromisoformat(t)))
    return sorted(out)


def _paused(day: date, closed: list[tuple[date, date]]) -> bool:
    return any(f <= day < t for f, t in closed)


def compute_due(*, rule: Rule | None = None, unit: str | None = None, length: int | None = None, start: date,
                pauses: Iterable[dict] = (), extension_days: int = 0) -> date:
    """The due date from a start, the closed pauses (time excluded) and the extensions granted.

    Raises calendar.CalendarYearUnknown when the period runs into a year without holiday data."""
    unit = unit or rule.unit
    length = length if length is not None else rule.length
    closed = _closed_pauses(pauses)
    if unit == MONTHS:  # months become the days they span from the start, then count like days
        unit, length = DAYS, (cal.months_later(start, length) - start).days
    if unit not in (WORKING_DAYS, DAYS):
        raise ClockError(f"unknown counting unit {unit}")
    day, remaining = start, length + extension_days
    if remaining > MAX_PERIOD_DAYS:  # counted a day at a time: a mistyped extension must not run for minutes
        raise ClockError(_("A time limit of %(n)s days is longer than any rule allows.") % {"n": remaining})
    while remaining > 0:
        day += timedelta(days=1)
        if _paused(day, closed):
            continue
        if unit == DAYS or cal.is_workday(day):
            remaining -= 1
    return day if unit == WORKING_DAYS else cal.next_workday(day)


def _recompute(d: Deadline) -> None:
    d.due = compute_due(unit=d.count_unit, length=d.length, start=d.start, pauses=d.pauses,
                        extension_days=sum(e["days"] for e in d.extensions))


def _settle(d: Deadline, today: date | None = None) -> None:
    """Running or overdue, from the due date (a paused, met or cancelled clock keeps its state)."""
    if d.state in (DeadlineState.RUNNING, DeadlineState.OVERDUE):
        d.state = DeadlineState.OVERDUE if d.due < (today or timezone.localdate()) else DeadlineState.RUNNING


def explain(d: Deadline) -> str:
    """One sentence: the due date, how it was counted and from what, then every pause and extension."""
    parts = [
        _("due %(due)s: %(length)s from %(start)s (%(basis)s)") % {
            "due": d.due, "length": length_text(d.length, d.count_unit), "start": d.start, "basis": d.basis}
    ]
    for p in d.pauses:
        if p.get("to"):
            parts.append(_("paused %(from)s to %(to)s (%(reason)s)") % {
                "from": p["from"], "to": p["to"], "reason": p.get("reason", "")})
        else:
            parts.append(_("paused since %(from)s (%(reason)s)") % {"from": p["from"], "reason": p.get("reason", "")})
    for e in d.extensions:
        parts.append(_("extended by %(days)s on %(on)s, approved by %(approver)s (%(reason)s)") % {
            "days": length_text(e["days"], DAYS if d.count_unit == MONTHS else d.count_unit), "on": e["on"],
            "approver": e.get("approver", ""), "reason": e.get("reason", "")})
    if d.state == DeadlineState.MET and d.met_on:
        parts.append((_("met late on %(on)s") if d.met_on > d.due else _("met on %(on)s")) % {"on": d.met_on})
    elif d.state == DeadlineState.OVERDUE:
        parts.append(_("overdue"))
    elif d.state == DeadlineState.CANCELLED:
        parts.append(_("cancelled on %(on)s") % {"on": d.met_on} if d.met_on else _("cancelled"))
    return "; ".join(parts)


def preview(*, rule: str, start: date, pauses: Iterable[tuple[date, date, str]] = (), extension_days: int = 0,
            rule_date: date | None = None) -> Deadline:
    """An unsaved clock as `start` would make it, with pauses and an extension applied (for `sifa deadline`
    and for checking rules by hand). An extension beyond the rule's maximum is refused."""
    r = rule_for(rule, rule_date or start)
    if extension_days > r.max_extension:
        raise ClockError(_("%(label)s may be extended by at most %(max)s in all (%(basis)s).") % {
            "label": r.label, "max": length_text(r.max_extension, r.extension_unit),
            "basis": r.extension_basis or r.basis})
    d = _new(r, start)
    d.pauses = [{"from": f.isoformat(), "to": t.isoformat(), "reason": reason} for f, t, reason in pauses]
    if extension_days:
        d.extensions = [{"days": extension_days, "approver": "—", "reason": "—", "on": start.isoformat()}]
    _recompute(d)
    return d


# --- services ------------------------------------------------------------------------------------

def _ct(case) -> ContentType:
    return ContentType.objects.get_for_model(case, for_concrete_model=True)


def for_case(case) -> QuerySet[Deadline]:
    return Deadline.objects.filter(content_type=_ct(case), object_id=case.pk).order_by("start", "pk")


def current(case, rule: str) -> Deadline | None:
    """The open clock of a rule on a case, if any."""
    return for_case(case).filter(rule=rule, state__in=OPEN_STATES).order_by("-pk").first()


def _open(case, rule: str) -> Deadline:
    d = current(case, rule)
    if d is None:
        raise ClockError(_("There is no open clock %(rule)s on this case.") % {"rule": rule})
    return d


def _case_url(case) -> str:
    try:
        return case.get_absolute_url()[:200]
    except (AttributeError, NoReverseMatch):
        return ""


def length_of(r: Rule) -> int:
    """The rule's length in this district: its `setting`'s value when the district has set a positive whole
    number there (core.district, edited as district settings in the admin), else the rule's own length."""
    if r.setting:
        from . import district

        value = district.value(r.setting).strip()
        if value.isdigit() and int(value) > 0:
            return int(value)
    return r.length


def _new(r: Rule, start: date, due: date | None = None) -> Deadline:
    length = length_of(r)
    due = due or compute_due(unit=r.unit, length=length, start=start)
    return Deadline(rule=r.key, rule_effective_from=r.effective_from, label=str(r.label)[:120], basis=r.basis,
                    length=length, count_unit=r.unit, start=start, original_due=due, due=due)


def _not_before(d: Deadline, on: date, what: str) -> None:
    if on < d.start:
        raise ClockError(_("%(what)s on %(on)s is before the clock %(label)s started (%(start)s).") % {
            "what": what, "on": on, "label": d.label, "start": d.start})


@transaction.atomic
def start(case, *, rule: str, start: date, by=None, rule_date: date | None = None) -> Deadline:
    """Start a clock of `rule` on a case. The rule version is the one in force on `rule_date` (default: the
    start day). Refused while the case already has an open clock of the same rule."""
    r = rule_for(rule, rule_date or start)
    if current(case, rule) is not None:
        raise ClockError(_("The clock %(label)s is already running on this case.") % {"label": r.label})
    d = _new(r, start)
    d.content_type, d.object_id = _ct(case), case.pk
    d.unit, d.assignee = getattr(case, "unit", None), getattr(case, "handler", None)
    d.case_label, d.case_url = str(case)[:200], _case_url(case)
    _settle(d)
    d.save()
    audit.record(by, "clock.started", case, summary=f"{d.label}: {d.due}",
                 payload={"rule": r.key, "version": r.effective_from, "start": start, "due": d.due})
    return d


class _CaseUrls:
    """Each case's `get_absolute_url`, reversed for the first cases of a model only: once a second case's URL
    is the first's with its own key in place of the first's, the rest are made the same way (a reverse() costs
    ~0.1 ms: seconds for the 10^5 clocks of an import). A model whose URLs do not follow is reversed per case."""

    def __init__(self):
        self.first: dict[type, tuple[str, str]] = {}  # model -> its first case's URL split at the key
        self.patterns: dict[type, tuple[str, str] | None] = {}  # confirmed by a second case, or None

    def __call__(self, case) -> str:
        model, key = type(case), str(case.pk)
        pattern = self.patterns.get(model, ())
        if pattern:
            return (pattern[0] + key + pattern[1])[:200]
        url = _case_url(case)
        if pattern is None or len(url) >= 200:
            return url
        if model in self.first:
            before, after = self.first[model]
            self.patterns[model] = (before, after) if before + key + after == url else None
        elif url.count(key) == 1:
            self.first[model] = tuple(url.split(key))
        return url


def deadline_rows(cases: Sequence, *, rule: str, starts: Sequence[date],
                  ends: Sequence[tuple[str, date | None]] | None = None, today: date | None = None) -> list[dict]:
    """The clocks of `rule`, one per case, as rows for `bulk.insert_dicts`, with the fields `start` sets (the
    version in force on each start day, the due date by `compute_due`), for batch writers. `ends` closes each
    as (state, on): "met", "cancelled", or "" (still open: running, or overdue against `today`). No check for a
    clock already running and no audit event: the batch writer's own event names the acts (its cases are new)."""
    ends = ends if ends is not None else [("", None)] * len(cases)
    today = today or timezone.localdate()
    content_types: dict[type, int] = {}
    by_start: dict[date, dict] = {}  # cases of a batch share start days: the version and due date of each once
    lengths: dict[Rule, int] = {}  # each version's length in this district, read once
    url = _CaseUrls()
    rows = []
    for case, begin, (state, on) in zip(cases, starts, ends, strict=True):
        clock = by_start.get(begin)
        if clock is None:
            r = rule_for(rule, begin)
            length = lengths.get(r) or lengths.setdefault(r, length_of(r))
            due = compute_due(unit=r.unit, length=length, start=begin)
            clock = by_start[begin] = {
                "rule": r.key, "rule_effective_from": r.effective_from, "label": str(r.label)[:120],
                "basis": r.basis, "length": length, "count_unit": r.unit, "start": begin, "original_due": due,
                "due": due}
        ct = content_types.get(type(case)) or content_types.setdefault(type(case), _ct(case).pk)
        row = {**clock, "content_type_id": ct, "object_id": case.pk, "unit_id": getattr(case, "unit_id", None),
               "assignee_id": getattr(case, "handler_id", None), "case_label": str(case)[:200], "case_url": url(case)}
        if state in (DeadlineState.MET, DeadlineState.CANCELLED):
            row["state"], row["met_on"] = state, on
        else:  # as `_settle` leaves a new clock
            row["state"] = DeadlineState.OVERDUE if clock["due"] < today else DeadlineState.RUNNING
        rows.append(row)
    return rows


def start_many(cases: Sequence, *, rule: str, starts: Sequence[date],
               ends: Sequence[tuple[str, date | None]] | None = None, today: date | None = None) -> int:
    """Insert the clocks `deadline_rows` builds, in batches (set-based `start` for new cases); how many."""
    return bulk.insert_dicts(Deadline, deadline_rows(cases, rule=rule, starts=starts, ends=ends, today=today))


@transaction.atomic
def meet(case, *, rule: str, on: date, by=None, missing_ok: bool = False) -> Deadline | None:
    """The act the clock waited for was done on `on` (late when after the due date)."""
    d = current(case, rule)
    if d is None:
        if missing_ok:
            return None
        raise ClockError(_("There is no open clock %(rule)s on this case.") % {"rule": rule})
    _not_before(d, on, _("Meeting"))
    if d.state == DeadlineState.PAUSED:
        d.pauses = [*d.pauses[:-1], {**d.pauses[-1], "to": max(on, date.fromisoformat(d.pauses[-1]["from"]))
                                     .isoformat()}]
        _recompute(d)
    d.state, d.met_on = DeadlineState.MET, on
    d.save()
    audit.record(by, "clock.met", case, summary=f"{d.label}: {on}",
                 payload={"rule": rule, "on": on, "due": d.due, "late": on > d.due})
    return d


@transaction.atomic
def pause(case, *, rule: str, on: date, reason: str, by=None) -> Deadline:
    """Stop the clock from `on` (中止, or time the law excludes such as 补正, 鉴定)."""
    d = _open(case, rule)
    if d.state == DeadlineState.PAUSED:
        raise ClockError(_("The clock %(label)s is already paused.") % {"label": d.label})
    if not reason.strip():
        raise ClockError(_("A pause needs a reason."))
    _not_before(d, on, _("A pause"))
    if d.pauses and on < date.fromisoformat(d.pauses[-1]["to"]):
        raise ClockError(_("A pause cannot begin before the previous one ended (%(to)s).") % {
            "to": d.pauses[-1]["to"]})
    d.pauses = [*d.pauses, {"from": on.isoformat(), "to": None, "reason": reason}]
    d.state = DeadlineState.PAUSED
    d.save()
    audit.record(by, "clock.paused", case, summary=f"{d.label}: {reason}",
                 payload={"rule": rule, "on": on, "reason": reason})
    return d


@transaction.atomic
def resume(case, *, rule: str, on: date, by=None) -> Deadline:
    """Run the clock again from `on`; the paused days move the due date."""
    d = _open(case, rule)
    if d.state != DeadlineState.PAUSED:
        raise ClockError(_("The clock %(label)s is not paused.") % {"label": d.label})
    if on < date.fromisoformat(d.pauses[-1]["from"]):
        raise ClockError(_("A clock cannot resume before it was paused."))
    d.pauses = [*d.pauses[:-1], {**d.pauses[-1], "to": on.isoformat()}]
    _recompute(d)
    d.state = DeadlineState.RUNNING
    _settle(d)
    d.save()
    audit.record(by, "clock.resumed", case, summary=f"{d.label}: {d.due}",
                 payload={"rule": rule, "on": on, "due": d.due})
    return d


@transaction.atomic
def extend(case, *, rule: str, days: int, approver, reason: str, on: date, by=None) -> Deadline:
    """Extend the clock by `days` (in the rule's unit; calendar days for a rule in months), approved by
    `approver` on `on`, which must be no later than the due date. The total stays within the rule's
    `max_extension`."""
    d = _open(case, rule)
    r = rule_for(d.rule, d.rule_effective_from)
    granted = sum(e["days"] for e in d.extensions)
    if days <= 0:
        raise ClockError(_("An extension must be at least one day."))
    if approver is None or not reason.strip():
        raise ClockError(_("An extension needs the approver and a reason."))
    if granted + days > r.max_extension:
        raise ClockError(_("%(label)s may be extended by at most %(max)s in all (%(basis)s).") % {
            "label": d.label, "max": length_text(r.max_extension, r.extension_unit),
            "basis": r.extension_basis or r.basis})
    _not_before(d, on, _("An extension"))
    if on > d.due:
        raise ClockError(_("%(label)s ran out on %(due)s; an extension must be approved before then.") % {
            "label": d.label, "due": d.due})
    d.extensions = [*d.extensions, {"days": days, "approver": str(approver), "approver_id": getattr(approver, "pk", None),
                                    "reason": reason, "on": on.isoformat()}]
    _recompute(d)
    _settle(d)
    d.save()
    audit.record(by, "clock.extended", case, summary=f"{d.label}: +{days} → {d.due}",
                 payload={"rule": rule, "days": days, "approver": str(approver), "reason": reason, "on": on,
                          "due": d.due})
    return d


@transaction.atomic
def cancel(case, *, rule: str, on: date, by=None, reason: str = "", missing_ok: bool = True) -> Deadline | None:
    """Stop a clock that no longer applies (the case was withdrawn, transferred, ended otherwise)."""
    d = current(case, rule)
    if d is None:
        if missing_ok:
            return None
        raise ClockError(_("There is no open clock %(rule)s on this case.") % {"rule": rule})
    if d.state == DeadlineState.PAUSED:
        d.pauses = [*d.pauses[:-1], {**d.pauses[-1], "to": max(on, date.fromisoformat(d.pauses[-1]["from"]))
                                     .isoformat()}]
    d.state, d.met_on = DeadlineState.CANCELLED, on
    d.save()
    audit.record(by, "clock.cancelled", case, summary=f"{d.label}: {reason}",
                 payload={"rule": rule, "on": on, "reason": reason})
    return d


@transaction.atomic
def cancel_all(case, *, on: date, by=None, reason: str = "") -> int:
    """Close every open clock of a case (a case that ends closes its clocks)."""
    open_rules = list(for_case(case).filter(state__in=OPEN_STATES).values_list("rule", flat=True))
    for rule in open_rules:
        cancel(case, rule=rule, on=on, by=by, reason=reason)
    return len(open_rules)


def reassign(case) -> int:
    """Carry a case's new handler and unit onto its open clocks (one UPDATE)."""
    return for_case(case).filter(state__in=OPEN_STATES).update(
        assignee=getattr(case, "handler", None), unit=getattr(case, "unit", None))


@transaction.atomic
def recompute_open(*, by=None, today: date | None = None) -> tuple[int, list[tuple[int, str]]]:
    """Derive every open clock's due date again from its history, after the administrator corrected the
    calendar (an added holiday, a year's notice entered). Returns (changed, [(id, error)])."""
    changed, failed, batch = 0, [], []
    for d in Deadline.objects.filter(state__in=OPEN_STATES).order_by("pk").iterator(chunk_size=2000):
        before = (d.due, d.state)
        try:
            _recompute(d)
        except cal.CalendarYearUnknown as exc:
            failed.append((d.pk, str(exc)))
            continue
        _settle(d, today)
        if (d.due, d.state) != before:
            changed += 1
            batch.append(d)
    Deadline.objects.bulk_update(batch, ["due", "state"], batch_size=500)
    if changed:
        audit.record(by, "clock.recomputed", None, summary=_("%(n)s clocks recomputed") % {"n": changed},
                     payload={"ids": [d.pk for d in batch][:5000], "count": changed})
    return changed, failed


# --- the sweep -----------------------------------------------------------------------------------

@dataclass
class SweepResult:
    marked_overdue: int
    due_soon: list = field(default_factory=list)
    threshold: date | None = None
    warning: str = ""


def _threshold(today: date, working_days: int | None) -> tuple[date, str]:
    """The last day that counts as "due soon", and a warning when the calendar could not give it."""
    n = settings.SIFA_DUE_SOON_WORKING_DAYS if working_days is None else working_days
    try:
        return cal.add_working_days(today, n), ""
    except cal.CalendarYearUnknown as exc:
        # Only the "due soon" hint, never a legal date, falls back to Monday–Friday; it says so.
        day, left = today, n
        while left:
            day += timedelta(days=1)
            left -= day.weekday() < 5
        return day, str(exc)


def due_soon_threshold(today: date, working_days: int | None = None) -> date:
    return _threshold(today, working_days)[0]


def sweep(today: date | None = None, *, working_days: int | None = None, by=None) -> SweepResult:
    """Mark every running clock past its due date overdue and list the clocks due soon (within
    `working_days`, default SIFA_DUE_SOON_WORKING_DAYS). Set-based: the same few queries however many
    clocks there are. The marking is one audit event."""
    today = today or timezone.localdate()
    with transaction.atomic():
        late = Deadline.objects.filter(state=DeadlineState.RUNNING, due__lt=today)
        ids = list(late.select_for_update().values_list("pk", flat=True))
        marked = late.update(state=DeadlineState.OVERDUE, overdue_flagged_at=timezone.now()) if ids else 0
        if marked:
            audit.record(by, "clock.overdue", None, summary=_("%(n)s clocks overdue") % {"n": marked},
                         payload={"today": today, "count": marked, "ids": ids[:5000]})
    threshold, warning = _threshold(today, working_days)
    soon = list(Deadline.objects.filter(state=DeadlineState.RUNNING, due__gte=today, due__lte=threshold)
                .order_by("due", "pk").values("id", "rule", "label", "due", "case_label", "case_url",
                                              "assignee_id", "unit_id"))
    return SweepResult(marked, soon, threshold, warning)


def open_for_user(user, *, leader_units: bool = False) -> QuerySet[Deadline]:
    """The user's open clocks in due order; with leader_units, all clocks of the units they lead."""
    qs = Deadline.objects.filter(state__in=OPEN_STATES)
    if leader_units:
        from .models.scoping import scope_q

        return qs.filter(scope_q(user, "unit")).order_by("due", "pk")
    return qs.filter(assignee=user).order_by("due", "pk")


def days_left(d: Deadline, today: date | None = None) -> int:
    return (d.due - (today or timezone.localdate())).days


def is_due_soon(d: Deadline, today: date | None = None) -> bool:
    today = today or timezone.localdate()
    return d.state == DeadlineState.RUNNING and today <= d.due <= due_soon_threshold(today)

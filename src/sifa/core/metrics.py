"""The metric registry: every official figure declared once, with its definition, and computed by one
aggregate query per model of a line for a period and a unit subtree.

A line declares, in its own `metrics.py`:

    register(MetricSet(line="reconsideration", label=_("Administrative reconsideration"), metrics=[
        Count("reconsideration.received", _("Applications received"), definition=_("..."),
              model="reconsideration.Application", date_field="received_on"),
        Count("reconsideration.accepted", ..., q=Q(review_outcome="accepted")),
        Rate("reconsideration.resolution_rate", ..., numerator="reconsideration.mediated",
             denominator="reconsideration.concluded", decimals=1),
    ], equations=[Equation(_("received = ..."), "reconsideration.received", ("...", "...", "..."))],
    list_url_name="<line>:list"))  # its list page, where a figure drills down

A count is the rows of `model` whose `date_field` falls in the period, that satisfy `q`, within the unit
subtree (through `unit_field`). `cases_for(key, ...)` returns exactly those rows: every figure links to
the cases behind it. A rate is numerator ÷ denominator as a percentage, rounded half-up to `decimals`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.apps import apps
from django.db import connection
from django.db.models import Count as CountAgg
from django.db.models import F, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth


@dataclass(frozen=True)
class Count:
    key: str
    label: str
    definition: str
    model: str  # "app_label.Model"
    date_field: str
    q: Q = field(default_factory=Q)
    unit_field: str = "unit"
    basis: str = ""
    sum_field: str | None = None  # a Sum of this field instead of a count of rows
    unit_label: str = "件"  # 件, 起, 次, 人次, 元 ...
    # The figure in whole multiples of `per`, rounded down: with per=10000 and unit_label "万次", 103 456 views
    # are 10 (the report's "10万余次"); the drill-down lists the rows behind it as for any count.
    per: int = 1
    # Keys of other counts added to this one after they are computed (a line whose figures come partly from rows of
    # another model, e.g. monthly totals of an office that exports no single matters); the drill-down lists this
    # count's own rows, each added count has its own.
    plus: tuple[str, ...] = ()

    @property
    def is_rate(self) -> bool:
        return False


@dataclass(frozen=True)
class Rate:
    key: str
    label: str
    definition: str
    numerator: str
    denominator: str
    decimals: int = 1
    basis: str = ""
    unit_label: str = "%"

    @property
    def is_rate(self) -> bool:
        return True


@dataclass(frozen=True)
class Equation:
    """A cell equation of an official table: left = sum(right)."""

    label: str
    left: str
    right: tuple[str, ...]

    def describe(self) -> str:
        """The equation in the metrics' own labels: 收到申请 = 案前化解 + 受理 + 不予受理."""
        return f"{metric(self.left).label} = " + " + ".join(str(metric(k).label) for k in self.right)


@dataclass
class MetricSet:
    line: str
    label: str
    metrics: list
    equations: list[Equation] = field(default_factory=list)
    list_url_name: str | None = None  # a list view accepting ?metric=KEY&from=&to=&unit=CODE
    order: int = 100
    # Dimensions the statistics pages break figures down by: (field path on the metrics' model, label),
    # e.g. ("respondent__name", _("Respondent")); "month" is always offered.
    breakdowns: list[tuple[str, str]] = field(default_factory=list)
    # The drill-down of a reader without case contents (core.drilldown): for each model the figures count,
    # "app_label.Model" → the field paths of its columns without personal data (number, unit, dates, state,
    # category, the public bodies involved), headed by the fields' verbose names. A model without columns has
    # no such drill-down.
    columns: dict[str, list[str]] = field(default_factory=dict)


_SETS: dict[str, MetricSet] = {}


def register(metric_set: MetricSet) -> None:
    """Register (or replace) a line's metric set. A key may belong to one set only."""
    mine = {m.key for m in metric_set.metrics}
    for other in _SETS.values():
        if other.line != metric_set.line and mine & {m.key for m in other.metrics}:
            raise ValueError(f"metric keys {sorted(mine & {m.key for m in other.metrics})} already registered "
                             f"by {other.line}")
    _SETS[metric_set.line] = metric_set
    _STATEMENTS.clear()


def unregister(line: str) -> None:
    _SETS.pop(line, None)
    _STATEMENTS.clear()


def get_set(line: str, on: date | None = None) -> MetricSet:
    """A line's set with the district's derived figures in force on `on` (default today, core.figures)."""
    return _overlay(_SETS[line], _derived(on))


def has_line(line: str) -> bool:
    return line in _SETS


def builtin(key: str):
    """The figure a line registered under `key`, or None (derived figures left out)."""
    for s in _SETS.values():
        for m in s.metrics:
            if m.key == key:
                return m
    return None


def is_builtin(key: str) -> bool:
    return builtin(key) is not None


def is_registered(key: str, on: date | None = None) -> bool:
    try:
        metric(key, on)
    except KeyError:
        return False
    return True


def sets(on: date | None = None) -> list[MetricSet]:
    """The registered sets, each with the district's derived figures in force on `on` (default today): a
    definition replaces the line's rate of its key or follows the line's figures."""
    derived = _derived(on)
    return [_overlay(s, derived) for s in _raw_sets()]


def _raw_sets() -> list[MetricSet]:
    return sorted(_SETS.values(), key=lambda s: (s.order, s.line))


def _derived(on: date | None) -> dict:
    from . import figures

    return figures.in_force(on)


def _overlay(s: MetricSet, derived: dict) -> MetricSet:
    if not derived:
        return s
    mine = {k: d for k, d in derived.items() if k.split(".", 1)[0] == s.line}
    if not mine:
        return s
    from dataclasses import replace

    merged = [mine.pop(m.key) if m.key in mine and m.is_rate else m for m in s.metrics]
    return replace(s, metrics=merged + sorted(mine.values(), key=lambda d: d.pk or 0))  # in the order defined


def metric(key: str, on: date | None = None):
    """The figure of `key`: the district's definition in force on `on` (default today), else the line's."""
    d = _derived(on).get(key)
    if d is not None:
        return d
    m = builtin(key)
    if m is None:
        raise KeyError(key)
    return m


def metric_set_of(key: str) -> MetricSet:
    for s in _SETS.values():
        if any(m.key == key for m in s.metrics):
            return s
    line = key.split(".", 1)[0]
    if line in _SETS and key in _derived(None):
        return _SETS[line]
    raise KeyError(key)


def all_keys(on: date | None = None) -> list[str]:
    return [m.key for s in sets(on) for m in s.metrics]


def is_derived(m) -> bool:
    return getattr(m, "derived", False)


# --- computing --------------------------------------------------------------------------------------

def _period_q(m: Count, start: date, end: date) -> Q:
    return Q(**{f"{m.date_field}__gte": start, f"{m.date_field}__lte": end})


def _any_period(counts, start: date, end: date) -> Q:
    """Rows with any of the metrics' date fields in the period: one range per distinct field, so that
    PostgreSQL can combine the date indexes (a range repeated per metric makes it scan the table)."""
    q = Q()
    for date_field in dict.fromkeys(m.date_field for m in counts):
        q |= Q(**{f"{date_field}__gte": start, f"{date_field}__lte": end})
    return q


def _base(model_label: str, unit, unit_field: str) -> QuerySet:
    model = apps.get_model(model_label)
    qs = model._default_manager.all()
    if unit is not None:
        qs = qs.filter(**{f"{unit_field}__path__startswith": unit.path})
    return qs


def cases_for(key: str, start: date, end: date, unit=None) -> QuerySet:
    """The rows behind a count metric: the drill-down from a figure to its cases."""
    m = metric(key, end)
    if m.is_rate or is_derived(m):
        m = metric(m.numerator)
    return _base(m.model, unit, m.unit_field).filter(_period_q(m, start, end) & m.q)


def rate_value(numerator, denominator, decimals: int) -> Decimal | None:
    if not denominator:
        return None
    quant = Decimal(1).scaleb(-decimals)
    return (Decimal(numerator) * 100 / Decimal(denominator)).quantize(quant, rounding=ROUND_HALF_UP)


@dataclass
class EquationResult:
    equation: Equation
    left: int
    right: int

    @property
    def holds(self) -> bool:
        return self.left == self.right


@dataclass
class Results:
    start: date
    end: date
    unit: object
    values: dict = field(default_factory=dict)
    equations: list[EquationResult] = field(default_factory=list)
    definitions: dict = field(default_factory=dict)  # key → the derived definition used (core.figures)
    notes: dict = field(default_factory=dict)  # key → why the figure has no value (a zero denominator)
    compared: Results | None = None  # the comparison period's results (compare())

    def __getitem__(self, key):
        return self.values[key]

    def flat(self) -> dict:
        """metric key → number (a rate as a percentage: 51.2 for 51.2%; None when the denominator is 0); after
        compare(), also `<key>.previous`, `<key>.change` and `<key>.yoy`."""
        return {k: (float(v) if isinstance(v, Decimal) else v) for k, v in self.values.items()}


def _with_dependencies(lines: list[str], derived: dict | None = None) -> list[str]:
    """`lines` and the lines whose metrics their rates, equations and derived figures refer to."""
    derived = derived or {}
    out, todo = [], list(lines)
    while todo:
        line = todo.pop()
        if line in out or line not in _SETS:
            continue
        out.append(line)
        s = _SETS[line]
        refs = [k for m in s.metrics if m.is_rate for k in (m.numerator, m.denominator)]
        refs += [k for m in s.metrics if not m.is_rate for k in m.plus]
        refs += [k for eq in s.equations for k in (eq.left, *eq.right)]
        refs += [k for key, d in derived.items() if key.split(".", 1)[0] == line for k in d.terms]
        for key in refs:
            todo.append(key.split(".", 1)[0])
    return out


def _in_dependency_order(chosen: dict, derived: dict) -> list:
    """The derived figures of `chosen` with the derived figures they refer to first (no circles: refused
    when a definition is saved)."""
    out, seen = [], set()

    def visit(d):
        if d.key in seen:
            return
        seen.add(d.key)
        for k in d.terms:
            if k in derived:
                visit(derived[k])
        out.append(d)

    for d in chosen.values():
        visit(d)
    return out


def compute(start: date, end: date, unit=None, lines: list[str] | None = None) -> Results:
    """Every registered metric (or those of `lines`) for the period: one aggregate query per model; then the
    rates and the district's derived figures in force on the period's last day (core.figures), from those
    aggregates."""
    res = Results(start, end, unit)
    derived = _derived(end)
    wanted = None if lines is None else _with_dependencies(list(lines), derived)
    chosen = [s for s in _raw_sets() if wanted is None or s.line in wanted]
    # Counts first for every chosen set, then rates and equations, which may refer across sets.
    for s in chosen:
        by_model: dict[tuple[str, str], list[Count]] = {}
        for m in s.metrics:
            if not m.is_rate:
                by_model.setdefault((m.model, m.unit_field), []).append(m)
        for (model_label, unit_field), counts in by_model.items():
            row = _aggregate(model_label, unit_field, counts, start, end, unit)
            for i, m in enumerate(counts):
                value = row[i] or 0
                res.values[m.key] = value // m.per if m.per != 1 else value  # a sum of amounts keeps its fraction
    for s in chosen:
        for m in s.metrics:
            if not m.is_rate and m.plus:
                res.values[m.key] += sum(res.values.get(k, 0) for k in m.plus)
    for s in chosen:
        for m in s.metrics:
            if m.is_rate and m.key not in derived:
                res.values[m.key] = rate_value(res.values.get(m.numerator, 0), res.values.get(m.denominator, 0),
                                               m.decimals)
                if res.values[m.key] is None:
                    res.notes[m.key] = _zero_note([m.denominator])
        for eq in s.equations:
            res.equations.append(EquationResult(eq, res.values[eq.left], sum(res.values[k] for k in eq.right)))
    mine = {k: d for k, d in derived.items() if k.split(".", 1)[0] in (wanted if wanted is not None else _SETS)}
    for d in _in_dependency_order(mine, derived):
        res.values[d.key] = d.value(res.values)
        res.definitions[d.key] = d
        if res.values[d.key] is None:
            from . import formula

            zero = formula.zero_divisors(d.tree, res.values)
            res.notes[d.key] = _zero_note(zero) if zero else "有项目没有数值，无法计算"
    return res


def _zero_note(divisors: list[str]) -> str:
    labels = []
    for k in divisors:
        try:
            labels.append(str(metric(k).label))
        except KeyError:
            labels.append(k)
    return "分母为零（" + "、".join(labels) + "为 0），不计算"


def _aggregate_qs(model_label: str, unit_field: str, counts: list[Count], start: date, end: date, unit) -> QuerySet:
    return _base(model_label, unit, unit_field).filter(_any_period(counts, start, end))


def _aggregate(model_label: str, unit_field: str, counts: list[Count], start: date, end: date, unit) -> list:
    """The counts of one model for the period, as one aggregate query.

    Building that query through the ORM costs a few milliseconds of Python per call (resolving a dozen
    filtered aggregates), several times the database's own time on a district's table. The SQL depends only
    on the metrics, the model and whether a unit is given; so it is compiled once with sentinel values for
    the period and the unit's path and then re-run with the real ones (`_Statement`), after checking that the
    sentinels stand exactly where the real values do.
    """
    # the metric objects themselves (by identity: they live while registered; registering clears the cache)
    key = (connection.alias, model_label, unit_field, unit is None, tuple(id(m) for m in counts))
    statement = _STATEMENTS.get(key)
    if statement is not None:
        return statement.run(start, end, unit)
    aggs = _aggs(counts, start, end)
    with _capture() as real:
        row = _aggregate_qs(model_label, unit_field, counts, start, end, unit).aggregate(**aggs)
    statement = _Statement.compile(model_label, unit_field, counts, unit is None)
    if statement is not None and real and statement.matches(real[-1], start, end, unit):
        _STATEMENTS[key] = statement
    return [row[f"m{i}"] for i in range(len(counts))]


def _aggs(counts: list[Count], start: date, end: date) -> dict:
    return {f"m{i}": _agg(m, _period_q(m, start, end) & m.q) for i, m in enumerate(counts)}


_STATEMENTS: dict[tuple, _Statement] = {}
_SENTINEL_START, _SENTINEL_END = date(1, 1, 2), date(1, 1, 3)
_SENTINEL_PATH = "/~sifa-metrics-sentinel~/"


class _Captured(Exception):
    pass


class _capture:
    """Record the (sql, params) the ORM executes; with `abort`, stop before the database runs it."""

    def __init__(self, abort: bool = False):
        self.abort = abort
        self.seen: list[tuple[str, tuple]] = []

    def __call__(self, execute, sql, params, many, context):
        self.seen.append((sql, tuple(params or ())))
        if self.abort:
            raise _Captured
        return execute(sql, params, many, context)

    def __enter__(self):
        if self.abort:  # a query the database never runs is not one to log (nor to count, in tests)
            self._debug, connection.force_debug_cursor = connection.force_debug_cursor, False
        self._cm = connection.execute_wrapper(self)
        self._cm.__enter__()
        return self.seen

    def __exit__(self, exc_type, exc, tb):
        self._cm.__exit__(exc_type, exc, tb)
        if self.abort:
            connection.force_debug_cursor = self._debug
        return exc_type is _Captured


@dataclass
class _Statement:
    sql: str
    params: tuple  # with the sentinels where the period's bounds and the unit's path go
    converters: list

    @classmethod
    def compile(cls, model_label, unit_field, counts, no_unit: bool) -> _Statement | None:
        from types import SimpleNamespace

        unit = None if no_unit else SimpleNamespace(path=_SENTINEL_PATH)
        aggs = _aggs(counts, _SENTINEL_START, _SENTINEL_END)
        with _capture(abort=True) as seen:
            _aggregate_qs(model_label, unit_field, counts, _SENTINEL_START, _SENTINEL_END, unit).aggregate(**aggs)
        if len(seen) != 1:
            return None
        model = apps.get_model(model_label)
        converters = [_converter(_field_at(model, m.sum_field)) if m.sum_field else None for m in counts]
        return cls(sql=seen[0][0], params=seen[0][1], converters=converters)

    def bind(self, start: date, end: date, unit) -> tuple:
        ops = connection.ops
        s_start, s_end = ops.adapt_datefield_value(_SENTINEL_START), ops.adapt_datefield_value(_SENTINEL_END)
        r_start, r_end = ops.adapt_datefield_value(start), ops.adapt_datefield_value(end)
        path = ops.prep_for_like_query(unit.path) if unit is not None else None
        out = []
        for p in self.params:
            if p == s_start and type(p) is type(s_start):
                p = r_start
            elif p == s_end and type(p) is type(s_end):
                p = r_end
            elif isinstance(p, str) and _SENTINEL_PATH in p:
                p = p.replace(_SENTINEL_PATH, path)
            out.append(p)
        return tuple(out)

    def matches(self, real: tuple[str, tuple], start: date, end: date, unit) -> bool:
        """True when binding the real values reproduces exactly the query the ORM built for them."""
        return real[0] == self.sql and real[1] == self.bind(start, end, unit)

    def run(self, start: date, end: date, unit) -> list:
        with connection.cursor() as c:
            c.execute(self.sql, self.bind(start, end, unit))
            row = c.fetchone()
        return [v if (v is None or conv is None) else conv(v) for v, conv in zip(row, self.converters, strict=True)]


def _field_at(model, path: str):
    """The field at a `__` path from `model` (a sum over a related row: "evaluation__subsidy")."""
    *links, last = path.split("__")
    for name in links:
        model = model._meta.get_field(name).related_model
    return model._meta.get_field(last)


def _converter(f):
    from django.db import models

    if isinstance(f, models.DecimalField):
        quantum = Decimal(1).scaleb(-f.decimal_places)
        return lambda v: Decimal(str(v)).quantize(quantum)
    return int


def _agg(m: Count, flt: Q | None = None):
    return Sum(m.sum_field, filter=flt) if m.sum_field else CountAgg("pk", filter=flt)


def breakdown(key: str, start: date, end: date, unit=None, *, by: str) -> list[tuple[object, int]]:
    """A count metric broken down by a field path (e.g. "respondent__name") or by "month"."""
    m = metric(key)
    if m.is_rate or is_derived(m):
        raise ValueError(f"{key} is a rate: break down its numerator and denominator instead")
    qs = cases_for(key, start, end, unit)
    if by == "month":
        rows = (qs.annotate(_bucket=TruncMonth(m.date_field)).values("_bucket")
                .annotate(_n=_agg(m)).order_by("_bucket"))
    else:
        rows = qs.values(_bucket=F(by)).annotate(_n=_agg(m)).order_by("-_n", "_bucket")
        label = _choice_labeller(apps.get_model(m.model), by)
        return [(label(r["_bucket"]), r["_n"] or 0) for r in rows]
    return [(r["_bucket"], r["_n"] or 0) for r in rows]


def breakdown_table(keys: list[str], start: date, end: date, unit=None, *, by: str) -> dict[object, dict[str, int]]:
    """Several count metrics broken down by one dimension: bucket → {key: value}, one grouped aggregate query
    per model. Rows of a metric whose model lacks the field are left out (the dimension does not apply).
    A bucket of None (the field is empty) is kept, so the buckets of a metric add up to its total."""
    by_model: dict[tuple[str, str], list[Count]] = {}
    for key in keys:
        m = builtin(key)
        if isinstance(m, Count):
            by_model.setdefault((m.model, m.unit_field), []).append(m)
    out: dict[object, dict[str, int]] = {}
    for (model_label, unit_field), counts in by_model.items():
        model = apps.get_model(model_label)
        if not _has_path(model, by):
            continue
        rows = (_aggregate_qs(model_label, unit_field, counts, start, end, unit).values(_bucket=F(by))
                .annotate(**_aggs(counts, start, end)))
        label = _choice_labeller(model, by)
        for r in rows:
            cell = out.setdefault(label(r["_bucket"]), {})
            for i, m in enumerate(counts):
                cell[m.key] = cell.get(m.key, 0) + (r[f"m{i}"] or 0)
    for cell in out.values():
        for key in keys:
            cell.setdefault(key, 0)
    return out


def applies(key: str, path: str) -> bool:
    """Whether a breakdown dimension (a field path) exists on a count metric's model."""
    m = builtin(key)
    return isinstance(m, Count) and _has_path(apps.get_model(m.model), path)


def _choice_labeller(model, path: str):
    """Buckets of a field with choices are shown by their (translated) labels, never their codes."""
    f = None
    for part in path.split("__"):
        f = model._meta.get_field(part)
        model = f.related_model if f.is_relation else model
    choices = dict(f.flatchoices) if f is not None and getattr(f, "choices", None) else None
    if not choices:
        return lambda value: value
    return lambda value: str(choices.get(value, value)) if value is not None else None


def _has_path(model, path: str) -> bool:
    from django.core.exceptions import FieldDoesNotExist

    for part in path.split("__"):
        try:
            f = model._meta.get_field(part)
        except FieldDoesNotExist:
            return False
        model = f.related_model if f.is_relation else model
    return True


def trend(start: date, end: date, unit=None, lines: list[str] | None = None) -> dict[str, dict[str, int]]:
    """Every count metric by month: key → {"2022-01": n, ...}, one grouped query per model and date field."""
    groups: dict[tuple[str, str, str], list[Count]] = {}
    for s in _raw_sets():
        if lines is not None and s.line not in lines:
            continue
        for m in s.metrics:
            if not m.is_rate:
                groups.setdefault((m.model, m.unit_field, m.date_field), []).append(m)
    out: dict[str, dict[str, int]] = {}
    for (model_label, unit_field, date_field), counts in groups.items():
        aggs = {f"m{i}": _agg(m, m.q) for i, m in enumerate(counts)}
        rows = (_base(model_label, unit, unit_field)
                .filter(**{f"{date_field}__gte": start, f"{date_field}__lte": end})
                .annotate(_month=TruncMonth(date_field)).values("_month").annotate(**aggs).order_by("_month"))
        for m in counts:
            out[m.key] = {}
        for r in rows:
            label = r["_month"].strftime("%Y-%m")
            for i, m in enumerate(counts):
                out[m.key][label] = out[m.key].get(label, 0) + (r[f"m{i}"] or 0)
    return out


def months(start: date, end: date) -> list[str]:
    """The months of a period as "YYYY-MM" labels."""
    out, y, mo = [], start.year, start.month
    while (y, mo) <= (end.year, end.month):
        out.append(f"{y:04d}-{mo:02d}")
        y, mo = (y + 1, 1) if mo == 12 else (y, mo + 1)
    return out


def format_value(m, value, decimals: int | None = None) -> str:
    """A figure as it is written in a report: 302, 51.2, 96.61 (a rate with its own decimals unless given)."""
    if value is None:
        return "—"
    if getattr(m, "is_rate", False) or is_derived(m):
        places = m.decimals if decimals is None else decimals
        quant = Decimal(1).scaleb(-places)
        return str(Decimal(value).quantize(quant, rounding=ROUND_HALF_UP))
    if decimals is not None:
        return str(Decimal(value).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP))
    return str(value)


# --- comparisons ------------------------------------------------------------------------------------------

COMPARISONS = ("previous-year", "previous-period")
SUFFIXES = ("previous", "change", "yoy")


def _minus_years(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year - years)
    except ValueError:  # 29 February
        return d.replace(year=d.year - years, day=28)


def _month_end(y: int, m: int) -> date:
    import calendar as _cal

    return date(y, m, _cal.monthrange(y, m)[1])


def comparison_period(start: date, end: date, how: str = "previous-year") -> tuple[date, date]:
    """The period a figure is compared with: the same dates a year earlier (上年同期), or the period of the
    same length just before (上期: whole months shift by whole months, so Q2 compares with Q1)."""
    if how == "previous-year":
        e = _minus_years(end, 1)
        if end == _month_end(end.year, end.month):
            e = _month_end(e.year, e.month)
        return _minus_years(start, 1), e
    if how == "previous-period":
        if start.day == 1 and end == _month_end(end.year, end.month):
            n = (end.year - start.year) * 12 + end.month - start.month + 1
            total = start.year * 12 + start.month - 1 - n
            s = date(total // 12, total % 12 + 1, 1)
            last = start.year * 12 + start.month - 2
            return s, _month_end(last // 12, last % 12 + 1)
        from datetime import timedelta

        length = end - start
        return start - length - timedelta(days=1), start - timedelta(days=1)
    raise ValueError(f"unknown comparison {how!r}: one of {', '.join(COMPARISONS)}")


def change(m, value, previous) -> tuple[Decimal | None, Decimal | None]:
    """(the change, the relative change in % with one decimal): for a rate the change is in percentage points
    (个百分点) and there is no relative change; None where a value is missing or the previous one is 0."""
    if value is None or previous is None:
        return None, None
    diff = Decimal(str(value)) - Decimal(str(previous))
    if isinstance(value, int) and isinstance(previous, int):
        diff = value - previous
    if getattr(m, "is_rate", False):
        return diff.quantize(Decimal(1).scaleb(-m.decimals), rounding=ROUND_HALF_UP), None
    pct = None if not previous else (diff * 100 / Decimal(str(previous))).quantize(Decimal("0.1"),
                                                                                   rounding=ROUND_HALF_UP)
    return diff, pct


def compare(current: Results, how: str = "previous-year", lines: list[str] | None = None) -> Results:
    """Add to `current` each figure's `<key>.previous`, `<key>.change` and `<key>.yoy` (the relative change in %
    for a count, the change in percentage points for a rate) for the comparison period; returns the results of
    that period (computed with the definitions in force then)."""
    start, end = comparison_period(current.start, current.end, how)
    before = compute(start, end, current.unit, lines)
    current.compared = before
    for key in list(current.values):
        if key not in before.values:
            continue
        try:
            m = current.definitions.get(key) or metric(key, current.end)
        except KeyError:
            continue
        prev = before.values[key]
        diff, pct = change(m, current.values[key], prev)
        current.values[f"{key}.previous"] = prev
        current.values[f"{key}.change"] = diff
        current.values[f"{key}.yoy"] = diff if m.is_rate else pct
    return current


def split_key(key: str) -> tuple[str, str]:
    """("reconsideration.received", "yoy") for "reconsideration.received.yoy"; ("…", "") for a plain key."""
    base, _sep, last = key.rpartition(".")
    if last in SUFFIXES and "." in base:
        return base, last
    return key, ""


def describe_change(m, diff, pct, *, previous=None) -> str:
    """A change as a report writes it: 增长12.5% / 下降3件 / 上升2.4个百分点 / 持平; "—" without a comparison."""
    if diff is None:
        return "—"
    if diff == 0:
        return "持平"
    if getattr(m, "is_rate", False):
        return f"{'上升' if diff > 0 else '下降'}{format_value(m, abs(diff))}个百分点"
    if pct is None:
        return f"{'增加' if diff > 0 else '减少'}{abs(diff)}{getattr(m, 'unit_label', '')}"
    return f"{'增长' if diff > 0 else '下降'}{abs(pct)}%"

"""The data of the statistics pages: a line's figures with their definitions and links to the records behind
them, its equations checked, its monthly trend and its breakdowns — all set-based aggregates from
core.metrics (one query per model for each)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlencode

from django.urls import NoReverseMatch, reverse

from sifa.core import drilldown, metrics


@dataclass
class FigureRow:
    key: str
    label: str
    value: str
    raw: object
    unit_label: str
    definition: str
    basis: str
    is_rate: bool
    url: str | None
    detail: str = ""  # a rate's numerator ÷ denominator
    previous: str = ""  # the same period a year earlier
    change: str = ""  # 增长12.5% / 上升2.4个百分点 / 持平
    note: str = ""  # why a figure has no value (a zero denominator)
    terms: list = field(default_factory=list)  # a derived figure's terms: (label, value, url)
    derived: bool = False


@dataclass
class LineStats:
    metric_set: metrics.MetricSet
    rows: list[FigureRow]
    equations: list[metrics.EquationResult]
    trend: dict[str, dict[str, int]] = field(default_factory=dict)
    months: list[str] = field(default_factory=list)
    breakdowns: list[dict] = field(default_factory=list)

    @property
    def line(self) -> str:
        return self.metric_set.line

    @property
    def counts(self) -> list[FigureRow]:
        return [r for r in self.rows if not r.is_rate and not r.derived]


def list_url(metric_set: metrics.MetricSet, key: str, start: date, end: date, unit, *, user=None) -> str | None:
    """The list behind a figure: the line's own for a reader of case contents, else core's drill-down without
    personal data (core.drilldown)."""
    if not metric_set.list_url_name:
        return None
    try:
        base = drilldown.list_url(user, metric_set.list_url_name) if user is not None else reverse(
            metric_set.list_url_name)
    except NoReverseMatch:
        return None
    query = {"metric": key, "from": start.isoformat(), "to": end.isoformat()}
    if unit is not None:
        query["unit"] = unit.code
    return f"{base}?{urlencode(query)}"


def line_stats(metric_set: metrics.MetricSet, start: date, end: date, unit, *, detail: bool = True,
               user=None, compare: str | None = "previous-year") -> LineStats:
    """A line's figures for the period, with the definitions in force on its last day (a past period keeps
    its own) and, unless `compare` is None, each figure for the same period a year earlier and the change."""
    metric_set = metrics.get_set(metric_set.line, end)
    res = metrics.compute(start, end, unit, lines=[metric_set.line])
    if compare:
        metrics.compare(res, compare, lines=[metric_set.line])
    rows = []
    for m in metric_set.metrics:
        value = res.values.get(m.key)
        detail_text = ""
        link_key = m.key
        terms = []
        if metrics.is_derived(m):
            link_key = m.numerator
            detail_text = m.formula_text()
            for k in m.terms:
                try:
                    t = metrics.metric(k, end)
                except KeyError:
                    continue
                tk = t.numerator if (t.is_rate or metrics.is_derived(t)) else k
                owner = metrics.metric_set_of(tk)
                terms.append((str(t.label), metrics.format_value(t, res.values.get(k)),
                              list_url(owner, tk, start, end, unit, user=user)))
        elif m.is_rate:
            num, den = res.values.get(m.numerator), res.values.get(m.denominator)
            detail_text = f"{num} ÷ {den}"
            link_key = m.numerator
        previous = change = ""
        if f"{m.key}.previous" in res.values:
            previous = metrics.format_value(m, res.values[f"{m.key}.previous"])
            change = metrics.describe_change(m, res.values.get(f"{m.key}.change"),
                                             None if m.is_rate else res.values.get(f"{m.key}.yoy"))
        rows.append(FigureRow(
            key=m.key, label=str(m.label), value=metrics.format_value(m, value), raw=value,
            unit_label="%" if m.is_rate else m.unit_label, definition=str(m.definition), basis=str(m.basis),
            is_rate=m.is_rate, url=list_url(metric_set, link_key, start, end, unit, user=user), detail=detail_text,
            previous=previous, change=change, note=res.notes.get(m.key, ""), terms=terms,
            derived=metrics.is_derived(m)))
    stats = LineStats(metric_set, rows, [e for e in res.equations
                                         if metric_set.line == metrics.metric_set_of(e.equation.left).line])
    stats.months = metrics.months(start, end)
    stats.trend = metrics.trend(start, end, unit, lines=[metric_set.line])
    if detail:
        counts = [m.key for m in metric_set.metrics if not m.is_rate and not metrics.is_derived(m)]
        for path, label in metric_set.breakdowns:
            table = metrics.breakdown_table(counts, start, end, unit, by=path)
            keys = [k for k in counts if table and metrics.applies(k, path)]
            if not keys:
                continue
            ordered = sorted(table.items(), key=lambda kv: (-kv[1][keys[0]], str(kv[0] or "")))
            stats.breakdowns.append({
                "path": path, "label": str(label), "keys": keys,
                "headers": [str(label), *[str(metrics.metric(k).label) for k in keys]],
                "rows": [["" if b is None else str(b), *[cell[k] for k in keys]] for b, cell in ordered],
            })
    return stats


def chart_specs(stats: LineStats, *, max_series: int = 12) -> list[dict]:
    """The ECharts inputs, read by static/reports/stats.js from a JSON block."""
    counts = stats.counts[:max_series]
    specs = [{
        "id": f"trend-{stats.line}", "kind": "line", "title": str(stats.metric_set.label),
        "x": stats.months,
        "series": [{"name": r.label, "data": [stats.trend.get(r.key, {}).get(mo, 0) for mo in stats.months]}
                   for r in counts],
        "selected": [r.label for r in counts[:3]],
    }]
    for i, b in enumerate(stats.breakdowns):
        top = b["rows"][:15]
        specs.append({
            "id": f"breakdown-{stats.line}-{i}", "kind": "bar", "title": b["label"],
            "x": [r[0] or "—" for r in top],
            "series": [{"name": b["headers"][j + 1], "data": [r[j + 1] for r in top]} for j in range(len(b["keys"]))],
            "selected": [b["headers"][1]],
        })
    return specs

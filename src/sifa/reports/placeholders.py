"""Placeholders in a report's narrative: `{{ reconsideration.received }}` is replaced by the figure computed
for the report's period; `{{ litigation.appearance_rate:0 }}` writes a rate with 0 decimals;
`{{ reconsideration.received.previous }}` the figure of the same period a year earlier,
`{{ reconsideration.received.yoy }}` the change as a report writes it (增长12.5% / 上升2.4个百分点 / 持平) and
`{{ reconsideration.received.change }}` the difference. The period's own words are placeholders too
(`{{ period.as_of }}` 截至2022年6月底, `{{ period.year }}`, `{{ period.previous_year }}`, `{{ period.months }}`
2022年1-6月, `{{ period.end }}` 2022年6月30日), so a report follows the period it is made for. A placeholder that
names no registered metric, or one whose figure cannot be computed, is an error shown to the author — the text
is never filled with an empty string."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from sifa.core import metrics

PLACEHOLDER = re.compile(r"\{\{(.*?)\}\}", re.S)
INNER = re.compile(r"^\s*([a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+)\s*(?::\s*(\d)\s*)?$")


PERIOD_KEYS = {
    "period.year": "报告年度，如 2022",
    "period.previous_year": "上一年度，如 2021",
    "period.as_of": "截至2022年6月底（月末）或 截至2022年6月15日",
    "period.months": "2022年1-6月",
    "period.start": "2022年1月1日",
    "period.end": "2022年6月30日",
    "period.end_month": "统计截止月份，如 6",
}


def _cn_date(d) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def period_values(start, end) -> dict:
    """The period's words (PERIOD_KEYS) for a report running from `start` to `end`."""
    from .phrasing import as_of, months_span

    return {"period.year": str(end.year), "period.previous_year": str(end.year - 1), "period.as_of": as_of(end),
            "period.months": months_span(end), "period.start": _cn_date(start), "period.end": _cn_date(end),
            "period.end_month": str(end.month),
            "period.end_date": end}  # not a placeholder: the day whose definitions the figures are written with


def known(key: str) -> bool:
    """A key a placeholder may name: a figure, a figure's comparison, or one of the period's words."""
    if key.startswith("period."):
        return key in PERIOD_KEYS
    base, _suffix = metrics.split_key(key)
    return metrics.is_registered(base)


@dataclass(frozen=True)
class PlaceholderProblem:
    where: str
    placeholder: str
    message: str

    def __str__(self) -> str:
        prefix = f"{self.where}：" if self.where else ""
        return f"{prefix}{self.placeholder} — {self.message}"


class PlaceholderError(ValueError):
    def __init__(self, problems: list[PlaceholderProblem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def _parse(raw: str) -> tuple[str, int | None] | None:
    m = INNER.match(raw)
    if not m:
        return None
    return m.group(1), (int(m.group(2)) if m.group(2) is not None else None)


def keys_in(text: str) -> list[str]:
    """The metric keys a text refers to (well-formed placeholders only)."""
    out = []
    for m in PLACEHOLDER.finditer(text or ""):
        parsed = _parse(m.group(1))
        if parsed:
            out.append(parsed[0])
    return out


def check(text: str, where: str = "") -> list[PlaceholderProblem]:
    """Problems a text has whatever the period: malformed placeholders and keys that name no metric."""
    problems = []
    text = text or ""
    for m in PLACEHOLDER.finditer(text):
        parsed = _parse(m.group(1))
        if parsed is None:
            problems.append(PlaceholderProblem(where, m.group(0), _("not a placeholder: write {{ line.metric }}")))
        elif not known(parsed[0]):
            problems.append(PlaceholderProblem(where, m.group(0),
                                               _("names no registered statistic (see the list of figures)")))
    rest = PLACEHOLDER.sub("", text)
    if "{{" in rest or "}}" in rest:
        problems.append(PlaceholderProblem(where, "{{" if "{{" in rest else "}}",
                                           _("an unclosed placeholder: each {{ needs its }}")))
    return problems


def fill(text: str, values: dict, where: str = "", on=None) -> str:
    """Replace each placeholder by its figure from `values` (metric key → value, as from metrics.compute, with
    metrics.compare's and period_values' keys for those placeholders); figures are written with the definitions
    in force on `on` (default: the period's last day, from period_values). Raises PlaceholderError listing every
    problem found."""
    on = on or values.get("period.end_date")
    problems = check(text, where)
    if problems:
        raise PlaceholderError(problems)

    def sub(m: re.Match) -> str:
        key, decimals = _parse(m.group(1))
        value = values.get(key)
        base, suffix = metrics.split_key(key)
        if value is None and not (suffix == "yoy" and f"{base}.change" in values):
            problems.append(PlaceholderProblem(where, m.group(0), _(
                "has no value for this period (a rate whose denominator is zero, or a line not computed)")))
            return m.group(0)
        if key.startswith("period."):
            return str(value)
        figure = metrics.metric(base, on)
        if suffix == "yoy":
            return metrics.describe_change(figure, values.get(f"{base}.change"),
                                           None if figure.is_rate else value)
        if suffix == "change":
            return ("+" if value > 0 else "") + metrics.format_value(figure, value, decimals)
        return metrics.format_value(figure, value, decimals)

    out = PLACEHOLDER.sub(sub, text or "")
    if problems:
        raise PlaceholderError(problems)
    return out

"""Placeholders in a report's narrative: `{{ reconsideration.received }}` is replaced by the figure computed
for the report's period; `{{ litigation.appearance_rate:0 }}` writes a rate with 0 decimals. A placeholder that
names no registered metric, or one whose figure cannot be computed, is an error shown to the author — the text
is never filled with an empty string."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from sifa.core import metrics

PLACEHOLDER = re.compile(r"\{\{(.*?)\}\}", re.S)
INNER = re.compile(r"^\s*([a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+)\s*(?::\s*(\d)\s*)?$")


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
        elif not metrics.is_registered(parsed[0]):
            problems.append(PlaceholderProblem(where, m.group(0),
                                               _("names no registered statistic (see the list of figures)")))
    rest = PLACEHOLDER.sub("", text)
    if "{{" in rest or "}}" in rest:
        problems.append(PlaceholderProblem(where, "{{" if "{{" in rest else "}}",
                                           _("an unclosed placeholder: each {{ needs its }}")))
    return problems


def fill(text: str, values: dict, where: str = "") -> str:
    """Replace each placeholder by its figure from `values` (metric key → value, as from metrics.compute).
    Raises PlaceholderError listing every problem found."""
    problems = check(text, where)
    if problems:
        raise PlaceholderError(problems)

    def sub(m: re.Match) -> str:
        key, decimals = _parse(m.group(1))
        value = values.get(key)
        if value is None:
            problems.append(PlaceholderProblem(where, m.group(0), _(
                "has no value for this period (a rate whose denominator is zero, or a line not computed)")))
            return m.group(0)
        return metrics.format_value(metrics.metric(key), value, decimals)

    out = PLACEHOLDER.sub(sub, text or "")
    if problems:
        raise PlaceholderError(problems)
    return out

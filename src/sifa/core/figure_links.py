"""A line's links to and from its figures: the statistics page of the line, and the drill-down from a figure to
the line's own list (`?metric=KEY&from=YYYY-MM-DD&to=YYYY-MM-DD[&unit=CODE]`).

Read by each line's list view (the rows are `core.metrics.cases_for` within the user's scope, filtered by the
line's selector); `core.drilldown` is the same drill-down for readers of statistics who may not read case
contents. A separate module beside the line kit, for the lines to share instead of each parsing these.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.http import Http404
from django.urls import NoReverseMatch, reverse

from . import metrics
from .inputs import DATE_MAX, DATE_MIN
from .models import Unit


def stats_url(line: str) -> str:
    """The line's statistics page ("" in a build without the reports app)."""
    try:
        return reverse("reports:line_stats", args=[line])
    except NoReverseMatch:
        return ""


@dataclass(frozen=True)
class Figure:
    """The figure a list was opened from: its metric, period and unit (None: every unit the user sees)."""

    metric: object
    start: date
    end: date
    unit: Unit | None

    def as_context(self) -> dict:
        return {"metric": self.metric, "from": self.start, "to": self.end, "unit": self.unit}


def _day(text: str | None) -> date | None:
    try:
        day = date.fromisoformat(text) if text else None
    except ValueError:
        return None
    return day if day is not None and DATE_MIN <= day <= DATE_MAX else None


def figure_from(request) -> Figure | None:
    """The figure of a drill-down request; None when the request names no metric; 404 when it names an unknown
    metric or lacks a valid period."""
    key = request.GET.get("metric", "")
    if not key:
        return None
    try:
        m = metrics.metric(key)
    except KeyError:
        raise Http404 from None
    start, end = _day(request.GET.get("from")), _day(request.GET.get("to"))
    if not (start and end):
        raise Http404
    code = request.GET.get("unit")
    return Figure(m, start, end, Unit.objects.filter(code=code).first() if code else None)


__all__ = ["Figure", "figure_from", "stats_url"]

"""The generated statistics paragraph offered to the author of each section, in the phrasing its line declares
(`core.lines.Line.report_phrasing`). Each phrasing names its figures as placeholders, so the author can insert it, edit the words around the
figures, and the figures stay computed. A line without a phrasing of its own gets a plain list of its figures."""

from __future__ import annotations

import calendar
from datetime import date

from sifa.core import lines, metrics

from .placeholders import keys_in


def as_of(through: date) -> str:
    """截至2022年10月底 (the end of a month) or 截至2022年10月20日."""
    last = calendar.monthrange(through.year, through.month)[1]
    if through.day == last:
        return f"截至{through.year}年{through.month}月底"
    return f"截至{through.year}年{through.month}月{through.day}日"


def months_span(through: date) -> str:
    """2022年1-10月."""
    return f"{through.year}年1-{through.month}月" if through.month > 1 else f"{through.year}年1月"


def _generic(metric_set, through: date) -> str:
    parts = []
    for m in metric_set.metrics:
        unit = "%" if m.is_rate else m.unit_label
        parts.append(f"{m.label}{{{{ {m.key} }}}}{unit}")
    return "{{ period.as_of }}，" + "，".join(parts) + "。"


def paragraph(line: str, through: date) -> str:
    """The statistics paragraph for a line's figures through a date (placeholders, not numbers)."""
    metric_set = metrics.get_set(line, through)
    template = lines.get(line).report_phrasing if lines.is_line(line) else ""
    if template:
        # the period's words as placeholders too, so that the paragraph follows the report's period
        text = template.format(as_of="{{ period.as_of }}", months="{{ period.months }}",
                               prev="{{ period.previous_year }}")
        if all(metrics.is_registered(k) for k in keys_in(text)):
            return text
    return _generic(metric_set, through)


def offers(through: date) -> dict[str, str]:
    """line → generated paragraph, for every registered line."""
    return {s.line: paragraph(s.line, through) for s in metrics.sets()}

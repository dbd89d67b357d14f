"""The quarterly reconsideration and litigation bulletin (复议诉讼情况通报): the lines' figures for a quarter
against the previous quarter, and tables by respondent agency from the lines' breakdowns, as an official
document. It composes whichever of its lines are registered."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from sifa.core import documents, metrics
from sifa.core import lines as registry

CHINESE_NUMERALS = "一二三四五六七八九十"


def quarter_period(year: int, quarter: int) -> tuple[date, date]:
    if quarter not in (1, 2, 3, 4):
        raise ValueError(_("A quarter is 1, 2, 3 or 4."))
    start = date(year, 3 * quarter - 2, 1)
    end = (date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)) - timedelta(days=1)
    return start, end


def previous_quarter(year: int, quarter: int) -> tuple[int, int]:
    return (year - 1, 4) if quarter == 1 else (year, quarter - 1)


@dataclass
class FigureRow:
    key: str
    label: str
    current: object
    previous: object
    unit_label: str

    @property
    def change(self):
        if self.current is None or self.previous is None:
            return None
        return self.current - self.previous

    @property
    def change_text(self) -> str:
        change = self.change
        if change is None:
            return "—"
        if isinstance(change, Decimal):
            change = change.normalize()
        return f"+{change}" if change > 0 else str(change)

    @property
    def change_pct(self) -> str:
        if self.change is None or not self.previous or isinstance(self.current, Decimal):
            return "—"
        pct = (Decimal(self.change) * 100 / Decimal(self.previous)).quantize(Decimal("0.1"))
        return f"{'+' if pct > 0 else ''}{pct}%"


@dataclass
class BreakdownTable:
    label: str  # the dimension, e.g. 被申请人
    keys: list[str]
    headers: list[str]
    rows: list[list]  # bucket label, then one value per key
    totals: list[int]


@dataclass
class LineSection:
    line: str
    label: str
    figures: list[FigureRow] = field(default_factory=list)
    tables: list[BreakdownTable] = field(default_factory=list)


@dataclass
class Bulletin:
    year: int
    quarter: int
    start: date
    end: date
    sections: list[LineSection]


def build(year: int, quarter: int, unit=None, lines: list[str] | None = None) -> Bulletin:
    start, end = quarter_period(year, quarter)
    pstart, pend = quarter_period(*previous_quarter(year, quarter))
    # the lines that declare themselves part of the bulletin (core.lines.Line.bulletin), if their figures exist
    lines = lines or [ln.key for ln in registry.all() if ln.bulletin]
    wanted = [ln for ln in lines if ln in {s.line for s in metrics.sets()}]
    now = metrics.compute(start, end, unit, lines=wanted)
    before = metrics.compute(pstart, pend, unit, lines=wanted)
    out = []
    for line in wanted:
        mset = metrics.get_set(line)
        sec = LineSection(line, str(mset.label))
        for m in mset.metrics:
            sec.figures.append(FigureRow(m.key, str(m.label), now.values.get(m.key), before.values.get(m.key),
                                         "%" if m.is_rate else m.unit_label))
        counts = [m.key for m in mset.metrics if not m.is_rate]
        for path, label in mset.breakdowns:
            table = metrics.breakdown_table(counts, start, end, unit, by=path)
            keys = [k for k in counts if any(k in cell for cell in table.values())]
            keys = [k for k in keys if metrics.applies(k, path)]
            if not keys:
                continue
            ordered = sorted(table.items(), key=lambda kv: (-kv[1][keys[0]], str(kv[0] or "")))
            rows = [[bucket if bucket not in (None, "") else _("(not recorded)"), *[cell[k] for k in keys]]
                    for bucket, cell in ordered if any(cell[k] for k in keys)]
            totals = [sum(cell[k] for cell in table.values()) for k in keys]
            sec.tables.append(BreakdownTable(str(label), keys, [str(label), *[str(metrics.metric(k).label) for k in keys]],
                                             rows, totals))
        out.append(sec)
    return Bulletin(year, quarter, start, end, out)


def document(bulletin: Bulletin, **kwargs) -> documents.OfficialDocument:
    """The bulletin as an official document, in Chinese whatever the reader's language."""
    with translation.override(settings.LANGUAGE_CODE):
        return _document(bulletin, **kwargs)


def _document(bulletin: Bulletin, *, issuer_mark: str = "", number: str = "", signature: str = "",
              dated: date | None = None, unit=None) -> documents.OfficialDocument:
    b = bulletin
    q = CHINESE_NUMERALS[b.quarter - 1]
    body = [documents.p(_("The figures of administrative reconsideration and litigation response for the "
                          "quarter %(start)s to %(end)s are reported as follows.")
                        % {"start": documents.chinese_date(b.start), "end": documents.chinese_date(b.end)})]
    if not b.sections:
        body.append(documents.p(_("No reconsideration or litigation statistics are registered.")))
    table_no = 0
    for i, sec in enumerate(b.sections):
        body.append(documents.h1(f"{CHINESE_NUMERALS[i]}、{sec.label}"))
        sentences = []
        for row in sec.figures:
            if row.current is None:
                continue
            value = metrics.format_value(metrics.metric(row.key), row.current)
            sentences.append(_("%(label)s %(value)s%(unit)s (%(change)s on the previous quarter)")
                             % {"label": row.label, "value": value, "unit": row.unit_label, "change": row.change_text})
        if sentences:
            body.append(documents.p(_("This quarter: ") + "；".join(sentences) + "。"))
        table_no += 1
        body.append(documents.table(
            [_("Figure"), _("This quarter"), _("Previous quarter"), _("Increase or decrease"), _("Change (%)")],
            [[row.label, _cell(row.key, row.current, row.unit_label), _cell(row.key, row.previous, row.unit_label),
              row.change_text, row.change_pct] for row in sec.figures],
            caption=_("Table %(n)s  %(label)s: this quarter and the previous one") % {"n": table_no, "label": sec.label}))
        for t in sec.tables:
            table_no += 1
            body.append(documents.table(
                t.headers, [*t.rows, [_("Total"), *t.totals]],
                caption=_("Table %(n)s  %(label)s by %(dim)s") % {"n": table_no, "label": sec.label, "dim": t.label}))
    title = _("Bulletin on administrative reconsideration and litigation, %(year)s quarter %(q)s") % {
        "year": b.year, "q": q}
    return documents.OfficialDocument(title=title, body=body, issuer_mark=issuer_mark, number=number,
                                      signature=signature, date=dated, unit=unit,
                                      kind="red_header" if issuer_mark else "plain")


def _cell(key: str, value, unit_label: str) -> str:
    if value is None:
        return "—"
    return metrics.format_value(metrics.metric(key), value) + ("%" if unit_label == "%" else "")

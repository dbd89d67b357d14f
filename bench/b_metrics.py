"""(a) The annual report's metrics for one year through `sifa.core.metrics.compute`, vs one hand-written SQL
query per line (per model) computing the same figures: the database's own limit. The figures must agree."""

from __future__ import annotations

import time
from datetime import date

from django.db import connection

from sifa.core import metrics
from sifa.core.models import Unit

from . import Skip
from .timing import measure, ms, ratio

TITLE = "Annual metrics: `core.metrics.compute` vs hand-written SQL"
GOAL = "≤ 1.3×"


def hand_sql(plugin, start: date, end: date, unit) -> dict:
    values = {}
    with connection.cursor() as c:
        for sql in plugin.metrics_sql(connection.vendor):
            c.execute(sql, {"start": start, "end": end, "path": unit.path + "%"})
            cols = [col[0] for col in c.description]
            values.update(dict(zip(cols, c.fetchone(), strict=True)))
    return {k: (v or 0) for k, v in values.items()}


def run(ctx) -> dict:
    registered = {s.line for s in metrics.sets()}
    chosen = [p for p in ctx.plugins if p.line in registered and p.metrics_sql(connection.vendor)]
    if not chosen:
        raise Skip("no installed line registers metrics with a hand-written SQL twin yet")
    year = ctx.metrics_year
    start, end = date(year, 1, 1), date(year, 12, 31)
    scopes = [Unit.objects.get(code="PT")]
    city = Unit.objects.filter(code="BX").first()
    if city:
        scopes.append(city)
    rows, ratios, notes = [], [], []
    for unit in scopes:
        for p in chosen:
            orm = measure(lambda p=p, unit=unit: metrics.compute(start, end, unit, lines=[p.line]),
                          repeat=ctx.repeat_heavy * 3)
            sql = measure(lambda p=p, unit=unit: hand_sql(p, start, end, unit), repeat=ctx.repeat_heavy * 3)
            got = metrics.compute(start, end, unit, lines=[p.line]).values
            want = hand_sql(p, start, end, unit)
            differ = {k: (got.get(k), v) for k, v in want.items() if got.get(k) != v}
            v = ratio(orm.p50, sql.p50)
            rows.append([unit.code, p.line, ms(orm.p50), ms(sql.p50), str(len(want)),
                         "yes" if not differ else f"NO: {differ}"])
            ratios.append({"label": f"{p.line} · {unit.code}: compute ÷ SQL (median)", "value": v, "goal": GOAL,
                           "met": v is not None and v <= 1.3 and not differ})
        t = time.perf_counter()
        metrics.compute(start, end, unit)
        notes.append(f"Every registered line at once for {unit.code} ({unit.name}), {year}: "
                     f"{ms(time.perf_counter() - t)}.")
    return {"title": TITLE, "ratios": ratios,
            "headers": ["unit", "line", "compute (median)", "hand SQL (median)", "figures", "figures agree"],
            "rows": rows, "notes": notes + [
                f"Year {year}, unit subtree by materialised path; {ctx.repeat_heavy * 3} runs each after a warm-up."]}

"""(d) Importing each line's cases from .xlsx and .csv with full validation (the line's import service), vs a raw
insert of the same rows (COPY on PostgreSQL, executemany on SQLite) without validation, clocks or audit.
Each import runs in a transaction rolled back afterwards, so the benchmark database stays as seeded."""

from __future__ import annotations

import csv
import time

from django.db import transaction

from . import Skip
from .timing import rate, ratio, secs

TITLE = "File imports (.xlsx, .csv) vs raw COPY/executemany"
GOAL = "≥ 0.5× of raw speed"


class _Rollback(Exception):
    pass


def _timed_rolled_back(fn) -> tuple[float, object]:
    result = None
    t = time.perf_counter()
    try:
        with transaction.atomic():
            result = fn()
            took = time.perf_counter() - t
            raise _Rollback
    except _Rollback:
        pass
    return took, result


def write_csv(path, headers, rows) -> None:
    with open(path, "w", newline="", encoding="utf-8-sig") as f:
        w = csv.writer(f)
        w.writerow(headers)
        w.writerows(rows)


def write_xlsx(path, headers, rows) -> None:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet()
    ws.append(headers)
    for r in rows:
        ws.append(list(r))
    wb.save(path)


def run(ctx) -> dict:
    importers = [p for p in ctx.plugins if p.has_import()]
    if not importers:
        raise Skip("no installed line offers an import service yet")
    n = ctx.import_rows
    out_rows, ratios, notes = [], [], []
    for p in importers:
        headers, rows = p.import_file_rows(ctx, n)
        csv_path, xlsx_path = ctx.var_dir / f"import-{p.line}.csv", ctx.var_dir / f"import-{p.line}.xlsx"
        write_csv(csv_path, headers, rows)
        t = time.perf_counter()
        write_xlsx(xlsx_path, headers, rows)
        notes.append(f"{p.line}: writing the {n:,}-row .xlsx took {secs(time.perf_counter() - t)} (not timed).")
        raw_s, _ = _timed_rolled_back(lambda p=p, csv_path=csv_path: p.raw_insert(ctx, csv_path))
        out_rows.append([p.line, "raw insert from .csv (no validation)", f"{n:,}", secs(raw_s), rate(n, raw_s)])
        for fmt, path in (("csv", csv_path), ("xlsx", xlsx_path)):
            took, res = _timed_rolled_back(lambda p=p, path=path: p.run_import(ctx, path))
            ok = p.import_ok(res, n)
            out_rows.append([p.line, f"import service, .{fmt}", f"{n:,}", secs(took), rate(n, took)
                             + ("" if ok else " (rows rejected!)")])
            v = ratio(raw_s, took)
            ratios.append({"label": f"{p.line} .{fmt}: import speed ÷ raw speed", "value": v, "goal": GOAL,
                           "met": v is not None and v >= 0.5 and ok})
    return {"title": TITLE, "ratios": ratios, "headers": ["line", "path", "rows", "time", "rows/s"],
            "rows": out_rows, "notes": notes}

"""(d) Importing disputes (and any other line's records) from .xlsx and .csv with full validation, through
the line's import service, vs writing the same data raw.

Two baselines, both measured in the same run:

- **the same rows, raw** (the goal's baseline): every row the import wrote — the records, their history,
  parties, links, agreements, clocks, numbers and audit events — read back from the database and written
  again with one COPY per table (executemany on SQLite), nothing checked or computed: the database's own
  limit for the data the import produces;
- **the records alone** (for reference): the .csv parsed with the csv module and only the line's case rows
  written raw, as an import that skipped everything but the case table would.

Each import runs in a transaction rolled back afterwards, so the benchmark database stays as seeded.
"""

from __future__ import annotations

import csv
import time

from django.apps import apps
from django.db import connection, transaction

from . import Skip
from .timing import rate, ratio, secs

TITLE = "Import (.xlsx, .csv) with full validation vs writing the same rows raw"
GOAL = "≥ 0.5× of raw speed"


class _Rollback(Exception):
    pass


def _timed_rolled_back(fn, after=None) -> tuple[float, object]:
    """Run `fn` in a transaction, time it, call `after(result)` (untimed) before rolling back."""
    result = None
    t = time.perf_counter()
    try:
        with transaction.atomic():
            result = fn()
            took = time.perf_counter() - t
            if after is not None:
                after(result)
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


def _tables() -> list:
    """Every concrete model with an integer primary key (the tables an import may append to)."""
    out = []
    for model in apps.get_models(include_auto_created=True):
        pk = model._meta.pk
        if model._meta.managed and not model._meta.proxy and pk.get_internal_type() in (
                "AutoField", "BigAutoField", "IntegerField", "BigIntegerField"):
            out.append(model)
    return out


def _max_ids(models_) -> dict:
    qn = connection.ops.quote_name
    out = {}
    with connection.cursor() as c:
        for m in models_:
            c.execute(f"SELECT MAX({qn(m._meta.pk.column)}) FROM {qn(m._meta.db_table)}")
            out[m] = c.fetchone()[0] or 0
    return out


def _new_rows(before: dict) -> dict:
    """model -> (columns, rows) of the rows added since `before` (by primary key), in key order."""
    qn = connection.ops.quote_name
    out = {}
    with connection.cursor() as c:
        for m, last in before.items():
            cols = [f.column for f in m._meta.concrete_fields]
            c.execute(f"SELECT {', '.join(qn(x) for x in cols)} FROM {qn(m._meta.db_table)} "
                      f"WHERE {qn(m._meta.pk.column)} > %s ORDER BY {qn(m._meta.pk.column)}", [last])
            rows = c.fetchall()
            if rows:
                out[m] = (cols, rows)
    return out


def _write_raw(written: dict) -> int:
    """The rows, again, by COPY (PostgreSQL) or executemany (SQLite), in the order they were first written."""
    qn = connection.ops.quote_name
    n = 0
    with connection.cursor() as c:
        for m, (cols, rows) in written.items():
            names = ", ".join(qn(x) for x in cols)
            if connection.vendor == "postgresql":
                with c.cursor.copy(f"COPY {qn(m._meta.db_table)} ({names}) FROM STDIN") as copy:
                    for r in rows:
                        copy.write_row(r)
            else:
                marks = ", ".join(["%s"] * len(cols))
                c.executemany(f"INSERT INTO {qn(m._meta.db_table)} ({names}) VALUES ({marks})", rows)
            n += len(rows)
    return n


def _ordered(written: dict) -> dict:
    """Referenced tables first, so that the raw write meets every foreign key (checked at COPY time)."""
    done, out = set(), {}

    def visit(m, path=()):
        if m in done or m in path:
            return
        for f in m._meta.concrete_fields:
            target = getattr(f, "related_model", None)
            if target is not None and target in written and target is not m:
                visit(target, (*path, m))
        done.add(m)
        out[m] = written[m]

    for m in written:
        visit(m)
    return out


def run(ctx) -> dict:
    importers = [p for p in ctx.plugins if p.has_import()]
    if not importers:
        raise Skip("no installed line offers an import service yet")
    n = ctx.import_rows
    tables = _tables()
    out_rows, ratios, notes = [], [], []
    for p in importers:
        headers, rows = p.import_file_rows(ctx, n)
        csv_path, xlsx_path = ctx.var_dir / f"import-{p.line}.csv", ctx.var_dir / f"import-{p.line}.xlsx"
        write_csv(csv_path, headers, rows)
        t = time.perf_counter()
        write_xlsx(xlsx_path, headers, rows)
        notes.append(f"{p.line}: writing the {n:,}-row .xlsx took {secs(time.perf_counter() - t)} (not timed).")
        written: dict = {}

        def keep(_result, before=None, written=written):
            written.update(_ordered(_new_rows(before)))

        timings = {}
        for fmt, path in (("csv", csv_path), ("xlsx", xlsx_path)):
            before = _max_ids(tables)
            took, res = _timed_rolled_back(lambda p=p, path=path: p.run_import(ctx, path),
                                           after=(lambda r, before=before: keep(r, before)) if fmt == "csv" else None)
            timings[fmt] = (took, p.import_ok(res, n))
        total_rows = sum(len(r) for _c, r in written.values())
        raw_s, _ = _timed_rolled_back(lambda written=written: _write_raw(written))
        cases_s, _ = _timed_rolled_back(lambda p=p, csv_path=csv_path: p.raw_insert(ctx, csv_path))
        out_rows.append([p.line, f"the same {total_rows:,} rows, raw (COPY per table)", f"{n:,}", secs(raw_s),
                         rate(n, raw_s)])
        out_rows.append([p.line, "the case rows alone, raw, parsed from the .csv", f"{n:,}", secs(cases_s),
                         rate(n, cases_s)])
        for fmt, (took, ok) in timings.items():
            out_rows.append([p.line, f"import service, .{fmt}", f"{n:,}", secs(took),
                             rate(n, took) + ("" if ok else " (rows rejected!)")])
            v = ratio(raw_s, took)
            ratios.append({"label": f"{p.line} .{fmt}: import speed ÷ raw speed (same rows)", "value": v,
                           "goal": GOAL, "met": v is not None and v >= 0.5 and ok})
            ratios.append({"label": f"{p.line} .{fmt}: import speed ÷ raw speed (case rows alone)",
                           "value": ratio(cases_s, took), "goal": "(reference)", "met": True})
        per_table = ", ".join(f"{m._meta.label} {len(r):,}" for m, (_c, r) in written.items())
        notes.append(f"{p.line}: the import of {n:,} records wrote {total_rows:,} rows: {per_table}.")
    return {"title": TITLE, "ratios": ratios, "headers": ["line", "path", "records", "time", "records/s"],
            "rows": out_rows, "notes": notes}

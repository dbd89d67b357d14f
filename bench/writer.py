"""Bulk insert at the database's own speed: COPY on PostgreSQL, executemany on SQLite.

The generator hands rows over as dicts of attribute names (``unit_id``, not ``unit``); the writer fills
defaults, converts values once per column, assigns primary keys from its own counters (so foreign keys
are known without a round trip), and flushes in batches. Model ``save()``, signals and history hooks are
bypassed on purpose: this is a loader, and what those hooks would write (history rows, audit events,
clocks) the generator writes itself.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from datetime import UTC, date, datetime

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models
from django.utils import timezone


def _json(value) -> str:
    if not value:
        return "[]" if isinstance(value, list) else "{}" if isinstance(value, dict) else json.dumps(value)
    return json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))


class _Table:
    """How to turn a row dict of one model into a tuple of column values."""

    def __init__(self, model: type[models.Model], vendor: str):
        self.model = model
        self.name = model._meta.db_table
        self.fields = [f for f in model._meta.concrete_fields]
        self.columns = [f.column for f in self.fields]
        self.pk_attname = model._meta.pk.attname
        self.defaults: dict[str, Callable[[], object]] = {}
        self.converters: list[Callable | None] = []
        now = timezone.now()
        for f in self.fields:
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                self.defaults[f.attname] = (lambda n=now: n)
            elif f.has_default():
                self.defaults[f.attname] = f.get_default
            elif f.null:
                self.defaults[f.attname] = lambda: None
            elif isinstance(f, models.CharField | models.TextField):
                self.defaults[f.attname] = lambda: ""
            self.converters.append(_converter(f, vendor))
        self._compiled = self._compile()
        self.rows: list[tuple] = []
        self.written = 0
        self.seconds = 0.0  # time spent writing (the database's share of a load)

    def tuple_of(self, row: dict) -> tuple:
        return self._compiled(row)

    def _compile(self):
        """One generated function per table turning a row dict into a tuple: this runs for every row
        written, so it does no per-field dispatch."""
        env: dict = {"_missing": self._missing}
        parts = []
        for i, (f, conv) in enumerate(zip(self.fields, self.converters, strict=True)):
            name = f.attname
            if name in self.defaults:
                default = self.defaults[name]
                env[f"d{i}"] = default
                get = f"(row[{name!r}] if {name!r} in row else d{i}())"
            else:
                get = f"(row[{name!r}] if {name!r} in row else _missing({name!r}))"
            if conv is not None:
                env[f"c{i}"] = conv
                get = f"(None if (v{i} := {get}) is None else c{i}(v{i}))"
            parts.append(get)
        src = "def compiled(row):\n    return (" + ", ".join(parts) + ",)\n"
        exec(src, env)  # noqa: S102  (generated from the model's own field names)
        return env["compiled"]

    def _missing(self, name: str):
        raise KeyError(f"{self.model._meta.label}.{name} has no value and no default")


def _converter(f: models.Field, vendor: str):
    if isinstance(f, models.JSONField):
        return _json
    if vendor == "postgresql":
        return None  # psycopg adapts dates, datetimes, decimals and booleans in COPY itself
    if isinstance(f, models.DateTimeField):
        return lambda v: v.astimezone(UTC).replace(tzinfo=None).isoformat(" ") if isinstance(v, datetime) else v
    if isinstance(f, models.DateField):
        return lambda v: v.isoformat() if isinstance(v, date) else v
    if isinstance(f, models.DecimalField):
        return str
    if isinstance(f, models.BooleanField):
        return int
    return None


class BulkWriter:
    """Buffer rows per model and write them in batches; `next_id(model)` hands out primary keys."""

    def __init__(self, batch: int = 20000, *, defer_indexes: bool = False):
        self.vendor = connection.vendor
        # On PostgreSQL a large load is faster with the secondary indexes built once at the end than
        # maintained row by row: drop those not backing a constraint, recreate them in close().
        self.defer_indexes = defer_indexes and self.vendor == "postgresql"
        self.dropped: list[tuple[str, str]] = []
        self.index_seconds = 0.0
        self.batch = batch
        self.tables: dict[type[models.Model], _Table] = {}
        self._ids: dict[type[models.Model], int] = {}
        self.order: list[type[models.Model]] = []  # first-seen order = foreign-key order

    def table(self, model) -> _Table:
        t = self.tables.get(model)
        if t is None:
            t = self.tables[model] = _Table(model, self.vendor)
            self.order.append(model)
            if self.defer_indexes:
                self._drop_indexes(t.name)
        return t

    def next_id(self, model) -> int:
        if model not in self._ids:
            with connection.cursor() as c:
                c.execute(f"SELECT MAX({connection.ops.quote_name(model._meta.pk.column)}) "
                          f"FROM {connection.ops.quote_name(model._meta.db_table)}")
                self._ids[model] = c.fetchone()[0] or 0
        self._ids[model] += 1
        return self._ids[model]

    def add(self, model, row: dict) -> dict:
        t = self.table(model)
        if t.pk_attname not in row:
            row[t.pk_attname] = self.next_id(model)
        t.rows.append(t.tuple_of(row))
        if len(t.rows) >= self.batch:
            self.flush(upto=model)
        return row

    def flush(self, upto=None) -> None:
        """Write buffered rows. Tables are written in first-seen order so referenced rows land first."""
        for model in self.order:
            self._write(self.tables[model])
            if model is upto:
                break

    def _write(self, t: _Table) -> None:
        if not t.rows:
            return
        started = time.perf_counter()
        qn = connection.ops.quote_name
        cols = ", ".join(qn(c) for c in t.columns)
        with connection.cursor() as c:
            if self.vendor == "postgresql":
                with c.cursor.copy(f"COPY {qn(t.name)} ({cols}) FROM STDIN") as copy:
                    for r in t.rows:
                        copy.write_row(r)
            else:
                marks = ", ".join(["%s"] * len(t.columns))
                c.executemany(f"INSERT INTO {qn(t.name)} ({cols}) VALUES ({marks})", t.rows)
        t.written += len(t.rows)
        t.rows = []
        t.seconds += time.perf_counter() - started

    def _drop_indexes(self, table: str) -> None:
        with connection.cursor() as c:
            c.execute("""
                SELECT i.relname, pg_get_indexdef(x.indexrelid) FROM pg_index x
                JOIN pg_class i ON i.oid = x.indexrelid
                WHERE x.indrelid = %s::regclass
                  AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid)""", [table])
            found = c.fetchall()
            for name, _definition in found:
                c.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
        self.dropped += found

    def close(self) -> dict[str, int]:
        """Flush everything, rebuild deferred indexes, move the sequences past the ids handed out;
        returns the rows written per table."""
        self.flush()
        started = time.perf_counter()
        with connection.cursor() as c:
            for _name, definition in self.dropped:
                c.execute(definition)
        self.dropped = []
        self.index_seconds = time.perf_counter() - started
        reset_sequences(list(self.tables))
        return {t.model._meta.label: t.written for t in self.tables.values() if t.written}


def reset_sequences(models_: list) -> None:
    if connection.vendor != "postgresql" or not models_:
        return
    from django.core.management.color import no_style

    with connection.cursor() as c:
        for sql in connection.ops.sequence_reset_sql(no_style(), models_):
            c.execute(sql)

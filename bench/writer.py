"""Bulk insert at the database's own speed: COPY on PostgreSQL, executemany on SQLite.

The generator hands rows over as dicts of attribute names (``unit_id``, not ``unit``); the writer fills
defaults, converts values once per column, assigns primary keys from its own counters (so foreign keys
are known without a round trip), and flushes in batches. Model ``save()``, signals and history hooks are
bypassed on purpose: this is a loader, and what those hooks would write (history rows, audit events,
clocks) the generator writes itself.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, date, datetime

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models
from django.utils import timezone


def _json(value) -> str:
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
        self.rows: list[tuple] = []
        self.written = 0

    def tuple_of(self, row: dict) -> tuple:
        out = []
        for f, conv in zip(self.fields, self.converters, strict=True):
            name = f.attname
            if name in row:
                v = row[name]
            elif name in self.defaults:
                v = self.defaults[name]()
            else:
                raise KeyError(f"{self.model._meta.label}.{name} has no value and no default")
            out.append(conv(v) if (conv is not None and v is not None) else v)
        return tuple(out)


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

    def __init__(self, batch: int = 20000):
        self.vendor = connection.vendor
        self.batch = batch
        self.tables: dict[type[models.Model], _Table] = {}
        self._ids: dict[type[models.Model], int] = {}
        self.order: list[type[models.Model]] = []  # first-seen order = foreign-key order

    def table(self, model) -> _Table:
        t = self.tables.get(model)
        if t is None:
            t = self.tables[model] = _Table(model, self.vendor)
            self.order.append(model)
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

    def close(self) -> dict[str, int]:
        """Flush everything, move the sequences past the ids handed out; rows written per table."""
        self.flush()
        reset_sequences(list(self.tables))
        return {t.model._meta.label: t.written for t in self.tables.values() if t.written}


def reset_sequences(models_: list) -> None:
    if connection.vendor != "postgresql" or not models_:
        return
    from django.core.management.color import no_style

    with connection.cursor() as c:
        for sql in connection.ops.sequence_reset_sql(no_style(), models_):
            c.execute(sql)

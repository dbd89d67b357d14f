"""Set-based row inserts for batch writers (imports, the demo's year): plain rows into a line's own tables, and
the creation rows django-simple-history would write for new cases.

At ~10^5 rows Django's per-value preparation in `bulk_create` is most of the time spent (1.4 million
prepare_value calls for a district's year of disputes), so `insert_rows` adapts values once per field type (and
each distinct value once) and writes them with COPY on PostgreSQL, elsewhere with INSERTs of many rows each. It is
for tables without save() logic or signals (links, sessions, agreements, history rows). Rows whose keys the
writer needs take them first (`_next_keys`: the sequence on PostgreSQL, the table's AUTOINCREMENT counter under
SQLite's write lock), else `bulk_create`. The numbers, audit events and clocks of a batch come from
`numbering.take_block`, `audit.record_many` and `clocks.start_many`.

Building a model instance costs ~50 µs (seconds at 10^5 rows), so a batch writer keeps its rows as
{field attname: value} dicts where nothing needs an instance (`create_rows`, `insert_dicts`, `history_rows(...,
model=)`) and builds instances, when it does need them, from those rows (`build`).
"""

from __future__ import annotations

import gc
import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from itertools import chain
from operator import itemgetter

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models
from django.db.models import signals
from django.db.models.base import ModelState
from django.db.models.fields.related_descriptors import ForeignKeyDeferredAttribute
from django.db.models.query_utils import DeferredAttribute
from django.utils import timezone


def _adapter(field):
    ops = connection.ops
    if isinstance(field, models.DateTimeField):
        return _remembered(ops.adapt_datetimefield_value)
    if isinstance(field, models.DateField):
        return _remembered(ops.adapt_datefield_value)
    if isinstance(field, models.DecimalField):
        return _remembered(lambda v: ops.adapt_decimalfield_value(v, field.max_digits, field.decimal_places))
    if isinstance(field, models.JSONField):
        return _json_text
    return None


def _remembered(adapt):
    """`adapt`, each value adapted once: a batch repeats its values (one moment in every row's timestamps, the
    days of a year, a few amounts), and adapting a datetime costs microseconds."""
    seen = {}

    def adapted(v):
        try:
            return seen[v]
        except KeyError:
            out = seen[v] = adapt(v)
            return out
        except TypeError:  # unhashable
            return adapt(v)

    return adapted


class JSONText(str):
    """The value of a JSON field serialised already (the audit chain's payloads: the text that was hashed)."""


def _json_text(v) -> str:
    if type(v) is JSONText:
        return str(v)
    if not v and isinstance(v, list | dict):  # the default of most JSON fields, in most rows of a batch
        return "[]" if isinstance(v, list) else "{}"
    return json.dumps(v, cls=DjangoJSONEncoder)


def insert_rows(model, field_names: Sequence[str], rows: Iterable[Sequence], chunk: int = 500) -> int:
    """INSERT plain rows (values in `field_names` order; foreign keys as ids) into `model`'s table: COPY on
    PostgreSQL; elsewhere INSERTs of up to `chunk` rows each, as many as the database takes parameters for
    (SQLite writes rows ~20% faster so than with a statement executed per row)."""
    meta = model._meta
    fields = [meta.get_field(n) for n in field_names]
    if connection.vendor == "postgresql":
        return _copy_rows(meta.db_table, fields, rows)
    adapted = [(i, a) for i, a in enumerate(map(_adapter, fields)) if a is not None]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    head = f"INSERT INTO {connection.ops.quote_name(meta.db_table)} ({columns}) VALUES "
    execute, mark = _executor()
    one = f"({', '.join([mark] * len(fields))})"
    per = max(1, min(chunk, _max_params() // len(fields)))
    full = head + ", ".join([one] * per)
    count, batch = 0, []
    for row in rows:
        if adapted:
            row = list(row)
            for i, a in adapted:
                if row[i] is not None:
                    row[i] = a(row[i])
        batch.append(row)
        if len(batch) == per:
            execute(full, list(chain.from_iterable(batch)))
            count, batch = count + per, []
    if batch:
        execute(head + ", ".join([one] * len(batch)), list(chain.from_iterable(batch)))
        count += len(batch)
    return count


def _executor():
    """(execute(sql, params), the parameter mark). On SQLite the sqlite3 connection's own, with its "?": Django's
    cursor would rewrite each "%s" of every statement (tens of kilobytes each here) first."""
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        sqlite = connection.connection

        def execute(sql, params):
            with connection.wrap_database_errors:  # its errors as Django's, as a cursor would raise them
                sqlite.execute(sql, params)

        return execute, "?"

    def execute(sql, params):
        with connection.cursor() as cursor:
            cursor.execute(sql, params)

    return execute, "%s"


def _max_params() -> int:
    """How many parameters one statement may have (SQLite: its build's limit, 32,766 since 3.32; Django assumes
    the old 999)."""
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        return connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    return connection.features.max_query_params or 65535


def _copy_rows(table: str, fields, rows: Iterable[Sequence]) -> int:
    """PostgreSQL's COPY: one statement for any number of rows. psycopg adapts dates, datetimes, decimals and
    booleans itself; JSON goes as its text."""
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    as_json = [i for i, f in enumerate(fields) if isinstance(f, models.JSONField)]
    rows = iter(rows)
    first = next(rows, None)
    if first is None:  # nothing to write: no statement
        return 0
    count = 0
    with connection.wrap_database_errors, connection.cursor() as cursor, cursor.cursor.copy(
            f"COPY {connection.ops.quote_name(table)} ({columns}) FROM STDIN") as copy:
        for row in chain([first], rows):
            if as_json:
                row = list(row)
                for i in as_json:
                    if row[i] is not None:
                        row[i] = _json_text(row[i])
            copy.write_row(row)
            count += 1
    return count


@contextmanager
def gc_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off for the block. A batch of 10^5 records keeps about 10^6 objects
    alive (cells, records, rows, instances), which the collector would walk again and again as they are made:
    a tenth of an import's time, for nothing, as a batch makes no reference cycles. Reference counting still
    frees everything else at once; the collector runs again after the block."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def create(objs: Sequence[models.Model], batch_size: int = 2000) -> Sequence[models.Model]:
    """Create many instances of one model whose primary keys the caller needs (cases, parties): the keys are
    taken first (`_next_keys`) and the rows written with `insert_rows` (COPY on PostgreSQL) — several times
    faster than `bulk_create` at 10^4–10^5 rows, which it falls back to where keys cannot be taken first. Like
    `bulk_create`, no save() and no signals."""
    if not objs:
        return objs
    model = type(objs[0])
    keys = _next_keys(model, len(objs))
    if keys is None:
        return model._default_manager.bulk_create(objs, batch_size=batch_size)
    for obj, pk in zip(objs, keys, strict=True):
        obj.pk = pk
    insert_objects(objs, with_pk=True)
    for obj in objs:
        obj._state.adding, obj._state.db = False, connection.alias
    return objs


def _next_keys(model, count: int) -> list[int] | None:
    """`count` new primary keys of `model`, taken before its rows are written. PostgreSQL: from the table's
    sequence. SQLite: those after the largest key the table has ever had (its AUTOINCREMENT never reuses one),
    within a transaction that holds the database's write lock from its start (IMMEDIATE, sifa's setting), so that
    no other connection can write them first. None elsewhere (the caller writes with `bulk_create`)."""
    meta = model._meta
    qn = connection.ops.quote_name
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                           [meta.db_table, meta.pk.column, count])
            return [pk for (pk,) in cursor.fetchall()]
    if (connection.vendor == "sqlite" and connection.in_atomic_block
            and getattr(connection, "transaction_mode", None) in ("IMMEDIATE", "EXCLUSIVE")):
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT MAX((SELECT COALESCE(MAX(seq), 0) FROM sqlite_sequence WHERE name = %s), "
                           f"(SELECT COALESCE(MAX({qn(meta.pk.column)}), 0) FROM {qn(meta.db_table)}))",
                           [meta.db_table])
            (last,) = cursor.fetchone()
        return list(range(last + 1, last + 1 + count))
    return None


def _fields(model, *, with_pk: bool) -> list:
    """The concrete fields an INSERT writes: all but the automatic key (unless `with_pk`)."""
    return [f for f in model._meta.concrete_fields if with_pk or not (f.primary_key and isinstance(f, models.AutoField))]


def _getter(keys: Sequence[str]):
    """row -> its values under `keys`, as a tuple (in one C call: itemgetter)."""
    return itemgetter(*keys) if len(keys) > 1 else (lambda row: (row[keys[0]],))


def _stamped(f) -> bool:
    return getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)


def _defaults(fields) -> tuple[dict, list]:
    """The fields' defaults: constants once, callables (default=list) to be called for each row."""
    fixed = {f.attname: f.get_default() for f in fields if not (f.has_default() and callable(f.default))}
    made = [(f.attname, f.default) for f in fields if f.has_default() and callable(f.default)]
    return fixed, made


def _plain_attributes(model) -> bool:
    """Whether `model(*values)` does nothing but set each field's attribute, so that an instance can be made by
    filling its __dict__: no pre_init or post_init receivers, and no field attribute that does more when set
    than a foreign key's (which forgets a cached related object: a new instance has none)."""
    if signals.pre_init.has_listeners(model) or signals.post_init.has_listeners(model):
        return False
    plain = (DeferredAttribute, ForeignKeyDeferredAttribute)
    return all(type(getattr(model, f.attname, None)) in plain for f in model._meta.concrete_fields)


def build(model, rows: Iterable[dict], *, stored: bool = False) -> list[models.Model]:
    """Unsaved instances from {field attname: value} dicts (foreign keys by id), every field left out at its
    default: what `model(**values)` gives. Built by filling each instance's __dict__ where the constructor would
    do no more than that (`_plain_attributes`; 20,000 disputes: 0.27 s → 0.11 s), else through the positional
    constructor (as rows loaded from the database are; itself three times faster than `model(**values)`).
    `stored`: the rows are in the database already (`create_rows`), and the instances are marked so."""
    fields = model._meta.concrete_fields
    names = [f.attname for f in fields]
    fixed, made = _defaults(fields)
    plain = _plain_attributes(model)
    every = set(names)
    db = connection.alias if stored else None
    out = []
    for row in rows:
        if not out and not set(row) <= every:
            raise TypeError(f"{model.__name__} has no fields {', '.join(sorted(set(row) - every))}")
        # rows from `create_rows` have every field already
        values = row if row.keys() == every else {**fixed, **{a: make() for a, make in made if a not in row}, **row}
        if plain:
            obj = model.__new__(model)
            obj.__dict__.update(values)
            obj._state = ModelState()
        else:
            obj = model(*[values[a] for a in names])
        if stored:
            obj._state.adding, obj._state.db = False, db
        out.append(obj)
    return out


def create_rows(model, rows: Sequence[dict]) -> Sequence[dict]:
    """Create rows of one model given as {field attname: value} dicts, for batch writers that need their keys
    but no instances (the parties of an import) or build them afterwards (`build(..., stored=True)`): each dict
    is completed in place with the defaults of the fields it leaves out (auto_now(_add): the present moment)
    and its primary key, then written as `create` writes (keys taken first, then `insert_rows`; `bulk_create`
    where keys cannot be taken first)."""
    if not rows:
        return rows
    pk = model._meta.pk.attname
    fields = _fields(model, with_pk=True)
    fixed, made = _defaults(fields)
    now = timezone.now()
    stamped = [f.attname for f in fields if _stamped(f)]
    fixed.update(dict.fromkeys(stamped, now))
    del fixed[pk]

    def completed(row: dict) -> dict:
        row.update({**fixed, **row})  # the fields it leaves out, at their defaults (in C: no loop over fields)
        for a, make in made:
            if a not in row:
                row[a] = make()
        return row

    keys = _next_keys(model, len(rows))
    if keys is None:
        for row, obj in zip(rows, model._default_manager.bulk_create(build(model, map(completed, rows))),
                            strict=True):
            row[pk] = obj.pk
            row.update({a: getattr(obj, a) for a in stamped})  # as bulk_create's pre_save() set them
        return rows
    values = _getter([f.attname for f in fields])

    def keyed(rows_keys):  # completed as the INSERT reads them (PostgreSQL: while it writes the rows before)
        for row, key in rows_keys:
            row = completed(row)
            row[pk] = key
            yield values(row)

    insert_rows(model, [f.name for f in fields], keyed(zip(rows, keys, strict=True)))
    return rows


def insert_dicts(model, rows: Iterable[dict], *, with_pk: bool = False) -> int:
    """INSERT rows given as {field attname: value} dicts whose keys nobody needs back (clocks, audit events):
    every field a row leaves out at its default, auto_now(_add) fields at the present moment."""
    fields = _fields(model, with_pk=with_pk)
    fixed, made = _defaults(fields)
    # the rows are only written: one value of each callable default (default=list) serves them all
    defaults = {**fixed, **{a: make() for a, make in made}}
    now = timezone.now()
    defaults.update({f.attname: now for f in fields if _stamped(f)})
    values = _getter([f.attname for f in fields])
    return insert_rows(model, [f.name for f in fields], (values({**defaults, **row}) for row in rows))


def insert_objects(objs: Sequence[models.Model], chunk: int = 5000, *, with_pk: bool = False) -> int:
    """INSERT unsaved instances of one model whose primary keys nobody needs back (clocks, audit events), with
    `insert_rows`: every concrete field but the automatic key (unless `with_pk`: keys set by `create`);
    auto_now(_add) fields get the present moment. Like `bulk_create`, it calls no save() and sends no signals."""
    if not objs:
        return 0
    fields = _fields(type(objs[0]), with_pk=with_pk)
    now = timezone.now()
    stamped = {f.attname for f in fields if _stamped(f)}
    attnames = [f.attname for f in fields]
    for o in objs:  # as pre_save() would: the objects carry the moment written (history rows copy it)
        for a in stamped:
            setattr(o, a, now)
    return insert_rows(type(objs[0]), [f.name for f in fields],
                       ([now if a in stamped else getattr(o, a) for a in attnames] for o in objs), chunk=chunk)


def history_rows(objs: Sequence, *, user=None, reason: str = "", model=None) -> int:
    """The creation ("+") rows django-simple-history would write for new objects, inserted in one go; with
    `model`, the objects are rows of it as {field attname: value} dicts (`create_rows`)."""
    source = model or (type(objs[0]) if objs else None)
    history = source.history.model if source is not None else None
    if history is None:
        return 0
    names = [f.name for f in history._meta.concrete_fields if f.name != "history_id"]
    attnames = {n: history._meta.get_field(n).attname for n in names}
    special = {"history_date": timezone.now(), "history_type": "+", "history_change_reason": reason or None,
               "history_user": getattr(user, "pk", None)}
    if model is not None:  # rows: each with the history's own fields added, read in one C call
        special = {attnames[n]: v for n, v in special.items()}
        columns = [attnames[n] for n in names]
        own = len(columns) - len(special)
        if special.keys() == set(columns[own:]):  # the history's fields come last, as simple-history adds them
            values, tail = _getter(columns[:own]), tuple(special[a] for a in columns[own:])
            return insert_rows(history, names, (values(o) + tail for o in objs))
        values = _getter(columns)
        return insert_rows(history, names, (values({**o, **special}) for o in objs))
    return insert_rows(history, names, ([special[n] if n in special else getattr(o, attnames[n]) for n in names]
                                        for o in objs))

"""Set-based row inserts for batch writers (imports, the demo's year): plain rows into a line's own tables, and
the creation rows django-simple-history would write for new cases.

At ~10^5 rows Django's per-value preparation in `bulk_create` is most of the time spent (1.4 million
prepare_value calls for a district's year of disputes), so `insert_rows` adapts values once per field type and
writes one executemany per chunk. It is for tables without save() logic or signals (links, sessions,
agreements, history rows); models with behaviour go through `bulk_create`. The numbers, audit events and clocks
of a batch come from `numbering.take_block`, `audit.record_many` and `clocks.start_many`.

Building a model instance costs ~50 µs (seconds at 10^5 rows), so a batch writer keeps its rows as
{field attname: value} dicts where nothing needs an instance (`create_rows`, `insert_dicts`, `history_rows(...,
model=)`) and builds instances, when it does need them, through the positional constructor (`build`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from operator import itemgetter

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models
from django.utils import timezone


def _adapter(field):
    ops = connection.ops
    if isinstance(field, models.DateTimeField):
        return ops.adapt_datetimefield_value
    if isinstance(field, models.DateField):
        return ops.adapt_datefield_value
    if isinstance(field, models.DecimalField):
        return lambda v: ops.adapt_decimalfield_value(v, field.max_digits, field.decimal_places)
    if isinstance(field, models.JSONField):
        return _json_text
    return None


def _json_text(v) -> str:
    if not v and isinstance(v, list | dict):  # the default of most JSON fields, in most rows of a batch
        return "[]" if isinstance(v, list) else "{}"
    return json.dumps(v, cls=DjangoJSONEncoder)


def insert_rows(model, field_names: Sequence[str], rows: Iterable[Sequence], chunk: int = 5000) -> int:
    """INSERT plain rows (values in `field_names` order; foreign keys as ids) into `model`'s table."""
    meta = model._meta
    fields = [meta.get_field(n) for n in field_names]
    adapters = [_adapter(f) for f in fields]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    sql = (f"INSERT INTO {connection.ops.quote_name(meta.db_table)} ({columns}) "
           f"VALUES ({', '.join(['%s'] * len(fields))})")
    if connection.vendor == "postgresql":
        return _copy_rows(meta.db_table, fields, rows)
    count, batch = 0, []
    with connection.cursor() as cursor:
        for row in rows:
            batch.append([a(v) if (a and v is not None) else v for a, v in zip(adapters, row, strict=True)])
            if len(batch) >= chunk:
                cursor.executemany(sql, batch)
                count, batch = count + len(batch), []
        if batch:
            cursor.executemany(sql, batch)
            count += len(batch)
    return count


def _copy_rows(table: str, fields, rows: Iterable[Sequence]) -> int:
    """PostgreSQL's COPY: one statement for any number of rows. psycopg adapts dates, datetimes, decimals and
    booleans itself; JSON goes as its text."""
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    as_json = [i for i, f in enumerate(fields) if isinstance(f, models.JSONField)]
    count = 0
    with connection.cursor() as cursor, cursor.cursor.copy(
            f"COPY {connection.ops.quote_name(table)} ({columns}) FROM STDIN") as copy:
        for row in rows:
            if as_json:
                row = list(row)
                for i in as_json:
                    if row[i] is not None:
                        row[i] = _json_text(row[i])
            copy.write_row(row)
            count += 1
    return count


def create(objs: Sequence[models.Model], batch_size: int = 2000) -> Sequence[models.Model]:
    """Create many instances of one model whose primary keys the caller needs (cases, parties): `bulk_create`,
    except on PostgreSQL, where the keys are taken from the table's sequence in one query and the rows written
    with COPY — several times faster at 10^4–10^5 rows. Like `bulk_create`, no save() and no signals."""
    if not objs:
        return objs
    model = type(objs[0])
    if connection.vendor != "postgresql":
        return model._default_manager.bulk_create(objs, batch_size=batch_size)
    for obj, pk in zip(objs, _next_keys(model, len(objs)), strict=True):
        obj.pk = pk
    insert_objects(objs, with_pk=True)
    for obj in objs:
        obj._state.adding, obj._state.db = False, connection.alias
    return objs


def _next_keys(model, count: int) -> list[int]:
    meta = model._meta
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                       [meta.db_table, meta.pk.column, count])
        return [pk for (pk,) in cursor.fetchall()]


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


def build(model, rows: Iterable[dict], *, stored: bool = False) -> list[models.Model]:
    """Unsaved instances from {field attname: value} dicts (foreign keys by id), every field left out at its
    default: what `model(**values)` gives, built through the positional constructor (as rows loaded from the
    database are), about three times faster at 10^5 instances. `stored`: the rows are in the database
    already (`create_rows`), and the instances are marked so."""
    fields = model._meta.concrete_fields
    names = [f.attname for f in fields]
    fixed, made = _defaults(fields)
    out = []
    for row in rows:
        if not out and not set(row) <= fixed.keys() | {a for a, _m in made}:
            raise TypeError(f"{model.__name__} has no fields {', '.join(sorted(set(row) - set(names)))}")
        values = {**fixed, **{a: make() for a, make in made if a not in row}, **row}
        obj = model(*[values[a] for a in names])
        if stored:
            obj._state.adding, obj._state.db = False, connection.alias
        out.append(obj)
    return out


def create_rows(model, rows: Sequence[dict]) -> Sequence[dict]:
    """Create rows of one model given as {field attname: value} dicts, for batch writers that need their keys
    but no instances (the parties of an import) or build them afterwards (`build(..., stored=True)`): each dict
    is completed in place with the defaults of the fields it leaves out (auto_now(_add): the present moment)
    and its primary key, then written as `create` writes (keys from the sequence and COPY on PostgreSQL;
    `bulk_create` elsewhere)."""
    if not rows:
        return rows
    pk = model._meta.pk.attname
    fields = _fields(model, with_pk=True)
    fixed, made = _defaults(fields)
    now = timezone.now()
    stamped = [f.attname for f in fields if _stamped(f)]
    fixed.update(dict.fromkeys(stamped, now))
    del fixed[pk]
    for row in rows:
        for a in fixed.keys() - row.keys():
            row[a] = fixed[a]
        for a, make in made:
            if a not in row:
                row[a] = make()
    if connection.vendor != "postgresql":
        for row, obj in zip(rows, model._default_manager.bulk_create(build(model, rows)), strict=True):
            row[pk] = obj.pk
            row.update({a: getattr(obj, a) for a in stamped})  # as bulk_create's pre_save() set them
        return rows
    for row, key in zip(rows, _next_keys(model, len(rows)), strict=True):
        row[pk] = key
    values = _getter([f.attname for f in fields])
    insert_rows(model, [f.name for f in fields], (values(row) for row in rows))
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
        values = _getter([attnames[n] for n in names])
        return insert_rows(history, names, (values({**o, **special}) for o in objs))
    return insert_rows(history, names, ([special[n] if n in special else getattr(o, attnames[n]) for n in names]
                                        for o in objs))

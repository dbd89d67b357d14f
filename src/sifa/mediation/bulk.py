"""Set-based helpers for the batch writer `services.disputes_import`: blocks of numbers, audit events and clock
rows written many at a time, each compatible with what the core writes one at a time.

Core offers these only one by one (numbering.take, audit.record, clocks.start). Mediation records arrive by the
thousand (a district's year is ~10,000 disputes; an import from an earlier system far more), so the batch writer
needs them set-based. They live here until core offers `numbering.take_block`, `audit.record_many` and
`clocks.start_many`:

- `take_block` takes the first number through `core.numbering.take` (which creates and locks the series row in
  the caller's transaction) and then moves the series on by the rest of the block in one UPDATE: still gapless,
  still locked against concurrent writers.
- `record_many` appends events to the same SM3 chain as `core.audit.record`, under the same lock on the chain's
  head row, with the same hash (`core.audit.event_hash`): `sifa audit verify` checks them like any other.
- `insert_rows` writes rows of this line's own detail tables (links, sessions, agreements) with one
  executemany per chunk: at ~10^5 rows Django's per-value preparation in `bulk_create` is most of the time spent
  (1.4 million prepare_value calls for a district's year), so the values are adapted once per field type here.
  Core's tables are written with core's own `bulk_create` only.
- `deadline_rows` builds `Deadline` rows with the fields `core.clocks.start` sets, the due date computed by
  `core.clocks.compute_due`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import UTC, date

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, connection, models, transaction
from django.db.models import F
from django.utils import timezone

from sifa.core import audit, clocks, numbering
from sifa.core.models import AuditEvent, AuditHead, Deadline, NumberSeries
from sifa.core.models.clocks import DeadlineState


def take_block(*, kind: str, unit, year: int, count: int, default_format: str) -> list[str]:
    """`count` consecutive numbers of a series, formatted; inside the caller's transaction."""
    if count <= 0:
        return []
    first = numbering.take(kind=kind, unit=unit, year=year, default_format=default_format)
    series = NumberSeries.objects.select_for_update().get(kind=kind, unit=unit, year=year)
    if count > 1:
        NumberSeries.objects.filter(pk=series.pk).update(last=F("last") + (count - 1))
    start = series.last  # the number `first` carries
    return [first] + [numbering.render(series.format, unit=unit, year=year, n=n) for n in range(start + 1, start + count)]


def _adapter(field):
    ops = connection.ops
    if isinstance(field, models.DateTimeField):
        return ops.adapt_datetimefield_value
    if isinstance(field, models.DateField):
        return ops.adapt_datefield_value
    if isinstance(field, models.DecimalField):
        return lambda v: ops.adapt_decimalfield_value(v, field.max_digits, field.decimal_places)
    if isinstance(field, models.JSONField):
        return lambda v: json.dumps(v, cls=DjangoJSONEncoder)
    return None


def insert_rows(model, field_names: Sequence[str], rows: Iterable[Sequence], chunk: int = 5000) -> int:
    """INSERT plain rows (values in `field_names` order; foreign keys as ids) into one of this line's tables."""
    meta = model._meta
    fields = [meta.get_field(n) for n in field_names]
    adapters = [_adapter(f) for f in fields]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    sql = (f"INSERT INTO {connection.ops.quote_name(meta.db_table)} ({columns}) "
           f"VALUES ({', '.join(['%s'] * len(fields))})")
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


def history_rows(objs: Sequence, *, user=None, reason: str = "") -> int:
    """The creation ("+") rows django-simple-history would write for new objects, inserted in one go."""
    model = type(objs[0]).history.model if objs else None
    if model is None:
        return 0
    names = [f.name for f in model._meta.concrete_fields if f.name != "history_id"]
    attnames = {n: model._meta.get_field(n).attname for n in names}
    special = {"history_date": timezone.now(), "history_type": "+", "history_change_reason": reason or None,
               "history_user": getattr(user, "pk", None)}
    return insert_rows(model, names, ([special[n] if n in special else getattr(o, attnames[n]) for n in names]
                                      for o in objs))


def _locked_head() -> AuditHead:
    head = AuditHead.objects.select_for_update().filter(pk=1).first()
    if head is None:
        try:
            with transaction.atomic():
                AuditHead.objects.create(pk=1, seq=0, hash=audit.GENESIS)
        except IntegrityError:
            pass
        head = AuditHead.objects.select_for_update().get(pk=1)
    return head


@transaction.atomic
def record_many(actor, action: str, entries: Iterable[tuple[object, str, dict]]) -> int:
    """Append one event per (obj, summary, payload) to the audit chain, in order, in one INSERT batch."""
    head = _locked_head()
    actor = actor if (actor is not None and getattr(actor, "is_authenticated", False)) else None
    at = timezone.now().astimezone(UTC)
    prev, seq, events = head.hash, head.seq, []
    for obj, summary, payload in entries:
        seq += 1
        object_type, object_id = audit.object_key(obj)
        event = AuditEvent(
            seq=seq, at=at, actor=actor, actor_name=(str(actor) if actor else audit.SYSTEM_ACTOR)[:150],
            unit_id=getattr(obj, "unit_id", None), action=action[:80], object_type=object_type, object_id=object_id,
            summary=(summary or str(obj or ""))[:300],
            payload=json.loads(json.dumps(payload or {}, cls=DjangoJSONEncoder)), prev_hash=prev,
        )
        event.hash = audit.event_hash(prev, event)
        prev = event.hash
        events.append(event)
    AuditEvent.objects.bulk_create(events, batch_size=2000)
    if events:
        head.seq, head.hash = seq, prev
        head.save(update_fields=["seq", "hash"])
    return len(events)


def deadline_rows(cases: Sequence, *, rule: str, starts: Sequence[date], ends: Sequence[tuple[str, date | None]],
                  today: date) -> list[Deadline]:
    """One Deadline per case, as `core.clocks.start` would write it, closed as `ends` says: (state, on) with
    state "met", "cancelled" or "" (still running: running or overdue against `today`)."""
    rows = []
    for case, start, (state, on) in zip(cases, starts, ends, strict=True):
        r = clocks.rule_for(rule, start)
        due = clocks.compute_due(rule=r, start=start)
        if state == "met":
            st, met_on = DeadlineState.MET, on
        elif state == "cancelled":
            st, met_on = DeadlineState.CANCELLED, on
        else:
            st, met_on = (DeadlineState.RUNNING if due >= today else DeadlineState.OVERDUE), None
        rows.append(Deadline(
            content_type=ContentType.objects.get_for_model(case, for_concrete_model=True), object_id=case.pk,
            rule=r.key, rule_effective_from=r.effective_from, label=str(r.label), basis=r.basis, length=r.length,
            count_unit=r.unit, start=start, original_due=due, due=due, state=st, met_on=met_on,
            unit_id=case.unit_id, assignee_id=case.handler_id, case_label=str(case)[:200],
            case_url=case.get_absolute_url(),
        ))
    return rows

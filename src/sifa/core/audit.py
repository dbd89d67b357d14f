"""The audit chain: an append-only log of changes and reads, each event chained to the one before by SM3.

`record` is called by services inside their own transaction, so the event commits or rolls back with the
change. Appends lock the chain's head row (`AuditHead`), so concurrent writers on PostgreSQL never fork the
chain; on SQLite, IMMEDIATE transactions serialise writers anyway.

`record` writes the head and the event together, the head by compare-and-swap: UPDATE the head to the new
event WHERE it still is the head this connection last wrote, and INSERT the event only if that row was updated
(one statement on PostgreSQL). The UPDATE takes the row lock, held to commit, as SELECT ... FOR UPDATE would;
a head that moved (another writer committed, a savepoint or transaction rolled back, `record_many` wrote)
fails the comparison and the head is read again under lock. So a transaction's events after the first cost
one round trip each, and no remembered state can fork the chain.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from types import SimpleNamespace

from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .bulk import insert_dicts
from .crypto import sm3_hex
from .models import AuditEvent, AuditHead, Unit

GENESIS = "0" * 64
# The name recorded for events no person caused (the sweep, the demo loader, imports). It is data, like a
# user's name, and hashed with the event, so it is one fixed name in the district's language.
SYSTEM_ACTOR = "系统"


def canonical(body: dict) -> str:
    return json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"), cls=DjangoJSONEncoder)


def _event_body(e: AuditEvent) -> dict:
    return {
        "seq": e.seq,
        "at": e.at.astimezone(UTC).isoformat(timespec="microseconds"),
        "actor": e.actor_id,
        "actor_name": e.actor_name,
        "unit": e.unit_id,
        "action": e.action,
        "object_type": e.object_type,
        "object_id": e.object_id,
        "summary": e.summary,
        "payload": e.payload,
    }


def event_hash(prev_hash: str, e: AuditEvent) -> str:
    return sm3_hex((prev_hash + canonical(_event_body(e))).encode())


def object_key(obj) -> tuple[str, str]:
    if obj is None:
        return "", ""
    return obj._meta.label_lower, str(obj.pk)


def _head() -> AuditHead:
    head = AuditHead.objects.select_for_update().filter(pk=1).first()
    if head is None:
        try:
            with transaction.atomic():
                AuditHead.objects.create(pk=1, seq=0, hash=GENESIS)
        except IntegrityError:
            pass
        head = AuditHead.objects.select_for_update().get(pk=1)
    return head


def _row(*, seq: int, at, actor, action: str, obj, unit_id, summary: str, payload, prev_hash: str) -> dict:
    """An event's columns, linked to `prev_hash`, its own hash computed (`record` and `record_many` alike)."""
    object_type, object_id = object_key(obj)
    row = {"seq": seq, "at": at, "actor_id": getattr(actor, "pk", None),
           "actor_name": (str(actor) if actor else SYSTEM_ACTOR)[:150], "unit_id": unit_id, "action": action[:80],
           "object_type": object_type, "object_id": object_id, "summary": (summary or str(obj or ""))[:300],
           "payload": json.loads(json.dumps(payload or {}, cls=DjangoJSONEncoder)), "prev_hash": prev_hash}
    row["hash"] = event_hash(prev_hash, SimpleNamespace(**row))
    return row


def _event(*, actor, **fields) -> AuditEvent:
    event = AuditEvent(**_row(actor=actor, **fields))
    if actor is not None:
        event.actor = actor
    return event


def _unit_id(obj) -> int | None:
    """The unit whose records an event about `obj` concerns (for the audit page): its key, without loading it."""
    if obj is None or isinstance(obj, Unit):
        return getattr(obj, "pk", None)
    if getattr(obj, "unit_id", None) is not None:
        return obj.unit_id
    return getattr(getattr(obj, "unit", None), "pk", None)


def _person(actor):
    return actor if (actor is not None and getattr(actor, "is_authenticated", False)) else None


# The head this thread's connection last wrote, (seq, hash): only a guess, checked by the UPDATE that uses it.
_last = threading.local()


@transaction.atomic(savepoint=False)
def record(actor, action: str, obj=None, *, summary: str = "", payload: dict | None = None,
           unit=None) -> AuditEvent:
    """Append one event. `actor` may be None for the system (the sweep, the demo loader)."""
    unit_id = _unit_id(obj) if unit is None else getattr(unit, "pk", None)
    head = getattr(_last, "head", None)
    for _attempt in range(2):
        if head is None:
            locked = _head()
            head = locked.seq, locked.hash
        event = _event(seq=head[0] + 1, at=timezone.now().astimezone(UTC), actor=_person(actor), action=action,
                       obj=obj, unit_id=unit_id, summary=summary, payload=payload,
                       prev_hash=head[1])
        if _append(event, *head):
            _last.head = event.seq, event.hash
            return event
        head = None  # the head moved since this connection wrote it: read it under lock
    raise RuntimeError("the audit head changed while locked")


def _append(event: AuditEvent, seq: int, hash_: str) -> bool:
    """Move the head from (seq, hash_) to `event` and insert the event, or do neither if the head is elsewhere."""
    statements, fields = _append_statements(connection.vendor)
    head = [event.seq, event.hash, seq, hash_]
    values = [f.get_db_prep_save(getattr(event, f.attname), connection) for f in fields]
    with connection.cursor() as cursor:
        if len(statements) == 1:  # PostgreSQL: the INSERT writes a row only if the UPDATE did
            cursor.execute(statements[0], head + values)
            row = cursor.fetchone()
            if row is None:
                return False
            event.pk = row[0]
        else:
            cursor.execute(statements[0], head)
            if cursor.rowcount != 1:
                return False
            cursor.execute(statements[1], values)
            event.pk = cursor.lastrowid
    event._state.adding, event._state.db = False, connection.alias
    return True


@cache
def _append_statements(vendor: str) -> tuple[tuple[str, ...], list]:
    """The head's compare-and-swap and the event's INSERT, as one statement on PostgreSQL (the INSERT selects
    from the UPDATE's row, so it writes nothing when the head was elsewhere), as two elsewhere; and the event's
    fields in the INSERT's order. Plain SQL: the ORM's compiling cost more than SQLite's executing."""
    fields = [f for f in AuditEvent._meta.concrete_fields if not f.primary_key]
    qn = connection.ops.quote_name
    key = qn(AuditHead._meta.pk.column)
    update = (f"UPDATE {qn(AuditHead._meta.db_table)} SET seq = %s, hash = %s "
              f"WHERE {key} = 1 AND seq = %s AND hash = %s")
    columns = f"INSERT INTO {qn(AuditEvent._meta.db_table)} ({', '.join(qn(f.column) for f in fields)})"
    if vendor == "postgresql":
        return (f"WITH head AS ({update} RETURNING {key}) {columns} "
                f"SELECT {', '.join(f'%s::{f.cast_db_type(connection)}' for f in fields)} FROM head "
                f"RETURNING {qn(AuditEvent._meta.pk.column)}",), fields
    return (update, f"{columns} VALUES ({', '.join(['%s'] * len(fields))})"), fields


@transaction.atomic
def record_many(actor, action: str, entries: Iterable[tuple[object, str, dict | None]]) -> int:
    """Append one event per (obj, summary, payload), in order, with one INSERT per batch: the same chain, lock
    and hash as `record` (`sifa audit verify` checks them like any other). For batch writers (imports); each
    event's unit is its object's `unit_id`. The events are built as plain rows (no AuditEvent instances: at
    10^5 events their construction was most of the time spent here)."""
    head = _head()
    actor = _person(actor)
    at = timezone.now().astimezone(UTC)
    prev, seq, rows = head.hash, head.seq, []
    for obj, summary, payload in entries:
        seq += 1
        row = _row(seq=seq, at=at, actor=actor, action=action, obj=obj, unit_id=getattr(obj, "unit_id", None),
                   summary=summary, payload=payload, prev_hash=prev)
        prev = row["hash"]
        rows.append(row)
    insert_dicts(AuditEvent, rows)
    if rows:
        head.seq, head.hash = seq, prev
        head.save(update_fields=["seq", "hash"])
    return len(rows)


def record_read(actor, action: str, obj=None, **kwargs) -> AuditEvent:
    """A read-access event (a whole ID number seen, a list exported, a document downloaded)."""
    payload = kwargs.pop("payload", None) or {}
    payload["read"] = True
    return record(actor, action, obj, payload=payload, **kwargs)


@dataclass
class Verification:
    ok: bool
    verified: int
    first_bad_seq: int | None = None
    reason: str = ""


def verify(chunk_size: int = 5000) -> Verification:
    """Walk the chain in sequence order; name the first event whose link or hash fails, or a gap in the
    sequence, or a head that does not match the last event (events cut off the end)."""
    prev, expected_seq, count = GENESIS, 1, 0
    for e in AuditEvent.objects.order_by("seq").iterator(chunk_size=chunk_size):
        if e.seq != expected_seq:
            return Verification(False, count, expected_seq,
                                _("event #%(seq)s is missing") % {"seq": expected_seq})
        if e.prev_hash != prev:
            return Verification(False, count, e.seq,
                                _("event #%(seq)s does not link to the event before it") % {"seq": e.seq})
        if event_hash(prev, e) != e.hash:
            return Verification(False, count, e.seq,
                                _("event #%(seq)s was altered: its hash does not match") % {"seq": e.seq})
        prev, expected_seq, count = e.hash, expected_seq + 1, count + 1
    head = AuditHead.objects.filter(pk=1).first()
    if head is not None and (head.seq != count or head.hash != prev):
        return Verification(False, count, count + 1,
                            _("the chain ends at #%(last)s but its head says #%(head)s") % {
                                "last": count, "head": head.seq})
    return Verification(True, count)


def events_for(obj):
    """The events about one object (its timeline), oldest first."""
    object_type, object_id = object_key(obj)
    return AuditEvent.objects.filter(object_type=object_type, object_id=object_id).order_by("seq")


def events_by(user):
    """The events one user caused, newest first."""
    return AuditEvent.objects.filter(actor=user).order_by("-seq")


def now() -> datetime:
    return timezone.now()

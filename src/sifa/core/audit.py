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
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache

from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .bulk import JSONText, insert_dicts
from .crypto import sm3_hex
from .models import AuditEvent, AuditHead, Unit

GENESIS = "0" * 64
# The name recorded for events no person caused (the sweep, the demo loader, imports). It is data, like a
# user's name, and hashed with the event, so it is one fixed name in the district's language.
SYSTEM_ACTOR = "系统"


# one encoder for every event (json.dumps would make one per call)
_CANONICAL = DjangoJSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def canonical(body: dict) -> str:
    return _CANONICAL.encode(body)


def _at_text(at: datetime) -> str:
    return at.astimezone(UTC).isoformat(timespec="microseconds")


def _body(*, seq, at: str, actor, actor_name, unit, action, object_type, object_id, summary, payload) -> dict:
    """The hashed content of an event (its time as `_at_text`)."""
    return {"seq": seq, "at": at, "actor": actor, "actor_name": actor_name, "unit": unit, "action": action,
            "object_type": object_type, "object_id": object_id, "summary": summary, "payload": payload}


def _event_body(e: AuditEvent) -> dict:
    return _body(seq=e.seq, at=_at_text(e.at), actor=e.actor_id, actor_name=e.actor_name, unit=e.unit_id,
                 action=e.action, object_type=e.object_type, object_id=e.object_id, summary=e.summary,
                 payload=e.payload)


def event_hash(prev_hash: str, e: AuditEvent) -> str:
    return sm3_hex((prev_hash + canonical(_event_body(e))).encode())


_CONTAINERS = (dict, list, tuple)  # what JSON makes objects and arrays of


def _str_keys(payload: dict) -> bool:
    """Whether every object within a payload has text keys (as JSON has: read back, 1 and "1" are one key)."""
    stack = [payload]
    while stack:
        v = stack.pop()
        if isinstance(v, dict):
            for k in v:
                if type(k) is not str:
                    return False
            v = v.values()
        for x in v:
            if isinstance(x, _CONTAINERS):
                stack.append(x)
    return True


def _payload_text(payload: dict | None) -> str:
    """A payload as the canonical JSON `verify` will compute from it once stored and read back: serialised once
    for the hash and the row alike (dates, decimals as text: DjangoJSONEncoder)."""
    payload = payload or {}
    if not _str_keys(payload):  # other keys become text in JSON, and sort as text only then
        payload = json.loads(json.dumps(payload, cls=DjangoJSONEncoder))
    return canonical(payload)


def _hashed(prev_hash: str, body: dict, payload_text: str) -> str:
    """event_hash of an event whose body has "payload": None, from the payload's canonical text. The text of
    `"payload":null` can only stand for the key: a quote within a JSON string is escaped."""
    text = canonical(body).replace('"payload":null', '"payload":' + payload_text, 1)
    return sm3_hex((prev_hash + text).encode())


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


def _rows(*, seq: int, at, actor, action: str, entries: Iterable[tuple[object, int | None, str, dict | None]],
          prev_hash: str) -> Iterator[dict]:
    """The columns of events (obj, unit id, summary, payload) numbered from `seq` + 1, each linked to the one
    before it from `prev_hash` and hashed (`record` and `record_many` alike). The payload is serialised once:
    its canonical text is hashed and is the row's value (`bulk.JSONText`)."""
    actor_id, actor_name = getattr(actor, "pk", None), (str(actor) if actor else SYSTEM_ACTOR)[:150]
    action, at_text = action[:80], _at_text(at)
    for obj, unit_id, summary, payload in entries:
        seq += 1
        object_type, object_id = object_key(obj)
        summary = (summary or str(obj or ""))[:300]
        payload_text = _payload_text(payload)
        hash_ = _hashed(prev_hash, _body(seq=seq, at=at_text, actor=actor_id, actor_name=actor_name, unit=unit_id,
                                         action=action, object_type=object_type, object_id=object_id,
                                         summary=summary, payload=None), payload_text)
        yield {"seq": seq, "at": at, "actor_id": actor_id, "actor_name": actor_name, "unit_id": unit_id,
               "action": action, "object_type": object_type, "object_id": object_id, "summary": summary,
               "payload": JSONText(payload_text), "prev_hash": prev_hash, "hash": hash_}
        prev_hash = hash_


def _event(*, actor, seq: int, at, action: str, obj, unit_id, summary: str, payload, prev_hash: str) -> AuditEvent:
    [row] = _rows(seq=seq - 1, at=at, actor=actor, action=action, entries=[(obj, unit_id, summary, payload)],
                  prev_hash=prev_hash)
    event = AuditEvent(**{**row, "payload": json.loads(row["payload"])})
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
    last = [head.seq, head.hash]

    def hashed(rows):  # hashed as the INSERT reads them (while PostgreSQL writes the rows before)
        for row in rows:
            last[:] = row["seq"], row["hash"]
            yield row

    n = insert_dicts(AuditEvent, hashed(_rows(
        seq=head.seq, at=timezone.now().astimezone(UTC), actor=_person(actor), action=action,
        entries=((obj, getattr(obj, "unit_id", None), summary, payload) for obj, summary, payload in entries),
        prev_hash=head.hash)))
    if n:
        head.seq, head.hash = last
        head.save(update_fields=["seq", "hash"])
    return n


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

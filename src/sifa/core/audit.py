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

The link is keyed: hash = HMAC-SM3(audit key, prev_hash ‖ canonical JSON), the key held outside the database
(SIFA_AUDIT_KEY, var/audit_key), so whoever can write the database cannot recompute the chain after changing an
event. Each event names its `scheme`: 1 is the plain SM3 of the events written before the chain had a key, n ≥ 2
HMAC-SM3 under the (n-1)th key of SIFA_AUDIT_KEY (keys are added, never removed: see docs/security.md). The
head's `keyed_from`, sealed with the first key, says where the unkeyed events end, so they cannot be extended
by rewriting later events as unkeyed ones. `checkpoint` writes the head, sealed, to a file outside the database
that `verify` checks the chain against (events cut off its end, a chain rewritten by someone holding the key).
"""

from __future__ import annotations

import hmac
import json
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache, lru_cache
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .bulk import JSONText, insert_dicts
from .crypto import sm3_hex, sm3_hmac_hasher
from .models import AuditEvent, AuditHead, Unit

GENESIS = "0" * 64
LEGACY = 1  # the scheme of events written before the chain had a key: plain SM3
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


@lru_cache(maxsize=4)
def _keyring(setting: str) -> tuple[Callable[[bytes], str] | None, ...]:
    """The hash of each scheme, by number: 1 plain SM3, n ≥ 2 HMAC-SM3 under the (n-1)th key of the setting."""
    hashers: list = [None, sm3_hex]
    for key in (k.strip() for k in setting.split(",")):
        try:
            raw = bytes.fromhex(key)
        except ValueError:
            raw = b""
        if len(raw) != 32:
            raise ImproperlyConfigured("SIFA_AUDIT_KEY must be 64 hex digits (a 256-bit key), or several such "
                                       "keys separated by commas, oldest first")
        hashers.append(sm3_hmac_hasher(raw))
    return tuple(hashers)


def _hasher(scheme: int) -> Callable[[bytes], str] | None:
    ring = _keyring(settings.SIFA_AUDIT_KEY)
    return ring[scheme] if 0 < scheme < len(ring) else None


def current_scheme() -> int:
    """The scheme new events are hashed with: HMAC-SM3 under the newest key of SIFA_AUDIT_KEY."""
    return len(_keyring(settings.SIFA_AUDIT_KEY)) - 1


def chain_hash(prev_hash: str, text: str, scheme: int) -> str:
    """The hash of an event whose canonical JSON is `text`, linking it to the event before: the one function
    `record`, `record_many`, `verify` and the bench generator (bench/seed.py) hash with."""
    hasher = _hasher(scheme)
    if hasher is None:
        raise ImproperlyConfigured(f"SIFA_AUDIT_KEY holds no key for audit scheme {scheme}")
    return hasher((prev_hash + text).encode())


def _sealed(purpose: str, text: str, scheme: int) -> str:
    """A MAC of something about the chain kept beside it (not an event: events start with a hash, this with
    "sifa/"), so that it cannot be changed without the key."""
    return _hasher(scheme)(f"sifa/audit/{purpose}/{text}".encode())


def keyed_from_seal(keyed_from: int) -> str:
    """The seal of the head's `keyed_from` (under the first key: it is never removed)."""
    return _sealed("keyed-from", str(keyed_from), 2)


def event_hash(prev_hash: str, e, scheme: int | None = None) -> str:
    """The hash of an event (an AuditEvent, or anything with its attributes) under its scheme."""
    return chain_hash(prev_hash, canonical(_event_body(e)), e.scheme if scheme is None else scheme)


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


def _hashed(prev_hash: str, body: dict, payload_text: str, scheme: int) -> str:
    """event_hash of an event whose body has "payload": None, from the payload's canonical text. The text of
    `"payload":null` can only stand for the key: a quote within a JSON string is escaped."""
    text = canonical(body).replace('"payload":null', '"payload":' + payload_text, 1)
    return chain_hash(prev_hash, text, scheme)


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
    action, at_text, scheme = action[:80], _at_text(at), current_scheme()
    for obj, unit_id, summary, payload in entries:
        seq += 1
        object_type, object_id = object_key(obj)
        summary = (summary or str(obj or ""))[:300]
        payload_text = _payload_text(payload)
        hash_ = _hashed(prev_hash, _body(seq=seq, at=at_text, actor=actor_id, actor_name=actor_name, unit=unit_id,
                                         action=action, object_type=object_type, object_id=object_id,
                                         summary=summary, payload=None), payload_text, scheme)
        yield {"seq": seq, "at": at, "actor_id": actor_id, "actor_name": actor_name, "unit_id": unit_id,
               "action": action, "object_type": object_type, "object_id": object_id, "summary": summary,
               "payload": JSONText(payload_text), "prev_hash": prev_hash, "hash": hash_, "scheme": scheme}
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
    checkpoints: int = 0  # checkpoints the chain was checked against
    legacy: int = 0  # events written before the chain had a key (plain SM3)


@dataclass(frozen=True)
class Checkpoint:
    """The chain's head as `checkpoint` wrote it: its last event (seq, hash), the number of events, when, and
    the audit key (scheme) its line is sealed with."""

    seq: int
    hash: str
    count: int
    at: str
    key: int

    def text(self) -> str:
        return canonical({"seq": self.seq, "hash": self.hash, "count": self.count, "at": self.at, "key": self.key})


class ChainBroken(Exception):
    def __init__(self, verification: Verification):
        super().__init__(verification.reason)
        self.verification = verification


def _broken(verified: int, seq: int | None, reason: str) -> ChainBroken:
    return ChainBroken(Verification(False, verified, seq, reason))


def checkpoint_path(path: str | Path | None = None) -> Path:
    return Path(path or settings.SIFA_AUDIT_CHECKPOINT_FILE)


def read_checkpoints(path: str | Path | None = None) -> list[Checkpoint]:
    """The checkpoints of a file (none if it does not exist), oldest first; ChainBroken names a line whose seal
    does not match (written or changed by someone without the key)."""
    path = checkpoint_path(path)
    if not path.exists():
        return []
    found = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            fields = json.loads(line)
            mac = fields.pop("mac")
            cp = Checkpoint(**fields)
            genuine = _hasher(cp.key) is not None and cp.key > LEGACY and hmac.compare_digest(
                mac, _sealed("checkpoint", cp.text(), cp.key))
        except (ValueError, TypeError, KeyError, AttributeError):
            genuine = False
        if not genuine:
            raise _broken(0, None, _("line %(line)s of the checkpoint file %(path)s is not genuine: its seal does "
                                     "not match") % {"line": n, "path": path})
        found.append(cp)
    return found


@contextmanager
def _snapshot():
    """Read the chain as it stood at one moment while writers go on appending: the head and every event are read
    in one transaction that sees one snapshot (PostgreSQL: REPEATABLE READ; SQLite in WAL mode: a deferred read
    transaction, as atomic() would take the write lock and hold writers off). Inside a caller's transaction
    (tests), its reads are used."""
    if connection.in_atomic_block:
        yield
    elif connection.vendor == "sqlite":
        connection.ensure_connection()
        with connection.cursor() as cursor:
            cursor.execute("BEGIN DEFERRED")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("ROLLBACK")
    else:
        with transaction.atomic():
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            yield


_WALKED = ("seq", "at", "actor", "actor_name", "unit", "action", "object_type", "object_id", "summary", "payload",
           "prev_hash", "hash", "scheme")


def _walk(rows, *, prev: str, seq: int, keyed_from: int, marks: dict[int, Checkpoint]) -> tuple[int, str, int]:
    """Check events (tuples of `_WALKED`) that follow event `seq` whose hash is `prev`; return the last one's
    (seq, hash) and how many were unkeyed. ChainBroken names the first that fails."""
    legacy, verified, ring = 0, 0, _keyring(settings.SIFA_AUDIT_KEY)
    for (number, at, actor, actor_name, unit, action, object_type, object_id, summary, payload, prev_hash, hash_,
         scheme) in rows:
        if number != seq + 1:
            raise _broken(verified, seq + 1, _("event #%(seq)s is missing") % {"seq": seq + 1})
        if prev_hash != prev:
            raise _broken(verified, number,
                          _("event #%(seq)s does not link to the event before it") % {"seq": number})
        if scheme == LEGACY:
            if number >= keyed_from:
                raise _broken(verified, number, _("event #%(seq)s was altered: it is not sealed with the audit "
                                                  "key") % {"seq": number})
            legacy += 1
        hasher = ring[scheme] if 0 < scheme < len(ring) else None
        if hasher is None:
            raise _broken(verified, number, _("event #%(seq)s is sealed with audit key %(key)s, which "
                                              "SIFA_AUDIT_KEY does not hold") % {"seq": number, "key": scheme - 1})
        text = canonical(_body(seq=number, at=_at_text(at), actor=actor, actor_name=actor_name, unit=unit,
                               action=action, object_type=object_type, object_id=object_id, summary=summary,
                               payload=payload))
        if hasher((prev + text).encode()) != hash_:  # chain_hash, its key looked up once
            raise _broken(verified, number,
                          _("event #%(seq)s was altered: its hash does not match") % {"seq": number})
        mark = marks.get(number)
        if mark is not None and mark.hash != hash_:
            raise _broken(verified, number, _("event #%(seq)s is not the one the checkpoint of %(at)s sealed: the "
                                              "chain was rewritten") % {"seq": number, "at": mark.at})
        prev, seq, verified = hash_, number, verified + 1
    return seq, prev, legacy


def _keyed_from(head) -> int:
    """Where the keyed events begin, as the head says and its seal confirms."""
    if head is None or head.keyed_from <= 1:
        return 1
    if _hasher(2) is None or not hmac.compare_digest(head.seal, keyed_from_seal(head.keyed_from)):
        raise _broken(0, None, _("the chain's head was altered: the start of its keyed events is not sealed with "
                                 "the audit key"))
    return head.keyed_from


def _cut_off(last: int, marks: list[Checkpoint]) -> None:
    beyond = [m for m in marks if m.seq > last or m.count > last]
    if beyond:
        mark = max(beyond, key=lambda m: m.count)
        raise _broken(last, last + 1, _("the chain ends at #%(last)s but the checkpoint of %(at)s counted "
                                        "%(count)s events: events were cut off its end") % {
            "last": last, "at": mark.at, "count": mark.count})


def _check(*, since: Checkpoint | None, marks: list[Checkpoint], chunk_size: int) -> tuple[Verification, str]:
    """Walk the chain (from `since` on, or whole) in one snapshot; check its head and the checkpoints. Returns
    the verification and the hash of the last event."""
    start_seq, prev = (since.seq, since.hash) if since else (0, GENESIS)
    with _snapshot():
        head = AuditHead.objects.filter(pk=1).first()
        keyed_from = _keyed_from(head)
        if since is not None and (head.seq if head else 0) < since.seq:
            _cut_off(head.seq if head else 0, marks)
        rows = (AuditEvent.objects.filter(seq__gt=start_seq).order_by("seq").values_list(*_WALKED)
                .iterator(chunk_size=chunk_size))
        try:
            last, last_hash, legacy = _walk(rows, prev=prev, seq=start_seq, keyed_from=keyed_from, marks=by_seq(marks))
        except ChainBroken as broken:
            broken.verification.verified += start_seq
            raise
        finally:
            rows.close()  # a server-side cursor left open would be closed later, in whatever transaction runs then
    if head is None and last:
        raise _broken(last, last + 1, _("the chain's head is missing"))
    if head is not None and (head.seq != last or head.hash != last_hash):
        raise _broken(last, last + 1, _("the chain ends at #%(last)s but its head says #%(head)s") % {
            "last": last, "head": head.seq})
    _cut_off(last, marks)
    return Verification(True, last, checkpoints=len(marks), legacy=legacy), last_hash


def by_seq(marks: list[Checkpoint]) -> dict[int, Checkpoint]:
    return {m.seq: m for m in marks}


def verify(chunk_size: int = 5000, *, checkpoints: str | Path | None = None) -> Verification:
    """Walk the whole chain in sequence order, as of one moment; name the first event whose link or hash fails, a
    gap in the sequence, a head that does not match the last event, or a break with the checkpoint file
    (`checkpoints`, default SIFA_AUDIT_CHECKPOINT_FILE): a line whose seal is wrong, a checkpointed event that
    is no longer in the chain, fewer events than a checkpoint counted."""
    marks: list[Checkpoint] = []
    try:
        marks = read_checkpoints(checkpoints)
        return _check(since=None, marks=marks, chunk_size=chunk_size)[0]
    except ChainBroken as broken:
        broken.verification.checkpoints = len(marks)
        return broken.verification


def checkpoint(path: str | Path | None = None, chunk_size: int = 5000) -> Checkpoint:
    """Append the chain's head (seq, hash, count, time), sealed with the audit key, to the checkpoint file
    (default SIFA_AUDIT_CHECKPOINT_FILE), for the operator to archive. The events since the last checkpoint
    (the whole chain the first time) are verified first, so a checkpoint never seals a broken chain: ChainBroken
    says why."""
    path = checkpoint_path(path)
    marks = read_checkpoints(path)
    result, last_hash = _check(since=max(marks, key=lambda m: m.seq) if marks else None, marks=marks,
                               chunk_size=chunk_size)
    cp = Checkpoint(seq=result.verified, hash=last_hash, count=result.verified, key=current_scheme(),
                    at=timezone.now().astimezone(UTC).isoformat(timespec="seconds"))
    line = json.dumps({**json.loads(cp.text()), "mac": _sealed("checkpoint", cp.text(), cp.key)},
                      ensure_ascii=False, separators=(",", ":"))
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)  # one write: lines never interleave
    try:
        os.write(fd, (line + "\n").encode())
        os.fsync(fd)
    finally:
        os.close(fd)
    return cp


def events_for(obj):
    """The events about one object (its timeline), oldest first."""
    object_type, object_id = object_key(obj)
    return AuditEvent.objects.filter(object_type=object_type, object_id=object_id).order_by("seq")


def events_by(user):
    """The events one user caused, newest first."""
    return AuditEvent.objects.filter(actor=user).order_by("-seq")


def now() -> datetime:
    return timezone.now()

"""The audit chain against someone who can write the database but holds no key: the hash is HMAC-SM3 under the
audit key, events written before the chain had a key still verify but cannot be extended, checkpoints kept
outside the database catch events cut off the end and a chain rewritten with the key, and `verify` reads one
snapshot while writers go on (no false alarm)."""

from __future__ import annotations

import importlib
import json
import threading
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import connection, transaction

from sifa.core import audit
from sifa.core.crypto import sm3_hex, sm3_hmac_hasher
from sifa.core.models import AuditEvent, AuditHead

from .concurrency import run_in_threads

pytestmark = pytest.mark.usefixtures("english")

KEY_A, KEY_B = "a1" * 32, "b2" * 32


def test_hmac_sm3_matches_the_examples_of_gmt_0042():
    # GM/T 0042-2015, appendix D.3
    mac = sm3_hmac_hasher(bytes(range(1, 33)))
    assert mac(b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq" * 2) == (
        "ca05e144ed05d1857840d1f318a4a8669e559fc8391f414485bfdf7bb408963a")
    assert sm3_hmac_hasher(bytes(range(1, 38)))(bytes([0xCD] * 50)) == (
        "220bf579ded555393f0159f66c99877822a3ecf610d1552154b41d44b94db3ae")
    assert mac(b"x") == mac(b"x")  # the keyed state is copied, not used up


def _events(n: int) -> list[AuditEvent]:
    return [audit.record(None, "test.event", summary=f"event {i}", payload={"n": i}) for i in range(n)]


def _execute(sql: str, params=()) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _rewrite(from_seq: int, hash_of, **changes) -> None:
    """What someone with write access to the database does: change event `from_seq` (`changes`), recompute the
    hash of it and every later event with `hash_of(prev_hash, text)`, and move the head to the new last hash."""
    prev = AuditEvent.objects.get(seq=from_seq - 1).hash if from_seq > 1 else audit.GENESIS
    for e in AuditEvent.objects.filter(seq__gte=from_seq).order_by("seq"):
        if e.seq == from_seq:
            for field, value in changes.items():
                setattr(e, field, value)
        e.prev_hash, e.hash = prev, hash_of(prev, audit.canonical(audit._event_body(e)))
        AuditEvent.objects.filter(pk=e.pk).update(prev_hash=e.prev_hash, hash=e.hash, scheme=e.scheme,
                                                  **{f: getattr(e, f) for f in changes if f != "scheme"})
        prev = e.hash
    AuditHead.objects.filter(pk=1).update(hash=prev)


def _plain_sm3(prev: str, text: str) -> str:
    return sm3_hex((prev + text).encode())


@pytest.mark.django_db
def test_a_chain_rewritten_with_plain_sm3_is_caught_at_the_first_changed_event():
    _events(6)
    _rewrite(3, _plain_sm3, summary="rewritten")  # every link consistent, as the old chain's verify accepted
    result = audit.verify()
    assert not result.ok and result.first_bad_seq == 3 and result.verified == 2
    assert "altered" in result.reason


@pytest.mark.django_db
def test_a_chain_rewritten_as_unkeyed_events_is_caught():
    _events(5)
    # claim the events were written before the chain had a key (scheme 1, plain SM3) from event 2 on
    _rewrite(2, _plain_sm3, summary="rewritten", scheme=audit.LEGACY)
    result = audit.verify()
    assert not result.ok and result.first_bad_seq == 2 and "not sealed with the audit key" in result.reason
    # ... and moving the head's mark of where the keyed events start needs the key too
    AuditHead.objects.filter(pk=1).update(keyed_from=100, seal=sm3_hex(b"sifa/audit/keyed-from/100"))
    result = audit.verify()
    assert not result.ok and "head was altered" in result.reason


@pytest.mark.django_db
def test_a_chain_rewritten_under_another_key_is_caught(settings):
    _events(4)
    other = sm3_hmac_hasher(bytes.fromhex(KEY_B))
    _rewrite(2, lambda prev, text: other((prev + text).encode()), summary="rewritten")
    assert audit.verify().first_bad_seq == 2


@pytest.mark.django_db
def test_events_from_before_the_key_still_verify_and_new_ones_are_keyed():
    """An upgraded installation: its events were chained by plain SM3; the migration marks where keyed events
    begin, and seals the mark; the next event is keyed and links to the last unkeyed one."""
    old = _events(3)
    # as the code before the key wrote them
    prev = audit.GENESIS
    for e in old:
        e.prev_hash, e.scheme = prev, audit.LEGACY
        e.hash = _plain_sm3(prev, audit.canonical(audit._event_body(e)))
        AuditEvent.objects.filter(pk=e.pk).update(prev_hash=e.prev_hash, hash=e.hash, scheme=e.scheme)
        prev = e.hash
    AuditHead.objects.filter(pk=1).update(hash=prev, keyed_from=1, seal="")
    assert audit.verify().first_bad_seq == 1  # unkeyed events with no sealed mark: not trusted
    importlib.import_module("sifa.core.migrations.0008_audit_keyed_chain").mark_keyed_from(apps, None)
    assert AuditHead.objects.get(pk=1).keyed_from == 4
    new = audit.record(None, "test.after_upgrade")
    assert new.seq == 4 and new.prev_hash == prev and new.scheme == 2
    result = audit.verify()
    assert result.ok and result.verified == 4 and result.legacy == 3
    # an unkeyed event is still taken only before the mark
    _rewrite(4, _plain_sm3, scheme=audit.LEGACY)
    assert audit.verify().first_bad_seq == 4


@pytest.mark.django_db
def test_a_new_key_seals_new_events_while_the_old_key_still_verifies_old_ones(settings):
    settings.SIFA_AUDIT_KEY = KEY_A
    _events(2)
    settings.SIFA_AUDIT_KEY = f"{KEY_A},{KEY_B}"  # rotated: the new key is appended
    third = audit.record(None, "test.after_rotation")
    assert third.scheme == 3 and audit.verify().ok
    settings.SIFA_AUDIT_KEY = KEY_A  # a process without the new key
    result = audit.verify()
    assert result.first_bad_seq == 3 and "does not hold" in result.reason
    settings.SIFA_AUDIT_KEY = KEY_B  # the old key dropped: its events cannot be verified any more
    assert audit.verify().first_bad_seq == 1


@pytest.mark.django_db
def test_record_many_hashes_as_record_does(make_dossier):
    case = make_dossier()
    audit.record(None, "test.first")
    audit.record_many(None, "test.batch", [(case, "one", {"a": 1}), (case, "two", None)])
    assert set(AuditEvent.objects.values_list("scheme", flat=True)) == {audit.current_scheme()}
    assert audit.verify().ok


# --- checkpoints -----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_checkpoint_seals_the_head_and_verify_checks_against_it(settings):
    events = _events(3)
    cp = audit.checkpoint()
    assert (cp.seq, cp.hash, cp.count) == (3, events[-1].hash, 3)
    line = json.loads(settings.SIFA_AUDIT_CHECKPOINT_FILE.read_text())
    assert line["seq"] == 3 and line["hash"] == events[-1].hash and line["mac"]
    _events(2)
    assert audit.checkpoint().seq == 5  # the second checks the events since the first
    result = audit.verify()
    assert result.ok and result.verified == 5 and result.checkpoints == 2


@pytest.mark.django_db
def test_events_cut_off_the_end_are_caught_by_a_checkpoint():
    events = _events(5)
    audit.checkpoint()
    # delete the last two events and move the head back: the chain that is left is intact in itself
    _execute("DELETE FROM core_auditevent WHERE seq > 3")
    AuditHead.objects.filter(pk=1).update(seq=3, hash=events[2].hash)
    result = audit.verify()
    assert not result.ok and result.first_bad_seq == 4 and "cut off" in result.reason and "5 events" in result.reason
    with pytest.raises(audit.ChainBroken):
        audit.checkpoint()


@pytest.mark.django_db
def test_a_chain_rewritten_with_the_key_is_caught_by_a_checkpoint():
    """An insider who holds the key recomputes a valid chain; the archived checkpoint still names the event."""
    _events(5)
    audit.checkpoint()
    _rewrite(2, lambda prev, text: audit.chain_hash(prev, text, audit.current_scheme()), summary="rewritten")
    result = audit.verify()
    assert not result.ok and result.first_bad_seq == 5 and "checkpoint" in result.reason


@pytest.mark.django_db
def test_a_forged_checkpoint_line_is_caught(settings):
    _events(3)
    audit.checkpoint()
    path = settings.SIFA_AUDIT_CHECKPOINT_FILE
    line = json.loads(path.read_text())
    path.write_text(json.dumps({**line, "count": 2, "seq": 2}) + "\n")
    result = audit.verify()
    assert not result.ok and result.first_bad_seq is None and "line 1" in result.reason
    path.write_text("not json\n")
    assert not audit.verify().ok


@pytest.mark.django_db
def test_a_checkpoint_is_not_written_over_a_broken_chain(settings):
    _events(3)
    _execute("UPDATE core_auditevent SET summary = 'x' WHERE seq = 2")
    with pytest.raises(audit.ChainBroken) as broken:
        audit.checkpoint()
    assert broken.value.verification.first_bad_seq == 2
    assert not settings.SIFA_AUDIT_CHECKPOINT_FILE.exists()


@pytest.mark.django_db
def test_the_checkpoint_and_verify_commands(settings):
    _events(2)
    out = StringIO()
    call_command("audit", "verify", stdout=out)
    assert "intact: 2 events verified" in out.getvalue() and "No checkpoint" in out.getvalue()
    call_command("audit", "checkpoint", stdout=out)
    assert "Checkpoint written" in out.getvalue() and "event #2" in out.getvalue()
    out = StringIO()
    call_command("audit", "verify", stdout=out)
    assert "agrees with the 1 checkpoints" in out.getvalue()
    _execute("DELETE FROM core_auditevent WHERE seq = 2")
    AuditHead.objects.filter(pk=1).update(seq=1, hash=AuditEvent.objects.get(seq=1).hash)
    with pytest.raises(CommandError, match="broken at event #2.*cut off") as info:
        call_command("audit", "verify")
    assert info.value.returncode == 1
    with pytest.raises(CommandError, match="broken at event #2"):
        call_command("audit", "checkpoint")


@pytest.mark.django_db
def test_the_checkpoint_can_be_queued_daily():
    from django_tasks_db.models import DBTaskResult

    from sifa.core import tasks

    out = StringIO()
    call_command("audit", "checkpoint", "--enqueue", "--daily", "00:10", stdout=out)
    call_command("audit", "checkpoint", "--enqueue", "--daily", "00:10", stdout=out)
    assert "already on the queue" in out.getvalue()
    assert DBTaskResult.objects.filter(task_path=tasks.checkpoint_audit.module_path).count() == 1
    _events(2)
    assert tasks.checkpoint_audit.call()["seq"] == 2


# --- a consistent snapshot while writers go on -----------------------------------------------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_verify_gives_no_false_alarm_while_writers_append():
    """Writers append (one event, or several in one transaction) while verify runs again and again: each run
    sees the chain as of one moment, so none reports a break (before: every run did on PostgreSQL, the head
    read after the events). Written for PostgreSQL; on SQLite it checks the read transaction (WAL) as well."""
    _events(300)
    stop = threading.Event()
    runs: list[audit.Verification] = []

    def work(i: int) -> int:
        if i == 0:  # the verifier
            try:
                for _ in range(8):
                    runs.append(audit.verify(chunk_size=50))
            finally:
                stop.set()
            return len(runs)
        n = 0
        while not stop.is_set():
            with transaction.atomic():
                for k in range(1 + n % 3):
                    audit.record(None, "test.concurrent", summary=f"writer {i} event {n}.{k}")
            n += 1
        return n

    written = run_in_threads(5, work)[1:]
    assert sum(written) > 8  # the writers did write while verify ran
    assert [r.reason for r in runs if not r.ok] == [] and len(runs) == 8
    assert audit.verify().ok and audit.verify().verified == AuditEvent.objects.count()

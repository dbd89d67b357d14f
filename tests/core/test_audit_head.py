"""How `audit.record` moves the chain's head: after a transaction's first event, one round trip per event (no
savepoint, no second lock read); a head moved behind the connection's back (a rolled-back savepoint or
transaction, `record_many`, another writer) is read again under lock, so the chain never forks; a writer
holds the head to its commit, so its events stay together."""

from __future__ import annotations

import time

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from sifa.core import audit
from sifa.core.models import AuditEvent, AuditHead

from .concurrency import run_in_threads


def _head() -> tuple[int, str]:
    head = AuditHead.objects.get(pk=1)
    return head.seq, head.hash


def _statements(ctx: CaptureQueriesContext) -> list[str]:
    return [q["sql"].upper() for q in ctx.captured_queries]


@pytest.mark.django_db
def test_a_transactions_later_events_take_one_statement_each_on_postgresql_two_on_sqlite():
    audit.record(None, "test.first")
    with CaptureQueriesContext(connection) as ctx:
        events = [audit.record(None, "test.next", summary=f"event {i}") for i in range(5)]
    statements = _statements(ctx)
    assert len(statements) == 5 * (1 if connection.vendor == "postgresql" else 2)
    assert not [s for s in statements if "SAVEPOINT" in s or "FOR UPDATE" in s]
    assert [e.seq for e in events] == [2, 3, 4, 5, 6] and all(e.pk for e in events)
    assert list(AuditEvent.objects.order_by("seq").values_list("pk", flat=True))[1:] == [e.pk for e in events]
    assert _head() == (6, events[-1].hash) and audit.verify().ok


@pytest.mark.django_db
def test_events_of_a_rolled_back_savepoint_are_not_linked_to():
    kept = audit.record(None, "test.kept")
    with pytest.raises(RuntimeError), transaction.atomic():
        audit.record(None, "test.lost")
        audit.record(None, "test.lost")
        raise RuntimeError
    with CaptureQueriesContext(connection) as ctx:
        after = audit.record(None, "test.after")
    assert after.seq == kept.seq + 1 and after.prev_hash == kept.hash
    # the remembered head was stale: the head is read again (under lock: FOR UPDATE on PostgreSQL)
    assert [s for s in _statements(ctx) if s.startswith("SELECT") and "CORE_AUDITHEAD" in s]
    assert _head() == (after.seq, after.hash) and audit.verify().ok


@pytest.mark.django_db(transaction=True)
def test_events_of_a_rolled_back_transaction_are_not_linked_to():
    kept = audit.record(None, "test.kept")
    with pytest.raises(RuntimeError), transaction.atomic():
        audit.record(None, "test.lost")
        raise RuntimeError
    after = audit.record(None, "test.after")
    assert after.seq == kept.seq + 1 and after.prev_hash == kept.hash
    assert AuditEvent.objects.count() == 2 and _head() == (after.seq, after.hash) and audit.verify().ok


@pytest.mark.django_db
def test_a_head_moved_by_record_many_is_read_again(make_dossier):
    audit.record(None, "test.before")
    case = make_dossier()
    assert audit.record_many(None, "test.batch", [(case, "one", None), (case, "two", None)]) == 2
    batch_end = AuditEvent.objects.get(seq=3)
    after = audit.record(None, "test.after")
    assert after.seq == 4 and after.prev_hash == batch_end.hash
    assert _head() == (4, after.hash) and audit.verify().ok


@pytest.mark.django_db
def test_a_head_moved_by_another_writer_is_read_again():
    first = audit.record(None, "test.first")
    # another connection appended in between (as a committed writer would): the head is no longer ours
    other = audit._event(seq=2, at=first.at, actor=None, action="test.other", obj=None, unit_id=None,
                         summary="", payload=None, prev_hash=first.hash)
    other.save()
    AuditHead.objects.filter(pk=1).update(seq=2, hash=other.hash)
    after = audit.record(None, "test.after")
    assert after.seq == 3 and after.prev_hash == other.hash and audit.verify().ok


@pytest.mark.django_db(transaction=True)
def test_a_writer_holds_the_head_until_it_commits():
    """Each writer appends three events in one transaction, pausing between them: its events stay together."""
    n, k = 6, 3

    def work(i: int) -> list[int]:
        with transaction.atomic():
            seqs = []
            for j in range(k):
                seqs.append(audit.record(None, "test.writer", summary=f"writer {i} event {j}").seq)
                time.sleep(0.01)
            return seqs

    results = run_in_threads(n, work)
    for seqs in results:
        assert seqs == list(range(seqs[0], seqs[0] + k))
    assert sorted(s for seqs in results for s in seqs) == list(range(1, n * k + 1))
    assert _head()[0] == n * k and audit.verify().ok


@pytest.mark.django_db
def test_the_unit_of_an_event_is_taken_without_loading_it(make_dossier):
    case = make_dossier()
    audit.record(None, "test.first")
    fresh = type(case).objects.get(pk=case.pk)  # its unit not loaded
    with CaptureQueriesContext(connection) as ctx:
        event = audit.record(None, "test.event", fresh)
    assert event.unit_id == case.unit_id
    assert not [s for s in _statements(ctx) if '"CORE_UNIT"' in s]

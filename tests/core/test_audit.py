"""The audit chain: HMAC-SM3 under the audit key over the previous hash and the canonical JSON of each event;
verify finds the first bad link; concurrent appends never fork the chain."""

from __future__ import annotations

import hashlib
import hmac
from datetime import date
from decimal import Decimal

import pytest
from django.conf import settings
from django.db import connection

from sifa.core import audit
from sifa.core.crypto import sm3_hex
from sifa.core.models import AuditEvent, AuditHead, Unit

from .concurrency import run_in_threads

pytestmark = pytest.mark.usefixtures("english")


def test_sm3_matches_the_standards_example():
    # GB/T 32905-2016, example 1: SM3("abc")
    assert sm3_hex(b"abc") == "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"


@pytest.mark.django_db
def test_each_event_is_chained_to_the_one_before(users):
    first = audit.record(users["handler"], "test.one", users["handler"], payload={"a": 1})
    second = audit.record(None, "test.two", summary="系统", payload={"on": date(2024, 10, 10), "x": Decimal("1.50")})
    assert first.prev_hash == audit.GENESIS and second.prev_hash == first.hash
    assert second.seq == first.seq + 1 and second.actor_name == audit.SYSTEM_ACTOR == "系统"
    stored = AuditEvent.objects.get(pk=second.pk)
    # HMAC-SM3 under the audit key, computed another way (the standard library's HMAC over OpenSSL's SM3)
    key = bytes.fromhex(settings.SIFA_AUDIT_KEY.split(",")[-1])
    message = (first.hash + audit.canonical(audit._event_body(stored))).encode()
    assert stored.hash == hmac.new(key, message, lambda: hashlib.new("sm3")).hexdigest()
    assert stored.hash != sm3_hex(message) and stored.scheme == audit.current_scheme() == 2
    assert stored.payload == {"on": "2024-10-10", "x": "1.50"}
    assert AuditHead.objects.get(pk=1).hash == second.hash


@pytest.mark.django_db
def test_verify_counts_an_intact_chain():
    for i in range(5):
        audit.record(None, "test.event", summary=f"event {i}")
    result = audit.verify(chunk_size=2)
    assert result.ok and result.verified == 5


@pytest.mark.django_db
def test_verify_names_an_event_altered_through_raw_sql():
    for i in range(4):
        audit.record(None, "test.event", summary=f"event {i}")
    with connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditevent SET summary = %s WHERE seq = 3", ["rewritten"])
    result = audit.verify()
    assert not result.ok and result.first_bad_seq == 3 and result.verified == 2
    assert "altered" in result.reason


@pytest.mark.django_db
def test_verify_names_a_missing_event_and_a_cut_off_end():
    for i in range(4):
        audit.record(None, "test.event", summary=f"event {i}")
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditevent WHERE seq = 4")
    result = audit.verify()
    assert not result.ok and result.first_bad_seq == 4 and "head" in result.reason
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditevent WHERE seq = 2")
    result = audit.verify()
    assert not result.ok and result.first_bad_seq == 2 and "missing" in result.reason


@pytest.mark.django_db
def test_a_forged_event_with_a_recomputed_hash_breaks_the_next_link():
    for i in range(3):
        audit.record(None, "test.event", summary=f"event {i}")
    forged = AuditEvent.objects.get(seq=2)
    forged.summary = "forged"
    new_hash = audit.event_hash(forged.prev_hash, forged)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditevent SET summary = %s, hash = %s WHERE seq = 2", ["forged", new_hash])
    result = audit.verify()
    assert not result.ok and result.first_bad_seq == 3 and "link" in result.reason


@pytest.mark.django_db
def test_reads_go_into_the_same_chain_and_timelines_find_them(users, units):
    unit = units["PT-SFJ-FY"]
    audit.record(users["handler"], "unit.changed", unit)
    read = audit.record_read(users["auditor"], "unit.exported", unit)
    assert read.payload == {"read": True} and read.unit_id == unit.pk
    assert [e.action for e in audit.events_for(unit)] == ["unit.changed", "unit.exported"]
    assert [e.action for e in audit.events_by(users["auditor"])] == ["unit.exported"]
    assert audit.verify().ok


@pytest.mark.django_db
def test_an_event_rolls_back_with_the_change_it_records():
    from django.db import transaction

    audit.record(None, "test.kept")
    with pytest.raises(RuntimeError), transaction.atomic():
        audit.record(None, "test.lost")
        raise RuntimeError
    after = audit.record(None, "test.next")
    assert after.seq == 2 and audit.verify().ok


@pytest.mark.django_db(transaction=True)
def test_concurrent_appends_never_fork_the_chain():
    n = 12

    def work(i: int) -> int:
        return [audit.record(None, "test.concurrent", summary=f"writer {i} event {k}").seq for k in range(5)][-1]

    run_in_threads(n, work)
    assert sorted(AuditEvent.objects.values_list("seq", flat=True)) == list(range(1, n * 5 + 1))
    result = audit.verify()
    assert result.ok and result.verified == n * 5


@pytest.mark.django_db
def test_deleting_a_user_does_not_rewrite_the_chain():
    from sifa.core.models import User

    user = User.objects.create(username="leaver")
    audit.record(user, "test.by_leaver")
    user.delete()
    assert audit.verify().ok


@pytest.mark.django_db
def test_the_unit_of_an_event_comes_from_its_object(make_dossier):
    unit = Unit.objects.create(code="T-X", name="测试单位", kind=Unit._meta.get_field("kind").choices[0][0])
    assert audit.record(None, "test.event", unit).unit_id == unit.pk
    case = make_dossier()
    assert audit.record(None, "test.event", case).unit_id == case.unit_id
    assert audit.record(None, "test.event", case, unit=unit).unit_id == unit.pk

"""SM4 at rest, keyed SM3 look-up, masking: no whole ID number in the database file or the logs."""

import base64
import logging
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import given
from hypothesis import strategies as st

from sifa.core import crypto
from sifa.core.models import Party

ID_NUMBER = "310107199001011232"
PHONE = "13812345678"


@given(st.text(min_size=1, max_size=200))
def test_sm4_round_trip_gives_back_any_text(text):
    token = crypto.encrypt(text)
    assert token.startswith(crypto.PREFIX)
    assert crypto.decrypt(token) == text


def test_the_same_number_encrypts_differently_each_time_but_hashes_the_same():
    assert crypto.encrypt(ID_NUMBER) != crypto.encrypt(ID_NUMBER)
    assert crypto.lookup_hash(ID_NUMBER) == crypto.lookup_hash(ID_NUMBER.lower())
    assert crypto.lookup_hash(ID_NUMBER) != crypto.sm3_hex(ID_NUMBER.encode())  # keyed, not a bare digest


def test_a_tampered_token_does_not_decrypt():
    raw = bytearray(base64.b64decode(crypto.encrypt(ID_NUMBER)[len(crypto.PREFIX):]))
    raw[14] ^= 0x01  # one bit of the ciphertext
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt(crypto.PREFIX + base64.b64encode(bytes(raw)).decode())


def test_another_key_cannot_decrypt(settings):
    token = crypto.encrypt(ID_NUMBER)
    settings.SIFA_DATA_KEY = "00" * 16
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt(token)


@pytest.mark.parametrize("value, masked", [
    ("310107199001011232", "310107********1232"),
    ("E12345678", "E1*****78"),
    ("abc", "***"),
    ("", ""),
])
def test_id_numbers_are_masked(value, masked):
    assert crypto.mask_id_number(value) == masked


@pytest.mark.parametrize("value, masked", [("13812345678", "138****5678"), ("", "")])
def test_phone_numbers_are_masked(value, masked):
    assert crypto.mask_phone(value) == masked


def test_a_saved_party_keeps_only_ciphertext_hash_and_masked_copies(make_party):
    party = make_party(id_number=ID_NUMBER, phone=PHONE)
    row = Party.objects.values().get(pk=party.pk)
    assert ID_NUMBER not in str(row) and PHONE not in str(row)
    assert row["id_number_masked"] == "310107********1232"
    assert party.reveal_id_number() == ID_NUMBER and party.reveal_phone() == PHONE
    history = party.history.values().first()
    assert ID_NUMBER not in str(history) and PHONE not in str(history)


@pytest.mark.django_db(transaction=True)
def test_no_whole_id_number_reaches_the_database_file(make_party):
    marker = "唯一标记当事人甲"
    make_party(name=marker, id_number=ID_NUMBER, phone=PHONE)
    if connection.vendor == "sqlite":
        connection.close()  # checkpoint what the connection holds
        path = Path(connection.settings_dict["NAME"])
        raw = b"".join(p.read_bytes() for p in (path, Path(f"{path}-wal")) if p.exists())
        assert marker.encode() in raw  # the file really holds the party
        assert ID_NUMBER.encode() not in raw and PHONE.encode() not in raw
    else:
        with connection.cursor() as cur:
            cur.execute("SELECT * FROM core_party WHERE name = %s", [marker])
            row = cur.fetchone()
            cur.execute("SELECT * FROM core_historicalparty WHERE name = %s", [marker])
            history = cur.fetchall()
            cur.execute("SELECT payload::text, summary FROM core_auditevent")
            events = cur.fetchall()
        assert row is not None
        dump = repr((row, history, events))
        assert ID_NUMBER not in dump and PHONE not in dump


def test_creating_a_party_through_the_page_logs_no_whole_number(district, login, caplog):
    client = login(district["users"]["handler"])
    # Queries are logged with their parameters while captured, as with SIFA_DEBUG=1.
    with caplog.at_level(logging.DEBUG), caplog.at_level(logging.DEBUG, logger="django"), CaptureQueriesContext(connection) as queries:
        resp = client.post("/parties/new/", {
            "kind": "person", "name": "日志测试", "id_type": "resident_id", "id_number": ID_NUMBER,
            "phone": PHONE, "unit": district["units"]["PT-SFJ-FY"].pk,
        })
        assert resp.status_code == 302
        client.get(resp["Location"])
    text = "\n".join(r.getMessage() + repr(getattr(r, "params", "")) for r in caplog.records)
    assert "日志测试" in text  # the capture works: the INSERT was logged with its parameters
    assert ID_NUMBER not in text and PHONE not in text
    assert not any(ID_NUMBER in q["sql"] for q in queries.captured_queries)

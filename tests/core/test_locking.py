"""Optimistic locking of every record people edit (core.locking): two people open the same edit form, the
first saves, the second's stale save is refused with the conflict message and their input kept."""

from __future__ import annotations

import re

import pytest

from sifa.core.locking import ConflictError, save_versioned
from sifa.core.models import Party


def _party_post(party, unit, **changes) -> dict:
    data = {"kind": "person", "name": party.name, "id_type": "resident_id", "id_number": "", "phone": "",
            "address": party.address, "credit_code": "", "legal_representative": "", "unit": unit.pk}
    return {**data, **changes}


def _version_in(page: str) -> str:
    return re.search(r'name="version" value="(\d+)"', page).group(1)


def test_the_party_form_carries_the_version_it_was_opened_with(users, login, make_party):
    party = make_party("PT-SFJ-FY", "王小明")
    page = login(users["handler"]).get(f"/parties/{party.pk}/edit/").content.decode()
    assert _version_in(page) == "1"


def test_of_two_stale_edits_of_a_party_the_second_is_refused_and_the_first_kept(users, units, client, make_party):
    party = make_party("PT-SFJ-FY", "王小明", address="旧地址")
    unit = units["PT-SFJ-FY"]
    client.force_login(users["handler"], backend="sifa.core.auth.RoleBackend")
    version = _version_in(client.get(f"/parties/{party.pk}/edit/").content.decode())  # both open version 1

    first = client.post(f"/parties/{party.pk}/edit/", _party_post(party, unit, address="长寿路1号", version=version))
    assert first.status_code == 302

    client.force_login(users["handler2"], backend="sifa.core.auth.RoleBackend")
    second = client.post(f"/parties/{party.pk}/edit/", _party_post(party, unit, address="武宁路2号", version=version),
                         HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert second.status_code == 200
    page = second.content.decode()
    assert "刷新" in page and str(users["handler"]) in page  # who changed it, and what to do
    assert "武宁路2号" in page  # the second person's input is kept on the form
    stored = Party.objects.get(pk=party.pk)
    assert (stored.address, stored.version) == ("长寿路1号", 2)  # the first change survives


def test_a_party_edit_saved_on_the_current_version_moves_it_on(users, units, login, make_party):
    party = make_party("PT-SFJ-FY", "王小明")
    client = login(users["handler"])
    for expected in (1, 2):
        resp = client.post(f"/parties/{party.pk}/edit/",
                           _party_post(party, units["PT-SFJ-FY"], address=f"地址{expected}", version=expected))
        assert resp.status_code == 302
    assert Party.objects.get(pk=party.pk).version == 3


def test_a_crafted_version_is_a_field_error_not_a_server_error(users, units, login, make_party):
    party = make_party("PT-SFJ-FY", "王小明")
    resp = login(users["handler"]).post(f"/parties/{party.pk}/edit/",
                                        _party_post(party, units["PT-SFJ-FY"], version=str(10**30)))
    assert resp.status_code == 200 and "version" in resp.context["form"].errors


@pytest.mark.django_db
def test_save_versioned_refuses_a_stale_party_and_names_who_saved(users, make_party):
    party = make_party("PT-SFJ-FY", "王小明")
    mine, theirs = Party.objects.get(pk=party.pk), Party.objects.get(pk=party.pk)
    theirs.address = "theirs"
    save_versioned(theirs, by=users["handler2"])
    mine.address = "mine"
    with pytest.raises(ConflictError) as info:
        save_versioned(mine, expected_version="1", by=users["handler"])
    assert info.value.who == users["handler2"]
    assert Party.objects.get(pk=party.pk).address == "theirs"

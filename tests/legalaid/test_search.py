"""The header search finds legal-aid cases by number, part of a name, or a whole ID or mobile number (by its keyed
hash, never decrypting), within the user's units, with numbers masked; and the case list filters by a whole number
posted to it, which never travels in the URL."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sifa.core.search import Query
from sifa.legalaid.search import search

pytestmark = pytest.mark.django_db
ID = "11010519491231002X"


def test_the_header_search_finds_by_number_name_and_whole_id_number(apply, staff, users):
    case = apply(name="王援助", id_number=ID, phone="13812345678")
    apply(name="李某", id_number="")
    assert [h.url for h in search(staff, Query.of(case.number))] == [case.get_absolute_url()]
    assert [h.url for h in search(staff, Query.of("援助"))] == [case.get_absolute_url()]
    for whole in (ID.lower(), "13812345678"):
        hits = search(staff, Query.of(whole))
        assert [h.url for h in hits] == [case.get_absolute_url()]
        assert ID not in hits[0].title and "13812345678" not in hits[0].title
    assert search(staff, Query.of("110105194912310046")) == []
    assert search(users["mediator"], Query.of(case.number)) == []  # not their line


def test_the_list_filters_by_a_posted_whole_number(apply, staff, login):
    case = apply(name="王援助", id_number=ID)
    apply(name="李某", id_number="")
    client = login(staff)
    resp = client.post(reverse("legalaid:list"), {"q": ID, "state": ""})
    assert resp.status_code == 302 and ID not in resp["Location"] and "key=" in resp["Location"]
    rows = client.get(resp["Location"]).context["page"].rows
    assert [c.pk for c in rows] == [case.pk]


def test_a_second_application_of_the_same_person_warns_with_a_link_and_registers_when_ticked(apply, staff, login):
    from sifa.legalaid.models import LegalAidCase

    first = apply(name="王援助", id_number=ID)
    client = login(staff)
    data = {"name": "王援助", "id_number": ID.lower(), "received_on": "2024-03-20", "channel": "window",
            "matter_type": "civil", "service_form": "litigation", "matter": "另一事项"}
    warned = client.post(reverse("legalaid:new"), data, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert warned.status_code == 200 and warned.context["form"].duplicates == [first]
    assert first.get_absolute_url() in warned.content.decode() and LegalAidCase.objects.count() == 1
    ok = client.post(reverse("legalaid:new"), {**data, "register_anyway": "on"})
    assert ok.status_code == 302 and LegalAidCase.objects.count() == 2
    # another person of the same name with another ID number is not a duplicate
    other = client.post(reverse("legalaid:new"), {**data, "id_number": "110105194912310046"})
    assert other.status_code == 302

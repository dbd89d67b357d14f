"""The header search finds enforcement records by number, name, whole ID number (masked in the hit) and title."""

from __future__ import annotations

from datetime import date

import pytest

from sifa.core.search import Query
from sifa.enforcement import services
from sifa.enforcement.search import search

pytestmark = pytest.mark.django_db

ID = "11010519491231002X"


def test_a_whole_id_number_finds_the_officer_and_the_application_masked(apply, staff):
    case = apply()
    hits = search(staff, Query.of(ID))
    urls = {h.url for h in hits}
    assert case.get_absolute_url() in urls and case.officer.get_absolute_url() in urls
    assert all(ID not in h.title for h in hits) and any("*" in h.title for h in hits)


def test_the_number_part_of_a_name_and_a_title_find_their_records(apply, staff, division, agency):
    case = apply()
    assert any(h.url == case.get_absolute_url() for h in search(staff, Query.of(case.number)))
    assert any(h.url == case.get_absolute_url() for h in search(staff, Query.of("王执")))
    f = services.filing_register(unit=division, by=staff, title="停车管理规定", document_number="普规〔2024〕7号",
                                 issued_by=agency, published_on=date(2024, 1, 2), filed_on=date(2024, 1, 5))
    assert [h.url for h in search(staff, Query.of("普规〔2024〕7号"))] == [f.get_absolute_url()]


def test_a_user_of_another_division_finds_nothing(apply, users):
    apply()
    assert search(users["handler"], Query.of(ID)) == []
    assert search(users["handler"], Query.of("王执")) == []


def test_a_list_searched_by_a_whole_id_number_keeps_it_out_of_the_url(login, apply, staff):
    from django.urls import reverse

    case = apply()
    client = login(staff)
    for name, needle in (("enforcement:list", case.number), ("enforcement:officers", case.officer.person.name)):
        resp = client.post(reverse(name), {"q": ID, "sort": ""})
        assert resp.status_code == 302 and ID not in resp["Location"] and "key=" in resp["Location"]
        page = client.get(resp["Location"]).content.decode()
        assert needle in page and ID not in page
        other = client.get(reverse(name) + "?key=" + "0" * 64).content.decode()
        assert needle not in other


def test_the_column_headers_sort_the_list(login, apply, staff):
    from django.urls import reverse

    apply()
    client = login(staff)
    page = client.get(reverse("enforcement:list") + "?sort=number").content.decode()
    assert 'class="sort sorted"' in page and "sort=-number" in page
    assert client.get(reverse("enforcement:list") + "?sort=-decided").status_code == 200

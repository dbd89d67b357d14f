"""No whole ID or mobile number is searched from a query string (it would land in access logs and browser
history): every page redirects to itself without it and tells the user to use the parties' search form (which
POSTs); the API and htmx fragments answer 400. The number is echoed into no URL."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages

from sifa.core.validators import has_whole_personal_number

ID_NUMBER = "310107199001011232"
MOBILE = "13812345678"


@pytest.mark.parametrize("text, expected", [
    (ID_NUMBER, True), ("31010719900101123x", True), (f"王小明 {ID_NUMBER}", True), (MOBILE, True),
    ("138-1234-5678", True), ("+86 13812345678", True), ("8613812345678", True),
    (ID_NUMBER[:-1], False), ("王小明", False), ("91310000MA1FL8KQ8X", False), ("1381234567", False),
    ("普府复〔2024〕12号", False), ("2024-10-10", False), ("13812345678901", False), ("", False),
])
def test_what_counts_as_a_whole_personal_number(text, expected):
    assert has_whole_personal_number(text) is expected


@pytest.mark.parametrize("url", ["/parties/", "/reconsideration/", "/litigation/", "/mediation/", "/units/"])
@pytest.mark.parametrize("number", [ID_NUMBER, MOBILE])
def test_a_list_page_refuses_a_whole_number_in_its_query(users, login, url, number):
    client = login(users["leader"])
    resp = client.get(url, {"q": number, "kind": "person", "export": "csv"})
    assert resp.status_code == 302
    location = resp["Location"]
    assert number not in location and location.startswith(url) and "kind=person" in location
    assert "export=csv" in location  # the other parameters are kept
    page = client.get(location.replace("&export=csv", "").replace("export=csv", ""))
    text = page.content.decode()
    assert "当事人" in text and "搜索" in text  # the message says where to search
    assert number not in text


def test_the_message_is_chinese_and_names_the_search_form(users, login):
    client = login(users["handler"])
    resp = client.get("/parties/", {"q": ID_NUMBER})
    [message] = [str(m) for m in get_messages(resp.wsgi_request)]
    assert "完整" in message and "当事人" in message


def test_a_keyset_page_link_never_carries_the_number(users, login):
    resp = login(users["handler"]).get("/parties/", {"q": ID_NUMBER, "after": "abc"})
    assert resp.status_code == 302 and ID_NUMBER not in resp["Location"] and "after=abc" in resp["Location"]


def test_the_api_answers_400_with_the_message(users, login):
    resp = login(users["handler"]).get("/api/parties", {"q": MOBILE})
    assert resp.status_code == 400 and "当事人" in resp.json()["detail"]
    assert MOBILE not in resp.content.decode()


def test_a_lookup_answers_400_and_searches_nothing(users, login):
    resp = login(users["leader"]).get("/lookup/units/", {"q": ID_NUMBER}, HTTP_HX_REQUEST="true")
    assert resp.status_code == 400 and ID_NUMBER not in resp.content.decode()


def test_a_post_with_the_number_in_its_query_string_is_refused(users, login):
    resp = login(users["handler"]).post(f"/parties/?q={ID_NUMBER}", {"q": "王"})
    assert resp.status_code == 400


def test_the_parties_search_form_still_finds_a_whole_number_by_post(users, login, make_party):
    make_party("PT-SFJ-FY", "王小明", id_number=ID_NUMBER)
    client = login(users["handler"])
    resp = client.post("/parties/", {"q": ID_NUMBER})
    assert resp.status_code == 302 and ID_NUMBER not in resp["Location"]
    assert "王小明" in client.get(resp["Location"]).content.decode()


def test_the_portal_refuses_a_number_in_its_query_too(client, district):
    resp = client.get("/apply/progress/", {"phone": MOBILE})
    assert resp.status_code == 302 and MOBILE not in resp["Location"]

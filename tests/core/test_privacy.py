"""What a role reads of personal data: no page of it cached, lookups only for the roles whose forms use them,
and the statistics viewer's figures and drill-down lists without any (issue #14, holes 4 and 8)."""

from __future__ import annotations

from django.urls import reverse


def _no_store(resp) -> bool:
    directives = {d.strip() for d in resp.get("Cache-Control", "").split(",")}
    return {"no-store", "private"} <= directives


def test_every_page_to_a_signed_in_user_is_not_stored(users, make_party, login):
    party = make_party("PT-SFJ-FY", "王小明", id_number="11010519491231002X")
    client = login(users["handler"])
    for url in ("/", reverse("party_list"), reverse("party_detail", args=[party.pk]), reverse("unit_tree"),
                "/api/me"):
        resp = client.get(url)
        assert resp.status_code == 200, url
        assert _no_store(resp), (url, resp.get("Cache-Control"))


def test_the_api_is_not_stored_even_when_it_refuses(client, district):
    resp = client.get("/api/me")
    assert resp.status_code == 401 and _no_store(resp)



def test_a_lookup_answers_only_the_roles_whose_pages_use_it(users, login):
    """Before: any signed-in user listed every handler's name and log-in name through /lookup/."""
    url = reverse("lookup", args=["reconsideration.handlers"])
    for username in ("mediator", "changshou", "legalaid", "auditor", "admin"):
        assert login(users[username]).get(url, {"q": ""}).status_code == 403, username
    assert login(users["mediator"]).get(reverse("lookup", args=["mediation.organisations"]), {"q": ""}).status_code == 200
    assert login(users["handler"]).get(reverse("lookup", args=["mediation.organisations"]), {"q": ""}).status_code == 403


def test_the_handler_lookup_lists_those_who_handle_cases_not_every_account(users, login):
    body = login(users["leader"]).get(reverse("lookup", args=["reconsideration.handlers"]), {"q": ""}).content.decode()
    assert "[handler]" in body and "[fuyi_head]" in body
    for username in ("admin", "security", "auditor", "stats", "leader", "mediator"):
        assert f"[{username}]" not in body, username

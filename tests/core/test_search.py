"""The header search (core.search): a record of any line by its number, a party's name, or a whole ID or mobile
number posted (never in a URL); each line answers only for what the user may see."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sifa.core.models import User
from sifa.mediation.models import Dispute
from sifa.reconsideration.models import Application, CaseParty
from tests.conftest import load_demo


@pytest.fixture(scope="module", autouse=True)
def _demo(module_db):
    with module_db():
        load_demo("reconsideration", "litigation", "mediation")
        yield


def _client(client, username):
    client.force_login(User.objects.get(username=username), backend="sifa.core.auth.RoleBackend")
    return client


def test_a_number_typed_in_the_header_goes_to_a_bookmarkable_page_with_the_case(db, client):
    app = Application.objects.exclude(number="").order_by("pk").first()
    c = _client(client, "handler")
    posted = c.post(reverse("search"), {"q": app.number})
    assert posted.status_code == 302 and posted["Location"].startswith(reverse("search") + "?q=")
    page = c.get(posted["Location"])
    assert page.status_code == 200
    assert app.get_absolute_url() in page.content.decode()


def test_a_whole_id_number_is_searched_by_post_and_never_shown_or_put_in_a_url(db, client):
    cp = (CaseParty.objects.filter(party__kind="person").exclude(party__id_number_hash="")
          .select_related("party", "case").order_by("pk").first())
    number = cp.party.reveal_id_number()
    c = _client(client, "leader")
    page = c.post(reverse("search"), {"q": number})
    assert page.status_code == 200  # answered on the POST: no redirect carrying the number
    html = page.content.decode()
    assert cp.case.get_absolute_url() in html
    assert number not in html
    refused = c.get(reverse("search") + "?q=" + number)  # a query string with the number is turned away
    assert refused.status_code == 302 and number not in refused["Location"]


def test_each_line_answers_only_to_those_who_may_see_it(db, client):
    app = Application.objects.exclude(number="").order_by("pk").first()
    dispute = Dispute.objects.exclude(number="").order_by("pk").first()
    mediator = _client(client, "mediator")
    html = mediator.get(reverse("search"), {"q": app.number}).content.decode()
    assert app.get_absolute_url() not in html  # a mediator has no reconsideration
    handler = _client(client, "handler")
    html = handler.get(reverse("search"), {"q": dispute.number}).content.decode()
    assert dispute.get_absolute_url() not in html


def test_the_statistics_viewer_and_the_administrators_have_no_search(db, client):
    for username in ("stats", "admin", "security", "auditor"):
        c = _client(client, username)
        assert c.get(reverse("search"), {"q": "2022"}).status_code == 403
        assert 'action="/search/"' not in c.get(reverse("home")).content.decode()


def _give_number(party, number="310107198001011238"):
    """The demo's parties of some lines have no ID number: give one, through the service."""
    from sifa.core import services

    services.party_save(party=party, by=User.objects.get(username="leader"), id_number=number)
    return number


@pytest.mark.parametrize("line", ["reconsideration", "litigation", "mediation"])
def test_a_list_searched_by_a_whole_number_posts_it_and_lists_by_its_keyed_hash(db, client, line):
    from sifa.litigation.models import Suit
    from sifa.mediation.models import DisputeParty

    if line == "reconsideration":
        case = Application.objects.filter(parties__party__kind="person").order_by("pk").first()
        party, user = case.parties.filter(party__kind="person").first().party, "leader"
    elif line == "mediation":
        row = DisputeParty.objects.filter(party__kind="person").select_related("dispute", "party").order_by("pk").first()
        case, party, user = row.dispute, row.party, "leader"
    else:
        case = Suit.objects.filter(plaintiffs__kind="person").order_by("pk").first()
        party, user = case.plaintiffs.filter(kind="person").first(), "yingsu"
    number = _give_number(party)
    c = _client(client, user)
    url = reverse(f"{line}:list")
    posted = c.post(url, {"q": number})
    assert posted.status_code == 302 and "key=" in posted["Location"] and number not in posted["Location"]
    page = c.get(posted["Location"])
    html = page.content.decode()
    assert case.get_absolute_url() in html
    assert number not in html
    rows = page.context["page"].rows
    assert rows and all(r.pk == case.pk or _has_number(r, number) for r in rows)
    assert c.post(url, {"q": "", "key": posted["Location"].split("key=")[1]}).status_code == 302  # filters kept


def _has_number(case, number):
    from sifa.core import crypto
    h = crypto.lookup_hash(number)
    for rel in ("parties", "dispute_parties", "plaintiffs"):
        manager = getattr(case, rel, None)
        if manager is None:
            continue
        for row in manager.all():
            party = getattr(row, "party", row)
            if party.id_number_hash == h:
                return True
    return False

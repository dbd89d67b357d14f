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

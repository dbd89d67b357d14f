"""The header search (core.search) and the correction of a registration (core.corrections) for petitions."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from sifa.core import clocks as core_clocks
from sifa.core import corrections
from sifa.core.search import Query
from sifa.petitions import clocks
from sifa.petitions.search import search
from sifa.petitions.workflow import WORKFLOW

pytestmark = pytest.mark.django_db
ID = "310115198001010016"


def test_found_by_number_name_and_whole_id_number_only_by_who_may_see(register, staff, users):
    p = register(name="欧阳信访", id_number=ID, phone="13800138000")
    for text in (p.number, "欧阳", ID, "13800138000"):
        hits = search(staff, Query.of(text))
        assert [h.url for h in hits] == [p.get_absolute_url()], text
        assert ID not in hits[0].title
    assert search(staff, Query.of("310115198001010")) == []  # part of a number finds nothing
    assert search(users["mediator"], Query.of(p.number)) == []


def test_the_receipt_is_corrected_until_accepted_and_the_notice_clock_restarts(register, staff):
    p = register(received_on=date(2022, 9, 26))
    corrections.correct(p, {"received_on": date(2022, 9, 23)}, reason="登记时日期录错", by=staff,
                        expected_version=p.version)
    p.refresh_from_db()
    assert core_clocks.current(p, clocks.NOTICE).due == date(2022, 10, 8)
    WORKFLOW.run(p, "accept", by=staff, on=date(2022, 9, 28), data={})
    p.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        corrections.correct(p, {"received_on": date(2022, 9, 22)}, reason="再改", by=staff, expected_version=p.version)
    assert "received_on" in exc.value.message_dict
    corrections.correct(p, {"subject": "调解协议履行争议"}, reason="事由不准确", by=staff, expected_version=p.version)
    p.refresh_from_db()
    assert p.subject == "调解协议履行争议"


def test_the_list_is_searched_by_a_whole_number_posted_and_sorts_by_its_headers(login, staff, register):
    from django.urls import reverse

    a = register(name="甲", id_number=ID)
    b = register(name="乙", received_on=date(2022, 9, 20))
    client = login(staff)
    resp = client.post(reverse("petitions:list"), {"q": ID, "status": ""})
    assert resp.status_code == 302 and ID not in resp["Location"] and "key=" in resp["Location"]
    page = client.get(resp["Location"]).content.decode()
    assert a.number in page and b.number not in page and ID not in page
    page = client.get(reverse("petitions:list"), {"sort": "received"}).content.decode()
    assert page.index(b.number) < page.index(a.number)
    assert "sort=-received" in page  # the header turns the order round


def test_registering_the_same_petitioner_the_same_day_warns_and_can_go_on(login, staff, register):
    from django.urls import reverse

    from sifa.petitions.models import Petition

    first = register(name="王先生", received_on=date(2022, 9, 26))
    client = login(staff)
    data = {"channel": "letter", "kind": "complaint", "name": "王先生", "subject": "另一事项", "content": "内容",
            "received_on": "2022-09-26"}
    resp = client.post(reverse("petitions:new"), data)
    assert resp.status_code == 200 and first.get_absolute_url() in resp.content.decode()
    assert Petition.objects.count() == 1
    resp = client.post(reverse("petitions:new"), {**data, "register_anyway": "on"})
    assert resp.status_code == 302 and Petition.objects.count() == 2

"""The header search (core.search) and the correction of a draw request's registration (core.corrections)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from sifa.core import corrections
from sifa.core.search import Query
from sifa.supervisors.search import search

from .conftest import id_number, prepare_data
from .test_workflow import WORKFLOW

pytestmark = pytest.mark.django_db


def test_requests_and_supervisors_are_found_masked_and_scoped(pool, make_request, staff, users):
    r = make_request()
    assert [h.url for h in search(staff, Query.of(r.number))] == [r.get_absolute_url()]
    hits = search(staff, Query.of(id_number(3)))
    assert [h.url for h in hits] == [pool[2].get_absolute_url()] and id_number(3) not in hits[0].title
    assert {h.url for h in search(staff, Query.of("监督员1"))} == {pool[i].get_absolute_url() for i in (0, 9, 10, 11)}
    assert search(users["xinfang"], Query.of(r.number)) == []


def test_a_request_is_corrected_until_its_listing_is_published(make_request, pool, staff):
    r = make_request()
    corrections.correct(r, {"requested": 2, "place": "区检察院听证室"}, reason="检察院来电更正", by=staff,
                        expected_version=r.version)
    r.refresh_from_db()
    assert (r.requested, r.place) == (2, "区检察院听证室")
    on = r.received_on + timedelta(days=1)
    WORKFLOW.run(r, "prepare", by=staff, on=on, data=prepare_data(on))
    r.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        corrections.correct(r, {"activity_on": date(2022, 6, 1)}, reason="改期", by=staff, expected_version=r.version)
    assert "activity_on" in exc.value.message_dict


def test_the_pool_is_searched_by_a_whole_number_posted_sorted_and_exported(login, staff, pool):
    from django.urls import reverse

    client = login(staff)
    resp = client.post(reverse("supervisors:pool"), {"q": id_number(5)})
    assert resp.status_code == 302 and id_number(5) not in resp["Location"]
    page = client.get(resp["Location"]).content.decode()
    assert pool[4].code in page and pool[5].code not in page
    page = client.get(reverse("supervisors:pool"), {"sort": "-code"}).content.decode()
    assert page.index(pool[11].code) < page.index(pool[0].code)
    resp = client.get(reverse("supervisors:pool"), {"export": "xlsx"})
    assert resp.status_code == 200 and "spreadsheet" in resp["Content-Type"]


def test_a_second_request_for_the_same_activity_day_warns(login, staff, make_request, procuratorate):
    from django.urls import reverse

    from sifa.supervisors.models import DrawRequest

    r = make_request()
    client = login(staff)
    data = {"procuratorate": procuratorate.pk, "activity_kind": "hearing", "activity": "另一听证",
            "activity_on": r.activity_on.isoformat(), "requested": 2, "received_on": r.received_on.isoformat()}
    resp = client.post(reverse("supervisors:new"), data)
    assert resp.status_code == 200 and r.get_absolute_url() in resp.content.decode()
    resp = client.post(reverse("supervisors:new"), {**data, "register_anyway": "on"})
    assert resp.status_code == 302 and DrawRequest.objects.count() == 2

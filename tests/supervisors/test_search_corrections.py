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

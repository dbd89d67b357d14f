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

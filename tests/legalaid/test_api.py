"""The notifying organ's system registers a notice through the API and reads where the case stands."""

from __future__ import annotations

from datetime import date

import pytest

from sifa.legalaid.models import LegalAidCase

pytestmark = pytest.mark.django_db

NOTICE = {"name": "未成年乙", "received_on": "2024-04-29", "notifying_organ": "court",
          "notice_number": "（2024）沪0107刑初2号", "mandatory_ground": "1", "matter": "盗窃案", "notifying_unit": "PT-FY"}


def test_a_notice_is_registered_and_its_three_days_answered(login, staff):
    client = login(staff)
    resp = client.post("/api/legalaid/notifications", NOTICE, content_type="application/json")
    assert resp.status_code == 201, resp.content
    body = resp.json()
    case = LegalAidCase.objects.get(pk=body["id"])
    assert (case.source, case.state, case.notifying_unit.code) == ("notification", "granted", "PT-FY")
    assert body["assign_by"] == "2024-05-06"  # 3 days from 4-29 end in 劳动节: the next working day
    assert client.get(f"/api/legalaid/cases/{case.pk}").json()["number"] == case.number
    again = client.post("/api/legalaid/notifications", NOTICE, content_type="application/json")
    assert again.status_code == 422 and LegalAidCase.objects.count() == 1


def test_bad_values_are_refused_and_other_roles_and_units_get_nothing(login, staff, users):
    client = login(staff)
    bad = client.post("/api/legalaid/notifications", {**NOTICE, "mandatory_ground": "9", "notifying_unit": "XX"},
                      content_type="application/json")
    assert bad.status_code == 422 and "mandatory_ground" in bad.content.decode()
    assert login(users["mediator"]).post("/api/legalaid/notifications", NOTICE,
                                         content_type="application/json").status_code == 403
    assert not LegalAidCase.objects.exists()


CALL = {"call_id": "12348-20240304-0001", "called_on": "2024-03-04", "category": "labour", "name": "来电人",
        "question": "公司拖欠工资怎么办？", "answer": "告知可以申请劳动仲裁和法律援助。", "referral": "legal_aid",
        "callback_requested": True, "satisfaction": "satisfied"}


def test_the_hotline_pushes_its_calls_and_a_call_pushed_twice_is_written_once(login, staff):
    from sifa.core import clocks as core_clocks
    from sifa.legalaid.models import Consultation

    client = login(staff)
    second = {**CALL, "call_id": "12348-20240304-0002", "callback_requested": False, "referral": ""}
    resp = client.post("/api/legalaid/calls", {"calls": [CALL, second]}, content_type="application/json")
    assert resp.status_code == 200, resp.content
    assert resp.json() == {"written": [CALL["call_id"], second["call_id"]], "duplicates": []}
    c = Consultation.objects.get(external_id=CALL["call_id"])
    assert (c.channel, c.unit.code, c.category, c.referral) == ("call_12348", "PT-FYZX", "labour", "legal_aid")
    # the callback's time limit: two working days by the district's setting (2024-03-04 is a Monday)
    assert c.callback_due == core_clocks.current(c, "legalaid.callback").due == date(2024, 3, 6)
    again = client.post("/api/legalaid/calls", {"calls": [CALL, {**CALL, "call_id": "12348-20240304-0003"}]},
                        content_type="application/json")
    assert again.json() == {"written": ["12348-20240304-0003"], "duplicates": [CALL["call_id"]]}
    assert Consultation.objects.count() == 3


def test_a_bad_call_refuses_the_whole_batch_and_other_roles_get_403(login, staff, users):
    from sifa.legalaid.models import Consultation

    client = login(staff)
    bad = client.post("/api/legalaid/calls", {"calls": [CALL, {**CALL, "call_id": "x2", "category": "weather"}]},
                      content_type="application/json")
    assert bad.status_code == 422 and "calls.1.category" in bad.content.decode()
    twice = client.post("/api/legalaid/calls", {"calls": [CALL, CALL]}, content_type="application/json")
    assert twice.status_code == 422 and "twice" in twice.content.decode()
    future = client.post("/api/legalaid/calls", {"calls": [{**CALL, "called_on": "2999-01-01"}]},
                         content_type="application/json")
    assert future.status_code == 422
    assert login(users["mediator"]).post("/api/legalaid/calls", {"calls": [CALL]},
                                         content_type="application/json").status_code == 403
    assert not Consultation.objects.exists()

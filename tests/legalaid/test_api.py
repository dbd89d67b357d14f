"""The notifying organ's system registers a notice through the API and reads where the case stands."""

from __future__ import annotations

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

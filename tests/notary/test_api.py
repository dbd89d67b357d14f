"""The JSON API for the notary office's system: a per-client token acting as the office's service account
registers applications (once per number of the office's system) and reads them; other units' records are not found."""

from __future__ import annotations

import json

import pytest

from sifa.core import api_clients
from sifa.core.models import Membership, Role, User

pytestmark = pytest.mark.django_db


def _service_account(units, username="gzc_system"):
    user = User.objects.create(username=username, last_name="公证处", first_name="系统")
    user.set_unusable_password()
    user.save()
    Membership.objects.create(user=user, unit=units["PT-GZC"], role=Role.objects.get(code="notary_staff"))
    return user


def test_the_office_system_registers_and_reads_with_its_own_token(client, units, users):
    account = _service_account(units)
    _c, token = api_clients.issue(by=users["security"], user=account, name="公证处业务系统")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    body = {"external_id": "GZ2024-00077", "name": "王公证", "received_on": "2024-03-04", "matter": "entrustment",
            "channel": "window", "accept": True, "notary": "沈丽"}
    resp = client.post("/api/notary/applications", json.dumps(body), content_type="application/json", **auth)
    assert resp.status_code == 201, resp.content
    data = resp.json()
    assert data["state"] == "accepted" and data["issue_by"] == "2024-03-25" and data["fee"] == 200.0
    again = client.post("/api/notary/applications", json.dumps(body), content_type="application/json", **auth)
    assert again.status_code == 200 and again.json()["id"] == data["id"]  # pushed twice, written once
    bad = client.post("/api/notary/applications", json.dumps({**body, "external_id": "X", "matter": "nonsense"}),
                      content_type="application/json", **auth)
    assert bad.status_code in (400, 422) and "matter" in bad.content.decode()
    read = client.get(f"/api/notary/applications/{data['id']}", **auth)
    assert read.status_code == 200 and read.json()["number"] == data["number"]
    assert client.get(f"/api/notary/applications/{data['id']}").status_code == 401  # no token, no session
    other = _service_account(units, "court_system")
    Membership.objects.filter(user=other).update(unit=units["PT-SFJ-FY"], role=Role.objects.get(code="case_handler"))
    _c2, token2 = api_clients.issue(by=users["security"], user=other, name="法院系统")
    assert client.get(f"/api/notary/applications/{data['id']}",
                      HTTP_AUTHORIZATION=f"Bearer {token2}").status_code == 403

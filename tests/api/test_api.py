from datetime import date

from sifa.core import clocks
from sifa.core.models import Party
from sifa.core.services import party_save

VALID_ID = "11010519491231002X"


def test_api_requires_login(client, district):
    assert client.get("/api/me").status_code == 401


def test_party_search_is_scoped_and_masked(district, login):
    units, users = district["units"], district["users"]
    party_save(party=Party(name="王小明", unit=units["PT-SFS-CYXC"]), by=users["caoyang"], id_number=VALID_ID,
               phone="13812345678")
    client = login(users["caoyang"])
    assert client.get("/api/parties", {"q": VALID_ID}).status_code == 400  # numbers never travel in URLs
    own = client.post("/api/parties/search", {"q": VALID_ID}, content_type="application/json").json()
    assert [p["name"] for p in own] == ["王小明"]
    assert own[0]["id_number"] == "110105********002X"
    assert VALID_ID not in str(own)
    assert [p["name"] for p in client.get("/api/parties", {"q": "王小"}).json()] == ["王小明"]
    other = login(users["changshou"]).post("/api/parties/search", {"q": VALID_ID},
                                           content_type="application/json").json()
    assert other == []


def test_system_administrator_cannot_search_parties(district, login):
    assert login(district["users"]["admin"]).get("/api/parties").status_code == 403


def test_deadline_endpoint_computes_a_registered_rule(district, login):
    clocks.register(clocks.Rule("test.api_five_wd", "five working days", 5, clocks.WORKING_DAYS, "test basis"))
    resp = login(district["users"]["handler"]).get("/api/deadline", {"rule": "test.api_five_wd",
                                                                     "start": "2024-09-27"})
    assert resp.status_code == 200
    # 9-29 (Sunday) is an adjusted working day; 10-1..10-7 are the National Day holiday.
    assert resp.json()["due"] == date(2024, 10, 10).isoformat()


def test_metrics_endpoint_needs_the_statistics_permission(district, login):
    assert login(district["users"]["mediator"]).get(
        "/api/metrics", {"date_from": "2022-01-01", "date_to": "2022-10-31"}).status_code == 403
    resp = login(district["users"]["leader"]).get("/api/metrics", {"date_from": "2022-01-01",
                                                                   "date_to": "2022-10-31"})
    assert resp.status_code == 200
    assert isinstance(resp.json(), dict)


def test_api_docs_are_served_without_a_cdn(district, login):
    resp = login(district["users"]["handler"]).get("/api/docs")
    assert resp.status_code == 200
    html = resp.content.decode()
    assert "cdn" not in html.lower()
    assert "/static/ninja/swagger-ui-bundle.js" in html

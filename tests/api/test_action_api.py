"""The action API: a registered procedure table read and driven as JSON, by a person's session or a machine
client's token, with the same permissions, scope, form, refusals and audit events as the pages."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.messages.storage.fallback import FallbackStorage
from django.test import Client, RequestFactory
from django.utils import translation

from sifa.core import clocks
from sifa.core.models import AuditEvent
from sifa.core.steps import step_view

from .conftest import MODEL

pytestmark = pytest.mark.django_db
URL = f"/api/v1/cases/{MODEL}"
ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}


def post(client, path, body, **headers):
    return client.post(path, body, content_type="application/json", **headers)


def accept(client, case, *, version=None, on="2024-09-30", **headers):
    return post(client, f"{URL}/{case.pk}/actions/accept",
                {"version": case.version if version is None else version, "on": on}, **headers)


def test_a_case_with_what_the_caller_may_do_now(opened, login, users):
    body = login(users["handler"]).get(f"{URL}/{opened.pk}").json()
    assert body["id"] == opened.pk and body["state"] == "received" and body["state_label"] == "已收到"
    assert body["unit"]["code"] == "PT-SFJ-FY" and body["version"] == opened.version
    assert body["opened_on"] == "2024-09-27" and body["closed_on"] is None
    [action] = body["actions"]  # "decide" is not allowed from the state, "deem" is the sweep's
    assert action["name"] == "accept" and action["label"] == "受理" and action["basis"] == "《行政复议法》第三十条"
    assert "受理审查期限" in action["clocks"] and action["path"] == f"{URL}/{opened.pk}/actions/accept"


def test_the_leader_reads_but_is_offered_no_step_and_may_not_take_one(opened, login, users):
    client = login(users["leader"])
    assert client.get(f"{URL}/{opened.pk}").json()["actions"] == []
    resp = accept(client, opened)
    assert resp.status_code == 403
    opened.refresh_from_db()
    assert opened.state == "received"


@pytest.mark.parametrize("who", ["stats", "mediator", "security", "admin"])
def test_roles_without_the_models_view_permission_get_403(opened, login, users, who):
    client = login(users[who])
    assert client.get(URL).status_code == 403
    assert client.get(f"{URL}/{opened.pk}").status_code == 403


def test_a_token_sees_only_its_service_accounts_units(opened, service_account, token_for, bearer, client):
    inside = bearer(token_for(service_account("court_system", unit="PT-SFJ-FY")))
    outside = bearer(token_for(service_account("hotline", unit="PT-SFJ-YS")))
    assert [r["id"] for r in client.get(URL, **inside).json()["rows"]] == [opened.pk]
    assert client.get(f"{URL}/{opened.pk}", **inside).status_code == 200
    assert client.get(URL, **outside).json()["rows"] == []
    for path in ("", "/history", "/clocks"):
        assert client.get(f"{URL}/{opened.pk}{path}", **outside).status_code == 404
    assert accept(client, opened, **outside).status_code == 404
    opened.refresh_from_db()
    assert opened.state == "received"


def test_unknown_models_cases_and_steps_are_404(opened, login, users):
    client = login(users["handler"])
    assert client.get("/api/v1/cases/core.party").status_code == 404  # a model without a table
    assert client.get("/api/v1/cases/nothing.here/1").status_code == 404
    assert client.get(f"{URL}/{opened.pk + 1000}").status_code == 404
    for name in ("nothing", "deem"):  # no such step; a step only the sweep takes
        resp = post(client, f"{URL}/{opened.pk}/actions/{name}", {"version": 1, "on": "2024-09-30"})
        assert resp.status_code == 404


def test_a_step_through_the_api_moves_the_case_and_answers_it(opened, service_account, token_for, bearer, client):
    court = service_account()
    headers = bearer(token_for(court))
    resp = accept(client, opened, **headers)
    assert resp.status_code == 200, resp.content
    body = resp.json()
    assert body["state"] == "hearing" and body["version"] == opened.version + 1
    assert [a["name"] for a in body["actions"]] == ["decide"]
    event = AuditEvent.objects.get(action="dossier.accepted")
    assert event.actor == court and event.object_id == str(opened.pk)
    assert clocks.current(opened, "api.decision").start == date(2024, 9, 30)


def _page_post(case, user, name, data, monkeypatch):
    """The action's page (core.steps.step_view) answering a POST of `data`."""
    monkeypatch.setattr(type(case), "get_absolute_url", lambda self: "/", raising=False)
    request = RequestFactory().post("/", data)
    request.user = user
    request.session = {}
    request._messages = FallbackStorage(request)
    from sifa.core.workflow import for_model

    return step_view(request, case, for_model(type(case)), name)


def test_the_api_writes_the_same_audit_event_as_the_page(opened, make_dossier, users, login, monkeypatch):
    from sifa.core.workflow import for_model

    flow = for_model(type(opened))
    twin = make_dossier(title="t", opened_on=date(2024, 9, 27))
    for case in (opened, twin):
        flow.run(case, "accept", by=users["handler"], on=date(2024, 9, 30))
    data = {"outcome": "维持", "kind": "upheld", "days": "", "on": "2024-10-08"}
    page = _page_post(opened, users["handler"], "decide", {**data, "version": opened.version}, monkeypatch)
    assert page.status_code == 302
    resp = post(login(users["handler"]), f"{URL}/{twin.pk}/actions/decide",
                {"version": twin.version, "on": "2024-10-08", "data": {"outcome": "维持", "kind": "upheld"}})
    assert resp.status_code == 200, resp.content
    by_page, by_api = (AuditEvent.objects.get(action="dossier.decide", object_id=str(c.pk)) for c in (opened, twin))
    assert (by_api.action, by_api.actor, by_api.payload) == (by_page.action, by_page.actor, by_page.payload)
    assert by_api.payload["outcome"] == "维持"
    twin.refresh_from_db()
    assert (twin.state, twin.title, twin.closed_on) == ("decided", "维持", date(2024, 10, 8))


def test_form_errors_are_the_pages(opened, users, login, monkeypatch):
    from django.http import HttpResponse

    from sifa.core.workflow import for_model

    for_model(type(opened)).run(opened, "accept", by=users["handler"], on=date(2024, 9, 30))
    shown = {}
    monkeypatch.setattr("sifa.core.steps.render", lambda request, template, context: shown.update(context) or
                        HttpResponse())
    bad = {"outcome": "?", "kind": "bogus", "days": 99}
    with translation.override("zh-hans"):
        _page_post(opened, users["handler"], "decide", {**bad, "version": opened.version, "on": "2099-01-01"},
                   monkeypatch)
    page_errors = {name: list(messages) for name, messages in shown["form"].errors.items()}
    resp = post(login(users["handler"]), f"{URL}/{opened.pk}/actions/decide",
                {"version": opened.version, "on": "2099-01-01", "data": bad}, **ZH)
    assert resp.status_code == 422
    body = resp.json()
    assert body["errors"] == page_errors
    assert set(body["errors"]) == {"outcome", "kind", "days", "on"}
    assert body["errors"]["outcome"] == ["决定不能是问号。"] and body["field"] in body["errors"]
    opened.refresh_from_db()
    assert opened.state == "hearing"


def test_refusals_and_their_status(opened, users, login):
    client = login(users["handler"])
    decide = f"{URL}/{opened.pk}/actions/decide"
    resp = post(client, decide, {"version": opened.version, "on": "2024-10-08",
                                 "data": {"outcome": "x", "kind": "upheld"}}, **ZH)
    assert resp.status_code == 409 and "已收到" in resp.json()["detail"]  # not from this state
    resp = accept(client, opened, on="2024-09-01", **ZH)  # before the receipt: the step's own refusal
    assert resp.status_code == 422 and resp.json()["field"] == "on"
    assert post(client, f"{URL}/{opened.pk}/actions/accept", {"on": "2024-09-30"}).status_code == 422  # no version
    assert accept(client, opened).status_code == 200
    opened.refresh_from_db()
    resp = post(client, decide, {"version": opened.version, "on": "2024-09-27",
                                 "data": {"outcome": "x", "kind": "upheld"}}, **ZH)
    assert resp.status_code == 409 and "受理后次日起方可决定" in resp.json()["detail"]  # a guard
    resp = post(client, decide, {"version": opened.version, "on": "2024-10-08",
                                 "data": {"outcome": "bad", "kind": "upheld"}}, **ZH)
    assert resp.status_code == 422 and resp.json() == {
        "detail": "法律没有这种决定。", "field": "outcome", "errors": {"outcome": ["法律没有这种决定。"]}}
    resp = post(client, decide, {"version": opened.version, "on": "2024-10-08",
                                 "data": {"outcome": {"nested": 1}, "kind": "upheld"}})
    assert resp.status_code == 422 and "outcome" in resp.json()["errors"]
    opened.refresh_from_db()
    assert opened.state == "hearing" and opened.title == "t"


def test_a_stale_version_is_409_and_changes_nothing(opened, users, login):
    client = login(users["handler"])
    version = opened.version
    assert accept(client, opened, version=version + 1).status_code == 409
    resp = accept(client, opened, version=version)
    assert resp.status_code == 200
    again = post(client, f"{URL}/{opened.pk}/actions/decide",
                 {"version": version, "on": "2024-10-08", "data": {"outcome": "x", "kind": "upheld"}})
    assert again.status_code == 409 and again.json()["detail"]
    opened.refresh_from_db()
    assert opened.state == "hearing" and opened.version == version + 1


def test_a_session_post_still_needs_its_csrf_token(opened, users):
    client = Client(enforce_csrf_checks=True)
    client.force_login(users["handler"], backend="sifa.core.auth.RoleBackend")
    assert accept(client, opened).status_code == 403
    opened.refresh_from_db()
    assert opened.state == "received"


def test_the_list_filters_and_pages(opened, make_dossier, users, login):
    from sifa.core.workflow import for_model

    older = make_dossier(title="older", opened_on=date(2024, 9, 2))
    for_model(type(opened)).run(older, "accept", by=users["handler"], on=date(2024, 9, 3))
    client = login(users["handler"])
    assert [r["id"] for r in client.get(URL).json()["rows"]] == [opened.pk, older.pk]
    assert [r["id"] for r in client.get(URL, {"state": "hearing"}).json()["rows"]] == [older.pk]
    assert client.get(URL, {"state": "nonsense"}).status_code == 422
    assert [r["id"] for r in client.get(URL, {"opened_from": "2024-09-10"}).json()["rows"]] == [opened.pk]
    assert [r["id"] for r in client.get(URL, {"opened_to": "2024-09-10"}).json()["rows"]] == [older.pk]
    overdue = client.get(URL, {"overdue": "true"}).json()["rows"]  # both have a clock due in 2024
    assert {r["id"] for r in overdue} == {opened.pk, older.pk} and all(r["overdue"] for r in overdue)
    first = client.get(URL, {"size": 1}).json()
    assert [r["id"] for r in first["rows"]] == [opened.pk] and first["next"]
    second = client.get(URL, {"size": 1, "after": first["next"]}).json()
    assert [r["id"] for r in second["rows"]] == [older.pk] and second["next"] is None
    assert client.get(URL, {"after": "garbage!"}).status_code == 200  # a mangled token: the first page
    assert client.get(URL, {"size": 0}).status_code == 422


def test_history_and_clocks_read_as_sentences(opened, users, login):
    client = login(users["handler"])
    assert accept(client, opened, **ZH).status_code == 200
    history = client.get(f"{URL}/{opened.pk}/history", **ZH).json()
    codes = [e["code"] for e in history]
    assert "dossier.accepted" in codes and "clock.started" in codes
    started = next(e for e in history if e["code"] == "clock.started" and "复议决定期限" in e["sentence"])
    assert "clock.started" not in started["sentence"] and started["actor"]
    rows = {c["rule"]: c for c in client.get(f"{URL}/{opened.pk}/clocks", **ZH).json()}
    assert rows["api.review"]["state"] == "met" and rows["api.decision"]["start"] == "2024-09-30"
    assert rows["api.decision"]["due"] == clocks.current(opened, "api.decision").due.isoformat()
    assert "2024-09-30" in rows["api.decision"]["explanation"]


def test_the_openapi_schema_documents_each_steps_body(opened, users, login):
    client = login(users["handler"])
    schema = client.get("/api/openapi.json").json()
    paths = schema["paths"]
    for path in ("/api/v1/cases/{model}", "/api/v1/cases/{model}/{pk}", "/api/v1/cases/{model}/{pk}/history",
                 "/api/v1/cases/{model}/{pk}/clocks"):
        assert "get" in paths[path]
    action = paths["/api/v1/cases/{model}/{pk}/actions/{name}"]["post"]
    assert "core_testcases.dossier" in action["description"] and "`decide`" in action["description"]
    assert "`deem`" not in action["description"]
    data = schema["components"]["schemas"]["ActionData_core_testcases_dossier_decide"]
    assert data["required"] == ["outcome", "kind"]
    assert data["properties"]["kind"]["enum"] == ["upheld", "revoked"]
    assert data["properties"]["days"] == {"type": "integer", "minimum": 1, "maximum": 30, "title": "天数"}
    body_ref = action["requestBody"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
    body = schema["components"]["schemas"][body_ref]
    assert set(body["required"]) == {"version", "on"}
    assert {"$ref": "#/components/schemas/ActionData_core_testcases_dossier_decide"} in \
        body["properties"]["data"]["oneOf"]
    assert {"bearer", "ClientToken"} & set(schema["components"]["securitySchemes"]) or \
        any(s.get("scheme") == "bearer" for s in schema["components"]["securitySchemes"].values())

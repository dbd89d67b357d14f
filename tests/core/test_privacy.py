"""What a role reads of personal data: no page of it cached, lookups only for the roles whose forms use them,
and the statistics viewer's figures and drill-down lists without any (issue #14, holes 4 and 8)."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

import pytest
from django.urls import reverse


def _no_store(resp) -> bool:
    directives = {d.strip() for d in resp.get("Cache-Control", "").split(",")}
    return {"no-store", "private"} <= directives


def test_every_page_to_a_signed_in_user_is_not_stored(users, make_party, login):
    party = make_party("PT-SFJ-FY", "王小明", id_number="11010519491231002X")
    client = login(users["handler"])
    for url in ("/", reverse("party_list"), reverse("party_detail", args=[party.pk]), reverse("unit_tree"),
                "/api/me"):
        resp = client.get(url)
        assert resp.status_code == 200, url
        assert _no_store(resp), (url, resp.get("Cache-Control"))


def test_the_api_is_not_stored_even_when_it_refuses(client, district):
    resp = client.get("/api/me")
    assert resp.status_code == 401 and _no_store(resp)



def test_a_lookup_answers_only_the_roles_whose_pages_use_it(users, login):
    """Before: any signed-in user listed every handler's name and log-in name through /lookup/."""
    url = reverse("lookup", args=["reconsideration.handlers"])
    for username in ("mediator", "changshou", "legalaid", "auditor", "admin", "stats"):
        assert login(users[username]).get(url, {"q": ""}).status_code == 403, username
    assert login(users["mediator"]).get(reverse("lookup", args=["mediation.organisations"]), {"q": ""}).status_code == 200
    assert login(users["handler"]).get(reverse("lookup", args=["mediation.organisations"]), {"q": ""}).status_code == 403


def test_the_handler_lookup_lists_those_who_handle_cases_not_every_account(users, login):
    body = login(users["leader"]).get(reverse("lookup", args=["reconsideration.handlers"]), {"q": ""}).content.decode()
    assert "[handler]" in body and "[fuyi_head]" in body
    for username in ("admin", "security", "auditor", "stats", "leader", "mediator"):
        assert f"[{username}]" not in body, username


# --- the statistics viewer (hole 4) ----------------------------------------------------------------------------

PERIOD = {"from": "2024-01-01", "to": "2024-12-31"}


@pytest.fixture
def application(units, users):
    from sifa.reconsideration import services
    from sifa.reconsideration.models import SubjectArea

    return services.application_register(
        unit=units["PT-SFJ-FY"], respondent=units["PT-GAFJ-JJ"], act_description="罚款200元的行政处罚决定",
        request="撤销该行政处罚决定", received_on=date(2024, 3, 4), act_kind="penalty",
        subject_area=SubjectArea.objects.get(code="traffic"), act_number="沪公交决字〔2024〕1号",
        applicants=[services.PartyData(name="钱某某", id_number="110101199003077774", phone="13812345678",
                                       address="上海市普陀区长寿路1号")],
        handler=users["handler"], by=users["handler"], reasons="执法程序违法")


@pytest.fixture
def dispute(units, users):
    from sifa.mediation import services
    from sifa.mediation.models import DisputeType, PartyRole
    from sifa.mediation.services import PartyInput
    from sifa.mediation.workflow import WORKFLOW

    d = services.dispute_register(
        on=date(2024, 3, 1), unit=units["PT-TWH-CSL"], dispute_type=DisputeType.objects.get(code="neighbourhood"),
        parties=[PartyInput("王甲"), PartyInput("李乙", role=PartyRole.RESPONDENT)], by=users["mediator"],
        summary="楼上漏水，双方就维修费用发生争执。")
    WORKFLOW.run(d, "accept", by=users["mediator"], on=date(2024, 3, 1))
    return d


def test_the_statistics_viewer_opens_no_case_page_nor_document(application, users, login):
    """Before: `stats` opened the reconsideration list with applicants' names, each case page and its decisions."""
    client = login(users["stats"])
    for url in (reverse("reconsideration:list"), application.get_absolute_url(),
                reverse("reconsideration:list") + "?export=csv",
                reverse("reconsideration:list") + "?" + urlencode({"metric": "reconsideration.received", **PERIOD}),
                reverse("reconsideration:meetings"), reverse("litigation:list"), reverse("mediation:list"),
                reverse("party_list")):
        resp = client.get(url)
        assert resp.status_code in (403, 404), (url, resp.status_code)
        assert "钱某某" not in resp.content.decode()


def test_no_role_without_case_contents_reads_a_case_through_any_selector(application, users):
    from sifa.reconsideration.models import Application

    assert Application.objects.visible_to(users["handler"]).filter(pk=application.pk).exists()
    for username in ("stats", "admin", "security", "auditor"):
        assert not Application.objects.visible_to(users[username]).exists(), username


def test_the_statistics_viewer_follows_a_figure_to_its_cases_without_personal_data(application, dispute, users,
                                                                                   login):
    client = login(users["stats"])
    page = client.get(reverse("reports:line_stats", args=["reconsideration"]) + "?" + urlencode(PERIOD))
    link = reverse("drilldown") + "?" + urlencode({"metric": "reconsideration.received", **PERIOD})
    assert page.status_code == 200 and link.replace("&", "&amp;") in page.content.decode()
    resp = client.get(link)
    body = resp.content.decode()
    assert resp.status_code == 200 and application.number in body and "行政复议科" in body
    for personal in ("钱某某", "110101199003077774", "13812345678", "长寿路1号", "罚款200元", "李承办"):
        assert personal not in body.split("<main", 1)[-1], personal
    assert 'href="' + application.get_absolute_url() not in body
    resp = client.get(reverse("drilldown") + "?" + urlencode({"metric": "mediation.accepted", **PERIOD}))
    body = resp.content.decode()
    assert resp.status_code == 200 and dispute.number in body and "王甲" not in body and "漏水" not in body


def test_the_drill_down_export_has_the_same_columns(application, users, login):
    resp = login(users["stats"]).get(reverse("drilldown"), {"metric": "reconsideration.received", **PERIOD,
                                                            "export": "csv"})
    text = b"".join(resp.streaming_content).decode()
    assert resp.status_code == 200 and application.number in text
    assert "钱某某" not in text and "罚款" not in text and "handler" not in text


def test_a_reader_of_case_contents_follows_the_figure_to_the_line_list(application, users, login):
    page = login(users["leader"]).get(reverse("reports:line_stats", args=["reconsideration"]) + "?" + urlencode(PERIOD))
    assert reverse("reconsideration:list") + "?metric=reconsideration.received" in page.content.decode()


def test_the_drill_down_keeps_to_the_users_units(application, users, login):
    query = {"metric": "reconsideration.received", **PERIOD}
    assert login(users["caoyang"]).get(reverse("drilldown"), query).status_code == 403  # no statistics
    resp = login(users["fuyi_head"]).get(reverse("drilldown"), {**query, "unit": "PT-SFS-CSL"})
    assert resp.status_code == 404  # a unit outside theirs
    from sifa.core.models import Membership, Role

    outsider = users["caoyang"]  # 曹杨新村街道司法所, made a statistics viewer there
    for m in Membership.objects.filter(user=outsider):
        m.role = Role.objects.get(code="statistics_viewer")
        m.save()
    outsider.refresh_from_db()
    resp = login(outsider).get(reverse("drilldown"), query)
    assert resp.status_code == 200 and application.number not in resp.content.decode()

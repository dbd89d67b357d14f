"""The pages: list (filters, keyset, export, drill-down, query count), case page, actions, documents."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from sifa.litigation import services
from sifa.litigation.models import HeadRank, Suit
from sifa.litigation.workflow import suit_workflow


@pytest.fixture
def client_for(login, handler):
    return login(handler)


def test_the_list_shows_suits_with_a_bounded_number_of_queries(client_for, answered, handler,
                                                             django_assert_max_num_queries):
    for _ in range(12):
        suit = answered()
        suit_workflow.run(suit, "record_hearing", by=handler, on=date(2024, 4, 10),
                          data=dict(head_appeared=True, head_name="甲", head_post="副区长",
                                    head_rank=HeadRank.DEPUTY))
    with django_assert_max_num_queries(16):  # with the list's capped total (core.paging)
        resp = client_for.get(reverse("litigation:list"))
    assert resp.status_code == 200
    assert resp.content.decode().count("行初") >= 12


def test_the_list_pages_by_keyset(client_for, register):
    for _ in range(55):
        register()
    first = client_for.get(reverse("litigation:list"))
    assert "after=" in first.content.decode()
    token = first.context["page"].next_token
    second = client_for.get(reverse("litigation:list"), {"after": token})
    assert len(first.context["page"].rows) == 50 and len(second.context["page"].rows) == 5


def test_the_list_filters_by_court_and_head_appearance(client_for, answered, handler, units):
    heard = answered(court=units["SH-TLFY"])
    suit_workflow.run(heard, "record_hearing", by=handler, on=date(2024, 4, 10),
                      data=dict(head_appeared=True, head_name="甲", head_post="副区长",
                                head_rank=HeadRank.DEPUTY))
    answered(court=units["PT-FY"])
    resp = client_for.get(reverse("litigation:list"), {"court": units["SH-TLFY"].pk})
    assert [s.pk for s in resp.context["page"].rows] == [heard.pk]
    resp = client_for.get(reverse("litigation:list"), {"head_appeared": "yes"})
    assert [s.pk for s in resp.context["page"].rows] == [heard.pk]


def test_the_list_filters_overdue_suits(client_for, register):
    late = register(on=date(2024, 3, 4))  # never answered: the clock ran out long ago
    resp = client_for.get(reverse("litigation:list"), {"overdue": "on"})
    assert [s.pk for s in resp.context["page"].rows] == [late.pk]


def test_the_list_exports_to_excel(client_for, register):
    suit = register()
    resp = client_for.get(reverse("litigation:list"), {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(resp.content)).active
    rows = list(sheet.values)
    assert rows[1][0] == suit.court_case_number and len(rows) == 2


def test_a_metric_drill_down_shows_exactly_the_cases_behind_the_figure(client_for, register, units):
    counted = register()
    register(defendant=units["PT-SCJG"], agency=units["PT-SCJG"])  # not against the government
    resp = client_for.get(reverse("litigation:list"), {"metric": "litigation.suits_received", "from": "2024-01-01",
                                                       "to": "2024-12-31", "unit": "PT-SFJ"})
    assert [s.pk for s in resp.context["page"].rows] == [counted.pk]


def test_a_hearing_metric_drills_down_to_hearings(client_for, answered, handler):
    suit = answered()
    suit_workflow.run(suit, "record_hearing", by=handler, on=date(2024, 4, 10),
                      data=dict(head_appeared=True, head_name="甲", head_post="副区长",
                                head_rank=HeadRank.DEPUTY))
    resp = client_for.get(reverse("litigation:list"), {"metric": "litigation.head_appearances",
                                                       "from": "2024-01-01", "to": "2024-12-31"})
    assert resp.context["kind"] == "hearing" and len(resp.context["page"].rows) == 1


def test_the_case_page_shows_clocks_with_their_explanation_and_the_actions(client_for, register):
    suit = register()
    resp = client_for.get(suit.get_absolute_url())
    body = resp.content.decode()
    assert resp.status_code == 200
    assert "第六十七条" in body and "2024-03-19" in body
    assert reverse("litigation:act", args=[suit.pk, "answer"]) in body


def test_an_action_with_bad_input_shows_the_error_on_its_field_in_chinese(client_for, register):
    suit = register()
    resp = client_for.post(reverse("litigation:act", args=[suit.pk, "record_hearing"]), {
        "version": suit.version, "on": "2024-04-10", "court": suit.court_id, "agency": suit.defendant_id,
        "lawyers": "周律师", "absence_reason": "official_duty"})
    assert resp.status_code == 200
    assert "不得仅委托律师" in " ".join(resp.context["form"].errors["staff"])
    assert not suit.hearings.exists()


def test_a_stale_version_gets_the_conflict_message(client_for, register, handler):
    suit = register()
    stale = suit.version
    suit_workflow.run(suit, "coordinate", by=handler, on=date(2024, 3, 6),
                      data=dict(participants="甲", content="乙"))
    resp = client_for.post(reverse("litigation:act", args=[suit.pk, "answer"]), {
        "version": stale, "on": "2024-03-10", "defence": "合法"})
    assert resp.status_code == 200 and resp.context["form"].non_field_errors()
    body = resp.content.decode()
    assert "刷新" in body or "refresh" in body  # core's message, in whichever language core's catalog gives
    assert Suit.objects.get(pk=suit.pk).state == "served"


def test_an_action_records_the_answer(client_for, register):
    suit = register()
    resp = client_for.post(reverse("litigation:act", args=[suit.pk, "answer"]), {
        "version": suit.version, "on": "2024-03-10", "defence": "合法"})
    assert resp.status_code == 302
    assert Suit.objects.get(pk=suit.pk).state == "answered"


def test_an_action_not_possible_now_is_refused_with_the_reason(client_for, register):
    suit = register()
    resp = client_for.get(reverse("litigation:act", args=[suit.pk, "finalise"]))
    assert "只有在案件处于" in resp.content.decode() or "上诉期" in resp.content.decode()
    resp = client_for.post(reverse("litigation:act", args=[suit.pk, "finalise"]), {
        "version": suit.version, "on": "2024-03-10"})
    assert resp.status_code == 200 and Suit.objects.get(pk=suit.pk).state == "served"


def test_the_case_page_offers_only_what_the_table_allows_now(client_for, answered, handler, outcome):
    suit = answered()
    suit_workflow.run(suit, "decide", by=handler, on=date(2024, 6, 3), data={"outcome": outcome("reject_claims")})
    body = client_for.get(suit.get_absolute_url()).content.decode()
    assert reverse("litigation:act", args=[suit.pk, "appeal"]) in body
    # the appeal period ran out long ago: finalising is offered; answering is not
    assert reverse("litigation:act", args=[suit.pk, "finalise"]) in body
    assert reverse("litigation:act", args=[suit.pk, "answer"]) not in body


def test_a_judicial_suggestion_and_a_city_case_are_answered_on_their_action_pages(client_for, handler, units):
    from sifa.litigation.models import CityReconsideration, JudicialSuggestion, SuggestionKind

    item = services.suggestion_register(by=handler, unit=units["PT-SFJ-YS"], court=units["SH-TLFY"],
                                        kind=SuggestionKind.objects.get(code="other"), agency=units["PT-FGJ"],
                                        number="（2024）沪7101司建5号", content="建议", on=date(2024, 3, 1))
    url = reverse("litigation:suggestion_act", args=[item.pk, "reply"])
    assert url in client_for.get(item.get_absolute_url()).content.decode()
    resp = client_for.post(url, {"version": item.version, "on": "2024-03-20", "reply": "已整改"})
    assert resp.status_code == 302 and JudicialSuggestion.objects.get(pk=item.pk).state == "replied"
    case = services.city_register(by=handler, unit=units["PT-SFJ-YS"], city_case_number="沪府复字（2024）第9号",
                                  respondent=units["PT"], agency=units["PT-FGJ"], challenged_act="征收决定",
                                  new_applicants=[{"name": "申请人"}], on=date(2024, 3, 8))
    resp = client_for.post(reverse("litigation:city_act", args=[case.pk, "decide"]), {
        "version": case.version, "on": "2024-03-01", "outcome": "uphold"})
    assert resp.status_code == 200 and "form" in resp.context  # before the receipt: refused on the date
    assert resp.context["form"].errors["on"]
    resp = client_for.post(reverse("litigation:city_act", args=[case.pk, "decide"]), {
        "version": case.version, "on": "2024-05-06", "outcome": "uphold"})
    assert resp.status_code == 302 and CityReconsideration.objects.get(pk=case.pk).state == "decided"


def test_registering_a_suit_through_the_form(client_for, units):
    resp = client_for.post(reverse("litigation:new"), {
        "tier": "first", "court": units["SH-TLFY"].pk, "court_case_number": "（2024）沪7101行初77号",
        "received_on": "2024-03-04", "new_name": "王立群", "new_kind": "person", "defendant": units["PT"].pk,
        "agency": units["PT-FGJ"].pk, "act_kind": "expropriation", "challenged_act": "房屋征收决定"})
    assert resp.status_code == 302, resp.context["form"].errors
    suit = Suit.objects.get(court_case_number="（2024）沪7101行初77号")
    assert suit.plaintiffs.get().name == "王立群" and suit.unit.code == "PT-SFJ-YS"


@pytest.mark.parametrize("number, error", [
    ("2026-415", True), ("（2024）沪7101行初", True), ("沪0107行初123号", True),
    ("(2024)沪0107行初78号", False),  # half-width brackets are written full-width
])
def test_a_court_case_number_has_the_court_s_form(client_for, units, number, error):
    resp = client_for.post(reverse("litigation:new"), {
        "tier": "first", "court": units["SH-TLFY"].pk, "court_case_number": number,
        "received_on": "2024-03-04", "new_name": "王立群", "new_kind": "person", "defendant": units["PT"].pk,
        "agency": units["PT-FGJ"].pk, "act_kind": "expropriation", "challenged_act": "房屋征收决定"},
        HTTP_ACCEPT_LANGUAGE="zh-hans")
    if error:
        assert resp.status_code == 200 and "不是法院案号" in str(resp.context["form"].errors["court_case_number"])
        assert not Suit.objects.filter(court_case_number=number).exists()
    else:
        assert resp.status_code == 302
        assert Suit.objects.filter(court_case_number="（2024）沪0107行初78号").exists()


def test_the_documents_download_and_are_audited(client_for, answered, handler):
    from sifa.core.models import AuditEvent

    suit = answered()
    hearing = suit_workflow.run(suit, "record_hearing", by=handler, on=date(2024, 4, 10),
                                data=dict(head_appeared=True, head_name="甲", head_post="副区长",
                                          head_rank=HeadRank.DEPUTY))
    assert client_for.get(reverse("litigation:answer_docx", args=[suit.pk])).status_code == 200
    assert client_for.get(reverse("litigation:appearance_docx", args=[hearing.pk])).status_code == 200
    assert AuditEvent.objects.filter(action="litigation.answer.downloaded").exists()


def test_a_user_outside_the_unit_cannot_see_a_suit(login, users, register):
    suit = register()
    assert login(users["changshou"]).get(suit.get_absolute_url()).status_code == 403


def test_the_other_pages_render(client_for, answered, handler, units):
    suit = answered()
    services.session_record(by=handler, unit=units["PT-SFJ-YS"], court=units["SH-TLFY"], title="三合一",
                            leaders="甲", units=[units["PT-FGJ"]], suit=suit, on=date(2024, 6, 1))
    for name in ("hearings", "quarterly", "suggestions", "cities", "sessions", "new", "suggestion_new", "city_new",
                 "session_new"):
        assert client_for.get(reverse(f"litigation:{name}"), {"year": 2024}).status_code == 200, name

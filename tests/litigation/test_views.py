"""The pages: list (filters, keyset, export, drill-down, query count), case page, actions, documents."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from sifa.litigation import services
from sifa.litigation.models import HeadRank, Suit


@pytest.fixture
def client_for(login, handler):
    return login(handler)


def test_the_list_shows_suits_with_a_bounded_number_of_queries(client_for, answered, handler,
                                                             django_assert_max_num_queries):
    for _ in range(12):
        suit = answered()
        services.hearing_record(suit=suit, by=handler, on=date(2024, 4, 10), head_appeared=True, head_name="甲",
                                head_post="副区长", head_rank=HeadRank.DEPUTY)
    with django_assert_max_num_queries(15):
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
    services.hearing_record(suit=heard, by=handler, on=date(2024, 4, 10), head_appeared=True, head_name="甲",
                            head_post="副区长", head_rank=HeadRank.DEPUTY)
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
    services.hearing_record(suit=suit, by=handler, on=date(2024, 4, 10), head_appeared=True, head_name="甲",
                            head_post="副区长", head_rank=HeadRank.DEPUTY)
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
        "record_hearing-version": suit.version, "record_hearing-on": "2024-04-10",
        "record_hearing-court": suit.court_id, "record_hearing-agency": suit.defendant_id,
        "record_hearing-lawyers": "周律师", "record_hearing-absence_reason": "official_duty"})
    assert resp.status_code == 400
    form = dict((t.name, f) for t, f in resp.context["forms"])["record_hearing"]
    assert "不得仅委托律师" in " ".join(form.errors["staff"])


def test_a_stale_version_gets_the_conflict_message(client_for, register, handler):
    suit = register()
    stale = suit.version
    services.coordination_record(suit=suit, by=handler, participants="甲", content="乙", on=date(2024, 3, 6))
    resp = client_for.post(reverse("litigation:act", args=[suit.pk, "answer"]), {
        "answer-version": stale, "answer-on": "2024-03-10", "answer-defence": "合法"})
    assert resp.status_code == 400
    body = resp.content.decode()
    assert "刷新" in body or "refresh" in body  # core's message, in whichever language core's catalog gives
    assert Suit.objects.get(pk=suit.pk).state == "served"


def test_an_action_records_the_answer(client_for, register):
    suit = register()
    resp = client_for.post(reverse("litigation:act", args=[suit.pk, "answer"]), {
        "answer-version": suit.version, "answer-on": "2024-03-10", "answer-defence": "合法"})
    assert resp.status_code == 302
    assert Suit.objects.get(pk=suit.pk).state == "answered"


def test_an_action_not_possible_now_is_refused_with_the_reason(client_for, register):
    suit = register()
    resp = client_for.post(reverse("litigation:act", args=[suit.pk, "finalise"]), {}, follow=True)
    assert "只有在案件处于" in resp.content.decode() or "上诉期" in resp.content.decode()


def test_registering_a_suit_through_the_form(client_for, units):
    resp = client_for.post(reverse("litigation:new"), {
        "tier": "first", "court": units["SH-TLFY"].pk, "court_case_number": "（2024）沪7101行初77号",
        "received_on": "2024-03-04", "new_name": "王立群", "new_kind": "person", "defendant": units["PT"].pk,
        "agency": units["PT-FGJ"].pk, "act_kind": "expropriation", "challenged_act": "房屋征收决定"})
    assert resp.status_code == 302, resp.context["form"].errors
    suit = Suit.objects.get(court_case_number="（2024）沪7101行初77号")
    assert suit.plaintiffs.get().name == "王立群" and suit.unit.code == "PT-SFJ-YS"


def test_the_documents_download_and_are_audited(client_for, answered, handler):
    from sifa.core.models import AuditEvent

    suit = answered()
    hearing = services.hearing_record(suit=suit, by=handler, on=date(2024, 4, 10), head_appeared=True,
                                      head_name="甲", head_post="副区长", head_rank=HeadRank.DEPUTY)
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

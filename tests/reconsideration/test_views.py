"""The pages: list (filters, paging, export, drill-down, query count), case page, step forms."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from sifa.reconsideration import services
from sifa.reconsideration.models import Application, State
from sifa.reconsideration.workflow import WORKFLOW

ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}


@pytest.fixture
def cases(make_app, handler):
    out = [make_app(received_on=date(2024, 3, 4)) for _ in range(3)]
    WORKFLOW.run(out[0], "accept", by=handler, on=date(2024, 3, 5))
    other = make_app(received_on=date(2024, 3, 6), respondent_code="PT-FGJ", act_kind="information")
    return [*out, other]


def test_list_shows_cases_with_a_bounded_number_of_queries(cases, make_app, login, handler,
                                                          django_assert_max_num_queries):
    for _ in range(20):
        make_app()
    client = login(handler)
    with django_assert_max_num_queries(16):  # with the list's capped total (core.paging)
        resp = client.get(reverse("reconsideration:list"), **ZH)
    assert resp.status_code == 200
    assert cases[0].number in resp.content.decode()


def test_list_filters_by_respondent_and_state(cases, login, handler, units):
    client = login(handler)
    resp = client.get(reverse("reconsideration:list"), {"respondent": units["PT-FGJ"].pk}, **ZH)
    rows = resp.context["page"].rows
    assert [a.pk for a in rows] == [cases[3].pk]
    resp = client.get(reverse("reconsideration:list"), {"state": State.HEARING}, **ZH)
    assert [a.pk for a in resp.context["page"].rows] == [cases[0].pk]


def test_list_pages_by_keyset(cases, make_app, login, handler):
    for _ in range(55):
        make_app()
    client = login(handler)
    first = client.get(reverse("reconsideration:list"), **ZH).context["page"]
    assert first.has_next and len(first.rows) == 50
    second = client.get(reverse("reconsideration:list"), {"after": first.next_token}, **ZH).context["page"]
    assert len(second.rows) == 9
    assert not {a.pk for a in first.rows} & {a.pk for a in second.rows}


def test_export_csv_and_excel(cases, login, handler):
    client = login(handler)
    resp = client.get(reverse("reconsideration:list"), {"export": "csv"}, **ZH)
    body = b"".join(resp.streaming_content).decode("utf-8")
    assert cases[3].number in body and "区房管局" in body
    resp = client.get(reverse("reconsideration:list"), {"export": "xlsx"}, **ZH)
    assert resp["Content-Type"].startswith("application/vnd.openxmlformats")


def test_metric_drill_down_lists_exactly_the_cases_behind_the_figure(cases, login, handler):
    client = login(handler)
    resp = client.get(reverse("reconsideration:list"), {"metric": "reconsideration.accepted", "from": "2024-01-01",
                                                        "to": "2024-12-31", "unit": "PT"}, **ZH)
    assert [a.pk for a in resp.context["page"].rows] == [cases[0].pk]


def test_case_page_shows_parties_masked_clocks_and_actions(cases, login, handler):
    client = login(handler)
    resp = client.get(cases[0].get_absolute_url(), **ZH)
    html = resp.content.decode()
    assert "110101********7774" in html and "110101199003077774" not in html
    assert "第六十二条" in html  # the decision clock explains itself
    assert reverse("reconsideration:action", args=[cases[0].pk, "decide"]) in html


def test_users_outside_the_office_do_not_see_the_case(cases, login, users):
    client = login(users["changshou"])
    assert client.get(cases[0].get_absolute_url()).status_code in (403, 404)


def test_step_form_shows_field_errors_in_chinese(cases, login, handler):
    client = login(handler)
    app = cases[0]
    url = reverse("reconsideration:action", args=[app.pk, "schedule_hearing"])
    resp = client.post(url, {"version": app.version, "on": "2024-03-06", "scheduled_for": "2024-03-07",
                             "place": "听证室", "matters": "x"}, **ZH)
    assert resp.status_code == 200
    assert resp.context["form"].errors["presiding"]


def test_step_form_refuses_a_hearing_too_soon_on_the_date_field(cases, login, handler, users):
    client = login(handler)
    app = cases[0]
    url = reverse("reconsideration:action", args=[app.pk, "schedule_hearing"])
    resp = client.post(url, {"version": app.version, "on": "2024-03-06", "scheduled_for": "2024-03-08",
                             "place": "听证室", "matters": "x", "presiding": users["fuyi_head"].pk,
                             "officers": [users["handler"].pk, users["handler2"].pk], "clerk": users["yingsu"].pk},
                       **ZH)
    assert "scheduled_for" in resp.context["form"].errors


def test_step_form_with_a_stale_version_gets_the_conflict_message(cases, login, handler):
    client = login(handler)
    app = cases[1]
    url = reverse("reconsideration:action", args=[app.pk, "request_correction"])
    stale = app.version
    ok = client.post(url, {"version": stale, "on": "2024-03-05", "items": "补充证据"}, **ZH)
    assert ok.status_code == 302
    url = reverse("reconsideration:action", args=[app.pk, "receive_correction"])
    resp = client.post(url, {"version": stale, "on": "2024-03-06"}, **ZH)
    assert resp.status_code == 200
    assert resp.context["form"].non_field_errors()
    assert Application.objects.get(pk=app.pk).state == State.CORRECTION_REQUESTED


def test_illegal_step_shows_why(cases, login, handler):
    client = login(handler)
    resp = client.get(reverse("reconsideration:action", args=[cases[1].pk, "decide"]), **ZH)
    assert resp.context["refused"]


def test_register_an_application_at_the_counter(login, handler, units):
    client = login(handler)
    resp = client.post(reverse("reconsideration:new"), {
        "channel": "counter", "received_on": "2024-03-04", "party_kind": "person", "name": "孙某",
        "id_number": "110101199003077774", "phone": "13812345678", "respondent": units["PT-SCJG"].pk,
        "act_kind": "penalty", "act_description": "罚款决定", "request": "撤销"}, **ZH)
    assert resp.status_code == 302, resp.context["form"].errors
    app = Application.objects.get(respondent=units["PT-SCJG"])
    assert app.state == State.RECEIVED and app.handler == handler


def test_registering_the_same_application_twice_warns_first(login, handler, units):
    client = login(handler)
    data = {"channel": "counter", "received_on": "2024-03-04", "party_kind": "person", "name": "孙某",
            "respondent": units["PT-SCJG"].pk, "act_kind": "penalty", "act_description": "罚款决定", "request": "撤销"}
    assert client.post(reverse("reconsideration:new"), data, **ZH).status_code == 302
    first = Application.objects.get()
    again = client.post(reverse("reconsideration:new"), data, **ZH)
    assert again.status_code == 200 and Application.objects.count() == 1
    assert first.number in again.content.decode() and "疑似重复登记" in again.content.decode()
    assert client.post(reverse("reconsideration:new"), {**data, "register_anyway": "on"}, **ZH).status_code == 302
    assert Application.objects.count() == 2


def test_register_refuses_a_bad_id_number_on_its_field(login, handler, units):
    client = login(handler)
    resp = client.post(reverse("reconsideration:new"), {
        "channel": "counter", "received_on": "2024-03-04", "party_kind": "person", "name": "孙某",
        "id_number": "110101199003077777", "respondent": units["PT-SCJG"].pk, "act_kind": "penalty",
        "act_description": "罚款决定", "request": "撤销"}, **ZH)
    assert "id_number" in resp.context["form"].errors


def test_committee_meeting_page_lists_cases_and_opinions(cases, login, handler, units):
    app = cases[0]
    meeting = services.committee_meeting_create(unit=units["PT-SFJ-FY"], title="第四届第一次案审会",
                                                held_on=date(2024, 3, 20), by=handler)
    review = WORKFLOW.run(app, "refer_to_committee", by=handler, data={"meeting": meeting, "reason": "疑难"})
    client = login(handler)
    resp = client.post(reverse("reconsideration:meeting_record", args=[meeting.pk]),
                       {"district_head_attended": "on", f"opinion_{review.pk}": "建议撤销"}, **ZH)
    assert resp.status_code == 302
    html = client.get(meeting.get_absolute_url(), **ZH).content.decode()
    assert app.number in html and "建议撤销" in html


def test_of_two_stale_records_of_a_meeting_the_second_is_refused_and_the_first_kept(cases, login, handler, users,
                                                                                  units):
    from sifa.reconsideration.models import CommitteeMeeting

    meeting = services.committee_meeting_create(unit=units["PT-SFJ-FY"], title="第四届第二次案审会",
                                                held_on=date(2024, 3, 27), by=handler)
    url = reverse("reconsideration:meeting_record", args=[meeting.pk])
    client = login(handler)
    assert 'name="version" value="1"' in client.get(url, **ZH).content.decode()  # both secretaries open version 1
    assert client.post(url, {"notes": "主任到会", "version": "1"}, **ZH).status_code == 302
    client = login(users["handler2"])
    resp = client.post(url, {"notes": "另一份记录", "version": "1"}, **ZH)
    assert resp.status_code == 200
    page = resp.content.decode()
    assert "刷新" in page and str(handler) in page and "另一份记录" in page
    stored = CommitteeMeeting.objects.get(pk=meeting.pk)
    assert (stored.notes, stored.version) == ("主任到会", 2)


@pytest.mark.django_db
def test_the_list_filters_by_the_district_s_own_respondents(units, users):
    """A district's staff choose among their district's agencies, not every agency of a province."""
    from sifa.core.models import Unit, UnitKind
    from sifa.reconsideration.forms import FilterForm, districts_of

    city = Unit.objects.create(code="XC", name="某市人民政府", kind=UnitKind.OTHER)
    other = Unit.objects.create(code="XD", name="某区人民政府", kind=UnitKind.DISTRICT_GOVERNMENT, parent=city)
    stranger = Unit.objects.create(code="XD-GA", name="某区公安分局", kind=UnitKind.PUBLIC_SECURITY, parent=other)
    handler = users["handler"]
    choices = set(FilterForm(user=handler).fields["respondent"].queryset)
    assert stranger not in choices
    assert units["PT"] in choices or any(u.path.startswith(units["PT"].path) for u in choices)
    assert districts_of([units["PT-SFJ-FY"].path]) == [units["PT"].path]
    assert districts_of([units["PT-SFJ-FY"].path, city.path]) is None  # above every district: all of them


def test_a_wide_scope_picks_respondent_and_handler_by_typing(cases, login, handler, units, settings):
    """Past SIFA_SELECT_MAX choices the respondent and handler filters are search boxes (core.lookups)."""
    settings.SIFA_SELECT_MAX = 1
    client = login(handler)
    page = client.get(reverse("reconsideration:list"), **ZH).content.decode()
    assert '<input type="search" name="respondent"' in page and '<input type="search" name="handler"' in page
    fgj = units["PT-FGJ"]
    suggestions = client.get(reverse("lookup", args=["reconsideration.respondents"]), {"respondent": fgj.name},
                             **ZH).content.decode()
    assert "[PT-FGJ]" in suggestions
    resp = client.get(reverse("reconsideration:list"), {"respondent": f"{fgj.name} [PT-FGJ]"}, **ZH)
    assert [a.pk for a in resp.context["page"].rows] == [cases[3].pk]
    names = client.get(reverse("lookup", args=["reconsideration.handlers"]), {"handler": handler.username},
                       **ZH).content.decode()
    assert f"[{handler.username}]" in names


def test_overdue_is_one_definition_a_running_clock_due_before_today(make_app, login, handler):
    """core.lists: overdue = a running clock due before today, whether or not the daily sweep has flagged it yet;
    a paused clock is never overdue, and a case with none running is not."""
    from django.utils import timezone

    from sifa.core import clocks as core_clocks
    from sifa.reconsideration import clocks

    unflagged = make_app(received_on=date(2024, 3, 4))  # its review was due 2024-03-11 and still runs
    core_clocks.for_case(unflagged).update(state="running")  # as if the sweep had not run since
    suspended = make_app(received_on=date(2024, 3, 4))
    for name, day in (("accept", date(2024, 3, 4)), ("send_copy", date(2024, 3, 5)),
                      ("record_answer", date(2024, 3, 6))):
        WORKFLOW.run(suspended, name, by=handler, on=day)
    WORKFLOW.run(suspended, "suspend", by=handler, on=date(2024, 3, 7), data={"ground": "8"})
    assert core_clocks.current(suspended, clocks.DECISION_ORDINARY).state == "paused"
    fresh = make_app(received_on=timezone.localdate())
    client = login(handler)
    rows = client.get(reverse("reconsideration:list"), **ZH).context["page"].rows
    flags = {a.pk: (a.is_overdue, a.next_due) for a in rows}
    assert flags[unflagged.pk] == (True, date(2024, 3, 11))
    assert flags[suspended.pk] == (False, None)
    assert flags[fresh.pk][0] is False and flags[fresh.pk][1] > timezone.localdate()
    listed = client.get(reverse("reconsideration:list"), {"overdue": "on"}, **ZH).context["page"].rows
    assert [a.pk for a in listed] == [unflagged.pk]


def test_each_step_names_its_own_date(cases, login, handler):
    """受理 asks for 受理日期 and 送达 for 送达日期: no step labels its date as the date of the act under review,
    which a worker would fill with the act's date."""
    client = login(handler)
    for action in ("accept", "request_correction", "decide"):
        t = WORKFLOW.transitions[action]
        resp = client.get(reverse("reconsideration:action", args=[cases[1].pk, action]), **ZH)
        label = str(resp.context["form"].fields["on"].label)
        assert label.startswith(str(t.label)) and label.endswith("日期"), label
        assert "行政行为作出日期" not in resp.content.decode()


def test_a_column_header_sorts_the_list_and_a_second_click_turns_it_round(cases, login, handler):
    import re

    client = login(handler)
    html = client.get(reverse("reconsideration:list"), {"state": ""}, **ZH).content.decode()
    link = re.search(r'<a class="sort sorted" href="\?([^"]+)"[^>]*>收到申请日期', html)  # sorted by it by default
    assert link and "sort=received" in link.group(1) and "state=" in link.group(1)  # filters kept
    resp = client.get(reverse("reconsideration:list") + "?" + link.group(1).replace("&amp;", "&"), **ZH)
    days = [a.received_on for a in resp.context["page"].rows]
    assert days == sorted(days) and days[0] < days[-1]
    assert 'href="?state=&amp;sort=-received"' in resp.content.decode()  # the next click: newest first again

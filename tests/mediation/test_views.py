"""The pages, as a user meets them: list (filters, keyset pages, export, drill-down), dispute page with its
actions and optimistic locking, the centre's joint reception, campaigns, cases, statistics."""

from __future__ import annotations

import io
from datetime import date

import pytest
from docx import Document

from sifa.core import metrics
from sifa.mediation import services
from sifa.mediation.models import AgreementForm, Dispute, DisputeState, DisputeType
from sifa.mediation.services import DisputeRecord


def _batch(committee, n, start=date(2022, 2, 1), **kw):
    kinds = list(DisputeType.objects.all())
    return services.disputes_import(by=None, records=[
        DisputeRecord(unit=committee, dispute_type=kinds[i % len(kinds)], registered_on=start, accepted_on=start,
                      parties=[f"甲{i}", f"乙{i}"], **kw) for i in range(n)])


def test_the_list_page_runs_a_fixed_number_of_queries(committee, mediator_user, login, django_assert_max_num_queries):
    client = login(mediator_user)
    _batch(committee, 3)
    # the page's keys, then its rows (core.paging); the committee filter: how many, then the options (core.lookups)
    with django_assert_max_num_queries(15) as few:  # with the capped total
        assert client.get("/mediation/").status_code == 200
    _batch(committee, 60)
    with django_assert_max_num_queries(len(few.captured_queries)):
        resp = client.get("/mediation/?state=accepted&risk=&sort=-opened_on")
    assert resp.status_code == 200 and resp.context["page"].has_next


def test_keyset_pages_walk_every_dispute_once(committee, mediator_user, login):
    client = login(mediator_user)
    made = {d.pk for d in _batch(committee, 30, start=date(2022, 2, 1))} | {
        d.pk for d in _batch(committee, 40, start=date(2022, 3, 1))}
    seen, url = [], "/mediation/?sort=-opened_on"
    while url:
        page = client.get(url).context["page"]
        seen += [d.pk for d in page.rows]
        url = f"/mediation/?sort=-opened_on&after={page.next_token}" if page.has_next else None
    assert len(seen) == len(set(seen)) == 70 and set(seen) == made


def test_filters_narrow_the_list(committee, mediator_user, login):
    _batch(committee, 2, risk_criminal=True)
    _batch(committee, 3)
    client = login(mediator_user)
    assert len(client.get("/mediation/?risk=criminal").context["page"].rows) == 2
    assert len(client.get("/mediation/?state=registered").context["page"].rows) == 0
    assert len(client.get("/mediation/?date_from=2022-02-02").context["page"].rows) == 0


def test_a_figure_drills_down_to_exactly_its_disputes(committee, mediators, mediator_user, login, units):
    t = DisputeType.objects.first()
    services.disputes_import(by=None, records=[
        DisputeRecord(unit=committee, dispute_type=t, registered_on=date(2022, 3, 1), accepted_on=date(2022, 3, 1),
                      sessions=[(date(2022, 3, 2), "")], outcome="agreed", concluded_on=date(2022, 3, 2),
                      agreement_form="oral", terms="x", parties=["a", "b"]),
        DisputeRecord(unit=committee, dispute_type=t, registered_on=date(2022, 3, 1), accepted_on=date(2022, 3, 1),
                      parties=["c", "d"])])
    client = login(mediator_user)
    resp = client.get("/mediation/?metric=mediation.successful&from=2022-01-01&to=2022-10-31&unit=PT")
    rows = resp.context["page"].rows
    expected = set(metrics.cases_for("mediation.successful", date(2022, 1, 1), date(2022, 10, 31), units["PT"])
                   .values_list("pk", flat=True))
    assert {d.pk for d in rows} == expected and len(expected) == 1
    redirect = client.get("/mediation/?metric=mediation.campaigns&from=2022-01-01&to=2022-10-31")
    assert redirect.status_code == 302 and redirect.url.startswith("/mediation/campaigns/")


def test_a_user_sees_only_the_disputes_of_their_units(committee, units, users, login):
    _batch(committee, 2)
    _batch(units["PT-TWH-CYXC"], 3)
    resp = login(users["caoyang"]).get("/mediation/")  # staff of 曹杨新村街道司法所
    assert {d.unit.code for d in resp.context["page"].rows} == {"PT-TWH-CYXC"}
    assert len(resp.context["page"].rows) == 3
    other = Dispute.objects.filter(unit=committee).first()
    assert login(users["caoyang"]).get(f"/mediation/{other.pk}/").status_code == 404
    assert login(users["stats"]).get("/mediation/").status_code == 403



def test_export_is_audited_and_readable(committee, mediator_user, login):
    from openpyxl import load_workbook

    from sifa.core.models import AuditEvent

    _batch(committee, 3)
    resp = login(mediator_user).get("/mediation/?export=xlsx")
    ws = load_workbook(io.BytesIO(resp.content)).active
    assert ws.max_row == 4
    assert AuditEvent.objects.filter(action="mediation.disputes.exported").exists()


def test_registering_a_dispute_with_a_bad_id_number_shows_the_error_on_the_field(committee, mediator_user, login):
    t = DisputeType.objects.first()
    resp = login(mediator_user).post("/mediation/new/", {
        "unit": committee.pk, "track": "people", "dispute_type": t.pk, "source": "application", "on": "2022-04-01",
        "summary": "s", "amount_involved": "0", "persons": "2", "applicant": "王甲",
        "applicant_id_number": "110101199003071234", "respondents": "李乙"}, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert resp.status_code == 400 and resp.context["form"].errors.get("applicant_id_number")
    assert not Dispute.objects.exists()


def test_a_registration_in_the_future_or_a_summary_past_its_limit_is_refused_in_plain_words(
        committee, mediator_user, login):
    from datetime import timedelta

    from django.utils import timezone

    t = DisputeType.objects.first()
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    resp = login(mediator_user).post("/mediation/new/", {
        "unit": committee.pk, "track": "people", "dispute_type": t.pk, "source": "application", "on": tomorrow,
        "summary": "争" * 10_000, "amount_involved": "0", "persons": "2", "applicant": "王甲",
        "respondents": "李乙"}, HTTP_ACCEPT_LANGUAGE="zh-hans")
    errors = resp.context["form"].errors
    assert "该日期晚于今天" in str(errors["on"])
    assert str(errors["summary"]) and "最多可填写2000个字，现在有10000个字" in str(errors["summary"])
    assert not Dispute.objects.exists()


def test_registering_the_same_dispute_twice_warns_and_lets_the_user_go_on(committee, mediator_user, login):
    t = DisputeType.objects.first()
    client = login(mediator_user)
    data = {"unit": committee.pk, "track": "people", "dispute_type": t.pk, "source": "application",
            "on": "2022-04-01", "summary": "邻里漏水", "amount_involved": "0", "persons": "2", "applicant": "王甲",
            "respondents": "李乙"}
    assert client.post("/mediation/new/", data).status_code == 302
    first = Dispute.objects.get()
    again = client.post("/mediation/new/", data, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert again.status_code == 400 and Dispute.objects.count() == 1
    html = again.content.decode()
    assert "疑似重复登记" in html and first.number in html and first.get_absolute_url() in html
    assert 'type="checkbox" name="register_anyway"' in html
    assert client.post("/mediation/new/", {**data, "register_anyway": "on"}).status_code == 302
    assert Dispute.objects.count() == 2
    other_day = client.post("/mediation/new/", {**data, "on": "2022-04-02"})
    assert other_day.status_code == 302  # another day: no warning


def test_the_list_finds_a_dispute_by_part_of_its_number_or_a_party_s_name(committee, mediator_user, login):
    t = DisputeType.objects.first()
    client = login(mediator_user)
    client.post("/mediation/new/", {
        "unit": committee.pk, "track": "people", "dispute_type": t.pk, "source": "application", "on": "2022-04-01",
        "summary": "s", "amount_involved": "0", "persons": "2", "applicant": "欧阳明", "respondents": "李乙"})
    d = Dispute.objects.get()
    for q in ("欧阳", "李乙", d.number[-4:]):
        rows = client.get("/mediation/", {"q": q}).context["page"].rows
        assert [r.pk for r in rows] == [d.pk], q
    assert not client.get("/mediation/", {"q": "诸葛"}).context["page"].rows


def test_a_step_with_a_stale_version_is_refused_with_the_conflict_message(make_dispute, mediator_user, login):
    d = make_dispute()
    client = login(mediator_user)
    ok = client.post(f"/mediation/{d.pk}/act/accept/", {"accept-version": d.version, "accept-on": "2022-03-02"})
    assert ok.status_code == 302
    stale = client.post(f"/mediation/{d.pk}/act/withdraw/", {"withdraw-version": d.version, "withdraw-on": "2022-03-03"})
    assert stale.status_code == 400
    assert "refresh" in stale.content.decode() or "刷新" in stale.content.decode()
    d.refresh_from_db()
    assert d.state == DisputeState.ACCEPTED


def test_an_illegal_step_says_why(make_dispute, mediator_user, login):
    d = make_dispute()
    resp = login(mediator_user).post(f"/mediation/{d.pk}/act/fail/", {
        "fail-version": d.version, "fail-on": "2022-03-03", "fail-routes": ["court"]})
    assert resp.status_code == 400
    assert "案件处于“已登记”状态，不能“终止调解（调解不成）”" in resp.content.decode()


def test_a_mediator_registers_at_the_centre_routes_mediates_and_downloads_the_agreement(
        centre, committee, mediators, mediator_user, login):
    client = login(mediator_user)
    t = DisputeType.objects.get(code="neighbourhood")
    resp = client.post("/mediation/centre/", {"centre": centre.pk, "on": "2022-05-09", "visitor": "蒋庚",
                                              "dispute_type": t.pk, "subject": "楼上装修噪音", "persons": 2})
    assert resp.status_code == 302
    reception = centre_reception = resp.url
    page = client.get(reception)
    r = page.context["reception"]
    resp = client.post(f"/mediation/centre/{r.pk}/route/", {"route-version": r.version, "route-on": "2022-05-09",
                                                            "route-handler_unit": committee.pk})
    assert resp.status_code == 302
    r.refresh_from_db()
    routing = r.routings.get()
    resp = client.post(f"/mediation/routing/{routing.pk}/accept/", {
        f"accept-{routing.pk}-version": r.version, f"accept-{routing.pk}-on": "2022-05-10",
        f"accept-{routing.pk}-other_parties": "楼上住户"})
    assert resp.status_code == 302, [f.errors for _r, fs in resp.context["routings"] for _n, f in fs]
    assert resp.url == f"/mediation/centre/{r.pk}/"  # back to the centre's view of the matter
    routing.refresh_from_db()
    d = routing.dispute
    assert client.post(f"/mediation/{d.pk}/act/hold_session/", {
        "hold_session-version": d.version, "hold_session-on": "2022-05-11", "hold_session-place": "解纷中心",
        "hold_session-mediators": [mediators[0].pk], "hold_session-record": "双方同意调解"}).status_code == 302
    d.refresh_from_db()
    assert client.post(f"/mediation/{d.pk}/act/agree/", {
        "agree-version": d.version, "agree-on": "2022-05-11", "agree-form": AgreementForm.WRITTEN,
        "agree-facts": "装修噪音扰民", "agree-terms": "每日十二时至十四时停止施工。\n十八时后不再施工。",
        "agree-performance_method": "自即日起执行"}).status_code == 302
    d.refresh_from_db()
    assert d.state == DisputeState.AGREED
    assert client.get(f"/mediation/{d.pk}/").status_code == 200
    agreement = d.agreement
    docx = client.get(f"/mediation/{d.pk}/agreement/{agreement.pk}.docx")
    assert docx.status_code == 200
    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert "人民调解协议书" in text and agreement.number in text and "每日十二时至十四时停止施工。" in text
    assert "蒋庚" in text and "钱调解" in text and committee.name in text
    centre_page = client.get(centre_reception)
    assert centre_page.context["reception"].state == "resolved"
    assert client.get("/mediation/centre/").status_code == 200


@pytest.mark.parametrize("url", ["/mediation/prelitigation/", "/mediation/campaigns/", "/mediation/cases/",
                                 "/mediation/stats/", "/mediation/organisations/", "/mediation/new/"])
def test_the_pages_of_the_line_open(url, mediator_user, login, mediators):
    assert login(mediator_user).get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").status_code == 200


def test_a_campaign_page_registers_its_findings_in_one_step(units, committee, mediator_user, login):
    client = login(mediator_user)
    resp = client.post("/mediation/campaigns/", {"unit": units["PT-SFS-CSL"].pk, "title": "消费领域排查",
                                                 "held_on": "2022-07-01", "method": "dragnet"})
    assert resp.status_code == 302
    t = DisputeType.objects.get(code="consumer")
    for i in range(2):
        assert client.post(resp.url, {"finding-on": "2022-07-02", "finding-description": f"预付卡纠纷{i}",
                                      "finding-dispute_type": t.pk, "finding-persons": 2,
                                      "finding-handling_unit": committee.pk, "finding-state": "pending",
                                      "finding-party_names": "甲,乙"}).status_code == 302
    assert client.post(resp.url, {"register-on": "2022-07-03"}).status_code == 302
    assert Dispute.objects.filter(source="screening").count() == 2


def test_my_work_lists_the_mediators_open_disputes_with_their_state(make_dispute, mediator_user, login):
    d = make_dispute()
    resp = login(mediator_user).get("/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert resp.status_code == 200
    assert d.number in resp.content.decode() and "已登记" in resp.content.decode()


def test_the_list_shows_each_disputes_state(committee, mediator_user, login):
    from django.utils import translation

    from sifa.mediation.models import DisputeState

    _batch(committee, 1)
    with translation.override("zh-hans"):
        label = str(DisputeState.ACCEPTED.label)
    assert label and label != "Accepted"
    html = login(mediator_user).get("/mediation/").content.decode()
    assert f">{label}<" in html


def test_a_wide_scope_picks_the_organisation_by_typing(committee, mediator_user, login, settings):
    """Past SIFA_SELECT_MAX organisations (a city's or a province's office) the filter is a search box whose
    suggestions come from the lookup, scoped as the select was."""
    settings.SIFA_SELECT_MAX = 1
    _batch(committee, 2)
    client = login(mediator_user)
    page = client.get("/mediation/").content.decode()
    assert '<input type="search" name="unit"' in page and 'hx-get="/lookup/mediation.organisations/"' in page
    suggestions = client.get("/lookup/mediation.organisations/", {"unit": committee.name[-6:]}).content.decode()
    picked = f"{committee.name} [{committee.code}]"
    assert f'<option value="{picked}">' in suggestions
    resp = client.get("/mediation/", {"unit": picked})
    assert len(resp.context["page"].rows) == 2
    assert f'value="{picked}"' in resp.content.decode()  # the box keeps what was picked
    resp = client.get("/mediation/", {"unit": "没有这个调解委员会"}, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert "不在您可选择的范围内" in str(resp.context["form"].errors["unit"])


def test_a_step_has_its_own_page_with_the_law_and_the_clocks_in_chinese(mediating, mediator_user, login):
    d = mediating()
    client = login(mediator_user)
    page = client.get(f"/mediation/{d.pk}/act/agree/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    text = page.content.decode()
    assert page.status_code == 200 and "人民调解法 第二十八条" in text
    assert "当事人拟申请司法确认的" in text  # the conditional clock effect, in words
    assert "mediation." not in text and "court referrals" not in text
    refused = client.get(f"/mediation/{d.pk}/act/perform/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert refused.status_code == 200 and "案件处于“调解中”状态" in refused.content.decode()
    detail = client.get(f"/mediation/{d.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert [t.name for t, _form in detail.context["actions"]] == [
        "hold_session", "agree", "fail", "withdraw", "report_to_police"]

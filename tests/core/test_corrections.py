"""Correcting a registered record (更正): the generic service, the declarations of the lines, the page."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from sifa.core import audit, clocks, corrections, metrics
from sifa.core.locking import ConflictError
from sifa.reconsideration import services as rec
from sifa.reconsideration.clocks import ACCEPTANCE_REVIEW
from sifa.reconsideration.models import Application, SubjectArea

pytestmark = pytest.mark.django_db


@pytest.fixture
def make_app(units, users):
    def _make(received_on: date = date(2024, 3, 4), **kw):
        params = dict(
            unit=units["PT-SFJ-FY"], respondent=units["PT-GAFJ-JJ"], act_description="罚款200元的行政处罚决定",
            request="撤销该行政处罚决定", received_on=received_on, act_kind="penalty",
            subject_area=SubjectArea.objects.get(code="traffic"), act_number="沪公交决字〔2024〕1号",
            applicants=[rec.PartyData(name="钱某某", id_number="110101199003077774", phone="13812345678")],
            handler=users["handler"], by=users["handler"], reasons="执法程序违法")
        params.update(kw)
        return rec.application_register(**params)

    return _make


def _errors(info) -> dict:
    return {k: [str(m) for m in v] for k, v in info.value.message_dict.items()}


def _last_event(case, action):
    return audit.events_for(case).filter(action=action).last()


# --- the service --------------------------------------------------------------------------------------------------

def test_a_correction_saves_the_new_values_with_the_old_ones_in_the_audit_chain_and_history(make_app, users,
                                                                                            english):
    app = make_app()
    handler = users["handler"]
    area = SubjectArea.objects.exclude(code="traffic").first()
    corrected = corrections.correct(app, {"subject_area": area, "act_number": "沪公交决字〔2024〕2号"},
                                    reason="登记时选错了领域", by=handler, expected_version=app.version)
    stored = Application.objects.get(pk=app.pk)
    assert stored.subject_area == area and stored.act_number == "沪公交决字〔2024〕2号"
    assert stored.version == corrected.version == app.version
    event = _last_event(app, "case.corrected")
    assert event.actor == handler
    assert event.payload["reason"] == "登记时选错了领域"
    changes = event.payload["changes"]
    assert changes["subject_area"]["old"] == str(SubjectArea.objects.get(code="traffic"))
    assert changes["subject_area"]["new"] == str(area)
    with translation.override("zh-hans"):  # the event keeps labels and values in the district's language
        label = str(Application._meta.get_field("act_number").verbose_name)
    assert changes["act_number"] == {"label": label, "old": "沪公交决字〔2024〕1号",
                                     "new": "沪公交决字〔2024〕2号"}
    last = stored.history.order_by("-history_id").first()
    assert last.history_user == handler and "登记时选错了领域" in last.history_change_reason
    assert last.subject_area_id == area.pk
    assert audit.verify().ok


def test_the_event_reads_as_a_chinese_sentence(make_app, users):
    from sifa.core import events

    app = make_app()
    corrections.correct(app, {"act_number": "X-2"}, reason="笔误", by=users["handler"], expected_version=app.version)
    with translation.override("zh-hans"):
        text = events.sentence(_last_event(app, "case.corrected"))
    assert text.startswith("更正登记信息") and "笔误" in text and "case.corrected" not in text


def test_a_reason_is_required(make_app, users, english):
    app = make_app()
    with pytest.raises(ValidationError) as info:
        corrections.correct(app, {"act_number": "X"}, reason="  ", by=users["handler"], expected_version=app.version)
    assert _errors(info) == {"reason": ["Give the reason for the correction."]}
    assert Application.objects.get(pk=app.pk).act_number == "沪公交决字〔2024〕1号"


def test_unknown_and_undeclared_fields_are_refused_on_the_field(make_app, users, english):
    app = make_app()
    with pytest.raises(ValidationError) as info:
        corrections.correct(app, {"no_such": 1, "request": "另一个请求"}, reason="r", by=users["handler"],
                            expected_version=app.version)
    assert _errors(info) == {"no_such": ["There is no such field."], "request": ["This field cannot be corrected."]}


def test_the_day_of_receipt_is_locked_once_accepted_and_the_reason_is_given(make_app, users, english):
    app = make_app()
    rec.application_accept(application=app, by=users["handler"], on=date(2024, 3, 6))
    app.refresh_from_db()
    with pytest.raises(ValidationError) as info:
        corrections.correct(app, {"received_on": date(2024, 3, 1)}, reason="r", by=users["handler"],
                            expected_version=app.version)
    assert _errors(info) == {"received_on": [
        "The acceptance review has moved on from the day of receipt: it can no longer be corrected."]}
    with translation.override("zh-hans"):
        with pytest.raises(ValidationError) as info:
            corrections.correct(app, {"received_on": date(2024, 3, 1)}, reason="r", by=users["handler"],
                                expected_version=app.version)
        assert "受理审查" in _errors(info)["received_on"][0]


def test_correcting_the_day_of_receipt_during_review_restarts_the_review_clock(make_app, users):
    app = make_app(received_on=date(2024, 3, 4))
    before = clocks.current(app, ACCEPTANCE_REVIEW)
    corrections.correct(app, {"received_on": date(2024, 3, 1)}, reason="收件日期登记错误", by=users["handler"],
                        expected_version=app.version)
    after = clocks.current(app, ACCEPTANCE_REVIEW)
    assert after.pk != before.pk and after.start == date(2024, 3, 1)
    assert after.due == clocks.compute_due(rule=clocks.rule_for(ACCEPTANCE_REVIEW, date(2024, 3, 1)),
                                           start=date(2024, 3, 1))
    before.refresh_from_db()
    assert before.state == "cancelled"


def test_a_stale_version_is_refused_with_the_conflict_message(make_app, users):
    app = make_app()
    stale = app.version
    corrections.correct(app, {"act_number": "A"}, reason="r1", by=users["handler"], expected_version=stale)
    again = Application.objects.get(pk=app.pk)
    with pytest.raises(ConflictError):
        corrections.correct(again, {"act_number": "B"}, reason="r2", by=users["handler2"], expected_version=stale)
    assert Application.objects.get(pk=app.pk).act_number == "A"
    assert audit.events_for(app).filter(action="case.corrected").count() == 1


def test_nothing_changed_is_refused(make_app, users, english):
    app = make_app()
    with pytest.raises(ValidationError) as info:
        corrections.correct(app, {"act_number": app.act_number}, reason="r", by=users["handler"],
                            expected_version=app.version)
    assert "Nothing to correct" in info.value.messages[0]


def test_values_given_as_text_are_read_as_the_fields_type(make_app, users):
    app = make_app(received_on=date(2024, 3, 4))
    corrections.correct(app, {"received_on": "2024-03-01", "amount": "200.00"}, reason="r", by=users["handler"],
                        expected_version=app.version)
    stored = Application.objects.get(pk=app.pk)
    assert (stored.received_on, stored.amount) == (date(2024, 3, 1), Decimal("200.00"))
    assert clocks.current(app, ACCEPTANCE_REVIEW).start == date(2024, 3, 1)
    with pytest.raises(ValidationError) as info:
        corrections.correct(stored, {"act_date": "not a date"}, reason="r", by=users["handler"],
                            expected_version=stored.version)
    assert list(info.value.message_dict) == ["act_date"]


def test_an_invalid_value_is_refused_on_its_field_and_nothing_is_saved(make_app, users):
    app = make_app()
    with pytest.raises(ValidationError) as info:
        corrections.correct(app, {"channel": "pigeon"}, reason="r", by=users["handler"],
                            expected_version=app.version)
    assert "channel" in info.value.message_dict
    assert Application.objects.get(pk=app.pk).channel == "counter"


def test_personal_fields_are_masked_in_the_audit_event(units, users):
    from sifa.mediation import services as med
    from sifa.mediation.models import DisputeType
    from sifa.mediation.services import PartyInput

    dispute = med.dispute_register(on=date(2024, 3, 1), unit=units["PT-TWH-CSL"], by=users["mediator"],
                                   dispute_type=DisputeType.objects.get(code="neighbourhood"),
                                   parties=[PartyInput("王甲"), PartyInput("李乙", role="respondent")],
                                   summary="王甲家漏水")
    dispute.refresh_from_db()
    corrections.correct(dispute, {"summary": "王甲家楼上漏水", "amount_involved": Decimal("800")}, reason="补记金额",
                        by=users["mediator"], expected_version=dispute.version)
    changes = _last_event(dispute, "case.corrected").payload["changes"]
    assert changes["summary"]["old"] == changes["summary"]["new"] == corrections.MASK
    assert changes["amount_involved"]["new"] == "800"


def test_a_figure_follows_the_correction_of_the_field_it_groups_by(make_app, users):
    app = make_app()
    start, end = date(2024, 1, 1), date(2024, 12, 31)
    traffic = SubjectArea.objects.get(code="traffic")
    other = SubjectArea.objects.exclude(code="traffic").first()
    assert dict(metrics.breakdown("reconsideration.received", start, end, by="subject_area__name")) == {
        traffic.name: 1}
    corrections.correct(app, {"subject_area": other}, reason="领域登记错误", by=users["handler"],
                        expected_version=app.version)
    assert dict(metrics.breakdown("reconsideration.received", start, end, by="subject_area__name")) == {
        other.name: 1}


def test_the_three_lines_declare_their_correctable_fields():
    from sifa.litigation.models import Suit
    from sifa.mediation.models import Dispute

    assert "subject_area" in corrections.declaration(Application).fields
    assert "received_on" in corrections.declaration(Suit).fields
    assert "dispute_type" in corrections.declaration(Dispute).fields


def test_a_declaration_of_a_field_that_cannot_be_corrected_is_refused_when_made():
    with pytest.raises(ValueError):
        corrections.register(Application, fields=("created_at",))
    with pytest.raises(ValueError):
        corrections.register(Application, fields=("act_number",), locked={"received_on": lambda c: None})


# --- the page -----------------------------------------------------------------------------------------------------

def _url(app):
    return reverse("core:case_correct", args=["reconsideration", "application", app.pk])


def test_the_page_shows_the_declared_fields_with_their_current_values(make_app, users, login):
    app = make_app()
    resp = login(users["handler"]).get(_url(app))
    assert resp.status_code == 200
    form = resp.context["form"]
    assert set(corrections.declaration(Application).fields) <= set(form.fields)
    assert form["act_number"].value() == "沪公交决字〔2024〕1号"
    assert form["version"].value() == app.version
    assert "request" not in form.fields


def test_the_detail_page_links_to_the_correction_for_those_who_may_change(make_app, users, login):
    app = make_app()
    assert _url(app) in login(users["handler"]).get(app.get_absolute_url()).content.decode()
    assert _url(app) not in login(users["leader"]).get(app.get_absolute_url()).content.decode()


def test_posting_the_page_corrects_and_goes_back_to_the_case(make_app, users, login):
    app = make_app()
    client = login(users["handler"])
    data = {k: v for k, v in client.get(_url(app)).context["form"].initial.items() if v is not None}
    data.update({"act_number": "沪公交决字〔2024〕9号", "reason": "文号笔误", "version": app.version,
                 "respondent": app.respondent_id, "act_kind": app.act_kind_id, "subject_area": app.subject_area_id})
    resp = client.post(_url(app), data)
    assert resp.status_code == 302 and resp["Location"] == app.get_absolute_url()
    event = _last_event(app, "case.corrected")
    assert set(event.payload["changes"]) == {"act_number"}


def test_the_page_shows_errors_in_chinese_on_the_field(make_app, users, login):
    app = make_app()
    client = login(users["handler"])
    with translation.override("zh-hans"):
        resp = client.post(_url(app), {"act_number": "X", "reason": "", "version": app.version,
                                       "received_on": "2024-03-04", "act_description": app.act_description,
                                       "respondent": app.respondent_id, "act_kind": app.act_kind_id,
                                       "channel": app.channel}, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert resp.status_code == 200
    errors = resp.context["form"].errors
    assert errors["reason"] == ["请填写更正的理由。"]


def test_the_page_refuses_a_stale_version_and_keeps_the_input(make_app, users, login):
    app = make_app()
    corrections.correct(app, {"act_number": "A"}, reason="r", by=users["handler2"], expected_version=app.version)
    resp = login(users["handler"]).post(_url(app), {
        "act_number": "B", "reason": "r", "version": app.version - 1, "received_on": "2024-03-04",
        "act_description": app.act_description, "respondent": app.respondent_id, "act_kind": app.act_kind_id,
        "channel": app.channel})
    assert resp.status_code == 200
    assert resp.context["form"].non_field_errors()
    assert Application.objects.get(pk=app.pk).act_number == "A"


def test_a_case_outside_the_users_units_is_not_found_and_without_the_permission_refused(make_app, users, login):
    app = make_app()
    assert login(users["yingsu"]).get(_url(app)).status_code == 404  # holds change_application, other division
    assert login(users["leader"]).get(_url(app)).status_code == 403  # sees the case, may not change it
    assert login(users["handler"]).get(
        reverse("core:case_correct", args=["core", "party", app.pk])).status_code in (403, 404)

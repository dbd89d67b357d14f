"""A person's requests about their own data (core.privacy, issue #24): registered with their time limit, what
sifa holds found by the keyed hash across every line's records within the officer's units, exported, answered."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from sifa.core import clocks, privacy
from sifa.core.models import AuditEvent, DataRequestState
from sifa.reconsideration import services as rec
from sifa.reconsideration.models import SubjectArea

NUMBER = "110101199003077774"


@pytest.fixture
def application(units, users):
    return rec.application_register(
        unit=units["PT-SFJ-FY"], respondent=units["PT-GAFJ-JJ"],
        act_description="罚款200元的行政处罚决定", request="撤销该行政处罚决定", received_on=date(2024, 3, 4),
        act_kind="penalty", subject_area=SubjectArea.objects.get(code="traffic"), act_number="沪公交决字〔2024〕1号",
        applicants=[rec.PartyData(name="钱某某", id_number=NUMBER, phone="13812345678")],
        handler=users["handler"], by=users["handler"], reasons="执法程序违法")


def _register(units, users, **kw):
    args = {"unit": units["PT"], "name": "钱某某", "id_number": NUMBER, "kind": "access",
            "received_on": date(2024, 5, 6), "by": users["yinsi"], **kw}
    return privacy.register(**args)


def test_a_request_starts_its_reply_clock_with_its_basis(units, users):
    req = _register(units, users)
    assert "个保〔2024〕" in req.number
    d = clocks.current(req, privacy.REPLY)
    assert d.due == date(2024, 5, 6) + timedelta(days=30)
    assert "个人信息保护法" in d.basis or "个人信息保护法" in clocks.rule_for(privacy.REPLY, d.start).basis
    assert NUMBER not in req.id_number_enc and req.id_number_masked.count("*") >= 8


def test_a_wrong_id_number_is_refused_on_its_field(units, users):
    with pytest.raises(ValidationError) as exc:
        _register(units, users, id_number="110101199003077775")
    assert "id_number" in exc.value.message_dict


def test_what_is_held_is_found_by_the_number_in_every_line_without_decrypting(units, users, application):
    req = _register(units, users)
    found = privacy.holdings(req, user=users["yinsi"])
    kinds = {h.kind for h in found}
    assert any(h.record.startswith("钱某某") or "钱某某" in h.record for h in found)  # the party itself
    assert any(application.number in h.record for h in found), kinds  # the case that names the party
    assert all(h.url == "" for h in found if application.number in h.record)  # no link the officer cannot open


def test_what_is_held_stays_within_the_officers_units(units, users, application):
    req = _register(units, users)
    from sifa.core.models import Membership, Role

    Membership.objects.filter(user=users["yinsi"]).update(unit=units["PT-SFS-CSL"])
    users["yinsi"].refresh_from_db()
    assert not [h for h in privacy.holdings(req, user=users["yinsi"]) if application.number in h.record]
    assert Role.objects.filter(code="privacy_officer").exists()


def test_the_answer_meets_the_clock_once_and_a_stale_edit_is_refused(units, users):
    from sifa.core.locking import ConflictError

    req = _register(units, users)
    with pytest.raises(ValidationError):
        privacy.answer(req, refused=False, text="", on=date(2024, 5, 20), by=users["yinsi"],
                       expected_version=req.version)
    stale = req.version
    privacy.answer(req, refused=True, text="该信息为案件材料，依法不予删除。", on=date(2024, 5, 20), by=users["yinsi"],
                   expected_version=req.version)
    req.refresh_from_db()
    assert req.state == DataRequestState.REFUSED
    assert clocks.current(req, privacy.REPLY) is None  # no clock left running
    assert clocks.for_case(req).get(rule=privacy.REPLY).met_on == date(2024, 5, 20)
    with pytest.raises(ValidationError):
        privacy.answer(req, refused=False, text="再次答复", on=date(2024, 5, 21), by=users["yinsi"],
                       expected_version=req.version)
    other = _register(units, users, received_on=date(2024, 6, 3))
    privacy.answer(other, refused=False, text="已提供查阅。", on=date(2024, 6, 4), by=users["yinsi"],
                   expected_version=other.version)
    with pytest.raises((ConflictError, ValidationError)):
        other.state = DataRequestState.RECEIVED  # as a second user's page still shows it
        privacy.answer(other, refused=False, text="已提供查阅。", on=date(2024, 6, 4), by=users["yinsi"],
                       expected_version=stale)


def test_the_officer_registers_views_exports_and_answers_through_the_pages(units, users, application, login):
    c = login(users["yinsi"])
    bad = c.post(reverse("data_request_new"), {"name": "钱某某", "id_number": "110101199003077775",
                                               "kind": "access", "received_on": "2024-05-06"})
    assert bad.status_code == 200 and "校验位" in bad.content.decode()
    made = c.post(reverse("data_request_new"), {"name": "钱某某", "id_number": NUMBER, "kind": "access",
                                                "received_on": "2024-05-06"})
    assert made.status_code == 302
    page = c.get(made["Location"])
    html = page.content.decode()
    assert application.number in html and NUMBER not in html
    req = page.context["req"]
    assert AuditEvent.objects.filter(action="privacy.holdings.viewed", object_id=str(req.pk)).exists()
    export = c.get(reverse("data_request_export", args=[req.pk]))
    assert export.status_code == 200 and export["Content-Type"].startswith("application/vnd.openxmlformats")
    assert AuditEvent.objects.filter(action="privacy.holdings.exported").exists()
    answered = c.post(made["Location"], {"outcome": "answered", "answer": "已提供查阅、复制。", "on": "2024-05-10",
                                         "version": req.version})
    assert answered.status_code == 302
    listed = c.post(reverse("data_requests"), {"q": NUMBER})
    assert listed.status_code == 302 and NUMBER not in listed["Location"]
    assert req.number in c.get(listed["Location"]).content.decode()


def test_the_three_administrators_and_the_case_handlers_have_no_such_page(users, login):
    for name in ("admin", "security", "auditor", "handler", "stats"):
        assert login(users[name]).get(reverse("data_requests")).status_code == 403

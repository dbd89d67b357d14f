"""Appointments (hearings, court sessions, mediation sessions, …): the services, the notice clock, what a citizen
is shown, and the generic pages."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone, translation

from sifa.core import appointments, audit, events
from sifa.core.appointments import AppointmentState, NoticeRule
from sifa.core.locking import ConflictError
from sifa.core.models import Appointment
from sifa.reconsideration import services as rec
from sifa.reconsideration.models import Application, SubjectArea

pytestmark = pytest.mark.django_db


@pytest.fixture
def app(units, users):
    return rec.application_register(
        unit=units["PT-SFJ-FY"], respondent=units["PT-GAFJ-JJ"], act_description="罚款200元的行政处罚决定",
        request="撤销该行政处罚决定", received_on=date(2024, 3, 4), act_kind="penalty",
        subject_area=SubjectArea.objects.get(code="traffic"),
        applicants=[rec.PartyData(name="钱某某", id_number="110101199003077774")],
        handler=users["handler"], by=users["handler"])


@pytest.fixture
def handler(users):
    return users["handler"]


def at(*args) -> datetime:
    return timezone.make_aware(datetime(*args))


def _errors(info) -> dict:
    return {k: [str(m) for m in v] for k, v in info.value.message_dict.items()}


def _schedule(app, by, **kw):
    params = {"kind": "interview", "at": at(2024, 3, 12, 9, 30), "place": "接待室", "by": by, "on": date(2024, 3, 8)}
    params.update(kw)
    return appointments.schedule(app, **params)


# --- schedule -----------------------------------------------------------------------------------------------------

def test_scheduling_stores_the_appointment_in_the_cases_unit_and_writes_an_event_on_the_case(app, handler):
    appt = _schedule(app, handler, participants="申请人钱某某")
    stored = Appointment.objects.get(pk=appt.pk)
    assert (stored.case, stored.unit, stored.state, stored.version) == (app, app.unit, "scheduled", 1)
    assert list(appointments.for_case(app)) == [stored]
    event = audit.events_for(app).filter(action="appointment.scheduled").get()
    assert event.actor == handler and event.payload["appointment"] == appt.pk
    assert event.payload["at"] == "2024-03-12 09:30" and event.payload["place"] == "接待室"
    with translation.override("zh-hans"):
        assert events.sentence(event) == "安排谈话：2024-03-12 09:30，接待室"


def test_scheduling_refuses_bad_input_on_the_field(app, handler, english):
    with pytest.raises(ValidationError) as info:
        _schedule(app, handler, kind="picnic")
    assert _errors(info) == {"kind": ["Choose a kind of appointment."]}
    with pytest.raises(ValidationError) as info:
        _schedule(app, handler, place="  ")
    assert _errors(info) == {"place": ["Give the place of the appointment."]}
    with pytest.raises(ValidationError) as info:
        _schedule(app, handler, at=at(2024, 3, 7, 9, 0))
    assert list(_errors(info)) == ["at"]
    assert not Appointment.objects.exists()


def test_a_closed_case_gets_no_new_appointment(app, handler, english):
    Application.objects.filter(pk=app.pk).update(closed_on=date(2024, 3, 9))
    app.refresh_from_db()
    with pytest.raises(ValidationError) as info:
        _schedule(app, handler)
    assert info.value.messages == ["The case is closed: no appointment can be scheduled."]


# --- the notice clock ---------------------------------------------------------------------------------------------

def test_a_hearing_needs_five_working_days_notice_under_article_51(app, handler):
    # 2024-03-12 is a Tuesday: five working days before it end on Tuesday 2024-03-05 (the weekend not counted)
    assert appointments.notice_due(appointments.HEARING_NOTICE, date(2024, 3, 12)) == date(2024, 3, 5)
    with translation.override("zh-hans"), pytest.raises(ValidationError) as info:
        _schedule(app, handler, kind="hearing", on=date(2024, 3, 6))
    message = _errors(info)["at"][0]
    assert "第五十一条" in message and "5个工作日" in message and "2024-03-05" in message
    appt = _schedule(app, handler, kind="hearing", on=date(2024, 3, 5))
    assert appt.notice_by == date(2024, 3, 5) and "第五十一条" in appt.notice_basis
    assert appt.notice_waived_reason == ""


def test_a_late_notice_is_accepted_with_its_reason_which_is_kept(app, handler):
    appt = _schedule(app, handler, kind="hearing", on=date(2024, 3, 11), notice_waived_reason="申请人同意提前举行")
    assert appt.notice_waived_reason == "申请人同意提前举行" and appt.notice_by == date(2024, 3, 5)


def test_a_court_session_counts_calendar_days_and_a_line_may_give_its_own_rule(app, handler):
    assert appointments.notice_due(appointments.COURT_SESSION_NOTICE, date(2024, 3, 12)) == date(2024, 3, 9)
    penalty = NoticeRule(7, "calendar", "《中华人民共和国行政处罚法》第六十四条")
    with pytest.raises(ValidationError) as info:
        _schedule(app, handler, kind="hearing", notice_rule=penalty, on=date(2024, 3, 6))
    assert "第六十四条" in _errors(info)["at"][0]
    appt = _schedule(app, handler, kind="hearing", notice_rule=penalty, on=date(2024, 3, 5))
    assert appt.notice == {"days": 7, "unit": "calendar", "basis": penalty.basis}


def test_a_kind_without_a_notice_rule_has_no_notice_clock(app, handler):
    appt = _schedule(app, handler, on=date(2024, 3, 12))
    assert appt.notice_basis == "" and appt.notice_by is None


# --- reschedule, cancel, held -------------------------------------------------------------------------------------

def test_rescheduling_keeps_the_earlier_time_and_reason(app, handler):
    appt = _schedule(app, handler)
    appointments.reschedule(appt, at=at(2024, 3, 14, 14, 0), reason="申请人请假", by=handler, expected_version=1,
                            on=date(2024, 3, 9))
    stored = Appointment.objects.get(pk=appt.pk)
    assert stored.scheduled_at == at(2024, 3, 14, 14, 0) and stored.version == 2
    [moved] = stored.reschedules
    assert moved["reason"] == "申请人请假" and datetime.fromisoformat(moved["from"]) == at(2024, 3, 12, 9, 30)
    event = audit.events_for(app).filter(action="appointment.rescheduled").get()
    assert event.payload["previous"] == "2024-03-12 09:30" and event.payload["reason"] == "申请人请假"
    assert stored.history.count() == 2


def test_rescheduling_applies_the_notice_rule_again(app, handler):
    appt = _schedule(app, handler, kind="hearing", on=date(2024, 3, 1))
    with pytest.raises(ValidationError) as info:
        appointments.reschedule(appt, at=at(2024, 3, 11, 9, 0), reason="r", by=handler, expected_version=1,
                                on=date(2024, 3, 8))
    assert "第五十一条" in _errors(info)["at"][0]


def test_rescheduling_refuses_without_reason_and_with_a_stale_version(app, handler, users, english):
    appt = _schedule(app, handler)
    with pytest.raises(ValidationError) as info:
        appointments.reschedule(appt, at=at(2024, 3, 14, 9, 0), reason="", by=handler, expected_version=1,
                                on=date(2024, 3, 9))
    assert _errors(info) == {"reason": ["Give the reason for moving the appointment."]}
    appointments.reschedule(Appointment.objects.get(pk=appt.pk), at=at(2024, 3, 14, 9, 0), reason="r1", by=handler,
                            expected_version=1, on=date(2024, 3, 9))
    with pytest.raises(ConflictError):
        appointments.reschedule(Appointment.objects.get(pk=appt.pk), at=at(2024, 3, 15, 9, 0), reason="r2",
                                by=users["handler2"], expected_version=1, on=date(2024, 3, 9))
    assert Appointment.objects.get(pk=appt.pk).scheduled_at == at(2024, 3, 14, 9, 0)


def test_cancelling_needs_a_reason_and_ends_the_appointment(app, handler, english):
    appt = _schedule(app, handler)
    with pytest.raises(ValidationError) as info:
        appointments.cancel(appt, reason=" ", by=handler, expected_version=1)
    assert _errors(info) == {"reason": ["Give the reason for cancelling the appointment."]}
    appointments.cancel(appt, reason="申请人撤回申请", by=handler, expected_version=1)
    stored = Appointment.objects.get(pk=appt.pk)
    assert stored.state == AppointmentState.CANCELLED and stored.cancel_reason == "申请人撤回申请"
    assert audit.events_for(app).filter(action="appointment.cancelled").count() == 1
    for change in (lambda a: appointments.reschedule(a, at=at(2024, 3, 20, 9, 0), reason="r", by=handler,
                                                     expected_version=a.version, on=date(2024, 3, 9)),
                   lambda a: appointments.record_held(a, held_on=date(2024, 3, 12), outcome="", by=handler,
                                                      expected_version=a.version)):
        with pytest.raises(ValidationError) as info:
            change(stored)
        assert "can no longer be changed" in info.value.messages[0]


def test_recording_as_held_refuses_a_day_before_the_scheduled_one_or_in_the_future(app, handler, english):
    appt = _schedule(app, handler)
    with pytest.raises(ValidationError) as info:
        appointments.record_held(appt, held_on=date(2024, 3, 11), outcome="", by=handler, expected_version=1)
    assert list(_errors(info)) == ["held_on"] and "2024-03-12" in _errors(info)["held_on"][0]
    with pytest.raises(ValidationError) as info:
        appointments.record_held(appt, held_on=timezone.localdate() + timedelta(days=1), outcome="", by=handler,
                                 expected_version=1)
    assert _errors(info) == {"held_on": ["The day it was held cannot lie in the future."]}
    appointments.record_held(appt, held_on=date(2024, 3, 12), outcome="听取了申请人意见", by=handler,
                             expected_version=1)
    stored = Appointment.objects.get(pk=appt.pk)
    assert (stored.state, stored.held_on, stored.outcome) == ("held", date(2024, 3, 12), "听取了申请人意见")
    event = audit.events_for(app).filter(action="appointment.held").get()
    with translation.override("zh-hans"):
        assert events.sentence(event) == "谈话已于2024-03-12举行"
    with pytest.raises(ValidationError):
        appointments.cancel(stored, reason="r", by=handler, expected_version=stored.version)


# --- what a citizen sees ------------------------------------------------------------------------------------------

def test_the_public_sees_only_future_scheduled_appointments_of_an_open_case(app, handler, english):
    past = _schedule(app, handler, at=at(2024, 3, 12, 9, 0))
    future = _schedule(app, handler, kind="hearing", at=at(2024, 4, 10, 9, 0), place="听证室", on=date(2024, 3, 8))
    cancelled = _schedule(app, handler, at=at(2024, 4, 11, 9, 0), participants="钱某某")
    appointments.cancel(cancelled, reason="r", by=handler, expected_version=1)
    now = at(2024, 3, 20, 12, 0)
    shown = appointments.upcoming_for_public(app, now=now)
    assert [(s.kind, s.at, s.place) for s in shown] == [("Hearing", future.scheduled_at, "听证室")]
    assert not hasattr(shown[0], "participants") and past.pk
    Application.objects.filter(pk=app.pk).update(closed_on=date(2024, 3, 25), state="terminated")
    app.refresh_from_db()
    assert appointments.upcoming_for_public(app, now=now) == []  # the hearing never shows after the case ended


# --- the pages ----------------------------------------------------------------------------------------------------

def _list_url(app):
    return reverse("core:case_appointments", args=["reconsideration", "application", app.pk])


def _action_url(app, appt, action):
    return reverse("core:appointment_action", args=["reconsideration", "application", app.pk, appt.pk, action])


def test_the_list_page_schedules_and_answers_only_in_scope(app, users, login):
    client = login(users["handler"])
    assert client.get(_list_url(app)).status_code == 200
    resp = client.post(_list_url(app), {"kind": "interview", "at": "2030-06-03T09:30", "place": "接待室"})
    assert resp.status_code == 302
    appt = Appointment.objects.get()
    assert appt.created_by == users["handler"]
    assert "接待室" in client.get(_list_url(app)).content.decode()
    assert login(users["yingsu"]).get(_list_url(app)).status_code == 404
    assert login(users["leader"]).get(_list_url(app)).status_code == 403
    assert login(users["yingsu"]).get(_action_url(app, appt, "cancel")).status_code == 404


def test_the_list_page_shows_a_refusal_on_its_field_in_chinese(app, users, login):
    client = login(users["handler"])
    with translation.override("zh-hans"):
        resp = client.post(_list_url(app), {"kind": "interview", "at": "2030-06-03T09:30", "place": " "})
    assert resp.status_code == 200
    assert resp.context["form"].errors["place"]
    assert not Appointment.objects.exists()


def test_the_action_pages_move_cancel_and_record(app, users, login, handler):
    appt = _schedule(app, handler)
    client = login(users["handler"])
    assert client.get(_action_url(app, appt, "reschedule")).status_code == 200
    assert client.get(_action_url(app, appt, "nonsense")).status_code == 404
    resp = client.post(_action_url(app, appt, "held"), {"held_on": "2024-03-12", "outcome": "已听取意见",
                                                          "version": 1})
    assert resp.status_code == 302
    assert Appointment.objects.get(pk=appt.pk).state == "held"
    resp = client.post(_action_url(app, appt, "cancel"), {"reason": "r", "version": 2})
    assert resp.status_code == 200 and resp.context["form"].non_field_errors()
    stale = client.post(_action_url(app, _schedule(app, handler), "cancel"), {"reason": "r", "version": 7})
    assert stale.status_code == 200 and stale.context["form"].non_field_errors()


def test_an_appointment_of_another_case_is_not_found_through_this_one(app, users, login, handler, units):
    other = rec.application_register(
        unit=units["PT-SFJ-FY"], respondent=units["PT-GAFJ-JJ"], act_description="另一个行为", request="撤销",
        received_on=date(2024, 3, 4), applicants=[rec.PartyData(name="孙某")], handler=handler, by=handler)
    appt = _schedule(other, handler)
    assert login(users["handler"]).get(_action_url(app, appt, "cancel")).status_code == 404


def test_a_line_includes_the_fragment_with_one_tag(app, handler, users, rf):
    _schedule(app, handler, place="第一接待室")
    html = Template("{% load case_kit %}{% case_appointments case %}").render(Context({"case": app,
                                                                                       "user": users["handler"]}))
    assert "第一接待室" in html and _list_url(app) in html
    readonly = Template("{% load case_kit %}{% case_appointments case %}").render(Context({"case": app,
                                                                                           "user": users["leader"]}))
    assert "第一接待室" in readonly and "/cancel/" not in readonly


def test_only_case_models_have_the_pages(users, login, make_party):
    party = make_party("PT-SFS-CSL", "王小明")
    client = login(users["changshou"])  # holds core.change_party and sees the party
    for name in ("core:case_appointments", "core:case_correct"):
        assert client.get(reverse(name, args=["core", "party", party.pk])).status_code == 404
    assert client.get(reverse("core:case_appointments", args=["nosuch", "model", 1])).status_code == 404

"""Complaints against lawyers on the core complaints kit: receipt, the acceptance clock in working days (paused
while the complainant supplies materials, its length a district setting), acceptance, investigation with an
approved extension, outcome, the written reply within its limit, the documents."""

from __future__ import annotations

from datetime import date

import pytest

from sifa.core import clocks, district
from sifa.core.complaints import DocumentNotIssued, Outcome, State
from sifa.core.locking import ConflictError
from sifa.core.models import AuditEvent
from sifa.core.workflow import StepError
from sifa.lawyers import services
from sifa.lawyers.models import LawyerComplaint
from sifa.lawyers.workflow import KIT

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

MONDAY = date(2024, 3, 4)


def clock(case, rule):
    return clocks.for_case(case).filter(rule=rule).order_by("-pk").first()


def test_receipt_starts_the_acceptance_clock_on_working_days(complain):
    c = complain(MONDAY)
    assert c.state == State.RECEIVED and c.number.endswith("号")
    d = clock(c, KIT.ACCEPTANCE)
    assert (d.length, d.count_unit) == (10, "working_days")
    assert d.due == date(2024, 3, 18)  # ten working days after Monday 4 March
    assert AuditEvent.objects.filter(action="lawyers.complaint.registered", object_id=str(c.pk)).exists()


def test_the_acceptance_period_is_a_district_setting(complain):
    district.put(KIT.ACCEPTANCE, "7")
    d = clock(complain(MONDAY), KIT.ACCEPTANCE)
    assert d.length == 7 and d.due == date(2024, 3, 13)


def test_materials_pause_the_acceptance_clock_until_they_come(complain, staff):
    c = complain(MONDAY)
    services.complaint_step(c, "request_materials", by=staff, on=date(2024, 3, 5), data={"materials": "委托合同"})
    assert c.state == State.MATERIALS and clock(c, KIT.ACCEPTANCE).state == "paused"
    services.complaint_step(c, "receive_materials", by=staff, on=date(2024, 3, 12))
    d = clock(c, KIT.ACCEPTANCE)
    assert d.state != "paused" and d.due == date(2024, 3, 25)  # five working days excluded (5 March to 11 March)
    services.complaint_step(c, "accept", by=staff, on=date(2024, 3, 20))
    assert c.acceptance_in_time is True and c.acceptance_number


def test_the_whole_procedure_to_the_reply(complain, staff):
    c = complain(MONDAY)
    services.complaint_step(c, "accept", by=staff, on=date(2024, 3, 6))
    h = clock(c, KIT.HANDLING)
    assert (h.length, h.count_unit) == (60, "days")
    services.complaint_step(c, "extend", by=staff, on=date(2024, 4, 20), data={"days": 30, "reason": "情况复杂"})
    assert clock(c, KIT.HANDLING).due == date(2024, 6, 4)  # 60 + 30 days from 6 March
    with pytest.raises(StepError) as exc:  # a penalty names its kind
        services.complaint_step(c, "decide", by=staff, on=date(2024, 5, 10),
                                data={"outcome": Outcome.PENALTY, "findings": "属实。"})
    assert exc.value.field == "penalty_kind"
    c.refresh_from_db()
    assert c.state == State.ACCEPTED and not c.outcome  # nothing half-written
    services.complaint_step(c, "decide", by=staff, on=date(2024, 5, 10),
                            data={"outcome": Outcome.PENALTY, "penalty_kind": "warning", "findings": "属实。"})
    assert c.state == State.DECIDED and clock(c, KIT.REPLY).due == date(2024, 5, 20)  # Saturday 11 May 2024 was a working day
    services.complaint_step(c, "reply", by=staff, on=date(2024, 5, 21))  # a day late
    c.refresh_from_db()
    assert c.state == State.CLOSED and c.closed_on == date(2024, 5, 21) and c.replied_in_time is False
    assert [k for k, _t, _n in KIT.issued(c)] == ["acceptance_notice", "reply"]
    assert len(KIT.render(c, "reply")) > 1000


def test_not_accepted_is_concluded_and_answered_with_its_notice(complain, staff):
    c = complain(MONDAY)
    services.complaint_step(c, "not_accept", by=staff, on=date(2024, 3, 8), data={"reason": "不属于律师执业活动。"})
    c.refresh_from_db()
    assert c.outcome == Outcome.NOT_ACCEPTED and c.concluded_on == c.replied_on == date(2024, 3, 8)
    doc = KIT.document_for(c, "refusal_notice")
    assert doc.title == "不予受理通知书" and "不属于律师执业活动" in "".join(b.text for b in doc.body)
    with pytest.raises(DocumentNotIssued):
        KIT.document_for(c, "acceptance_notice")
    assert not clocks.for_case(c).filter(state__in=clocks.OPEN_STATES).exists()


def test_a_stale_version_is_refused(complain, staff):
    c = complain(MONDAY)
    with pytest.raises(ConflictError):
        services.complaint_step(c, "accept", by=staff, on=date(2024, 3, 6), expected_version=c.version + 5)
    assert LawyerComplaint.objects.get(pk=c.pk).state == State.RECEIVED


def test_a_lawyer_of_another_firm_is_refused(division, staff, firm, lawyer):
    other = services.firm_register(name="另一律所", licence_number="31070000000000098", supervised_by=division, by=staff)
    with pytest.raises(StepError) as exc:
        services.complaint_register(unit=division, by=staff, received_on=MONDAY, channel="phone", complainant="甲",
                                    matter="x", respondent_firm=other, respondent_lawyer=lawyer)
    assert exc.value.field == "respondent_lawyer" and not LawyerComplaint.objects.exists()

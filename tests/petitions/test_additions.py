"""The jurisdiction objection (第二十三条第三款), the 复核 hearing's pause, the mediation agreement (第三十三条), the
petitioner's ID number, and referral to the bureau's other lines through core.referrals."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from docx import Document

from sifa.core import clocks as core_clocks
from sifa.core import referrals
from sifa.core.appointments import AppointmentState, for_case
from sifa.core.models import AuditEvent
from sifa.core.workflow import StepError
from sifa.petitions import clocks, documents
from sifa.petitions.models import Agreement, Channel, Kind, Opinion, Route, State
from sifa.petitions.workflow import HEARING, WORKFLOW

pytestmark = pytest.mark.django_db
ID = "310115198001010016"


def run(p, name, by, on, **data):
    WORKFLOW.run(p, name, by=by, on=on, data=data)
    p.refresh_from_db()
    return p


def _text(content: bytes) -> str:
    import io
    return "\n".join(par.text for par in Document(io.BytesIO(content)).paragraphs)


def test_a_transferred_matter_may_be_objected_to_within_5_working_days(register, staff):
    p = register(channel=Channel.TRANSFERRED, received_on=date(2022, 9, 26))
    # 5 working days from Monday 9-26: 9-27 … 9-30 and, after the National Day holiday and its 调休, 10-8 (Saturday)
    due = core_clocks.current(p, clocks.OBJECTION).due
    assert due == date(2022, 10, 8)
    run(p, "object", staff, date(2022, 9, 29), reason="该事项属于区人力资源和社会保障局职责。")
    assert (p.state, p.objection_in_time) == (State.OBJECTED, True)
    run(p, "objection_agreed", staff, date(2022, 10, 10), note="区信访办核实同意，材料已交还")
    assert (p.state, p.objection_agreed, p.closed_on) == (State.HANDED_BACK, True, date(2022, 10, 10))
    assert not core_clocks.for_case(p).filter(state__in=core_clocks.OPEN_STATES).exists()


def test_a_late_objection_is_marked_late_and_a_refused_one_returns_to_registration(register, staff):
    p = register(channel=Channel.TRANSFERRED, received_on=date(2022, 9, 26))
    run(p, "object", staff, date(2022, 10, 12), reason="不属于本局职责。")
    assert p.objection_in_time is False
    run(p, "objection_refused", staff, date(2022, 10, 13), note="经核实属于本局职责")
    assert (p.state, p.objection_agreed) == (State.REGISTERED, False)
    run(p, "accept", staff, date(2022, 10, 13))
    assert p.state == State.ACCEPTED


def test_only_a_transferred_matter_is_objected_to_and_acceptance_stops_the_objection_clock(register, staff):
    with pytest.raises(StepError):
        run(register(), "object", staff, date(2022, 9, 27), reason="不属于本局职责。")
    p = run(register(channel=Channel.TRANSFERRED), "accept", staff, date(2022, 9, 27))
    assert core_clocks.current(p, clocks.OBJECTION) is None or \
        core_clocks.current(p, clocks.OBJECTION).state not in core_clocks.OPEN_STATES


def _to_second_review(register, staff):
    p = run(register(received_on=date(2022, 5, 25)), "accept", staff, date(2022, 6, 1))
    run(p, "answer", staff, date(2022, 6, 20), opinion=Opinion.REJECT, reply="不予支持。")
    run(p, "request_review", staff, date(2022, 7, 1))
    run(p, "review", staff, date(2022, 7, 20), opinion="维持。")
    return run(p, "request_second_review", staff, date(2022, 8, 1))


def test_the_hearing_time_is_not_counted_in_the_second_review_limit(register, staff):
    p = _to_second_review(register, staff)
    assert core_clocks.current(p, clocks.SECOND_REVIEW).due == date(2022, 8, 31)
    run(p, "hearing", staff, date(2022, 8, 10), at=datetime(2022, 8, 20, 9, 30), place="区司法局听证室",
        participants="信访人、承办人、听证员三名")
    assert p.state == State.SECOND_REVIEW_HEARING
    appt = for_case(p).get()
    assert (appt.kind, appt.state) == (HEARING, AppointmentState.SCHEDULED)
    run(p, "hearing_held", staff, date(2022, 8, 20), outcome="听证查明事实，意见一致。")
    assert p.state == State.SECOND_REVIEW_REQUESTED
    assert for_case(p).get().state == AppointmentState.HELD
    # paused 8-10 to 8-20: ten days not counted, 8-31 becomes 9-10, the Saturday of the Mid-Autumn holiday (9-10 to
    # 9-12), so the limit ends on Tuesday 9-13
    assert core_clocks.current(p, clocks.SECOND_REVIEW).due == date(2022, 9, 13)
    run(p, "second_review", staff, date(2022, 9, 5), opinion="维持复查意见。")
    assert p.state == State.SECOND_REVIEWED


def test_the_hearing_needs_a_place(register, staff):
    p = _to_second_review(register, staff)
    with pytest.raises(StepError) as exc:
        run(p, "hearing", staff, date(2022, 8, 10), at=datetime(2022, 8, 20, 9, 30), place=" ")
    assert exc.value.field == "place"


def test_a_complaint_settled_by_mediation_gets_its_agreement_and_no_review(register, staff):
    p = run(register(), "accept", staff, date(2022, 9, 28))
    run(p, "settle", staff, date(2022, 10, 20), agreement=Agreement.MEDIATION, other_party="某物业公司",
        agreement_terms="某物业公司于2022年10月31日前支付赔偿款人民币3000元。")
    assert (p.state, p.answered_in_time) == (State.ANSWERED, True)
    assert p.agreement_number
    kinds = [k for k, _t, _n in documents.issued(p)]
    assert kinds == ["acceptance_notice", "agreement"]
    text = _text(documents.render(p, "agreement"))
    assert "调解协议书" in text and "某物业公司于2022年10月31日前支付" in text and "第三十三条" in text
    with pytest.raises(StepError):
        run(p, "request_review", staff, date(2022, 10, 25))


def test_only_a_complaint_is_settled(register, staff):
    p = run(register(kind=Kind.SUGGESTION), "accept", staff, date(2022, 9, 28))
    with pytest.raises(StepError):
        run(p, "settle", staff, date(2022, 10, 20), agreement=Agreement.SETTLEMENT, other_party="甲",
            agreement_terms="和解。")


def test_the_petitioners_id_number_is_encrypted_and_masked(register):
    p = register(id_number=ID)
    party = p.petitioner
    assert ID not in party.id_number_enc and party.id_number_masked != ID and party.reveal_id_number() == ID
    for e in AuditEvent.objects.all():
        assert ID not in str(e.payload) and ID not in e.summary


def test_a_bad_id_number_is_refused_on_its_field(register):
    with pytest.raises(StepError) as exc:
        register(id_number="310115198001010017")
    assert exc.value.field == "id_number"


def test_a_matter_for_reconsideration_is_referred_to_that_line(register, staff):
    p = register(subject="不服行政处罚", content="要求撤销处罚决定")
    run(p, "refer", staff, date(2022, 9, 28), route=Route.RECONSIDERATION, referral_note="属于行政复议范围",
        to_line="reconsideration")
    assert p.state == State.REFERRED
    r = referrals.for_record(p).get()
    assert (r.from_line, r.to_line, r.state, r.reason) == ("petitions", "reconsideration", "sent", "属于行政复议范围")
    assert list(referrals.incoming("reconsideration")) == [r]
    assert AuditEvent.objects.filter(action="core.referral.sent", object_id=str(p.pk)).exists()
    referrals.take_up(r, on=date(2022, 9, 29), by=staff, note="已登记复议申请")
    assert not referrals.incoming("reconsideration").exists()


def test_a_referral_without_a_line_records_only_the_route(register, staff):
    p = run(register(), "refer", staff, date(2022, 9, 28), route=Route.ARBITRATION, referral_note="劳动争议仲裁",
            to_line="")
    assert p.state == State.REFERRED and not referrals.for_record(p).exists()


def test_a_referral_is_refused_without_a_line_or_reason_and_declined_with_a_note(register, staff):
    from django.core.exceptions import ValidationError

    p = register()
    with pytest.raises(ValidationError) as exc:
        referrals.refer(p, to_line="petitions", reason="x", on=date(2022, 9, 27), by=staff)
    assert "to_line" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        referrals.refer(p, to_line="reconsideration", reason=" ", on=date(2022, 9, 27), by=staff)
    assert "reason" in exc.value.message_dict
    r = referrals.refer(p, to_line="reconsideration", reason="属于行政复议范围", on=date(2022, 9, 27), by=staff)
    with pytest.raises(ValidationError):
        referrals.refer(p, to_line="reconsideration", reason="再次", on=date(2022, 9, 27), by=staff)
    with pytest.raises(ValidationError):
        referrals.decline(r, on=date(2022, 9, 28), by=staff, note="")
    r = referrals.decline(r, on=date(2022, 9, 28), by=staff, note="已超过复议申请期限")
    assert (r.state, r.decided_on) == ("declined", date(2022, 9, 28))
    with pytest.raises(ValidationError):
        referrals.take_up(r, on=date(2022, 9, 29), by=staff)

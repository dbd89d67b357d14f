"""The procedure of notarisation, as the table says: acceptance, the 15 working days with their pauses, issue,
refusal on the grounds of 第三十一条, withdrawal, review and revocation — each refusal said in words."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from sifa.core import clocks
from sifa.core.models import AuditEvent, DistrictSetting
from sifa.core.workflow import StepError, TransitionNotAllowed
from sifa.notary import clocks as rules
from sifa.notary import district, services
from sifa.notary.models import Channel, Group, Matter, State
from sifa.notary.workflow import WORKFLOW

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def run(case, name, by, on, **data):
    return WORKFLOW.run(case, name, by=by, on=on, data=data)


def test_acceptance_starts_fifteen_working_days_across_national_day(apply):
    case = apply()  # Fri 2024-09-27; 国庆 10-1..10-7, with 9-29 (Sun) and 10-12 (Sat) worked (调休)
    d = clocks.current(case, rules.ISSUE)
    assert case.state == State.ACCEPTED and case.accepted_on == date(2024, 9, 27)
    assert d.due == date(2024, 10, 23) and d.count_unit == "working_days"
    assert case.number.startswith("沪普证受〔2024〕") and case.acceptance_number.startswith("沪普证受通〔2024〕")
    assert case.group == Group.CIVIL
    assert AuditEvent.objects.filter(action="notary.registered", object_id=str(case.pk)).exists()
    assert AuditEvent.objects.filter(action="notary.accepted", object_id=str(case.pk)).exists()


def test_supplements_and_verification_are_not_counted(apply, staff):
    case = apply(received_on=date(2024, 3, 4))  # Monday: 15 working days → 3-25
    assert clocks.current(case, rules.ISSUE).due == date(2024, 3, 25)
    run(case, "request_supplement", staff, date(2024, 3, 6), reason="请补充房产证复印件。")
    assert case.state == State.PAUSED and clocks.current(case, rules.ISSUE).state == "paused"
    with pytest.raises(TransitionNotAllowed):
        run(case, "issue", staff, date(2024, 3, 7))
    run(case, "resume", staff, date(2024, 3, 13))  # a week of waiting (5 working days) not counted
    assert clocks.current(case, rules.ISSUE).due == date(2024, 4, 1)
    run(case, "start_verification", staff, date(2024, 3, 14), reason="向房管部门核实产权登记。")
    run(case, "resume", staff, date(2024, 3, 15))
    due = clocks.current(case, rules.ISSUE).due
    assert due == date(2024, 4, 2)
    run(case, "issue", staff, due)
    assert case.state == State.ISSUED and case.issued_in_time is True
    assert case.certificate_number == "（2024）沪普证字第1号" and case.closed_on == due


def test_an_issue_after_the_limit_is_late(apply, staff):
    case = apply(received_on=date(2024, 3, 4))
    run(case, "issue", staff, date(2024, 3, 26))
    assert case.issued_in_time is False
    assert clocks.for_case(case).get(rule=rules.ISSUE).state == "met"


def refuse(case, staff, head, on, **kw):
    """The three steps of a refusal: the notary's report, the head's approval, the written notice."""
    run(case, "report_refusal", staff, on, refusal_ground=kw.get("ground", "4"),
        refusal_reasons=kw.get("reasons", "当事人之间对房屋归属有争议。"))
    run(case, "approve_refusal", head, on, note="同意。")
    run(case, "refuse", staff, on, refund=kw.get("refund", "part"), refund_amount=kw.get("amount", Decimal("100")))


def test_refusal_needs_a_ground_of_article_31_and_reasons(apply, staff, head):
    case = apply()
    with pytest.raises(StepError, match="reasons"):
        run(case, "report_refusal", staff, date(2024, 9, 30), refusal_ground="4", refusal_reasons=" ")
    refuse(case, staff, head, date(2024, 9, 30))
    assert case.state == State.REFUSED and case.refusal_number.startswith("沪普证不办〔2024〕")
    assert clocks.for_case(case).get(rule=rules.ISSUE).state == "cancelled"
    with pytest.raises(TransitionNotAllowed):
        run(case, "issue", staff, date(2024, 10, 8))


def test_a_refusal_is_reported_by_the_notary_approved_by_the_head_then_notified(apply, staff, head, users):
    case = apply()
    assert case.fee == Decimal("200")  # the district's fee of an entrustment, proposed on acceptance
    with pytest.raises(TransitionNotAllowed):  # no written notice before the head approves
        run(case, "refuse", staff, date(2024, 9, 30), refund="none")
    with pytest.raises(TransitionNotAllowed):  # the head does not write the notary's report
        run(case, "report_refusal", head, date(2024, 9, 30), refusal_ground="6", refusal_reasons="拒绝补充材料。")
    run(case, "report_refusal", staff, date(2024, 9, 30), refusal_ground="6", refusal_reasons="拒绝补充材料。")
    assert case.state == State.REFUSAL_REPORTED and case.refusal_reported_on == date(2024, 9, 30)
    assert clocks.current(case, rules.ISSUE).state in ("running", "overdue")  # it runs while the head decides
    with pytest.raises(TransitionNotAllowed):  # the notary does not approve their own report
        run(case, "approve_refusal", staff, date(2024, 9, 30))
    for user in (users["leader"], users["notary"]):
        assert "approve_refusal" not in [t.name for t in WORKFLOW.available(case, user)]
    assert [t.name for t in WORKFLOW.available(case, head)] == ["approve_refusal", "return_refusal"]
    run(case, "approve_refusal", head, date(2024, 10, 8), note="同意不予办理。")
    assert case.state == State.REFUSAL_APPROVED and case.refusal_approver == "沈主任"
    assert not case.refusal_number  # no decision is numbered before the notice
    with pytest.raises(StepError, match="exceed"):
        run(case, "refuse", staff, date(2024, 10, 8), refund="part", refund_amount=Decimal("250"))
    run(case, "refuse", staff, date(2024, 10, 8), refund="part", refund_amount=Decimal("80"))
    assert case.state == State.REFUSED and case.refund_amount == Decimal("80") and case.refunded_on
    codes = list(AuditEvent.objects.filter(object_id=str(case.pk), action__startswith="notary.refus")
                 .order_by("pk").values_list("action", flat=True))
    assert codes == ["notary.refusal_reported", "notary.refusal_approved", "notary.refused"]


def test_the_head_may_send_a_report_back_and_the_application_is_where_it_stood(apply, staff, head):
    case = apply(received_on=date(2024, 3, 4))
    run(case, "request_supplement", staff, date(2024, 3, 6), reason="请补充房产证复印件。")
    run(case, "report_refusal", staff, date(2024, 3, 8), refusal_ground="6", refusal_reasons="未补充材料。")
    with pytest.raises(StepError, match="why"):
        run(case, "return_refusal", head, date(2024, 3, 8), note=" ")
    run(case, "return_refusal", head, date(2024, 3, 8), note="再给当事人一周时间补充。")
    assert case.state == State.PAUSED and case.refusal_reported_on is None
    assert case.refusal_approval_note == "再给当事人一周时间补充。"
    case = apply(received_on=date(2024, 3, 4))
    run(case, "report_refusal", staff, date(2024, 3, 8), refusal_ground="4", refusal_reasons="有争议。")
    run(case, "return_refusal", head, date(2024, 3, 8), note="争议已解决。")
    assert case.state == State.ACCEPTED


def test_a_withdrawal_refunds_the_fee_as_decided(apply, staff):
    case = apply()
    run(case, "record_fee", staff, date(2024, 9, 27), fee=Decimal("300"))
    run(case, "withdraw", staff, date(2024, 9, 30), withdrawal_reason="当事人撤回", refund="full")
    assert case.state == State.WITHDRAWN and case.refund_amount == Decimal("300")


def test_an_online_application_waits_for_acceptance(apply, staff):
    case = apply(channel=Channel.ZERO_VISIT, accept_now=False, received_on=date(2024, 3, 4))
    assert case.state == State.APPLIED and case.receipt_number.startswith("GZ")
    assert clocks.current(case, rules.ACCEPTANCE).due == date(2024, 3, 6)
    assert clocks.current(case, rules.ISSUE) is None
    run(case, "accept", staff, date(2024, 3, 5), notary="沈丽")
    assert clocks.for_case(case).get(rule=rules.ACCEPTANCE).state == "met"
    assert clocks.current(case, rules.ISSUE).start == date(2024, 3, 5)


def test_a_will_is_never_a_no_visit_application(apply):
    with pytest.raises(StepError, match="Art 26") as e:
        apply(matter=Matter.WILL, channel=Channel.ZERO_VISIT, accept_now=False)
    assert e.value.field == "channel"
    assert apply(matter=Matter.WILL, channel=Channel.ONE_VISIT, accept_now=False).state == State.APPLIED


def test_the_group_follows_the_district_list_and_use_abroad(apply):
    assert apply(matter=Matter.CONTRACT).group == Group.ECONOMIC
    assert apply(matter=Matter.KINSHIP, for_use_abroad=True).group == Group.FOREIGN
    DistrictSetting.objects.create(key=district.ECONOMIC, value="contract，articles")
    assert district.economic_matters() == {"contract", "articles"}
    assert apply(matter=Matter.DEPOSIT).group == Group.CIVIL


def test_review_upholds_corrects_or_revokes(apply, staff):
    case = apply(received_on=date(2024, 3, 4))
    run(case, "issue", staff, date(2024, 3, 8))
    run(case, "request_review", staff, date(2024, 4, 1), review_requester="利害关系人", review_grounds="日期有误")
    assert case.state == State.UNDER_REVIEW and clocks.current(case, rules.REVIEW).due == date(2024, 5, 6)  # 5-1 falls in 劳动节 (5-1..5-5)
    run(case, "correct", staff, date(2024, 4, 10), review_reasons="更正签署日期。")
    assert case.state == State.ISSUED and case.review_outcome == "corrected"
    run(case, "request_review", staff, date(2024, 5, 6), review_requester="申请人之子", review_grounds="材料虚假")
    assert case.review_outcome == ""
    run(case, "extend_review", staff, date(2024, 6, 1), days=10, reason="需向外地核实")
    run(case, "revoke", staff, date(2024, 6, 10), review_reasons="公证书内容与事实不符，撤销并公告。")
    assert case.state == State.REVOKED and case.closed_on == date(2024, 6, 10)
    with pytest.raises(StepError):
        run(case, "request_review", staff, date(2024, 6, 11), review_requester="x", review_grounds="y")


def test_the_leader_may_not_take_a_step(apply, users):
    case = apply()
    with pytest.raises(TransitionNotAllowed):
        run(case, "issue", users["leader"], date(2024, 9, 30))


def test_registration_needs_a_notary_office(units, staff):
    with pytest.raises(StepError, match="notary office"):
        services.application_register(unit=units["PT-FYZX"], by=staff, name="王", received_on=date(2024, 3, 4),
                                      channel="window", matter=Matter.GIFT)

"""The procedure of legal aid, as the table says: review, materials, decision, assignment, closing, termination,
objections — with their clocks, each refusal said in words, and documents numbered."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from sifa.core import clocks
from sifa.core.models import AuditEvent
from sifa.core.workflow import StepError, TransitionNotAllowed
from sifa.legalaid import clocks as rules
from sifa.legalaid import services
from sifa.legalaid.hardship import Inputs, assess
from sifa.legalaid.models import HardshipResult, HardshipStandard, ObjectionOutcome, State
from sifa.legalaid.workflow import WORKFLOW

from .conftest import ELIGIBLE

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def run(case, name, by, on, **data):
    return WORKFLOW.run(case, name, by=by, on=on, data=data)


def test_an_application_starts_the_seven_day_review(apply):
    case = apply()
    d = clocks.current(case, rules.DECISION)
    assert case.state == State.RECEIVED and case.number.startswith("普法援〔2024〕")
    assert d.due == date(2024, 3, 11)  # 7 calendar days from 3-4
    assert AuditEvent.objects.filter(action="legalaid.registered", object_id=str(case.pk)).exists()


def test_the_review_ending_on_a_holiday_moves_to_the_next_working_day(apply):
    case = apply(received_on=date(2024, 9, 24))  # 7 days: 10-1, 国庆 (10-1..10-7)
    assert clocks.current(case, rules.DECISION).due == date(2024, 10, 8)


def test_grant_needs_a_check_showing_hardship(apply, staff, standard):
    case = apply()
    with pytest.raises(TransitionNotAllowed, match="no economic-hardship check"):
        run(case, "grant", staff, date(2024, 3, 6), service_form="litigation")
    run(case, "check_hardship", staff, date(2024, 3, 5), method="pledge", household_size=2,
        household_monthly_income=Decimal("9000"), property_within_limit=True, pledge_signed=True)
    with pytest.raises(TransitionNotAllowed, match="above the standard"):
        run(case, "grant", staff, date(2024, 3, 6), service_form="litigation")
    run(case, "check_hardship", staff, date(2024, 3, 6), **ELIGIBLE)
    run(case, "grant", staff, date(2024, 3, 6), service_form="litigation")
    assert case.state == State.GRANTED and case.decided_in_time is True and case.accepted_on == date(2024, 3, 6)
    assert case.decision_number.startswith("普法援给字〔2024〕")
    assert clocks.for_case(case).get(rule=rules.DECISION).state == "met"
    assert clocks.current(case, rules.ASSIGNMENT).due == date(2024, 3, 11)  # 3 days from 3-6 is Sat 3-9 → Mon


def test_the_check_records_the_standard_it_used_and_what_is_missing(apply, staff, standard):
    case = apply()
    check = run(case, "check_hardship", staff, date(2024, 3, 5), method="pledge", household_size=3)
    assert check.result == HardshipResult.INCOMPLETE and check.standard == standard
    assert set(check.missing) == {"household_monthly_income", "property_within_limit", "pledge_signed"}
    assert "household monthly disposable income" in check.explanation


def test_assess_uses_the_dated_standard():
    old = HardshipStandard(effective_from=date(2024, 7, 1), monthly_income_per_capita=Decimal("3190"))
    inputs = Inputs(method="information_sharing", household_size=2, household_monthly_income=Decimal("6380"),
                    property_within_limit=True)
    assert assess(inputs, old).result == HardshipResult.ELIGIBLE  # 3,190 a head: at the standard
    assert assess(Inputs(**{**inputs.__dict__, "household_monthly_income": Decimal("6382")}), old).result \
        == HardshipResult.NOT_ELIGIBLE
    assert assess(Inputs(method="exempt", exempt_ground="42-3"), None).result == HardshipResult.EXEMPT
    assert "standard" in assess(inputs, None).missing


def test_materials_pause_the_review_and_only_one_notice_is_allowed(apply, staff):
    case = apply()
    run(case, "request_materials", staff, date(2024, 3, 6), materials="劳动合同、工资流水")
    d = clocks.current(case, rules.DECISION)
    assert d.state == "paused" and case.materials_due == date(2024, 3, 18)  # 10 days: Sat 3-16 → Mon 3-18
    run(case, "receive_materials", staff, date(2024, 3, 12))
    d = clocks.current(case, rules.DECISION)
    # 6 days excluded (3-6..3-11): 3-11 + 6 = Sun 3-17 → Mon 3-18
    assert d.state in ("running", "overdue") and d.due == date(2024, 3, 18)
    with pytest.raises(TransitionNotAllowed, match="one-time notice"):
        run(case, "request_materials", staff, date(2024, 3, 13), materials="再补")


def test_no_materials_by_the_day_means_withdrawn_not_before(apply, staff):
    case = apply()
    run(case, "request_materials", staff, date(2024, 3, 6), materials="身份证明")
    with pytest.raises(TransitionNotAllowed, match="until 2024-03-18"):
        run(case, "deem_withdrawn", staff, date(2024, 3, 18))
    run(case, "deem_withdrawn", staff, date(2024, 3, 19))
    assert case.state == State.WITHDRAWN and case.closed_on == date(2024, 3, 19)
    assert not clocks.for_case(case).filter(state__in=clocks.OPEN_STATES).exists()


def test_a_refusal_needs_reasons_and_can_be_objected_to(apply, staff, users):
    case = apply()
    with pytest.raises(StepError, match="reasons in writing") as info:
        run(case, "refuse", staff, date(2024, 3, 7), refusal_ground="not_hardship", refusal_reasons=" ")
    assert info.value.field == "refusal_reasons" and case.state == State.RECEIVED
    run(case, "refuse", staff, date(2024, 3, 7), refusal_ground="not_hardship", refusal_reasons="家庭人均收入超过标准。")
    assert case.state == State.REFUSED and case.closed_on == date(2024, 3, 7)
    assert case.decision_number.startswith("普法援不字")
    with pytest.raises(TransitionNotAllowed, match="You may not"):
        run(case, "object_to_refusal", staff, date(2024, 3, 8), grounds="不服")  # the bureau decides, not the centre
    leader = users["leader"]
    run(case, "object_to_refusal", leader, date(2024, 3, 8), grounds="收入计算有误")
    assert case.state == State.REFUSAL_OBJECTED and case.closed_on is None
    assert clocks.current(case, rules.OBJECTION).due == date(2024, 3, 13)
    run(case, "correct_refusal", leader, date(2024, 3, 12), reasons="申请人家庭人口应为四人。")
    assert case.state == State.GRANTED and case.objections.get().outcome == ObjectionOutcome.CORRECTED
    assert clocks.current(case, rules.ASSIGNMENT) is not None


def test_provisional_aid_is_granted_before_the_review_ends(apply, staff, firm):
    case = apply()
    run(case, "request_materials", staff, date(2024, 3, 5), materials="证据材料")
    run(case, "provide_provisionally", staff, date(2024, 3, 6), provisional_ground="1")
    assert case.state == State.GRANTED and case.decision == "provisional"
    assert not clocks.for_case(case).filter(rule__in=[rules.DECISION, rules.MATERIALS],
                                            state__in=clocks.OPEN_STATES).exists()
    run(case, "assign", staff, date(2024, 3, 8), law_firm=firm, lawyer="陈律师")
    assert case.assigned_in_time is True and case.assignment_number.startswith("普法援指字")


def test_a_notified_case_is_assigned_within_three_days(centre, staff, firm, units):
    case = services.notification_register(
        unit=centre, by=staff, name="未成年甲", received_on=date(2024, 4, 29), notifying_organ="court",
        notifying_unit=units["PT-FY"], notice_number="（2024）沪0107刑初1号", mandatory_ground="1", matter="盗窃案")
    assert case.state == State.GRANTED and case.accepted_on == date(2024, 4, 29)
    # 3 days from 4-29 is 5-2, inside 劳动节 (5-1..5-5): due the next working day
    assert clocks.current(case, rules.NOTIFIED_ASSIGNMENT).due == date(2024, 5, 6)
    with pytest.raises(TransitionNotAllowed, match="Under review"):
        run(case, "grant", staff, date(2024, 4, 30))
    with pytest.raises(StepError, match="registered already"):
        services.notification_register(unit=centre, by=staff, name="未成年甲", received_on=date(2024, 4, 29),
                                       notifying_organ="court", notice_number="（2024）沪0107刑初1号",
                                       mandatory_ground="1", matter="盗窃案")
    run(case, "assign", staff, date(2024, 5, 7), law_firm=firm, lawyer="林律师")
    assert case.assigned_in_time is False  # late: due 5-6


def test_closing_and_termination_with_grounds(apply, staff, firm, standard, users):
    a, b = apply(), apply(name="李援助")
    for case in (a, b):
        run(case, "check_hardship", staff, date(2024, 3, 5), **ELIGIBLE)
        run(case, "grant", staff, date(2024, 3, 5), service_form="litigation")
        run(case, "assign", staff, date(2024, 3, 6), law_firm=firm, lawyer="陈律师")
    with pytest.raises(StepError, match="before the assignment"):
        run(a, "report_progress", staff, date(2024, 3, 5), note="x")
    run(a, "report_progress", staff, date(2024, 4, 1), stage="一审", note="已立案")
    run(a, "close", staff, date(2024, 6, 1), outcome="一审胜诉，已提交判决书副本和结案报告。")
    assert a.state == State.CLOSED and a.closed_on == date(2024, 6, 1) and a.reports.count() == 1
    run(b, "terminate", staff, date(2024, 4, 2), termination_ground="6", termination_reasons="受援人自行委托律师")
    assert b.state == State.TERMINATED and b.termination_number.startswith("普法援终字")
    leader = users["leader"]
    run(b, "object_to_termination", leader, date(2024, 4, 3), grounds="并未委托")
    run(b, "uphold_termination", leader, date(2024, 4, 8), reasons="经核实已委托律师")
    assert b.state == State.TERMINATED and b.closed_on == date(2024, 4, 8)
    assert clocks.for_case(b).get(rule=rules.OBJECTION).state == "met"


def test_a_stale_version_and_a_future_date_are_refused(apply, staff):
    from sifa.core.locking import ConflictError

    case = apply()
    with pytest.raises(ConflictError):
        WORKFLOW.run(case, "request_materials", by=staff, on=date(2024, 3, 5), data={"materials": "x"},
                     expected_version=case.version + 5)
    with pytest.raises(StepError, match="before the receipt"):
        run(case, "check_hardship", staff, date(2024, 3, 1), **ELIGIBLE)


def test_a_correction_of_the_receipt_restarts_the_review_until_the_review_moves_on(apply, staff, standard):
    from django.core.exceptions import ValidationError

    from sifa.core import corrections

    case = apply()
    corrections.correct(case, {"received_on": date(2024, 3, 5)}, reason="登记日期录入错误", by=staff,
                        expected_version=case.version)
    assert clocks.current(case, rules.DECISION).due == date(2024, 3, 12)
    run(case, "check_hardship", staff, date(2024, 3, 6), **ELIGIBLE)
    with pytest.raises(ValidationError):
        corrections.correct(case, {"received_on": date(2024, 3, 4)}, reason="再改", by=staff,
                            expected_version=case.version)


def test_every_step_writes_a_registered_event_and_cites_its_basis_in_chinese():
    from sifa.core import events

    case = type("C", (), {"_meta": type("M", (), {"app_label": "legalaid"})})()
    codes = {t.name: WORKFLOW.event_code(case, t) for t in WORKFLOW}
    assert all(events.kind(code) is not None for code in codes.values()), codes
    assert all("《法律援助法》" in t.basis or "《法律援助条例》" in t.basis for t in WORKFLOW)


def test_the_period_for_materials_may_be_extended_up_to_ten_days(apply, staff):
    case = apply()
    run(case, "request_materials", staff, date(2024, 3, 6), materials="身份证明")
    run(case, "extend_materials", staff, date(2024, 3, 15), days=7, reason="申请人住院")
    assert case.materials_due == clocks.current(case, rules.MATERIALS).due == date(2024, 3, 25)  # 3-23 is a Saturday
    with pytest.raises(StepError, match="at most"):
        run(case, "extend_materials", staff, date(2024, 3, 16), days=4, reason="再延")
    with pytest.raises(TransitionNotAllowed, match="until 2024-03-25"):
        run(case, "deem_withdrawn", staff, date(2024, 3, 20))

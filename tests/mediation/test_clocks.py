"""The court's mediation period and the judicial-confirmation window."""

from __future__ import annotations

from datetime import date

import pytest

from sifa.core import clocks
from sifa.core.models.clocks import DeadlineState
from sifa.core.workflow import StepError
from sifa.mediation import clocks as rules
from sifa.mediation import services
from sifa.mediation.models import AgreementForm, ReferralKind
from sifa.mediation.services import PartyInput
from sifa.mediation.workflow import WORKFLOW


@pytest.fixture
def referral(committee, court, neighbour_type, mediator_user):
    def _make(on=date(2022, 6, 1), kind=ReferralKind.DELEGATED):
        return services.prelitigation_receive(
            unit=committee, court=court, court_reference="(2022)沪0107民诉前调123号", dispute_type=neighbour_type,
            parties=[PartyInput("周丙"), PartyInput("吴丁", role="respondent")], by=mediator_user, on=on,
            referral_kind=kind, referred_on=date(2022, 5, 30))

    return _make


def test_signing_for_a_delegated_referral_starts_thirty_days(referral):
    d = referral()
    clock = clocks.current(d, rules.DELEGATED)
    assert clock.start == date(2022, 6, 1)
    assert clock.due == date(2022, 7, 1)  # 30 days, start day not counted
    assert "特邀调解" in clock.basis


def test_an_entrusted_referral_runs_fifteen_or_seven_days(referral):
    ordinary = clocks.current(referral(kind=ReferralKind.ENTRUSTED_ORDINARY), rules.ENTRUSTED_ORDINARY)
    simplified = clocks.current(referral(kind=ReferralKind.ENTRUSTED_SIMPLIFIED), rules.ENTRUSTED_SIMPLIFIED)
    assert ordinary.due == date(2022, 6, 16)
    assert simplified.due == date(2022, 6, 8)


def test_a_period_ending_on_a_rest_day_moves_to_the_next_working_day(referral):
    d = referral(on=date(2022, 8, 31))  # 30 days → 2022-09-30 (Friday, workday)
    assert clocks.current(d, rules.DELEGATED).due == date(2022, 9, 30)
    d2 = referral(on=date(2022, 9, 1))  # 30 days → 2022-10-01, National Day → first workday 2022-10-08
    assert clocks.current(d2, rules.DELEGATED).due == date(2022, 10, 8)


def test_both_parties_agreeing_extends_the_period(referral, mediator_user):
    d = referral()
    WORKFLOW.run(d, "extend_period", by=mediator_user, on=date(2022, 6, 28), data={"days": 15})
    clock = clocks.current(d, rules.DELEGATED)
    assert clock.due == date(2022, 7, 18) and clock.original_due == date(2022, 7, 1)
    assert "双方当事人同意" in clocks.explain(clock) or "both parties" in clocks.explain(clock)


def test_a_peoples_mediation_has_no_period_to_extend(mediating, mediator_user):
    from sifa.core.workflow import TransitionNotAllowed

    with pytest.raises(TransitionNotAllowed, match="人民法院委派"):
        WORKFLOW.run(mediating(), "extend_period", by=mediator_user, on=date(2022, 3, 3), data={"days": 10})


def test_the_agreement_meets_the_courts_period(referral, mediator_user):
    d = referral()
    WORKFLOW.run(d, "hold_session", by=mediator_user, on=date(2022, 6, 10), data={"record": "调解"})
    WORKFLOW.run(d, "agree", by=mediator_user, on=date(2022, 6, 20), data={"form": AgreementForm.WRITTEN, "terms": "x"})
    clock = clocks.for_case(d).get(rule=rules.DELEGATED)
    assert clock.state == DeadlineState.MET and clock.met_on == date(2022, 6, 20)


def test_a_refusal_cancels_the_courts_period(referral, mediator_user):
    d = referral()
    WORKFLOW.run(d, "refuse", by=mediator_user, on=date(2022, 6, 3), data={"party_name": "吴丁"})
    assert clocks.for_case(d).get(rule=rules.DELEGATED).state == DeadlineState.CANCELLED


def test_intending_judicial_confirmation_starts_the_thirty_day_window(mediating, mediator_user, court):
    d = mediating()
    WORKFLOW.run(d, "agree", by=mediator_user, on=date(2022, 3, 8), data={"form": AgreementForm.WRITTEN, "terms": "x", "seek_confirmation": True})
    window = clocks.current(d, rules.CONFIRMATION)
    assert window.due == date(2022, 4, 7) and "人民调解法 第三十三条" in window.basis
    WORKFLOW.run(d, "apply_confirmation", by=mediator_user, on=date(2022, 3, 20), data={"court": court})
    window.refresh_from_db()
    assert window.state == DeadlineState.MET


def test_the_confirmation_rule_cites_the_2023_civil_procedure_law_from_2024(mediating, mediator_user):
    d = mediating(on=date(2024, 3, 1))
    WORKFLOW.run(d, "agree", by=mediator_user, on=date(2024, 3, 8), data={"form": AgreementForm.WRITTEN, "terms": "x", "seek_confirmation": True})
    assert "第二百零五条" in clocks.current(d, rules.CONFIRMATION).basis


def test_performance_closes_an_unused_confirmation_window(mediating, mediator_user):
    d = mediating()
    WORKFLOW.run(d, "agree", by=mediator_user, on=date(2022, 3, 8), data={"form": AgreementForm.WRITTEN, "terms": "x", "seek_confirmation": True})
    WORKFLOW.run(d, "perform", by=mediator_user, on=date(2022, 3, 10))
    assert clocks.for_case(d).get(rule=rules.CONFIRMATION).state == DeadlineState.CANCELLED


def test_a_clock_reaching_an_unknown_year_is_a_clear_error(referral, settings):
    from sifa.core import calendar

    calendar.invalidate()
    with pytest.raises(StepError) as exc:
        referral(on=date(2027, 6, 1))
    assert "2027" in exc.value.message

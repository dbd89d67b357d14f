"""Each step of the procedure, and the steps the law does not allow."""

from __future__ import annotations

from datetime import date

import pytest

from sifa.core import audit, clocks
from sifa.core.cases import ConflictError
from sifa.core.workflow import StepError, TransitionNotAllowed
from sifa.mediation.models import AgreementForm, Confirmation, DisputeState, Performance, PoliceReport, Source
from sifa.mediation.workflow import WORKFLOW


def test_registration_numbers_the_dispute_in_the_committees_series(make_dispute):
    first, second = make_dispute(), make_dispute()
    assert first.state == DisputeState.REGISTERED
    assert first.number == "长寿调〔2022〕1号" and second.number == "长寿调〔2022〕2号"
    assert [link.party.name for link in first.dispute_parties.all()] == ["王甲", "李乙"]
    assert audit.events_for(first).filter(action="mediation.dispute.registered").exists()


def test_a_dispute_belongs_to_a_mediation_committee(make_dispute, centre):
    with pytest.raises(StepError) as exc:
        make_dispute(unit=centre)
    assert exc.value.field == "unit"


def test_acceptance_then_a_session_puts_the_dispute_in_mediation(make_dispute, mediator_user, mediators):
    d = make_dispute()
    WORKFLOW.run(d, "accept", by=mediator_user, on=date(2022, 3, 2))
    assert d.state == DisputeState.ACCEPTED and d.accepted_on == date(2022, 3, 2)
    session = WORKFLOW.run(d, "hold_session", by=mediator_user, on=date(2022, 3, 4), data={"place": "居委会", "mediators": mediators[:1], "record": "听取双方陈述"})
    d.refresh_from_db()
    assert d.state == DisputeState.MEDIATING
    assert list(session.mediators.all()) == mediators[:1]
    assert list(d.mediators.all()) == mediators[:1]


def test_a_party_refusing_ends_the_matter_before_mediation(make_dispute, mediator_user):
    d = make_dispute()
    WORKFLOW.run(d, "refuse", by=mediator_user, on=date(2022, 3, 3), data={"party_name": "李乙"})
    assert d.state == DisputeState.REFUSED and d.closed_on == date(2022, 3, 3)
    with pytest.raises(TransitionNotAllowed) as exc:
        WORKFLOW.run(d, "accept", by=mediator_user, on=date(2022, 3, 4))
    assert "拒绝" in str(exc.value) or "refused" in str(exc.value).lower()


def test_refusal_needs_the_name_of_the_party(make_dispute, mediator_user):
    with pytest.raises(StepError) as exc:
        WORKFLOW.run(make_dispute(), "refuse", by=mediator_user, data={"party_name": " "})
    assert exc.value.field == "party_name"


def test_an_agreement_cannot_be_recorded_before_acceptance(make_dispute, mediator_user):
    d = make_dispute()
    with pytest.raises(TransitionNotAllowed):
        WORKFLOW.run(d, "agree", by=mediator_user, on=date(2022, 3, 3), data={"form": AgreementForm.ORAL, "terms": "赔偿500元"})


def test_an_agreement_may_be_reached_at_the_first_sitting(make_dispute, mediator_user):
    d = make_dispute()
    WORKFLOW.run(d, "accept", by=mediator_user, on=date(2022, 3, 2))
    WORKFLOW.run(d, "agree", by=mediator_user, on=date(2022, 3, 2), data={"form": AgreementForm.ORAL, "terms": "赔偿500元"})
    assert d.state == DisputeState.AGREED


def test_a_written_agreement_takes_the_committees_agreement_number(mediating, mediator_user):
    d = mediating()
    agreement = WORKFLOW.run(d, "agree", by=mediator_user, on=date(2022, 3, 8), data={"form": AgreementForm.WRITTEN, "terms": "李乙赔偿王甲800元。"})
    d.refresh_from_db()
    assert d.state == DisputeState.AGREED and d.agreed_on == date(2022, 3, 8)
    assert agreement.number == "（2022）长寿调协字第1号"
    oral = WORKFLOW.run(mediating(), "agree", by=mediator_user, on=date(2022, 3, 9), data={"form": AgreementForm.ORAL, "terms": "互相谅解"})
    assert oral.number == ""


def test_failure_records_the_routes_explained_to_the_parties(mediating, mediator_user):
    d = mediating()
    with pytest.raises(StepError) as exc:
        WORKFLOW.run(d, "fail", by=mediator_user, on=date(2022, 3, 9), data={"routes": []})
    assert exc.value.field == "routes"
    WORKFLOW.run(d, "fail", by=mediator_user, on=date(2022, 3, 9), data={"routes": ["court", "arbitration"]})
    assert d.state == DisputeState.FAILED and d.other_routes == ["court", "arbitration"]


def test_withdrawal_is_possible_while_the_matter_is_open_only(mediating, mediator_user):
    d = mediating()
    WORKFLOW.run(d, "withdraw", by=mediator_user, on=date(2022, 3, 5))
    assert d.state == DisputeState.WITHDRAWN
    with pytest.raises(TransitionNotAllowed):
        WORKFLOW.run(d, "withdraw", by=mediator_user, on=date(2022, 3, 6))


def test_performance_and_breach_are_followed_after_the_agreement(mediating, mediator_user):
    d = mediating()
    WORKFLOW.run(d, "agree", by=mediator_user, on=date(2022, 3, 8), data={"form": AgreementForm.ORAL, "terms": "三日内修复"})
    WORKFLOW.run(d, "perform", by=mediator_user, on=date(2022, 3, 12))
    assert d.state == DisputeState.PERFORMED and d.agreement.performance == Performance.PERFORMED
    other = mediating()
    WORKFLOW.run(other, "agree", by=mediator_user, on=date(2022, 3, 8), data={"form": AgreementForm.ORAL, "terms": "三日内修复"})
    WORKFLOW.run(other, "breach", by=mediator_user, on=date(2022, 3, 20))
    assert other.state == DisputeState.BREACHED
    with pytest.raises(TransitionNotAllowed):
        WORKFLOW.run(other, "perform", by=mediator_user, on=date(2022, 3, 21))


def test_judicial_confirmation_round_trip_and_mediation_again_after_invalidity(mediating, mediator_user, court):
    d = mediating()
    WORKFLOW.run(d, "agree", by=mediator_user, on=date(2022, 3, 8), data={"form": AgreementForm.WRITTEN, "terms": "分期付款", "seek_confirmation": True})
    WORKFLOW.run(d, "apply_confirmation", by=mediator_user, on=date(2022, 3, 15), data={"court": court})
    WORKFLOW.run(d, "confirmation_ruling", by=mediator_user, on=date(2022, 3, 25), data={"confirmed": False, "reference": "(2022)沪0107民特1号"})
    assert d.agreement.confirmation == Confirmation.INVALID
    WORKFLOW.run(d, "remediate", by=mediator_user, on=date(2022, 3, 28))
    assert d.state == DisputeState.MEDIATING
    WORKFLOW.run(d, "agree", by=mediator_user, on=date(2022, 4, 2), data={"form": AgreementForm.WRITTEN, "terms": "一次性付清"})
    d.refresh_from_db()
    assert d.agreements.count() == 2 and d.agreed_on == date(2022, 3, 8)  # settled once, on its first agreement


def test_mediation_again_needs_an_invalid_ruling(mediating, mediator_user):
    d = mediating()
    WORKFLOW.run(d, "agree", by=mediator_user, on=date(2022, 3, 8), data={"form": AgreementForm.WRITTEN, "terms": "x"})
    with pytest.raises(TransitionNotAllowed, match="确认调解协议无效"):
        WORKFLOW.run(d, "remediate", by=mediator_user, on=date(2022, 3, 9))


def test_an_oral_agreement_cannot_go_to_judicial_confirmation(mediating, mediator_user):
    with pytest.raises(StepError) as exc:
        WORKFLOW.run(mediating(), "agree", by=mediator_user, on=date(2022, 3, 8), data={"form": AgreementForm.ORAL, "terms": "x", "seek_confirmation": True})
    assert exc.value.field == "seek_confirmation"


def test_a_risk_reported_to_the_police_is_recorded_and_flags_the_dispute(mediating, mediator_user, units):
    d = mediating()
    WORKFLOW.run(d, "report_to_police", by=mediator_user, on=date(2022, 3, 5), data={"police_unit": units["PT-GAFJ"], "risk": "criminal", "note": "一方扬言报复"})
    d.refresh_from_db()
    assert d.risk_criminal and PoliceReport.objects.filter(dispute=d, reported_on=date(2022, 3, 5)).exists()
    with pytest.raises(StepError) as exc:
        WORKFLOW.run(d, "report_to_police", by=mediator_user, data={"police_unit": units["PT-FGJ"], "risk": "criminal"})
    assert exc.value.field == "police_unit"


def test_a_stale_version_is_refused_with_the_conflict_message(make_dispute, mediator_user):
    d = make_dispute()
    stale = d.version
    WORKFLOW.run(d, "accept", by=mediator_user, on=date(2022, 3, 2), expected_version=stale)
    again = type(d).objects.get(pk=d.pk)
    again.state = DisputeState.ACCEPTED
    with pytest.raises(ConflictError):
        WORKFLOW.run(again, "withdraw", by=mediator_user, on=date(2022, 3, 3), expected_version=stale)


def test_a_user_without_the_permission_cannot_take_a_step(make_dispute, users):
    with pytest.raises(TransitionNotAllowed):
        WORKFLOW.run(make_dispute(), "accept", by=users["stats"], on=date(2022, 3, 2))


def test_dates_cannot_run_backwards(make_dispute, mediator_user):
    with pytest.raises(StepError):
        WORKFLOW.run(make_dispute(on=date(2022, 3, 5)), "accept", by=mediator_user, on=date(2022, 3, 1))


def test_no_clock_runs_on_ordinary_peoples_mediation(mediating, mediator_user):
    d = mediating()
    assert not clocks.for_case(d).exists()
    assert d.source == Source.APPLICATION


def test_an_oral_agreement_is_not_sent_for_judicial_confirmation(mediating, mediator_user, court):
    d = mediating()
    WORKFLOW.run(d, "agree", by=mediator_user, on=date(2022, 3, 8), data={"form": AgreementForm.ORAL, "terms": "x"})
    with pytest.raises(TransitionNotAllowed, match="书面调解协议"):
        WORKFLOW.run(d, "apply_confirmation", by=mediator_user, on=date(2022, 3, 9), data={"court": court})


def test_the_courts_ruling_needs_an_application_first(mediating, mediator_user):
    d = mediating()
    WORKFLOW.run(d, "agree", by=mediator_user, on=date(2022, 3, 8), data={"form": AgreementForm.WRITTEN, "terms": "x"})
    with pytest.raises(TransitionNotAllowed, match="共同申请司法确认"):
        WORKFLOW.run(d, "confirmation_ruling", by=mediator_user, on=date(2022, 3, 9), data={"confirmed": True})

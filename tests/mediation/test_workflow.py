"""Each step of the procedure, and the steps the law does not allow."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from sifa.core import audit, clocks
from sifa.core.cases import ConflictError
from sifa.core.workflow import TransitionNotAllowed
from sifa.mediation import services
from sifa.mediation.models import AgreementForm, Confirmation, DisputeState, Performance, PoliceReport, Source


def test_registration_numbers_the_dispute_in_the_committees_series(make_dispute):
    first, second = make_dispute(), make_dispute()
    assert first.state == DisputeState.REGISTERED
    assert first.number == "长寿调〔2022〕1号" and second.number == "长寿调〔2022〕2号"
    assert [link.party.name for link in first.dispute_parties.all()] == ["王甲", "李乙"]
    assert audit.events_for(first).filter(action="mediation.dispute.registered").exists()


def test_a_dispute_belongs_to_a_mediation_committee(make_dispute, centre):
    with pytest.raises(ValidationError) as exc:
        make_dispute(unit=centre)
    assert "unit" in exc.value.message_dict


def test_acceptance_then_a_session_puts_the_dispute_in_mediation(make_dispute, mediator_user, mediators):
    d = make_dispute()
    services.dispute_accept(dispute=d, by=mediator_user, on=date(2022, 3, 2))
    assert d.state == DisputeState.ACCEPTED and d.accepted_on == date(2022, 3, 2)
    session = services.dispute_hold_session(dispute=d, by=mediator_user, on=date(2022, 3, 4), place="居委会",
                                            mediators=mediators[:1], record="听取双方陈述")
    d.refresh_from_db()
    assert d.state == DisputeState.MEDIATING
    assert list(session.mediators.all()) == mediators[:1]
    assert list(d.mediators.all()) == mediators[:1]


def test_a_party_refusing_ends_the_matter_before_mediation(make_dispute, mediator_user):
    d = make_dispute()
    services.dispute_refuse(dispute=d, party_name="李乙", by=mediator_user, on=date(2022, 3, 3))
    assert d.state == DisputeState.REFUSED and d.closed_on == date(2022, 3, 3)
    with pytest.raises(TransitionNotAllowed) as exc:
        services.dispute_accept(dispute=d, by=mediator_user, on=date(2022, 3, 4))
    assert "拒绝" in str(exc.value) or "refused" in str(exc.value).lower()


def test_refusal_needs_the_name_of_the_party(make_dispute, mediator_user):
    with pytest.raises(ValidationError) as exc:
        services.dispute_refuse(dispute=make_dispute(), party_name=" ", by=mediator_user)
    assert "party_name" in exc.value.message_dict


def test_an_agreement_cannot_be_recorded_before_acceptance(make_dispute, mediator_user):
    d = make_dispute()
    with pytest.raises(TransitionNotAllowed):
        services.dispute_record_agreement(dispute=d, form=AgreementForm.ORAL, terms="赔偿500元", by=mediator_user,
                                          on=date(2022, 3, 3))


def test_an_agreement_may_be_reached_at_the_first_sitting(make_dispute, mediator_user):
    d = make_dispute()
    services.dispute_accept(dispute=d, by=mediator_user, on=date(2022, 3, 2))
    services.dispute_record_agreement(dispute=d, form=AgreementForm.ORAL, terms="赔偿500元", by=mediator_user,
                                      on=date(2022, 3, 2))
    assert d.state == DisputeState.AGREED


def test_a_written_agreement_takes_the_committees_agreement_number(mediating, mediator_user):
    d = mediating()
    agreement = services.dispute_record_agreement(dispute=d, form=AgreementForm.WRITTEN, terms="李乙赔偿王甲800元。",
                                                  by=mediator_user, on=date(2022, 3, 8))
    d.refresh_from_db()
    assert d.state == DisputeState.AGREED and d.agreed_on == date(2022, 3, 8)
    assert agreement.number == "（2022）长寿调协字第1号"
    oral = services.dispute_record_agreement(dispute=mediating(), form=AgreementForm.ORAL, terms="互相谅解",
                                             by=mediator_user, on=date(2022, 3, 9))
    assert oral.number == ""


def test_failure_records_the_routes_explained_to_the_parties(mediating, mediator_user):
    d = mediating()
    with pytest.raises(ValidationError) as exc:
        services.dispute_fail(dispute=d, routes=[], by=mediator_user, on=date(2022, 3, 9))
    assert "routes" in exc.value.message_dict
    services.dispute_fail(dispute=d, routes=["court", "arbitration"], by=mediator_user, on=date(2022, 3, 9))
    assert d.state == DisputeState.FAILED and d.other_routes == ["court", "arbitration"]


def test_withdrawal_is_possible_while_the_matter_is_open_only(mediating, mediator_user):
    d = mediating()
    services.dispute_withdraw(dispute=d, by=mediator_user, on=date(2022, 3, 5))
    assert d.state == DisputeState.WITHDRAWN
    with pytest.raises(TransitionNotAllowed):
        services.dispute_withdraw(dispute=d, by=mediator_user, on=date(2022, 3, 6))


def test_performance_and_breach_are_followed_after_the_agreement(mediating, mediator_user):
    d = mediating()
    services.dispute_record_agreement(dispute=d, form=AgreementForm.ORAL, terms="三日内修复", by=mediator_user,
                                      on=date(2022, 3, 8))
    services.dispute_record_performance(dispute=d, performed=True, by=mediator_user, on=date(2022, 3, 12))
    assert d.state == DisputeState.PERFORMED and d.agreement.performance == Performance.PERFORMED
    other = mediating()
    services.dispute_record_agreement(dispute=other, form=AgreementForm.ORAL, terms="三日内修复", by=mediator_user,
                                      on=date(2022, 3, 8))
    services.dispute_record_performance(dispute=other, performed=False, by=mediator_user, on=date(2022, 3, 20))
    assert other.state == DisputeState.BREACHED
    with pytest.raises(TransitionNotAllowed):
        services.dispute_record_performance(dispute=other, performed=True, by=mediator_user, on=date(2022, 3, 21))


def test_judicial_confirmation_round_trip_and_mediation_again_after_invalidity(mediating, mediator_user, court):
    d = mediating()
    services.dispute_record_agreement(dispute=d, form=AgreementForm.WRITTEN, terms="分期付款", by=mediator_user,
                                      on=date(2022, 3, 8), seek_confirmation=True)
    services.dispute_apply_confirmation(dispute=d, court=court, by=mediator_user, on=date(2022, 3, 15))
    services.dispute_record_confirmation(dispute=d, confirmed=False, reference="(2022)沪0107民特1号",
                                         by=mediator_user, on=date(2022, 3, 25))
    assert d.agreement.confirmation == Confirmation.INVALID
    services.dispute_remediate(dispute=d, by=mediator_user, on=date(2022, 3, 28))
    assert d.state == DisputeState.MEDIATING
    services.dispute_record_agreement(dispute=d, form=AgreementForm.WRITTEN, terms="一次性付清", by=mediator_user,
                                      on=date(2022, 4, 2))
    d.refresh_from_db()
    assert d.agreements.count() == 2 and d.agreed_on == date(2022, 3, 8)  # settled once, on its first agreement


def test_mediation_again_needs_an_invalid_ruling(mediating, mediator_user):
    d = mediating()
    services.dispute_record_agreement(dispute=d, form=AgreementForm.WRITTEN, terms="x", by=mediator_user,
                                      on=date(2022, 3, 8))
    with pytest.raises(TransitionNotAllowed, match="确认调解协议无效"):
        services.dispute_remediate(dispute=d, by=mediator_user, on=date(2022, 3, 9))


def test_an_oral_agreement_cannot_go_to_judicial_confirmation(mediating, mediator_user):
    with pytest.raises(ValidationError) as exc:
        services.dispute_record_agreement(dispute=mediating(), form=AgreementForm.ORAL, terms="x", by=mediator_user,
                                          on=date(2022, 3, 8), seek_confirmation=True)
    assert "seek_confirmation" in exc.value.message_dict


def test_a_risk_reported_to_the_police_is_recorded_and_flags_the_dispute(mediating, mediator_user, units):
    d = mediating()
    services.dispute_report_to_police(dispute=d, police_unit=units["PT-GAFJ"], risk="criminal", by=mediator_user,
                                      on=date(2022, 3, 5), note="一方扬言报复")
    d.refresh_from_db()
    assert d.risk_criminal and PoliceReport.objects.filter(dispute=d, reported_on=date(2022, 3, 5)).exists()
    with pytest.raises(ValidationError) as exc:
        services.dispute_report_to_police(dispute=d, police_unit=units["PT-FGJ"], risk="criminal", by=mediator_user)
    assert "police_unit" in exc.value.message_dict


def test_a_stale_version_is_refused_with_the_conflict_message(make_dispute, mediator_user):
    d = make_dispute()
    stale = d.version
    services.dispute_accept(dispute=d, by=mediator_user, on=date(2022, 3, 2), expected_version=stale)
    again = type(d).objects.get(pk=d.pk)
    again.state = DisputeState.ACCEPTED
    with pytest.raises(ConflictError):
        services.dispute_withdraw(dispute=again, by=mediator_user, on=date(2022, 3, 3), expected_version=stale)


def test_a_user_without_the_permission_cannot_take_a_step(make_dispute, users):
    with pytest.raises(TransitionNotAllowed):
        services.dispute_accept(dispute=make_dispute(), by=users["stats"], on=date(2022, 3, 2))


def test_dates_cannot_run_backwards(make_dispute, mediator_user):
    with pytest.raises(ValidationError):
        services.dispute_accept(dispute=make_dispute(on=date(2022, 3, 5)), by=mediator_user, on=date(2022, 3, 1))


def test_no_clock_runs_on_ordinary_peoples_mediation(mediating, mediator_user):
    d = mediating()
    assert not clocks.for_case(d).exists()
    assert d.source == Source.APPLICATION


def test_an_oral_agreement_is_not_sent_for_judicial_confirmation(mediating, mediator_user, court):
    d = mediating()
    services.dispute_record_agreement(dispute=d, form=AgreementForm.ORAL, terms="x", by=mediator_user,
                                      on=date(2022, 3, 8))
    with pytest.raises(TransitionNotAllowed, match="书面调解协议"):
        services.dispute_apply_confirmation(dispute=d, court=court, by=mediator_user, on=date(2022, 3, 9))


def test_the_courts_ruling_needs_an_application_first(mediating, mediator_user):
    d = mediating()
    services.dispute_record_agreement(dispute=d, form=AgreementForm.WRITTEN, terms="x", by=mediator_user,
                                      on=date(2022, 3, 8))
    with pytest.raises(TransitionNotAllowed, match="共同申请司法确认"):
        services.dispute_record_confirmation(dispute=d, confirmed=True, by=mediator_user, on=date(2022, 3, 9))

"""The court round trip of pre-litigation mediation: referral with the court's reference, the period, the result
returned to the court."""

from __future__ import annotations

from datetime import date

import pytest

from sifa.core.workflow import StepError, TransitionNotAllowed
from sifa.mediation import services
from sifa.mediation.models import AgreementForm, CourtResult, Source, Track
from sifa.mediation.services import PartyInput
from sifa.mediation.workflow import WORKFLOW


def _receive(committee, court, neighbour_type, user, **kw):
    return services.prelitigation_receive(
        unit=committee, court=court, court_reference=kw.pop("ref", "(2022)沪0107民诉前调88号"),
        dispute_type=neighbour_type, parties=[PartyInput("郑戊"), PartyInput("冯己", role="respondent")], by=user,
        on=date(2022, 4, 6), referred_on=date(2022, 4, 1), **kw)


def test_a_court_referral_carries_the_courts_reference_and_is_accepted_on_receipt(committee, court, neighbour_type,
                                                                                  mediator_user):
    d = _receive(committee, court, neighbour_type, mediator_user)
    assert d.track == Track.PRELITIGATION and d.source == Source.COURT
    assert d.court == court and d.court_reference == "(2022)沪0107民诉前调88号"
    assert d.opened_on == date(2022, 4, 1) and d.accepted_on == date(2022, 4, 6)
    assert d.number == "长寿调诉前〔2022〕1号"


def test_a_referral_needs_a_court_and_its_reference(committee, units, neighbour_type, mediator_user):
    with pytest.raises(StepError) as exc:
        _receive(committee, units["PT-FGJ"], neighbour_type, mediator_user)
    assert exc.value.field == "court"
    with pytest.raises(StepError) as exc:
        _receive(committee, units["PT-FY"], neighbour_type, mediator_user, ref=" ")
    assert exc.value.field == "court_reference"


def test_success_goes_back_to_the_court_with_the_agreement(committee, court, neighbour_type, mediator_user):
    d = _receive(committee, court, neighbour_type, mediator_user)
    WORKFLOW.run(d, "hold_session", by=mediator_user, on=date(2022, 4, 10), data={"record": "调解"})
    with pytest.raises(TransitionNotAllowed):  # still mediating: nothing to return yet
        WORKFLOW.run(d, "return_to_court", by=mediator_user, on=date(2022, 4, 11))
    WORKFLOW.run(d, "agree", by=mediator_user, on=date(2022, 4, 20), data={"form": AgreementForm.WRITTEN, "terms": "x"})
    WORKFLOW.run(d, "return_to_court", by=mediator_user, on=date(2022, 4, 21))
    assert d.court_result == CourtResult.SUCCESS and d.court_returned_on == date(2022, 4, 21)
    with pytest.raises(TransitionNotAllowed, match="已向人民法院反馈"):
        WORKFLOW.run(d, "return_to_court", by=mediator_user, on=date(2022, 4, 22))


def test_failure_goes_back_to_the_court_for_filing(committee, court, neighbour_type, mediator_user):
    d = _receive(committee, court, neighbour_type, mediator_user)
    WORKFLOW.run(d, "fail", by=mediator_user, on=date(2022, 5, 6), data={"routes": ["court"]})
    WORKFLOW.run(d, "return_to_court", by=mediator_user, on=date(2022, 5, 7))
    assert d.court_result == CourtResult.FAILURE


def test_only_a_court_referral_is_returned_to_a_court(mediating, mediator_user):
    d = mediating()
    WORKFLOW.run(d, "fail", by=mediator_user, on=date(2022, 3, 6), data={"routes": ["court"]})
    with pytest.raises(TransitionNotAllowed, match="人民法院委派"):
        WORKFLOW.run(d, "return_to_court", by=mediator_user, on=date(2022, 3, 7))

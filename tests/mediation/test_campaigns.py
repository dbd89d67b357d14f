"""Screening campaigns and their findings becoming disputes in one step; excellent cases; the batch writer."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from sifa.core import audit
from sifa.core.models import AuditEvent, Deadline
from sifa.core.workflow import StepError
from sifa.mediation import services
from sifa.mediation.models import DisputeState, DisputeType, FindingState, Sector, Source
from sifa.mediation.services import DisputeRecord


@pytest.fixture
def campaign(units, mediator_user):
    return services.campaign_create(
        unit=units["PT-SFS-CSL"], title="涉疫矛盾纠纷拉网式排查", held_on=date(2022, 6, 1), by=mediator_user,
        scope_units=[units["PT-TWH-CSL"]], sectors=list(Sector.objects.filter(code__in=["consumer", "labour"])),
        teams="司法所、居委会联合排查组")


def test_a_campaigns_findings_become_disputes_in_one_step(campaign, committee, mediator_user):
    labour = DisputeType.objects.get(code="labour")
    f1 = services.campaign_record_finding(campaign=campaign, description="某餐饮店拖欠三名员工工资",
                                          dispute_type=labour, handling_unit=committee, by=mediator_user,
                                          on=date(2022, 6, 2), party_names="陈一、某餐饮店", persons=4,
                                          risk_group_petition=True)
    f2 = services.campaign_record_finding(campaign=campaign, description="预付卡退费纠纷",
                                          dispute_type=DisputeType.objects.get(code="consumer"),
                                          handling_unit=committee, by=mediator_user, on=date(2022, 6, 2))
    services.campaign_record_finding(campaign=campaign, description="已当场化解的邻里争执", dispute_type=labour,
                                     handling_unit=committee, by=mediator_user, on=date(2022, 6, 2),
                                     state=FindingState.RESOLVED)
    disputes = services.campaign_findings_to_disputes(campaign=campaign, by=mediator_user, on=date(2022, 6, 3))
    assert len(disputes) == 2
    f1.refresh_from_db()
    f2.refresh_from_db()
    assert f1.state == FindingState.DISPUTE and f1.dispute.source == Source.SCREENING
    assert f1.dispute.risk_group_petition and f1.dispute.persons == 4
    assert [p.party.name for p in f1.dispute.dispute_parties.all()] == ["陈一", "某餐饮店"]
    assert f1.dispute.state == DisputeState.REGISTERED and f1.dispute.number.startswith("长寿调〔2022〕")
    with pytest.raises(StepError):
        services.campaign_findings_to_disputes(campaign=campaign, by=mediator_user, on=date(2022, 6, 4))


def test_the_batch_writer_checks_each_path_against_the_procedure(committee, neighbour_type):
    bad = DisputeRecord(unit=committee, dispute_type=neighbour_type, registered_on=date(2022, 1, 5),
                        outcome="agreed", concluded_on=date(2022, 1, 9),
                        agreement_form="oral", terms="x")  # never accepted: an agreement needs acceptance first
    with pytest.raises(ValidationError):  # an import's records are refused as a whole, record by record
        services.disputes_import(records=[bad], by=None)


def test_the_batch_writer_writes_histories_numbers_and_a_verifiable_audit_chain(committee, court, neighbour_type,
                                                                                mediators):
    records = [
        DisputeRecord(unit=committee, dispute_type=neighbour_type, registered_on=date(2022, 1, 5),
                      accepted_on=date(2022, 1, 5), sessions=[(date(2022, 1, 7), "调解室")], outcome="agreed",
                      concluded_on=date(2022, 1, 7), agreement_form="written", terms="赔偿", parties=["甲", "乙"],
                      mediator_ids=[mediators[0].pk], performance="performed", performance_on=date(2022, 1, 20)),
        DisputeRecord(unit=committee, dispute_type=neighbour_type, registered_on=date(2022, 1, 6), track="prelitigation",
                      court=court, court_reference="(2022)沪0107民诉前调1号", referral_kind="delegated",
                      accepted_on=date(2022, 1, 6), sessions=[(date(2022, 1, 10), "")], outcome="failed",
                      concluded_on=date(2022, 1, 20), other_routes=["court"], court_returned_on=date(2022, 1, 21),
                      parties=["丙", "丁"]),
    ]
    a, b = services.disputes_import(records=records, by=None, today=date(2022, 12, 31))
    assert a.state == DisputeState.PERFORMED and a.number == "长寿调〔2022〕1号"
    assert a.agreement.number == "（2022）长寿调协字第1号" and a.sessions.get().mediators.get() == mediators[0]
    assert b.state == DisputeState.FAILED and b.court_result == "failure"
    assert Deadline.objects.get(object_id=b.pk).state == "met"
    assert a.history.count() == 1
    assert AuditEvent.objects.filter(action="mediation.dispute.imported").count() == 2
    assert audit.verify().ok
    # a single-dispute service after the batch takes the next number and keeps the chain whole
    services.dispute_register(unit=committee, dispute_type=neighbour_type, parties=[services.PartyInput("戊")],
                              by=None, on=date(2022, 2, 1))
    assert audit.verify().ok


def test_excellent_cases_are_selected_and_published(units, mediator_user):
    case = services.case_submit(unit=units["PT-TWH-CSL"], title="一起邻里漏水纠纷的调解", by=mediator_user,
                                on=date(2022, 3, 1))
    services.case_select(case=case, selected_by="ministry", by=mediator_user, on=date(2022, 5, 1))
    services.case_publish(case=case, published_in="《上海法治报》", by=mediator_user, on=date(2022, 6, 1))
    assert case.selected_on == date(2022, 5, 1) and case.published_in == "《上海法治报》"
    with pytest.raises(StepError):
        services.case_select(case=case, selected_by="ministry", by=mediator_user, on=date(2022, 5, 2))


def test_of_two_people_recording_an_excellent_case_at_once_the_second_is_refused(units, mediator_user):
    from sifa.core.locking import ConflictError
    from sifa.mediation.models import ExcellentCase

    case = services.case_submit(unit=units["PT-TWH-CSL"], title="一起邻里漏水纠纷的调解", by=mediator_user,
                                on=date(2022, 3, 1))
    mine, theirs = ExcellentCase.objects.get(pk=case.pk), ExcellentCase.objects.get(pk=case.pk)  # both read it
    services.case_select(case=theirs, selected_by="ministry", by=mediator_user, on=date(2022, 5, 1))
    with pytest.raises(ConflictError):  # before: saved too, on a copy that did not know of the selection
        services.case_select(case=mine, selected_by="municipal", by=mediator_user, on=date(2022, 5, 2))
    stored = ExcellentCase.objects.get(pk=case.pk)
    assert (stored.selected_by, stored.selected_on, stored.version) == ("ministry", date(2022, 5, 1), 2)

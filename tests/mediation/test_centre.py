"""The centre's joint reception: registered once, routed, each handler's acceptance and result tracked."""

from __future__ import annotations

from datetime import date

import pytest

from sifa.core.workflow import StepError
from sifa.mediation import services
from sifa.mediation.models import AgreementForm, ReceptionState, RoutingState, Source
from sifa.mediation.services import PartyInput
from sifa.mediation.workflow import RECEPTION_WORKFLOW, WORKFLOW


@pytest.fixture
def reception(centre, neighbour_type, mediator_user):
    return services.reception_register(centre=centre, visitor=PartyInput("蒋庚"), subject="噪音扰民，多次协商未果",
                                       dispute_type=neighbour_type, by=mediator_user, on=date(2022, 5, 9))


def test_a_visitors_matter_is_registered_once_with_the_centres_number(reception):
    assert reception.state == ReceptionState.REGISTERED
    assert reception.number == "长寿解纷接〔2022〕1号"


def test_an_agency_accepts_and_resolves_a_routed_matter(reception, units, mediator_user):
    routing = RECEPTION_WORKFLOW.run(reception, "route", by=mediator_user, on=date(2022, 5, 9), data={"handler_unit": units["PT-RSJ"]})
    reception.refresh_from_db()
    assert reception.state == ReceptionState.ROUTED
    RECEPTION_WORKFLOW.run(routing.reception, "routing_accept", by=mediator_user, on=date(2022, 5, 10), data={"routing": routing})
    reception.refresh_from_db()
    assert reception.state == ReceptionState.HANDLING and reception.accepted_on == date(2022, 5, 10)
    RECEPTION_WORKFLOW.run(routing.reception, "routing_result", by=mediator_user, on=date(2022, 5, 20), data={"routing": routing, "success": True})
    reception.refresh_from_db()
    assert reception.state == ReceptionState.RESOLVED and reception.successful
    assert reception.resolved_on == date(2022, 5, 20)


def test_a_declined_routing_is_routed_elsewhere_and_the_centre_sees_both(reception, units, mediator_user):
    first = RECEPTION_WORKFLOW.run(reception, "route", by=mediator_user, on=date(2022, 5, 9), data={"handler_unit": units["PT-FGJ"]})
    RECEPTION_WORKFLOW.run(first.reception, "routing_decline", by=mediator_user, on=date(2022, 5, 10), data={"routing": first, "reason": "不属于本部门职责"})
    reception.refresh_from_db()  # the decline moved the reception on: a stale copy would be refused
    second = RECEPTION_WORKFLOW.run(reception, "route", by=mediator_user, on=date(2022, 5, 10), data={"handler_unit": units["PT-SCJG"]})
    RECEPTION_WORKFLOW.run(second.reception, "routing_accept", by=mediator_user, on=date(2022, 5, 11), data={"routing": second})
    RECEPTION_WORKFLOW.run(second.reception, "routing_result", by=mediator_user, on=date(2022, 5, 30), data={"routing": second, "success": False})
    reception.refresh_from_db()
    assert [r.state for r in reception.routings.all()] == [RoutingState.DECLINED, RoutingState.FAILED]
    assert reception.state == ReceptionState.UNRESOLVED and not reception.successful
    assert reception.accepted_on == date(2022, 5, 11) and reception.closed_on == date(2022, 5, 30)


def test_routing_to_a_committee_makes_a_dispute_whose_result_returns_to_the_centre(reception, committee, mediators,
                                                                                   mediator_user):
    routing = RECEPTION_WORKFLOW.run(reception, "route", by=mediator_user, on=date(2022, 5, 9), data={"handler_unit": committee})
    RECEPTION_WORKFLOW.run(routing.reception, "routing_accept", by=mediator_user, on=date(2022, 5, 9), data={"routing": routing, "mediators": mediators[:1], "other_parties": [PartyInput("楼上住户", role="respondent")]})
    routing.refresh_from_db()
    dispute = routing.dispute
    assert dispute.source == Source.CENTRE and dispute.state == "accepted"
    assert dispute.dispute_parties.first().party == reception.visitor
    WORKFLOW.run(dispute, "hold_session", by=mediator_user, on=date(2022, 5, 12), data={"record": "面对面调解"})
    WORKFLOW.run(dispute, "agree", by=mediator_user, on=date(2022, 5, 12), data={"form": AgreementForm.WRITTEN, "terms": "夜间十点后不再装修"})
    reception.refresh_from_db()
    routing.refresh_from_db()
    assert routing.state == RoutingState.SUCCEEDED and reception.state == ReceptionState.RESOLVED
    assert reception.resolved_on == date(2022, 5, 12)


def test_an_agency_result_cannot_be_recorded_for_a_committees_dispute(reception, committee, mediator_user):
    routing = RECEPTION_WORKFLOW.run(reception, "route", by=mediator_user, data={"handler_unit": committee})
    RECEPTION_WORKFLOW.run(routing.reception, "routing_accept", by=mediator_user, data={"routing": routing})
    with pytest.raises(StepError):
        RECEPTION_WORKFLOW.run(routing.reception, "routing_result", by=mediator_user, data={"routing": routing, "success": True})


def test_the_same_handler_is_not_routed_twice(reception, units, mediator_user):
    RECEPTION_WORKFLOW.run(reception, "route", by=mediator_user, on=date(2022, 5, 9), data={"handler_unit": units["PT-RSJ"]})
    with pytest.raises(StepError) as exc:
        RECEPTION_WORKFLOW.run(reception, "route", by=mediator_user, on=date(2022, 5, 9), data={"handler_unit": units["PT-RSJ"]})
    assert exc.value.field == "handler_unit"


def test_stationing_an_agency_at_a_centre(centre, units, mediator_user):
    row = services.centre_station_agency(centre=centre, agency=units["PT-XFB"], since=date(2021, 6, 1),
                                         staff="信访接待员1名", by=mediator_user)
    assert row.agency.code == "PT-XFB"
    with pytest.raises(StepError):
        services.centre_station_agency(centre=units["PT-TWH-CSL"], agency=units["PT-XFB"], since=date(2021, 6, 1),
                                       by=mediator_user)

"""The centre's joint reception: registered once, routed, each handler's acceptance and result tracked."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from sifa.mediation import services
from sifa.mediation.models import AgreementForm, ReceptionState, RoutingState, Source
from sifa.mediation.services import PartyInput


@pytest.fixture
def reception(centre, neighbour_type, mediator_user):
    return services.reception_register(centre=centre, visitor=PartyInput("蒋庚"), subject="噪音扰民，多次协商未果",
                                       dispute_type=neighbour_type, by=mediator_user, on=date(2022, 5, 9))


def test_a_visitors_matter_is_registered_once_with_the_centres_number(reception):
    assert reception.state == ReceptionState.REGISTERED
    assert reception.number == "长寿解纷接〔2022〕1号"


def test_an_agency_accepts_and_resolves_a_routed_matter(reception, units, mediator_user):
    routing = services.reception_route(reception=reception, handler_unit=units["PT-RSJ"], by=mediator_user,
                                       on=date(2022, 5, 9))
    reception.refresh_from_db()
    assert reception.state == ReceptionState.ROUTED
    services.routing_accept(routing=routing, by=mediator_user, on=date(2022, 5, 10))
    reception.refresh_from_db()
    assert reception.state == ReceptionState.HANDLING and reception.accepted_on == date(2022, 5, 10)
    services.routing_record_result(routing=routing, success=True, by=mediator_user, on=date(2022, 5, 20))
    reception.refresh_from_db()
    assert reception.state == ReceptionState.RESOLVED and reception.successful
    assert reception.resolved_on == date(2022, 5, 20)


def test_a_declined_routing_is_routed_elsewhere_and_the_centre_sees_both(reception, units, mediator_user):
    first = services.reception_route(reception=reception, handler_unit=units["PT-FGJ"], by=mediator_user,
                                     on=date(2022, 5, 9))
    services.routing_decline(routing=first, reason="不属于本部门职责", by=mediator_user, on=date(2022, 5, 10))
    reception.refresh_from_db()  # the decline moved the reception on: a stale copy would be refused
    second = services.reception_route(reception=reception, handler_unit=units["PT-SCJG"], by=mediator_user,
                                      on=date(2022, 5, 10))
    services.routing_accept(routing=second, by=mediator_user, on=date(2022, 5, 11))
    services.routing_record_result(routing=second, success=False, by=mediator_user, on=date(2022, 5, 30))
    reception.refresh_from_db()
    assert [r.state for r in reception.routings.all()] == [RoutingState.DECLINED, RoutingState.FAILED]
    assert reception.state == ReceptionState.UNRESOLVED and not reception.successful
    assert reception.accepted_on == date(2022, 5, 11) and reception.closed_on == date(2022, 5, 30)


def test_routing_to_a_committee_makes_a_dispute_whose_result_returns_to_the_centre(reception, committee, mediators,
                                                                                   mediator_user):
    routing = services.reception_route(reception=reception, handler_unit=committee, by=mediator_user,
                                       on=date(2022, 5, 9))
    services.routing_accept(routing=routing, by=mediator_user, on=date(2022, 5, 9), mediators=mediators[:1],
                            other_parties=[PartyInput("楼上住户", role="respondent")])
    routing.refresh_from_db()
    dispute = routing.dispute
    assert dispute.source == Source.CENTRE and dispute.state == "accepted"
    assert dispute.dispute_parties.first().party == reception.visitor
    services.dispute_hold_session(dispute=dispute, by=mediator_user, on=date(2022, 5, 12), record="面对面调解")
    services.dispute_record_agreement(dispute=dispute, form=AgreementForm.WRITTEN, terms="夜间十点后不再装修",
                                      by=mediator_user, on=date(2022, 5, 12))
    reception.refresh_from_db()
    routing.refresh_from_db()
    assert routing.state == RoutingState.SUCCEEDED and reception.state == ReceptionState.RESOLVED
    assert reception.resolved_on == date(2022, 5, 12)


def test_an_agency_result_cannot_be_recorded_for_a_committees_dispute(reception, committee, mediator_user):
    routing = services.reception_route(reception=reception, handler_unit=committee, by=mediator_user)
    services.routing_accept(routing=routing, by=mediator_user)
    with pytest.raises(ValidationError):
        services.routing_record_result(routing=routing, success=True, by=mediator_user)


def test_the_same_handler_is_not_routed_twice(reception, units, mediator_user):
    services.reception_route(reception=reception, handler_unit=units["PT-RSJ"], by=mediator_user, on=date(2022, 5, 9))
    with pytest.raises(ValidationError) as exc:
        services.reception_route(reception=reception, handler_unit=units["PT-RSJ"], by=mediator_user,
                                 on=date(2022, 5, 9))
    assert "handler_unit" in exc.value.message_dict


def test_stationing_an_agency_at_a_centre(centre, units, mediator_user):
    row = services.centre_station_agency(centre=centre, agency=units["PT-XFB"], since=date(2021, 6, 1),
                                         staff="信访接待员1名", by=mediator_user)
    assert row.agency.code == "PT-XFB"
    with pytest.raises(ValidationError):
        services.centre_station_agency(centre=units["PT-TWH-CSL"], agency=units["PT-XFB"], since=date(2021, 6, 1),
                                       by=mediator_user)

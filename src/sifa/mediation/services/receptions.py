"""The centres' joint reception (联合接待): a visitor's matter registered once, routed to its handler, accepted,
declined or concluded there."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from sifa.core import audit
from sifa.core.cases import save_case
from sifa.core.models import Party, Unit, User
from sifa.core.models.org import UnitKind

from ..models import DisputeType, Mediator, Reception, ReceptionState, Routing, RoutingState, Source
from ..workflow import RECEPTION_WORKFLOW
from .common import _actor, _not_before, _number, _require, _today
from .disputes import PartyInput, _party, dispute_accept, dispute_register
from .reception_state import _reception_sync


@transaction.atomic
def reception_register(*, centre: Unit, visitor: PartyInput | Party, subject: str, dispute_type: DisputeType,
                       by, on: date | None = None, persons: int = 1, handler: User | None = None) -> Reception:
    """Register a visitor's matter once at the centre's joint reception window."""
    on = _today(on)
    _require(centre.kind == UnitKind.DISPUTE_CENTRE, "centre", _("Choose a dispute-resolution centre."))
    _require(bool(subject.strip()), "subject", _("Describe the matter."))
    reception = Reception(unit=centre, visitor=_party(visitor, centre, by), subject=subject,
                          dispute_type=dispute_type, persons=persons, opened_on=on, state=ReceptionState.REGISTERED,
                          handler=handler if handler is not None else _actor(by),
                          number=_number("reception", centre, on.year))
    save_case(reception, by=by)
    audit.record(by, "mediation.reception.registered", reception, summary=f"{reception.number} {dispute_type}",
                 payload={"on": on})
    return reception


@transaction.atomic
def reception_route(*, reception: Reception, handler_unit: Unit, by, on: date | None = None, note: str = "",
                    expected_version: int | None = None) -> Routing:
    """Route the matter to the agency or committee that handles it."""
    on = _today(on)
    _not_before(on, reception.opened_on)
    _require(handler_unit.kind != UnitKind.DISPUTE_CENTRE, "handler_unit",
             _("Route the matter to an agency or a mediation committee."))
    _require(not reception.routings.filter(handler_unit=handler_unit).exclude(
        state__in=[RoutingState.DECLINED, RoutingState.FAILED]).exists(), "handler_unit",
        _("The matter is already with %(unit)s.") % {"unit": handler_unit})
    RECEPTION_WORKFLOW.apply(reception, "route", _actor(by))
    routing = Routing.objects.create(reception=reception, handler_unit=handler_unit, routed_on=on, note=note)
    _reception_sync(reception, by=by, expected_version=expected_version)
    audit.record(by, "mediation.reception.routed", reception, summary=str(handler_unit),
                 payload={"on": on, "to": handler_unit.code})
    return routing


def _locked_reception(routing: Routing) -> Reception:
    """The routing's reception, locked for the rest of the transaction (its state follows its routings)."""
    return Reception.objects.select_for_update().get(pk=routing.reception_id)


@transaction.atomic
def routing_accept(*, routing: Routing, by, on: date | None = None, dispute_type: DisputeType | None = None,
                   other_parties: Sequence[PartyInput] = (), mediators: Sequence[Mediator] = (),
                   expected_version: int | None = None) -> Routing:
    """The handler accepts the routed matter. A mediation committee that accepts it registers and accepts it as
    a dispute (source: a dispute centre) whose result then follows back to the centre."""
    on = _today(on)
    reception = _locked_reception(routing)
    _require(routing.state == RoutingState.ROUTED, None, _("This routing is no longer awaiting acceptance."))
    _not_before(on, routing.routed_on)
    RECEPTION_WORKFLOW.apply(reception, "routing_accept", _actor(by))
    routing.state, routing.accepted_on = RoutingState.ACCEPTED, on
    if routing.handler_unit.kind == UnitKind.MEDIATION_COMMITTEE:
        parties = [PartyInput(name=reception.visitor.name, party=reception.visitor), *other_parties]
        dispute = dispute_register(
            unit=routing.handler_unit, dispute_type=dispute_type or reception.dispute_type, parties=parties,
            by=by, on=on, source=Source.CENTRE, summary=reception.subject, persons=max(reception.persons, 2),
            mediators=mediators)
        dispute_accept(dispute=dispute, by=by, on=on)
        routing.dispute = dispute
    routing.save()
    _reception_sync(reception, by=by, expected_version=expected_version)
    audit.record(by, "mediation.reception.routing_accepted", reception, summary=str(routing.handler_unit),
                 payload={"on": on, "by_unit": routing.handler_unit.code, "dispute": routing.dispute_id})
    return routing


@transaction.atomic
def routing_decline(*, routing: Routing, reason: str, by, on: date | None = None,
                    expected_version: int | None = None) -> Routing:
    """The handler declines the matter (it is not theirs); the centre routes it elsewhere."""
    on = _today(on)
    reception = _locked_reception(routing)
    _require(bool(reason.strip()), "reason", _("Give the reason."))
    _require(routing.state == RoutingState.ROUTED, None, _("This routing is no longer awaiting acceptance."))
    RECEPTION_WORKFLOW.apply(reception, "routing_decline", _actor(by))
    routing.state, routing.result_on, routing.note = RoutingState.DECLINED, on, reason
    routing.save()
    _reception_sync(reception, by=by, expected_version=expected_version)
    audit.record(by, "mediation.reception.routing_declined", reception, summary=str(routing.handler_unit),
                 payload={"on": on, "reason": reason})
    return routing


@transaction.atomic
def routing_record_result(*, routing: Routing, success: bool, by, on: date | None = None, note: str = "",
                          expected_version: int | None = None) -> Routing:
    """Record an agency's result for a routed matter. (A committee's result follows its dispute.)"""
    on = _today(on)
    reception = _locked_reception(routing)
    _require(routing.state == RoutingState.ACCEPTED, None, _("Record the handler's acceptance first."))
    _require(routing.dispute_id is None, None,
             _("This matter is a dispute of the committee; its result follows the dispute."))
    _not_before(on, routing.accepted_on)
    RECEPTION_WORKFLOW.apply(reception, "routing_result", _actor(by))
    routing.state = RoutingState.SUCCEEDED if success else RoutingState.FAILED
    routing.result_on, routing.note = on, note
    routing.save()
    _reception_sync(reception, by=by, expected_version=expected_version)
    audit.record(by, "mediation.reception.result", reception, summary=str(routing.handler_unit),
                 payload={"on": on, "success": success})
    return routing

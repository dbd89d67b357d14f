"""The centres' joint reception (联合接待): a visitor's matter registered once, and the writes of the reception
table's steps (`workflow.py`): routed to its handler, accepted, declined or concluded there. Each step writes a
routing; the reception's state is derived from its routings."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from sifa.core import audit
from sifa.core.cases import save_case
from sifa.core.models import Party, Unit, User
from sifa.core.models.org import UnitKind
from sifa.core.workflow import StepError

from ..models import DisputeType, Reception, ReceptionState, Routing, RoutingState, Source
from .common import _actor, _not_before, _number, _require, _today
from .disputes import PartyInput, _party, dispute_register
from .reception_state import _reception_derive


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


def route(reception: Reception, data, *, on: date, by) -> Routing:
    """Route the matter to the agency or committee that handles it."""
    handler_unit = data.get("handler_unit")
    _require(handler_unit is not None and handler_unit.kind != UnitKind.DISPUTE_CENTRE, "handler_unit",
             _("Route the matter to an agency or a mediation committee."))
    _require(not reception.routings.filter(handler_unit=handler_unit).exclude(
        state__in=[RoutingState.DECLINED, RoutingState.FAILED]).exists(), "handler_unit",
        _("The matter is already with %(unit)s.") % {"unit": handler_unit})
    routing = Routing.objects.create(reception=reception, handler_unit=handler_unit, routed_on=on,
                                     note=data.get("note", ""))
    _reception_derive(reception)
    return routing


def _routing(reception: Reception, data) -> Routing:
    routing = data.get("routing")
    if routing is None or routing.reception_id != reception.pk:
        raise StepError(_("Choose a routing of this matter."))
    return routing


def accept(reception: Reception, data, *, on: date, by) -> Routing:
    """The handler accepts the routed matter. A mediation committee that accepts it registers and accepts it as
    a dispute (source: a dispute centre) whose result then follows back to the centre."""
    from ..workflow import WORKFLOW

    routing = _routing(reception, data)
    _require(routing.state == RoutingState.ROUTED, None, _("This routing is no longer awaiting acceptance."))
    _not_before(on, routing.routed_on)
    routing.state, routing.accepted_on = RoutingState.ACCEPTED, on
    if routing.handler_unit.kind == UnitKind.MEDIATION_COMMITTEE:
        parties = [PartyInput(name=reception.visitor.name, party=reception.visitor), *data.get("other_parties", ())]
        dispute = dispute_register(
            unit=routing.handler_unit, dispute_type=data.get("dispute_type") or reception.dispute_type,
            parties=parties, by=by, on=on, source=Source.CENTRE, summary=reception.subject,
            persons=max(reception.persons, 2), mediators=data.get("mediators", ()))
        WORKFLOW.run(dispute, "accept", by=by, on=on)
        routing.dispute = dispute
        data["dispute"] = dispute.number
    routing.save()
    _reception_derive(reception)
    return routing


def decline(reception: Reception, data, *, on: date, by) -> Routing:
    """The handler declines the matter (it is not theirs); the centre routes it elsewhere."""
    routing = _routing(reception, data)
    reason = data.get("reason") or ""
    _require(bool(reason.strip()), "reason", _("Give the reason."))
    _require(routing.state == RoutingState.ROUTED, None, _("This routing is no longer awaiting acceptance."))
    routing.state, routing.result_on, routing.note = RoutingState.DECLINED, on, reason
    routing.save()
    _reception_derive(reception)
    return routing


def result(reception: Reception, data, *, on: date, by) -> Routing:
    """An agency's result for a routed matter. (A committee's result follows its dispute.)"""
    routing = _routing(reception, data)
    _require(routing.state == RoutingState.ACCEPTED, None, _("Record the handler's acceptance first."))
    _require(routing.dispute_id is None, None,
             _("This matter is a dispute of the committee; its result follows the dispute."))
    _not_before(on, routing.accepted_on)
    routing.state = RoutingState.SUCCEEDED if data.get("success") else RoutingState.FAILED
    routing.result_on, routing.note = on, data.get("note", "")
    routing.save()
    _reception_derive(reception)
    return routing

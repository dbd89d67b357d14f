"""A centre reception's state, derived from its routings; a routed dispute's conclusion carried back to its
routing."""

from __future__ import annotations

from datetime import date

from sifa.core import audit
from sifa.core.cases import save_case

from ..models import Dispute, Reception, ReceptionState, Routing, RoutingState


def _reception_sync(reception: Reception, *, by, expected_version: int | None = None) -> Reception:
    """Derive the reception's state, acceptance and result from its routings (set-based: one query)."""
    routings = list(Routing.objects.filter(reception=reception))  # fresh: never a prefetched copy
    accepted = [r.accepted_on for r in routings if r.accepted_on]
    succeeded = [r.result_on for r in routings if r.state == RoutingState.SUCCEEDED]
    ended = [r.result_on for r in routings if r.state in (RoutingState.FAILED, RoutingState.DECLINED)]
    reception.accepted_on = min(accepted) if accepted else None
    reception.successful = bool(succeeded)
    if not routings:
        state = ReceptionState.REGISTERED
    elif succeeded:
        state = ReceptionState.RESOLVED
    elif any(r.state == RoutingState.ACCEPTED for r in routings):
        state = ReceptionState.HANDLING
    elif any(r.state == RoutingState.ROUTED for r in routings):
        state = ReceptionState.ROUTED
    else:
        state = ReceptionState.UNRESOLVED
    reception.state = state
    if state == ReceptionState.RESOLVED:
        reception.resolved_on = reception.closed_on = min(succeeded)
    elif state == ReceptionState.UNRESOLVED:
        reception.resolved_on = None
        reception.closed_on = max(d for d in ended if d)
    else:
        reception.resolved_on = reception.closed_on = None
    return save_case(reception, expected_version=expected_version, by=by)


def _routing_follows(dispute: Dispute, *, on: date, by) -> None:
    """A dispute routed from a centre carries its conclusion back to the centre's routing."""
    routing = Routing.objects.filter(dispute=dispute).select_related("reception").first()
    if routing is None or routing.state != RoutingState.ACCEPTED:
        return
    routing.state = RoutingState.SUCCEEDED if dispute.successful else RoutingState.FAILED
    routing.result_on = on
    routing.save(update_fields=["state", "result_on"])
    _reception_sync(routing.reception, by=by)
    audit.record(by, "mediation.reception.result", routing.reception, summary=str(routing.handler_unit),
                 payload={"on": on, "success": dispute.successful, "dispute": dispute.number})

"""The petitions line's JSON routes, mounted at /api/petitions/ (core.lines.Line.api): the 12345 hotline's system
dispatches a work order, and reads where it stands in Open311's terms (status open/closed, with the sub-status).
Session or token authentication as for the whole API; the pages' permissions and unit scope."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from django.core.exceptions import PermissionDenied, ValidationError
from ninja import Router, Schema, Status
from pydantic import Field

from sifa.core import clocks as core_clocks
from sifa.core.inputs import ApiText as Text
from sifa.core.inputs import BoundedDate
from sifa.core.steps import fetch_in_scope
from sifa.core.workflow import StepError

from . import services
from .models import Channel, Kind, Petition
from .workflow import main_rule

router = Router(tags=["petitions"])


class OrderIn(Schema):
    service_request_id: Text(60)  # the hotline's work order number
    hotline_kind: Annotated[str, Field(max_length=12)]
    kind: Annotated[str, Field(max_length=12)] = Kind.COMPLAINT
    requested_datetime: BoundedDate
    name: Text(60)
    phone: Text(20) = ""
    title: Text(200)
    description: Text(4000)


class OrderOut(Schema):
    id: int
    service_request_id: str
    number: str
    status: str  # Open311: open or closed
    status_notes: str  # the sub-status
    requested_datetime: date
    expected_datetime: date | None = None
    updated_datetime: date | None = None
    satisfaction: str = ""


def _out(p: Petition) -> dict:
    d = core_clocks.current(p, main_rule(p))
    return {"id": p.pk, "service_request_id": p.external_id, "number": p.number, "status": p.open311_status,
            "status_notes": p.state, "requested_datetime": p.received_on, "expected_datetime": d.due if d else None,
            "updated_datetime": p.closed_on, "satisfaction": p.satisfaction}


@router.post("/orders", response={201: OrderOut}, url_name="petitions_orders")
def order_create(request, payload: OrderIn):
    """Register a work order dispatched by the 12345 hotline at the user's unit; its clock starts."""
    if not request.user.has_perm("petitions.add_petition"):
        raise PermissionDenied
    try:
        p = services.petition_register(unit=request.user.primary_unit, by=request.user, record=services.OrderRecord(
            channel=Channel.HOTLINE, kind=payload.kind, hotline_kind=payload.hotline_kind,
            external_id=payload.service_request_id, received_on=payload.requested_datetime, name=payload.name,
            phone=payload.phone, subject=payload.title, content=payload.description))
    except StepError as exc:
        raise ValidationError({exc.field or "__all__": [f"{exc.field}: {exc.message}" if exc.field else exc.message]}) \
            from exc
    return Status(201, _out(p))


@router.get("/orders/{pk}", response=OrderOut, url_name="petitions_order")
def order_read(request, pk: int):
    """Where an order stands, as Open311 says it: open or closed, with the sub-status and the due day."""
    if not request.user.has_perm("petitions.view_petition"):
        raise PermissionDenied
    return _out(fetch_in_scope(Petition, request.user, pk))

"""The supervisors' JSON routes, mounted at /api/supervisors/ (core.lines.Line.api): the procuratorate's system
posts its request for supervisors (the "three-party" link) and reads where it stands — who was drawn, who confirmed,
and the draw's verification data. Session or token authentication as for the whole API; the pages' permissions
and unit scope."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from django.core.exceptions import PermissionDenied, ValidationError
from ninja import Router, Schema, Status
from pydantic import Field

from sifa.core import clocks as core_clocks
from sifa.core.inputs import ApiText as Text
from sifa.core.inputs import BoundedDate
from sifa.core.models import Unit
from sifa.core.steps import fetch_in_scope
from sifa.core.workflow import StepError

from . import clocks, services
from .models import ActivityKind, DrawRequest

router = Router(tags=["supervisors"])


class RequestIn(Schema):
    procuratorate: Text(40)  # the unit code of the procuratorate
    activity_kind: Annotated[str, Field(max_length=20)]
    activity: Text(200)
    activity_on: BoundedDate
    requested: Annotated[int, Field(ge=1, le=20)]
    received_on: BoundedDate
    place: Text(120) = ""


class SeatOut(Schema):
    code: str
    status: str


class RequestOut(Schema):
    id: int
    number: str
    state: str
    activity_on: date
    draw_by: date | None = None
    listing_sha256: str = ""
    algorithm: str = ""
    seed_source: str = ""
    seed: str = ""
    drawn: list[str] = []
    seats: list[SeatOut] = []


def _out(r: DrawRequest) -> dict:
    d = core_clocks.current(r, clocks.DRAW)
    return {"id": r.pk, "number": r.number, "state": r.state, "activity_on": r.activity_on,
            "draw_by": d.due if d else None, "listing_sha256": r.listing_hash,
            "algorithm": f"{r.algorithm} v{r.algorithm_version}" if r.algorithm else "",
            "seed_source": r.seed_source, "seed": r.seed, "drawn": list(r.drawn),
            "seats": [{"code": c, "status": s} for c, s in r.seats.order_by("rank").values_list("supervisor__code",
                                                                                                 "status")]}


@router.post("/requests", response={201: RequestOut}, url_name="supervisors_requests")
def request_create(request, payload: RequestIn):
    """Register the procuratorate's request for supervisors at the user's unit; the draw's clock starts."""
    if not request.user.has_perm("supervisors.add_drawrequest"):
        raise PermissionDenied
    errors = {}
    if payload.activity_kind not in ActivityKind.values:
        errors["activity_kind"] = [f"activity_kind: one of {', '.join(ActivityKind.values)}"]
    unit = Unit.objects.filter(code=payload.procuratorate).first()
    if unit is None:
        errors["procuratorate"] = ["procuratorate: no unit has this code"]
    if errors:
        raise ValidationError(errors)
    try:
        r = services.request_register(unit=request.user.primary_unit, by=request.user, procuratorate=unit,
                                      activity_kind=payload.activity_kind, activity=payload.activity,
                                      activity_on=payload.activity_on, requested=payload.requested,
                                      received_on=payload.received_on, place=payload.place)
    except StepError as exc:
        raise ValidationError({exc.field or "__all__": [f"{exc.field}: {exc.message}" if exc.field else exc.message]}) \
            from exc
    return Status(201, _out(r))


@router.get("/requests/{pk}", response=RequestOut, url_name="supervisors_request")
def request_read(request, pk: int):
    """Where a request stands: its state, the draw's published data and the seats."""
    if not request.user.has_perm("supervisors.view_drawrequest"):
        raise PermissionDenied
    return _out(fetch_in_scope(DrawRequest, request.user, pk))

"""Notarisation's JSON routes, mounted at /api/notary/ (core.lines.Line.api): the notary office's business system
registers an application it has received (recognised by its own number, so that one pushed twice is written once)
and reads where an application stands. Authentication as for the whole API: a signed-in session or a machine
client's own token (`Authorization: Bearer …`, core.api_clients), each token acting as its service account with
that account's permissions and units."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from django.core.exceptions import PermissionDenied, ValidationError
from ninja import Router, Schema, Status
from pydantic import AfterValidator, Field

from sifa.core import clocks as core_clocks
from sifa.core.inputs import BoundedDate, has_surrogates
from sifa.core.steps import fetch_in_scope
from sifa.core.workflow import StepError

from . import clocks, services
from .models import Channel, Matter, Notarisation

router = Router(tags=["notary"])


def _unicode(value: str) -> str:
    if has_surrogates(value):
        raise ValueError("the text holds lone surrogates, which are not valid Unicode")
    return value


def Text(n: int):  # noqa: N802 - a type
    return Annotated[str, Field(max_length=n), AfterValidator(_unicode)]


class ApplicationIn(Schema):
    external_id: Text(60)  # the number in the office's system
    name: Text(60)
    received_on: BoundedDate
    matter: Annotated[str, Field(max_length=24)]
    channel: Annotated[str, Field(max_length=12)] = Channel.WINDOW
    for_use_abroad: bool = False
    purpose: Text(200) = ""
    accept: bool = True
    notary: Text(60) = ""


class ApplicationOut(Schema):
    id: int
    number: str
    external_id: str
    state: str
    matter: str
    group: str
    received_on: date
    accepted_on: date | None = None
    issue_by: date | None = None
    issued_on: date | None = None
    certificate_number: str = ""
    refused_on: date | None = None
    fee: float | None = None
    refund_amount: float | None = None


def _out(case: Notarisation) -> dict:
    d = core_clocks.current(case, clocks.ISSUE)
    return {"id": case.pk, "number": case.number, "external_id": case.external_id, "state": case.state,
            "matter": case.matter, "group": case.group, "received_on": case.received_on,
            "accepted_on": case.accepted_on, "issue_by": d.due if d else None, "issued_on": case.issued_on,
            "certificate_number": case.certificate_number, "refused_on": case.refused_on,
            "fee": float(case.fee) if case.fee is not None else None,
            "refund_amount": float(case.refund_amount) if case.refund_amount is not None else None}


@router.post("/applications", response={200: ApplicationOut, 201: ApplicationOut}, url_name="notary_applications")
def register(request, payload: ApplicationIn):
    """Register an application received by the office (公证法 第二十五条), accepted at once unless `accept` is false;
    an application already held under the same number of the office's system is answered as it stands (200)."""
    if not request.user.has_perm("notary.add_notarisation"):
        raise PermissionDenied
    errors = {}
    if payload.matter not in Matter.values:
        errors["matter"] = [f"matter: one of {', '.join(Matter.values)}"]
    if payload.channel not in Channel.values:
        errors["channel"] = [f"channel: one of {', '.join(Channel.values)}"]
    if payload.accept and not payload.notary.strip():
        errors["notary"] = ["notary: name the notary who accepts the application"]
    if not payload.external_id.strip():
        errors["external_id"] = ["external_id: the number in the office's system is required"]
    if errors:
        raise ValidationError(errors)
    unit = request.user.primary_unit
    held = Notarisation.objects.filter(unit=unit, external_id=payload.external_id.strip()).first()
    if held is not None:
        return Status(200, _out(held))
    try:
        case = services.application_register(
            unit=unit, by=request.user, name=payload.name, received_on=payload.received_on, channel=payload.channel,
            matter=payload.matter, for_use_abroad=payload.for_use_abroad, purpose=payload.purpose,
            accept_now=payload.accept, notary=payload.notary, external_id=payload.external_id)
    except StepError as exc:
        raise ValidationError({exc.field or "__all__": [f"{exc.field}: {exc.message}" if exc.field else exc.message]}) \
            from exc
    return Status(201, _out(case))


@router.get("/applications/{pk}", response=ApplicationOut, url_name="notary_application")
def application(request, pk: int):
    """Where an application stands (state, the issue's due day, certificate, refusal, fee), within the user's units."""
    if not request.user.has_perm("notary.view_notarisation"):
        raise PermissionDenied
    return _out(fetch_in_scope(Notarisation, request.user, pk))

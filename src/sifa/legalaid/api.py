"""Legal aid's JSON routes, mounted at /api/legalaid/ (core.lines.Line.api): the notifying organ's system registers
its notice (法律援助法 第三十六条: the centre assigns a lawyer within three days of receipt) and reads where it stands.
Session authentication as for the whole API; the same permissions and unit scope as the pages."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from django.core.exceptions import PermissionDenied, ValidationError
from ninja import Router, Schema, Status
from pydantic import AfterValidator, Field

from sifa.core import clocks as core_clocks
from sifa.core.inputs import BoundedDate, has_surrogates
from sifa.core.models import Unit
from sifa.core.steps import fetch_in_scope
from sifa.core.workflow import StepError

from . import clocks, services
from .models import LegalAidCase, MandatoryGround, NotifyingOrgan

router = Router(tags=["legalaid"])


def _unicode(value: str) -> str:
    if has_surrogates(value):
        raise ValueError("the text holds lone surrogates, which are not valid Unicode")
    return value


def Text(n: int):  # noqa: N802 - a type
    return Annotated[str, Field(max_length=n), AfterValidator(_unicode)]


class NoticeIn(Schema):
    name: Text(60)
    received_on: BoundedDate
    notifying_organ: Annotated[str, Field(max_length=16)]
    notice_number: Text(80)
    mandatory_ground: Annotated[str, Field(max_length=8)]
    matter: Text(2000)
    notifying_unit: Text(40) = ""  # the unit code of the court, procuratorate or police


class CaseOut(Schema):
    id: int
    number: str
    state: str
    received_on: date
    assign_by: date | None = None
    law_firm: str = ""
    lawyer: str = ""
    assigned_on: date | None = None


def _out(case: LegalAidCase) -> dict:
    d = core_clocks.current(case, clocks.NOTIFIED_ASSIGNMENT) or core_clocks.current(case, clocks.ASSIGNMENT)
    return {"id": case.pk, "number": case.number, "state": case.state, "received_on": case.received_on,
            "assign_by": d.due if d else None, "law_firm": case.law_firm.name if case.law_firm_id else "",
            "lawyer": case.lawyer, "assigned_on": case.assigned_on}


@router.post("/notifications", response={201: CaseOut}, url_name="legalaid_notifications")
def notify(request, payload: NoticeIn):
    """Register a notice of a court, procuratorate or police (第二十五条、第三十六条) at the user's centre."""
    if not request.user.has_perm("legalaid.add_legalaidcase"):
        raise PermissionDenied
    errors = {}
    if payload.notifying_organ not in NotifyingOrgan.values:
        errors["notifying_organ"] = [f"notifying_organ: one of {', '.join(NotifyingOrgan.values)}"]
    if payload.mandatory_ground not in MandatoryGround.values:
        errors["mandatory_ground"] = [f"mandatory_ground: one of {', '.join(MandatoryGround.values)}"]
    unit = Unit.objects.filter(code=payload.notifying_unit).first() if payload.notifying_unit else None
    if payload.notifying_unit and unit is None:
        errors["notifying_unit"] = ["notifying_unit: no unit has this code"]
    if errors:
        raise ValidationError(errors)
    try:
        case = services.notification_register(
            unit=request.user.primary_unit, by=request.user, name=payload.name, received_on=payload.received_on,
            notifying_organ=payload.notifying_organ, notifying_unit=unit, notice_number=payload.notice_number,
            mandatory_ground=payload.mandatory_ground, matter=payload.matter)
    except StepError as exc:
        raise ValidationError({exc.field or "__all__": [f"{exc.field}: {exc.message}" if exc.field else exc.message]}) \
            from exc
    return Status(201, _out(case))


@router.get("/cases/{pk}", response=CaseOut, url_name="legalaid_case")
def case(request, pk: int):
    """Where a case stands (its state, the assignment's due day, the firm and lawyer), within the user's units."""
    if not request.user.has_perm("legalaid.view_legalaidcase"):
        raise PermissionDenied
    return _out(fetch_in_scope(LegalAidCase.objects.select_related("law_firm"), request.user, pk))

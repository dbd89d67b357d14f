"""Legal aid's JSON routes, mounted at /api/legalaid/ (core.lines.Line.api): the notifying organ's system registers
its notice (法律援助法 第三十六条: the centre assigns a lawyer within three days of receipt) and reads where it stands.
The 12348 hotline's system pushes its call records (POST /calls): each is a consultation of the user's centre,
recognised by its call id, so that a record pushed twice is written once.
Session authentication as for the whole API; the same permissions and unit scope as the pages."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from ninja import Router, Schema, Status
from pydantic import AfterValidator, Field

from sifa.core import clocks as core_clocks
from sifa.core.inputs import BoundedDate, has_surrogates
from sifa.core.models import Unit
from sifa.core.steps import fetch_in_scope
from sifa.core.workflow import StepError

from . import clocks, services
from .models import (
    Consultation,
    ConsultationCategory,
    ConsultationChannel,
    LegalAidCase,
    MandatoryGround,
    NotifyingOrgan,
    Referral,
    Satisfaction,
)

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


# --- 12348 call records pushed by the hotline system --------------------------------------------------------------

MAX_CALLS = 500


class CallIn(Schema):
    call_id: Text(60)  # the hotline system's record number
    called_on: BoundedDate
    category: Annotated[str, Field(max_length=20)]
    name: Text(60) = ""
    question: Text(4000) = ""
    answer: Text(4000) = ""
    referral: Annotated[str, Field(max_length=20)] = ""
    callback_requested: bool = False
    satisfaction: Annotated[str, Field(max_length=16)] = ""


class CallsIn(Schema):
    calls: Annotated[list[CallIn], Field(min_length=1, max_length=MAX_CALLS)]


class CallsOut(Schema):
    written: list[str]
    duplicates: list[str]


def _call_errors(calls: list[CallIn]) -> dict:
    errors, seen = {}, set()
    for i, c in enumerate(calls):
        where = f"calls.{i}"
        if not c.call_id.strip():
            errors[f"{where}.call_id"] = [f"{where}.call_id: required"]
        if c.category not in ConsultationCategory.values:
            errors[f"{where}.category"] = [f"{where}.category: one of {', '.join(ConsultationCategory.values)}"]
        if c.referral not in Referral.values:
            errors[f"{where}.referral"] = [f"{where}.referral: one of {', '.join(v for v in Referral.values if v)}"]
        if c.satisfaction not in Satisfaction.values:
            errors[f"{where}.satisfaction"] = [
                f"{where}.satisfaction: one of {', '.join(v for v in Satisfaction.values if v)}"]
        if c.call_id.strip() in seen:
            errors[f"{where}.call_id"] = [f"{where}.call_id: twice in this request"]
        seen.add(c.call_id.strip())
    return errors


@router.post("/calls", response=CallsOut, url_name="legalaid_calls")
def calls(request, payload: CallsIn):
    """Record the hotline's calls at the user's centre (法律援助法 第二十三条: consultation by telephone). All or
    nothing: a bad record refuses the whole request (422, each error named by its place). A call id already held
    (pushed before, or imported from the hotline's export) is reported as a duplicate and not written again; a
    requested callback starts its time limit."""
    if not request.user.has_perm("legalaid.add_consultation"):
        raise PermissionDenied
    errors = _call_errors(payload.calls)
    if errors:
        raise ValidationError(errors)
    unit = request.user.primary_unit
    channel = ConsultationChannel.CALL_12348
    ids = [c.call_id.strip() for c in payload.calls]
    held = set(Consultation.objects.filter(unit=unit, channel=channel, external_id__in=ids)
               .values_list("external_id", flat=True))
    written, duplicates = [], []
    try:
        with transaction.atomic():
            for c, call_id in zip(payload.calls, ids, strict=True):
                if call_id in held:
                    duplicates.append(call_id)
                    continue
                services.consultation_register(
                    unit=unit, by=request.user, consulted_on=c.called_on, channel=channel, category=c.category,
                    question=c.question, answer=c.answer, name=c.name, referral=c.referral,
                    callback_requested=c.callback_requested, satisfaction=c.satisfaction, external_id=call_id)
                written.append(call_id)
    except StepError as exc:
        raise ValidationError({exc.field or "__all__": [f"{exc.field}: {exc.message}" if exc.field else exc.message]}) \
            from exc
    except IntegrityError as exc:  # the same call pushed at the same instant by another request: send it again
        raise ValidationError({"__all__": ["a call was recorded meanwhile by another request: send the batch again"]}) \
            from exc
    return {"written": written, "duplicates": duplicates}

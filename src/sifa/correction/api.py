"""Community correction's JSON routes, mounted at /api/correction/ (core.lines.Line.api): the check-in system pushes
its electronic check-ins (社区矫正法 第二十六条: 信息化核查), which meet the persons' open contacts. Session or token
authentication as for the whole API; the same permissions and unit scope as the pages."""

from __future__ import annotations

from typing import Annotated

from django.core.exceptions import PermissionDenied, ValidationError
from ninja import Router, Schema, Status
from pydantic import Field

from sifa.core.inputs import BoundedDate
from sifa.core.workflow import StepError

from . import services

router = Router(tags=["correction"])


class CheckInIn(Schema):
    case_number: Annotated[str, Field(max_length=60)]
    on: BoundedDate
    method: Annotated[str, Field(max_length=16)] = "electronic"
    record: Annotated[str, Field(max_length=60)] = ""  # the check-in system's record number


class BatchIn(Schema):
    checkins: Annotated[list[CheckInIn], Field(max_length=10000)]


class BatchOut(Schema):
    written: int
    duplicates: int


@router.post("/checkins", response={201: BatchOut}, url_name="correction_checkins")
def checkins(request, payload: BatchIn):
    """Record a batch of check-ins, all or nothing; a record number already held is skipped."""
    if not request.user.has_perm("correction.supervise_supervisee"):
        raise PermissionDenied
    rows = [services.CheckIn(case_number=c.case_number, on=c.on, method=c.method, external_id=c.record)
            for c in payload.checkins]
    try:
        written, duplicates = services.checkins_import(rows=rows, by=request.user)
    except StepError as exc:
        raise ValidationError({exc.field or "__all__": [f"{exc.field}: {exc.message}" if exc.field else exc.message]}) \
            from exc
    return Status(201, {"written": written, "duplicates": duplicates})

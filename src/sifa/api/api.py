"""The JSON API (django-ninja, OpenAPI at /api/docs). Session authentication; every read is scoped by the
same `visible_to(user)` as the pages, and checks the same permissions."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest, PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import NinjaAPI, Schema
from ninja.security import django_auth
from pydantic import AfterValidator, Field

from sifa.core import calendar as cal
from sifa.core import clocks, lines, metrics, selectors
from sifa.core.inputs import BoundedDate, has_surrogates
from sifa.core.models import Unit

# The schema and its page are for signed-in users too: a visitor learns nothing of the API's surface.
api = NinjaAPI(title="sifa API", version="1", auth=django_auth, urls_namespace="api", docs_decorator=login_required)


# Django's own exceptions, raised by the checks and services the API shares with the pages, answer as JSON with
# their status; ninja's default handler would turn them into a 500 (a traceback while SIFA_DEBUG=1).
@api.exception_handler(PermissionDenied)
def _forbidden(request, exc):
    return api.create_response(request, {"detail": "Permission denied"}, status=403)


@api.exception_handler(Http404)
def _not_found(request, exc):
    return api.create_response(request, {"detail": "Not found"}, status=404)


@api.exception_handler(ValidationError)
def _invalid(request, exc):
    return api.create_response(request, {"detail": exc.messages}, status=422)


@api.exception_handler(BadRequest)
def _bad_request(request, exc):
    return api.create_response(request, {"detail": str(exc) or "Bad request"}, status=400)


def _no_surrogates(value: str) -> str:
    if has_surrogates(value):
        raise ValueError("the text holds lone surrogates, which are not valid Unicode")
    return value


SearchText = Annotated[str, Field(max_length=200), AfterValidator(_no_surrogates)]
"""A search text: bounded (a name or a number is short) and valid Unicode, else 422."""


class PartyOut(Schema):
    id: int
    kind: str
    name: str
    id_number: str  # masked
    phone: str  # masked
    credit_code: str
    unit: str


class DeadlineOut(Schema):
    id: int
    rule: str
    label: str
    case: str
    case_url: str
    start: date
    due: date
    state: str
    explanation: str


class DueOut(Schema):
    rule: str
    start: date
    due: date
    explanation: str


def _require(request, perm: str) -> None:
    if not request.user.has_perm(perm):
        raise PermissionDenied


@api.get("/me")
def me(request):
    user = request.user
    return {
        "username": user.username,
        "name": str(user),
        "memberships": [{"unit": m.unit.code, "unit_name": m.unit.name, "role": m.role.code}
                        for m in user.memberships.select_related("unit", "role")],
    }


class PartySearchIn(Schema):
    q: SearchText
    limit: int = Field(50, ge=1, le=200)


def _party_rows(request, *, q: str = "", key: str = "", limit: int = 50) -> list[PartyOut]:
    _require(request, "core.view_party")
    rows = selectors.party_search(user=request.user, q=q, key=key)[: max(1, min(limit, 200))]
    return [PartyOut(id=p.pk, kind=p.kind, name=p.name, id_number=p.id_number_masked, phone=p.phone_masked,
                     credit_code=p.credit_code, unit=p.unit.name) for p in rows]


@api.get("/parties", response=list[PartyOut])
def parties(request, q: SearchText = "", key: Annotated[str, Field(max_length=64)] = "",
            limit: Annotated[int, Field(ge=1, le=200)] = 50):
    """Search by name or credit code, or by `key` (the keyed hash of a whole ID or mobile number).
    A whole ID or mobile number is refused here so that it never lands in a URL or an access log:
    POST it to /api/parties/search instead."""
    if selectors.personal_number_key(q):
        return api.create_response(request, {"detail": "POST whole ID or mobile numbers to /api/parties/search"},
                                   status=400)
    return _party_rows(request, q=q, key=key, limit=limit)


@api.post("/parties/search", response=list[PartyOut])
def parties_search(request, payload: PartySearchIn):
    """Search by any of name, credit code, whole ID number or mobile number (in the body, not the URL)."""
    return _party_rows(request, q=payload.q, limit=payload.limit)


@api.get("/deadlines", response=list[DeadlineOut])
def deadlines(request):
    """The user's open clocks in due order (a leader: the units' clocks)."""
    user = request.user
    rows = clocks.open_for_user(user, leader_units=user.has_perm("core.lead_unit"))[:200]
    return [DeadlineOut(id=d.pk, rule=d.rule, label=d.label, case=d.case_label, case_url=d.case_url, start=d.start,
                        due=d.due, state=d.state, explanation=d.explain()) for d in rows]


@api.get("/deadline", response=DueOut)
def deadline(request, rule: Annotated[str, Field(max_length=120)], start: BoundedDate):
    """The due date of a registered rule from a start date (no pauses), with its explanation."""
    try:
        r = clocks.rule_for(rule, start)
        due = clocks.compute_due(rule=r, start=start)
    except (clocks.ClockError, cal.CalendarYearUnknown) as exc:
        return api.create_response(request, {"detail": str(exc)}, status=400)
    text = f"{due}: {r.length} {clocks.UNIT_LABELS[r.unit]} ← {start} ({r.basis})"
    return DueOut(rule=rule, start=start, due=due, explanation=text)


@api.get("/metrics")
def metric_values(request, date_from: BoundedDate, date_to: BoundedDate,
                  unit: Annotated[str, Field(max_length=40)] | None = None):
    """Every registered figure for a period and unit subtree: key → value (a rate as a percentage)."""
    _require(request, "core.view_statistics")
    unit_obj = None
    if unit:
        unit_obj = get_object_or_404(Unit.objects.visible_to(request.user), code=unit)
    else:
        visible = Unit.objects.visible_to(request.user).order_by("path").first()
        if visible is None:
            raise PermissionDenied
        if visible.parent_id is not None:
            unit_obj = visible
    return metrics.compute(date_from, date_to, unit_obj).flat()


# Each line's own routes (core.lines.Line.api), under /api/<line>/.
for _line in lines.all():
    if _line.api:
        api.add_router(f"/{_line.key}/", _line.load("api"))

"""The writers of the petitions line: registering a petition or a work order (routed by the district's rules), the
import of the hotline's orders, and the procedure table's steps. One transaction each, audited, with the legal
date of the act apart from the moment it is recorded."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from sifa.core import audit, numbering
from sifa.core import clocks as core_clocks
from sifa.core.models import Party, Unit
from sifa.core.services import party_save
from sifa.core.validators import parse_id_number
from sifa.core.workflow import StepError

from . import clocks
from .models import Channel, HotlineKind, Kind, Petition, RoutingRule, State
from .workflow import NUMBER_FORMATS, WORKFLOW, main_rule


def route_for(*, kind: str, subject: str, content: str) -> RoutingRule | None:
    """The first active rule (by priority) whose kind is blank or the matter's, and whose keyword is blank or found
    in the subject or content."""
    text = f"{subject}\n{content}"
    for rule in RoutingRule.objects.filter(Q(kind="") | Q(kind=kind), active=True).select_related("division"):
        if not rule.keyword or rule.keyword in text:
            return rule
    return None


@dataclass
class OrderRecord:
    """One petition or work order as read from a form, the API or the hotline's export."""

    channel: str
    kind: str
    name: str
    subject: str
    content: str
    received_on: date
    external_id: str = ""
    hotline_kind: str = ""
    phone: str = ""
    id_number: str = ""


def _check(r: OrderRecord) -> None:
    if r.received_on > timezone.localdate():
        raise StepError(_("This date is in the future."), field="received_on")
    if r.channel not in Channel.values:
        raise StepError(_("Unknown channel."), field="channel")
    if r.kind not in Kind.values:
        raise StepError(_("Unknown kind."), field="kind")
    if r.channel == Channel.HOTLINE and r.hotline_kind not in HotlineKind.values:
        raise StepError(_("A hotline work order has a kind."), field="hotline_kind")
    if r.channel != Channel.HOTLINE and r.hotline_kind:
        raise StepError(_("Only a hotline work order has a hotline kind."), field="hotline_kind")
    if not r.subject.strip() or not r.content.strip() or not r.name.strip():
        raise StepError(_("The name, subject and content are required."), field="subject")
    if r.id_number.strip():
        try:
            parse_id_number(r.id_number)
        except ValidationError as exc:
            raise StepError(" ".join(exc.messages), field="id_number") from None
    ext = r.external_id.strip()
    if ext and Petition.objects.filter(channel=r.channel, external_id=ext).exists():
        raise StepError(_("This work order is registered already."), field="external_id")


@transaction.atomic
def petition_register(*, unit: Unit, by, record: OrderRecord) -> Petition:
    """Register a petition (信访工作条例 第二十三条: 登记) or a hotline work order, routed by the district's rules.
    A petition's 15-day notice clock starts; an order's hotline clock (working days by kind) starts."""
    if unit is None:
        raise StepError(_("You belong to no unit that handles petitions."))
    _check(record)
    rule = route_for(kind=record.kind, subject=record.subject, content=record.content)
    person = party_save(party=Party(name=record.name.strip(), unit=unit), by=by, phone=record.phone or None,
                        id_number=record.id_number.strip().upper() or None)
    p = Petition(unit=unit, state=State.REGISTERED, handler=by if getattr(by, "pk", None) else None,
                 opened_on=record.received_on, received_on=record.received_on, channel=record.channel,
                 external_id=record.external_id.strip(), kind=record.kind, hotline_kind=record.hotline_kind,
                 petitioner=person, subject=record.subject.strip(), content=record.content.strip(),
                 route=rule.route if rule else "handle", division=rule.division if rule else None, routing_rule=rule,
                 number=numbering.take(kind="petitions.case", unit=unit, year=record.received_on.year,
                                       default_format=NUMBER_FORMATS["case"]))
    p.full_clean(exclude=["handler", "unit", "petitioner", "division", "routing_rule"])
    p.save()
    core_clocks.start(p, rule=main_rule(p) if p.is_hotline else clocks.NOTICE, start=record.received_on, by=by)
    if p.channel == Channel.TRANSFERRED:  # 第二十三条第三款: an objection within 5 working days of the receipt
        core_clocks.start(p, rule=clocks.OBJECTION, start=record.received_on, by=by)
    audit.record(by, "petitions.registered", p, summary=p.number,
                 payload={"channel": p.channel, "kind": p.kind, "route": p.route, "received_on": p.received_on})
    return p


def orders_import(*, unit: Unit, records: list[OrderRecord], by) -> list[Petition]:
    """The hotline's export, all or nothing (the import's transaction): each order through `petition_register`."""
    return [petition_register(unit=unit, by=by, record=r) for r in records]


def take_step(case: Petition, name: str, *, by, on: date | None = None, data: dict | None = None,
              expected_version: int | None = None):
    return WORKFLOW.run(case, name, by=by, on=on, data=data, expected_version=expected_version)

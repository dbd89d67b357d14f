"""The line's organisations: mediators and their training (人民调解法 第十三条、第十四条), agencies stationed at a
one-stop dispute centre."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from sifa.core import audit
from sifa.core.models import Unit
from sifa.core.models.org import UnitKind

from ..models import CentreAgency, Mediator, MediatorTraining
from .common import _require


@transaction.atomic
def mediator_save(*, mediator: Mediator, by) -> Mediator:
    """Appoint or update a mediator of a committee (人民调解法 第十三条、第十四条)."""
    _require(mediator.unit.kind == UnitKind.MEDIATION_COMMITTEE, "unit",
             _("A mediator belongs to a mediation committee."))
    created = mediator.pk is None
    mediator.full_clean()
    mediator.save()
    audit.record(by, "mediation.mediator.appointed" if created else "mediation.mediator.changed", mediator,
                 unit=mediator.unit, payload={"chief": mediator.is_chief})
    return mediator


@transaction.atomic
def training_record(*, mediators: Sequence[Mediator], title: str, held_on: date, hours: Decimal | int = 0,
                    organiser: str = "", by) -> list[MediatorTraining]:
    """Record a training attended by mediators (人民调解法 第十四条第二款)."""
    _require(bool(title.strip()), "title", _("Name the training."))
    _require(bool(mediators), "mediators", _("Choose at least one mediator."))
    rows = MediatorTraining.objects.bulk_create([
        MediatorTraining(mediator=m, title=title, held_on=held_on, hours=hours, organiser=organiser)
        for m in mediators])
    audit.record(by, "mediation.training.recorded", None, summary=f"{title} {held_on}",
                 payload={"mediators": [m.pk for m in mediators], "held_on": held_on})
    return rows


@transaction.atomic
def centre_station_agency(*, centre: Unit, agency: Unit, since: date, staff: str = "", by) -> CentreAgency:
    """Record that an agency stations staff at a one-stop dispute centre."""
    _require(centre.kind == UnitKind.DISPUTE_CENTRE, "centre", _("Choose a dispute-resolution centre."))
    row, _created = CentreAgency.objects.update_or_create(
        centre=centre, agency=agency, defaults={"since": since, "staff": staff, "active": True})
    audit.record(by, "mediation.centre.agency_stationed", row, unit=centre, summary=str(row),
                 payload={"agency": agency.code, "since": since})
    return row

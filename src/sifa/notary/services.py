"""The writers of notarisation: one function per user action, one transaction each, audited.

The procedure's steps are the table's (`workflow.WORKFLOW.run`); this module registers an application (at the
window, or online from the portal) and writes the office's past applications in bulk (the import from its business
system, the demo's year). Each takes the legal date of the act apart from the moment it is recorded.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sifa.core import audit, bulk, numbering
from sifa.core import clocks as core_clocks
from sifa.core.models import Party, Unit, UnitKind
from sifa.core.services import party_save
from sifa.core.workflow import StepError

from . import clocks, district
from .models import IN_PERSON_MATTERS, ONLINE_CHANNELS, Channel, Matter, Notarisation, RefusalGround, State
from .workflow import NUMBER_FORMATS, WORKFLOW

CASE_SERIES = "notary.case"


def _check_date(on: date, what: str = "on") -> None:
    if on > timezone.localdate():
        raise StepError(_("This date is in the future."), field=what)


def _office(unit: Unit | None) -> Unit:
    if unit is None or unit.kind != UnitKind.NOTARY_OFFICE:
        raise StepError(_("Applications are registered by a notary office."))
    return unit


def _receipt_number() -> str:
    alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
    while True:
        candidate = f"GZ{timezone.localdate().year}" + "".join(secrets.choice(alphabet) for _ in range(8))
        if not Notarisation.objects.filter(receipt_number=candidate).exists():
            return candidate


@transaction.atomic
def application_register(*, unit: Unit, by, name: str, received_on: date, channel: str, matter: str,
                         for_use_abroad: bool = False, purpose: str = "", id_number: str = "", phone: str = "",
                         accept_now: bool = False, notary: str = "", external_id: str = "") -> Notarisation:
    """Register an application (公证法 第二十五条). Online, it waits for acceptance within the district's period
    and gets a receipt number for the portal; at the window it may be accepted at once (the 15 working days of
    第三十条 start on acceptance). A will, proof of life or adoption is never a "no visit" application (第二十六条)."""
    unit = _office(unit)
    _check_date(received_on, "received_on")
    if matter not in Matter.values:
        raise StepError(_("Choose a notarial matter."), field="matter")
    if channel == Channel.ZERO_VISIT and matter in IN_PERSON_MATTERS:
        raise StepError(_("Wills, proof of life and adoption must be handled by the person in person "
                          "(Notarization Law, Art 26): choose “at most one visit”."), field="channel")
    applicant = party_save(party=Party(name=name.strip(), unit=unit), by=by, id_number=id_number or None,
                           phone=phone or None)
    online = channel in ONLINE_CHANNELS
    case = Notarisation(
        unit=unit, state=State.APPLIED, handler=by if getattr(by, "pk", None) else None, opened_on=received_on,
        received_on=received_on, applicant=applicant, matter=matter, for_use_abroad=for_use_abroad,
        group=district.group_of(matter, for_use_abroad=for_use_abroad), purpose=purpose.strip(), channel=channel,
        external_id=external_id.strip(),
        receipt_number=_receipt_number() if online else None,
        number=numbering.take(kind=CASE_SERIES, unit=unit, year=received_on.year,
                              default_format=NUMBER_FORMATS["case"]))
    case.full_clean(exclude=["handler", "applicant"])
    case.save()
    audit.record(by, "notary.registered", case, summary=case.number,
                 payload={"channel": channel, "matter": matter, "group": case.group, "received_on": received_on})
    if online:
        core_clocks.start(case, rule=clocks.ACCEPTANCE, start=received_on, by=by)
    if accept_now:
        WORKFLOW.run(case, "accept", by=by, on=received_on, data={"notary": notary})
    return case


def take_step(case: Notarisation, name: str, *, by, on: date | None = None, data: dict | None = None,
              expected_version: int | None = None):
    """A step of the procedure table, for callers other than the step page (the demo, tests)."""
    return WORKFLOW.run(case, name, by=by, on=on, data=data, expected_version=expected_version)


# --- the batch writer (the office's business system, the demo's year) --------------------------------------

@dataclass
class Record:
    """One past application with the dates of its acts, as the office's system exports it."""

    unit: Unit
    applicant: str
    matter: str
    received_on: date
    channel: str = Channel.WINDOW
    for_use_abroad: bool = False
    external_id: str = ""
    accepted_on: date | None = None
    issued_on: date | None = None
    refused_on: date | None = None
    refusal_ground: str = ""
    notary: str = ""
    fee: Decimal | None = None


def _check(i: int, r: Record) -> None:
    where = {"i": i}
    if r.matter not in Matter.values:
        raise StepError(_("Record %(i)s: unknown notarial matter.") % where)
    if r.channel not in Channel.values:
        raise StepError(_("Record %(i)s: unknown channel.") % where)
    if r.accepted_on and r.accepted_on < r.received_on:
        raise StepError(_("Record %(i)s: accepted before it was received.") % where)
    if r.issued_on and (not r.accepted_on or r.issued_on < r.accepted_on):
        raise StepError(_("Record %(i)s: issued before it was accepted.") % where)
    if r.issued_on and r.refused_on:
        raise StepError(_("Record %(i)s: both issued and refused.") % where)
    if r.fee is not None and r.fee < 0:
        raise StepError(_("Record %(i)s: the fee cannot be negative.") % where)
    if r.refused_on and (r.refused_on < r.received_on or r.refusal_ground not in RefusalGround.values):
        raise StepError(_("Record %(i)s: a refusal needs its ground (Art 31) and follows the receipt.") % where)


def _state(r: Record) -> str:
    if r.refused_on:
        return State.REFUSED
    if r.issued_on:
        return State.ISSUED
    return State.ACCEPTED if r.accepted_on else State.APPLIED


@transaction.atomic
def applications_import(*, records: Sequence[Record], by, today: date | None = None) -> tuple[int, int]:
    """Write past applications set-based: parties, applications (numbered in their office's series of the year),
    their creation history, their issue clocks (met on the day of issue; still running for those in hand) and one
    audit event each. A record already held (same office and number in the office's system) is skipped. Every
    record's path is checked against the procedure. Returns (written, duplicates)."""
    for i, r in enumerate(records, start=1):
        _check(i, r)
    held = set()
    keyed = [r for r in records if r.external_id]
    if keyed:
        held = set(Notarisation.objects.filter(unit_id__in={r.unit.pk for r in keyed},
                                               external_id__in={r.external_id for r in keyed})
                   .values_list("unit_id", "external_id"))
    fresh, duplicates = [], 0
    for r in records:
        key = (r.unit.pk, r.external_id)
        if r.external_id and key in held:
            duplicates += 1
            continue
        if r.external_id:
            held.add(key)
        fresh.append(r)
    if not fresh:
        return 0, duplicates
    economic = district.economic_matters()
    with bulk.gc_paused():
        parties = bulk.create([Party(name=r.applicant, unit=r.unit) for r in fresh])
        numbers: dict[tuple, list[str]] = {}
        for key in {(r.unit.pk, r.received_on.year) for r in fresh}:
            unit = next(r.unit for r in fresh if r.unit.pk == key[0])
            count = sum(1 for r in fresh if (r.unit.pk, r.received_on.year) == key)
            numbers[key] = numbering.take_block(kind=CASE_SERIES, unit=unit, year=key[1], count=count,
                                                default_format=NUMBER_FORMATS["case"])
        cases = []
        for r, party in zip(fresh, parties, strict=True):
            state = _state(r)
            cases.append(Notarisation(
                unit=r.unit, state=state, opened_on=r.received_on, received_on=r.received_on,
                closed_on=r.issued_on or r.refused_on, number=numbers[(r.unit.pk, r.received_on.year)].pop(0),
                applicant=party, matter=r.matter, for_use_abroad=r.for_use_abroad,
                group=district.group_of(r.matter, for_use_abroad=r.for_use_abroad, economic=economic),
                channel=r.channel, external_id=r.external_id, accepted_on=r.accepted_on, notary=r.notary,
                issued_on=r.issued_on, refused_on=r.refused_on, refusal_ground=r.refusal_ground, fee=r.fee,
                refusal_reasons=f"《公证法》第三十一条第（{r.refusal_ground}）项" if r.refused_on else ""))
        bulk.create(cases)
        bulk.history_rows(cases, user=by, reason="import")
        accepted = [c for c in cases if c.accepted_on]
        core_clocks.start_many(accepted, rule=clocks.ISSUE, starts=[c.accepted_on for c in accepted],
                               ends=[("met", c.issued_on) if c.issued_on else
                                     ("cancelled", c.refused_on) if c.refused_on else ("", None) for c in accepted],
                               today=today)
        _settle_in_time(accepted)
        audit.record_many(by, "notary.imported", ((c, c.number, {"matter": c.matter, "state": c.state})
                                                  for c in cases))
    return len(cases), duplicates


def _settle_in_time(cases: Sequence[Notarisation]) -> None:
    """issued_in_time from the clocks just written (their due dates on the working-day calendar), set-based."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import F

    from sifa.core.models import Deadline

    issued = Notarisation.objects.filter(pk__in=[c.pk for c in cases if c.issued_on])
    met = Deadline.objects.filter(content_type=ContentType.objects.get_for_model(Notarisation), rule=clocks.ISSUE,
                                  object_id__in=issued.values("pk"))
    issued.filter(pk__in=met.filter(met_on__lte=F("due")).values("object_id")).update(issued_in_time=True)
    issued.filter(pk__in=met.filter(met_on__gt=F("due")).values("object_id")).update(issued_in_time=False)


@transaction.atomic
def monthly_totals_import(*, totals: Sequence, by) -> list:
    """Write the monthly totals of an office whose system exports no single applications: one row per office,
    month and matter (a row imported again replaces the month's earlier figures), each audited. The imports keep an
    office's month in one form only (`notary.imports`), so the figures count nothing twice."""
    from .models import MonthlyTotal

    economic = district.economic_matters()
    out = []
    for t in totals:
        t.group = district.group_of(t.matter, for_use_abroad=t.for_use_abroad, economic=economic)
        row, created = MonthlyTotal.objects.update_or_create(
            unit=t.unit, month=t.month, matter=t.matter, for_use_abroad=t.for_use_abroad,
            defaults={f: getattr(t, f) for f in ("group", "accepted", "online", "one_visit", "issued", "refused",
                                                 "fees")})
        audit.record(by, "notary.monthly_imported" if created else "notary.monthly_replaced", row,
                     summary=str(row), payload={"month": t.month, "matter": t.matter, "accepted": t.accepted})
        out.append(row)
    return out


# --- the roster of notaries ---------------------------------------------------------------------------------

@transaction.atomic
def notary_save(*, unit: Unit, by, name: str, certificate_number: str, practising_since: date | None = None,
                active: bool = True, notary=None):
    """Enter or change a notary of the office (公证法 第十八条: the practice certificate)."""
    from .models import Notary

    unit = _office(unit)
    number = certificate_number.strip()
    if Notary.objects.filter(certificate_number=number).exclude(pk=getattr(notary, "pk", None)).exists():
        raise StepError(_("Another notary holds this certificate number."), field="certificate_number")
    if practising_since:
        _check_date(practising_since, "practising_since")
    n = notary or Notary(unit=unit)
    n.name, n.certificate_number, n.practising_since, n.active = name.strip(), number, practising_since, active
    n.full_clean(exclude=["unit"])
    n.save()
    audit.record(by, "notary.roster_saved", n, summary=str(n), payload={"active": active})
    return n


@transaction.atomic
def assessment_record(*, notary, by, year: int, result: str, note: str = ""):
    """The notary's annual assessment (年度考核); a year assessed again replaces its result."""
    from .models import Assessment, NotaryAssessment

    if year > timezone.localdate().year:
        raise StepError(_("This year has not begun."), field="year")
    if result not in Assessment.values:
        raise StepError(_("Choose the result."), field="result")
    a, _created = NotaryAssessment.objects.update_or_create(notary=notary, year=year,
                                                            defaults={"result": result, "note": note.strip()})
    audit.record(by, "notary.assessed", notary, summary=f"{notary} {year} {a.get_result_display()}",
                 payload={"year": year, "result": result})
    return a

"""The writers of legal aid: one function per user action, one transaction each, audited.

The procedure's steps (review, decision, assignment, closing, termination, objections) are the table's
(`workflow.WORKFLOW.run`); this module registers what the table starts from — an application, a notification,
a consultation — and writes consultations and the demo's year in bulk. Each takes the legal date of the act
(`on`/`received_on`) apart from the moment it is recorded.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sifa.core import audit, bulk, files, numbering
from sifa.core import clocks as core_clocks
from sifa.core.models import Party, Unit, UnitKind
from sifa.core.models.clocks import DeadlineState
from sifa.core.services import party_save
from sifa.core.workflow import StepError

from . import clocks, district
from .models import (
    MAX_CALLBACK_ATTEMPTS,
    Channel,
    Consultation,
    ConsultationChannel,
    Decision,
    DutyHelp,
    DutyPeriod,
    DutyShift,
    LegalAidCase,
    Material,
    MatterType,
    RosterLawyer,
    ServiceForm,
    Source,
    State,
)
from .workflow import NUMBER_FORMATS, WORKFLOW

CASE_SERIES = "legalaid.case"


def _check_date(on: date, what: str = "on") -> None:
    if on > timezone.localdate():
        raise StepError(_("This date is in the future."), field=what)


def _unit_of_centre(unit: Unit | None) -> Unit:
    if unit is None:
        raise StepError(_("You belong to no unit that could register the case."))
    return unit


def _person(*, unit, by, name: str, id_number: str = "", phone: str = "", address: str = "") -> Party:
    return party_save(party=Party(name=name.strip(), unit=unit, address=address.strip()), by=by,
                      id_number=id_number or None, phone=phone or None)


def _receipt_number(on: date) -> str:
    """An online application's receipt number: "FA", the year and eight characters nobody can guess."""
    alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
    while True:
        candidate = f"FA{on.year}" + "".join(secrets.choice(alphabet) for _ in range(8))
        if not LegalAidCase.objects.filter(receipt_number=candidate).exists():
            return candidate


def _number(unit: Unit, on: date) -> str:
    return numbering.take(kind=CASE_SERIES, unit=unit, year=on.year, default_format=NUMBER_FORMATS["case"])


@transaction.atomic
def application_register(*, unit: Unit, by, name: str, received_on: date, channel: str, matter_type: str,
                         service_form: str, matter: str, id_number: str = "", phone: str = "", address: str = "",
                         opposing_party: str = "", handling_organ: str = "",
                         materials: Sequence = ()) -> LegalAidCase:
    """Register an application (法律援助法 第三十八条至第四十条): the review period of 7 days starts on receipt
    (第四十三条). A detainee's application forwarded within 24 h (第三十九条) is received on the day it arrives."""
    unit = _unit_of_centre(unit)
    _check_date(received_on, "received_on")
    if channel == Channel.NOTICE:
        raise StepError(_("A notice is registered as a notified case."), field="channel")
    applicant = _person(unit=unit, by=by, name=name, id_number=id_number, phone=phone, address=address)
    case = LegalAidCase(unit=unit, state=State.RECEIVED, handler=by if getattr(by, "pk", None) else None,
                        opened_on=received_on, received_on=received_on, source=Source.APPLICATION, channel=channel,
                        matter_type=matter_type, service_form=service_form, applicant=applicant,
                        matter=matter.strip(), opposing_party=opposing_party.strip(),
                        handling_organ=handling_organ.strip(), number=_number(unit, received_on),
                        receipt_number=_receipt_number(received_on) if channel == Channel.ONLINE else None)
    case.full_clean(exclude=["handler", "law_firm", "notifying_unit"])
    case.save()
    core_clocks.start(case, rule=clocks.DECISION, start=received_on, by=by)
    audit.record(by, "legalaid.registered", case, summary=case.number,
                 payload={"source": case.source, "channel": channel, "matter_type": matter_type,
                          "received_on": received_on})
    for f in materials:
        material_add(case=case, file=f, by=by, from_applicant=channel == Channel.ONLINE)
    return case


@transaction.atomic
def material_add(*, case: LegalAidCase, file, by, description: str = "", from_applicant: bool = False) -> Material:
    """Keep a file of the application's materials with the case (its type, size and content were checked by the
    form: `uploads.validate_upload`). A closed or ended case takes no more materials."""
    if case.state in (State.CLOSED, State.TERMINATED, State.WITHDRAWN):
        raise StepError(_("The case has ended: it takes no more materials."), field="file")
    m = Material.objects.create(case=case, file=file, name=files.display_name(getattr(file, "name", ""))[:200],
                                size=file.size, content_type=(getattr(file, "content_type", "") or "")[:100],
                                description=description.strip()[:200], from_applicant=from_applicant,
                                uploaded_by=by if getattr(by, "pk", None) else None)
    audit.record(by, "legalaid.material.added", case, summary=m.name,
                 payload={"size": m.size, "from_applicant": from_applicant})
    return m


@transaction.atomic
def notification_register(*, unit: Unit, by, name: str, received_on: date, notifying_organ: str,
                          notice_number: str, mandatory_ground: str, matter: str,
                          service_form: str = ServiceForm.CRIMINAL_DEFENCE, notifying_unit: Unit | None = None,
                          id_number: str = "", phone: str = "", address: str = "") -> LegalAidCase:
    """Register a notification of a court, procuratorate or police (第二十五条、第二十八条、第三十六条): no review,
    the lawyer is assigned within 3 days of receipt. The mandatory category is checked against 第二十五条."""
    unit = _unit_of_centre(unit)
    _check_date(received_on, "received_on")
    if not notice_number.strip():
        raise StepError(_("The notice number is required."), field="notice_number")
    if LegalAidCase.objects.filter(unit=unit, source=Source.NOTIFICATION, notice_number=notice_number.strip(),
                                   notifying_organ=notifying_organ).exists():
        raise StepError(_("This notice is registered already."), field="notice_number")
    applicant = _person(unit=unit, by=by, name=name, id_number=id_number, phone=phone, address=address)
    case = LegalAidCase(unit=unit, state=State.GRANTED, handler=by if getattr(by, "pk", None) else None,
                        opened_on=received_on, received_on=received_on, accepted_on=received_on,
                        source=Source.NOTIFICATION, channel=Channel.NOTICE, matter_type=MatterType.CRIMINAL,
                        service_form=service_form, applicant=applicant, matter=matter.strip(),
                        notifying_organ=notifying_organ, notifying_unit=notifying_unit,
                        handling_organ=notifying_unit.name if notifying_unit else "",
                        notice_number=notice_number.strip(), mandatory_ground=mandatory_ground,
                        number=_number(unit, received_on))
    case.full_clean(exclude=["handler", "law_firm", "notifying_unit"])
    case.save()
    core_clocks.start(case, rule=clocks.NOTIFIED_ASSIGNMENT, start=received_on, by=by)
    audit.record(by, "legalaid.notified", case, summary=case.number,
                 payload={"source": case.source, "organ": notifying_organ, "ground": mandatory_ground,
                          "received_on": received_on})
    return case


def take_step(case: LegalAidCase, name: str, *, by, on: date | None = None, data: dict | None = None,
              expected_version: int | None = None):
    """A step of the procedure table, for callers other than the step page (the API, the demo, tests)."""
    return WORKFLOW.run(case, name, by=by, on=on, data=data, expected_version=expected_version)


# --- consultations ------------------------------------------------------------------------------------------

@transaction.atomic
def consultation_register(*, unit: Unit, by, consulted_on: date, channel: str, category: str, question: str = "",
                          answer: str = "", name: str = "", persons: int = 1, referral: str = "",
                          referred_unit: Unit | None = None, callback_requested: bool = False,
                          satisfaction: str = "", external_id: str = "") -> Consultation:
    """Record a consultation (第二十三条; 条例 第二十五条: answered at once, a complex one by appointment). A callback
    request starts its time limit on the working-day calendar."""
    _check_date(consulted_on, "consulted_on")
    if external_id and Consultation.objects.filter(unit=unit, channel=channel, external_id=external_id).exists():
        raise StepError(_("This call record is registered already."), field="external_id")
    c = Consultation(unit=unit, channel=channel, consulted_on=consulted_on, category=category, question=question,
                     answer=answer, name=name.strip(), persons=persons, referral=referral or "",
                     referred_unit=referred_unit, callback_requested=callback_requested,
                     satisfaction=satisfaction or "", external_id=external_id,
                     handler=by if getattr(by, "pk", None) else None)
    c.full_clean(exclude=["handler", "referred_unit"])
    c.save()
    if callback_requested:
        d = _callback_clock(c, consulted_on, by)
        c.callback_due = d.due
        c.save(update_fields=["callback_due"])
    audit.record(by, "legalaid.consultation.registered", c, summary=str(c),
                 payload={"channel": channel, "category": category, "referral": referral,
                          "callback": callback_requested})
    return c


def _callback_clock(c: Consultation, consulted_on: date, by):
    """The callback's clock: the rule's default (two working days), or the period the district set
    (`legalaid.district.callback_period`: days and whether they are working or calendar days)."""
    d = core_clocks.start(c, rule=clocks.CALLBACK, start=consulted_on, by=by)
    period = district.callback_period()
    if period is not None and period != (d.length, d.count_unit):
        d.length, d.count_unit = period
        d.due = d.original_due = core_clocks.compute_due(unit=d.count_unit, length=d.length, start=d.start)
        d.basis = (f"本区规定（{district.CALLBACK_DAYS}、{district.CALLBACK_UNIT}）："
                   f"{d.length}{'个工作日' if d.count_unit == core_clocks.WORKING_DAYS else '日'}")
        d.state = DeadlineState.OVERDUE if d.due < timezone.localdate() else DeadlineState.RUNNING
        d.save(update_fields=["length", "count_unit", "due", "original_due", "basis", "state"])
    return d


@transaction.atomic
def consultation_callback(*, consultation: Consultation, by, on: date, reached: bool,
                          satisfaction: str = "") -> Consultation:
    """One callback attempt: reached, the callback is done (in time or late); not reached, another attempt, up to
    three, after which the callback is given up."""
    c = Consultation.objects.select_for_update().get(pk=consultation.pk)
    _check_date(on)
    if not c.callback_open:
        raise StepError(_("No callback is open for this consultation."))
    if on < c.consulted_on:
        raise StepError(_("The call cannot precede the consultation (%(on)s).") % {"on": c.consulted_on}, field="on")
    c.callback_attempts += 1
    if reached:
        c.callback_done_on = on
        c.callback_in_time = c.callback_due is None or on <= c.callback_due
        c.satisfaction = satisfaction or c.satisfaction
        core_clocks.meet(c, rule=clocks.CALLBACK, on=on, by=by, missing_ok=True)
    elif c.callback_attempts >= MAX_CALLBACK_ATTEMPTS:
        c.callback_in_time = False
        core_clocks.cancel(c, rule=clocks.CALLBACK, on=on, by=by, reason="三次回访未接通")
    c.save()
    audit.record(by, "legalaid.callback.attempted", c, summary=str(c),
                 payload={"attempt": c.callback_attempts, "reached": reached, "on": on})
    consultation.__dict__.update({k: v for k, v in c.__dict__.items() if not k.startswith("_")})
    return consultation


@dataclass
class ConsultationRecord:
    """A consultation for the batch writer (the hotline's exported call records, the demo's year)."""

    unit_id: int
    channel: str
    consulted_on: date
    category: str
    external_id: str = ""
    name: str = ""
    persons: int = 1
    question: str = ""
    answer: str = ""
    referral: str = ""
    callback_requested: bool = False
    callback_done_on: date | None = None
    satisfaction: str = ""


@transaction.atomic
def consultations_import(*, records: Sequence[ConsultationRecord], by) -> tuple[int, int]:
    """Write many consultations set-based; a record already held (same unit, channel and hotline record number),
    or twice in the batch, is skipped. Returns (written, duplicates). One audit event names the batch."""
    seen = set()
    keyed = [(r.unit_id, r.channel, r.external_id) for r in records if r.external_id]
    if keyed:
        units = {k[0] for k in keyed}
        ids = {k[2] for k in keyed}
        seen = set(Consultation.objects.filter(unit_id__in=units, external_id__in=ids)
                   .values_list("unit_id", "channel", "external_id"))
    rows, duplicates = [], 0
    handler = getattr(by, "pk", None)
    for r in records:
        key = (r.unit_id, r.channel, r.external_id)
        if r.external_id:
            if key in seen:
                duplicates += 1
                continue
            seen.add(key)
        if r.channel not in ConsultationChannel.values:
            raise StepError(_("Unknown channel “%(c)s”.") % {"c": r.channel}, field="channel")
        done = r.callback_done_on
        rows.append({
            "unit_id": r.unit_id, "channel": r.channel, "consulted_on": r.consulted_on, "category": r.category,
            "external_id": r.external_id, "name": r.name, "persons": r.persons, "question": r.question,
            "answer": r.answer, "referral": r.referral, "callback_requested": r.callback_requested,
            "callback_done_on": done, "callback_attempts": 1 if done else 0,
            "callback_in_time": (done is not None) if r.callback_requested else None,
            "callback_due": done if done else None, "satisfaction": r.satisfaction, "handler_id": handler})
    written = bulk.insert_dicts(Consultation, rows)
    audit.record(by, "legalaid.consultations.imported", None, summary=_("%(n)s consultations") % {"n": written},
                 payload={"written": written, "duplicates": duplicates})
    return written, duplicates


# --- the batch writer of cases (the demo's year; a migration from an older system) ---------------------------

@dataclass
class CaseRecord:
    """A concluded or running case of the past, with the dates of its acts."""

    unit: Unit
    source: str
    matter_type: str
    service_form: str
    applicant: str
    matter: str
    received_on: date
    channel: str = Channel.WINDOW
    decision: str = Decision.GRANTED
    decided_on: date | None = None
    law_firm_id: int | None = None
    lawyer: str = ""
    assigned_on: date | None = None
    closed_on: date | None = None
    outcome: str = ""
    refusal_ground: str = ""
    refusal_reasons: str = ""
    notifying_organ: str = ""
    notice_number: str = ""
    mandatory_ground: str = ""
    extra: dict = field(default_factory=dict)


def _state_of(r: CaseRecord) -> str:
    if r.decision == Decision.REFUSED:
        return State.REFUSED
    if r.closed_on:
        return State.CLOSED
    return State.ASSIGNED if r.assigned_on else State.GRANTED


@transaction.atomic
def cases_import(*, records: Sequence[CaseRecord], by) -> int:
    """Write past cases set-based: parties, cases (numbered in their unit's series of their year), their creation
    history, their met clocks and one audit event each. Every record's path is checked against the procedure:
    refused cases have no assignment; granted ones are decided after receipt and assigned after the decision."""
    if not records:
        return 0
    for i, r in enumerate(records):
        decided = r.received_on if r.source == Source.NOTIFICATION else r.decided_on
        if decided is None or decided < r.received_on:
            raise StepError(_("Record %(i)s: the decision is missing or before the receipt.") % {"i": i + 1})
        if r.decision == Decision.REFUSED and r.assigned_on:
            raise StepError(_("Record %(i)s: a refused case is not assigned.") % {"i": i + 1})
        if r.assigned_on and r.assigned_on < decided:
            raise StepError(_("Record %(i)s: assigned before the decision.") % {"i": i + 1})
        if r.closed_on and (not r.assigned_on or r.closed_on < r.assigned_on) and r.decision != Decision.REFUSED:
            raise StepError(_("Record %(i)s: closed before the assignment.") % {"i": i + 1})
    with bulk.gc_paused():
        parties = bulk.create([Party(name=r.applicant, unit=r.unit) for r in records])
        numbers: dict[tuple, list[str]] = {}
        for key in {(r.unit.pk, r.received_on.year) for r in records}:
            unit = next(r.unit for r in records if r.unit.pk == key[0])
            count = sum(1 for r in records if (r.unit.pk, r.received_on.year) == key)
            numbers[key] = numbering.take_block(kind=CASE_SERIES, unit=unit, year=key[1], count=count,
                                                default_format=NUMBER_FORMATS["case"])
        cases = []
        for r, party in zip(records, parties, strict=True):
            notified = r.source == Source.NOTIFICATION
            decided = r.received_on if notified else r.decided_on
            granted = r.decision != Decision.REFUSED
            state = _state_of(r)
            cases.append(LegalAidCase(
                unit=r.unit, state=state, opened_on=r.received_on, received_on=r.received_on,
                closed_on=r.closed_on if state in (State.CLOSED, State.REFUSED) else None,
                number=numbers[(r.unit.pk, r.received_on.year)].pop(0), source=r.source,
                channel=Channel.NOTICE if notified else r.channel, matter_type=r.matter_type,
                service_form=r.service_form, applicant=party, matter=r.matter,
                decision="" if notified else r.decision, decided_on=None if notified else decided,
                decided_in_time=None if notified else (decided - r.received_on).days <= 7,
                refusal_ground=r.refusal_ground, refusal_reasons=r.refusal_reasons,
                accepted_on=decided if granted else None, law_firm_id=r.law_firm_id, lawyer=r.lawyer,
                assigned_on=r.assigned_on,
                assigned_in_time=(r.assigned_on - decided).days <= 3 if r.assigned_on else None,
                outcome=r.outcome, notifying_organ=r.notifying_organ, notice_number=r.notice_number,
                mandatory_ground=r.mandatory_ground))
        bulk.create(cases)
        bulk.history_rows(cases, user=by, reason="import")
        applications = [(c, r) for c, r in zip(cases, records, strict=True) if r.source == Source.APPLICATION]
        core_clocks.start_many([c for c, _r in applications], rule=clocks.DECISION,
                               starts=[c.received_on for c, _r in applications],
                               ends=[("met", c.decided_on) for c, _r in applications])
        for rule, group in ((clocks.ASSIGNMENT, [c for c, _r in applications if c.decision != Decision.REFUSED]),
                            (clocks.NOTIFIED_ASSIGNMENT, [c for c in cases if c.source == Source.NOTIFICATION])):
            core_clocks.start_many(group, rule=rule, starts=[c.accepted_on for c in group],
                                   ends=[("met", c.assigned_on) if c.assigned_on else ("", None) for c in group])
        audit.record_many(by, "legalaid.imported", ((c, c.number, {"source": c.source, "state": c.state})
                                                    for c in cases))
    return len(cases)


def law_firms():
    return Unit.objects.filter(kind=UnitKind.LAW_FIRM, active=True).order_by("name")


# --- the duty schedule (值班表) -------------------------------------------------------------------------------

def _clashes(lawyer: RosterLawyer, on: date, period: str, exclude: int | None = None) -> bool:
    """A lawyer is on one duty at a time: the same half-day, or a whole day against either half."""
    periods = [DutyPeriod.MORNING, DutyPeriod.AFTERNOON, DutyPeriod.DAY] if period == DutyPeriod.DAY else \
        [period, DutyPeriod.DAY]
    qs = DutyShift.objects.filter(lawyer=lawyer, on=on, period__in=periods)
    if exclude:
        qs = qs.exclude(pk=exclude)
    return qs.exists()


@transaction.atomic
def duty_schedule(*, unit: Unit, by, place: Unit, lawyer: RosterLawyer, on: date, period: str,
                  note: str = "") -> DutyShift:
    """Put a roster lawyer on duty at a place for a half-day or a day (值班律师排班; 法律援助法 第十四条、第三十条)."""
    from .models import DUTY_PLACE_KINDS

    unit = _unit_of_centre(unit)
    if lawyer.unit_id != unit.pk:
        raise StepError(_("The lawyer is not on this centre's roster."), field="lawyer")
    if not lawyer.active:
        raise StepError(_("The lawyer is no longer active on the roster."), field="lawyer")
    if place.kind not in DUTY_PLACE_KINDS:
        raise StepError(_("Duty lawyers serve at the centre, a justice office, a court, a procuratorate or a "
                          "detention centre."), field="place")
    if period not in DutyPeriod.values:
        raise StepError(_("Choose the morning, the afternoon or the whole day."), field="period")
    if _clashes(lawyer, on, period):
        raise StepError(_("The lawyer is already on duty at that time."), field="period")
    shift = DutyShift.objects.create(unit=unit, place=place, lawyer=lawyer, on=on, period=period,
                                     note=note.strip()[:200], created_by=by if getattr(by, "pk", None) else None)
    audit.record(by, "legalaid.duty.scheduled", shift, summary=str(shift),
                 payload={"place": place.code, "on": on, "period": period})
    return shift


@transaction.atomic
def duty_record(*, shift: DutyShift, by, served: bool, note: str = "") -> DutyShift:
    """Record whether the lawyer served the duty (on the day or after it, not before)."""
    if shift.on > timezone.localdate():
        raise StepError(_("A duty can be recorded on its day or after it."), field="served")
    if not served and shift.helps.exists():
        raise StepError(_("Help was recorded for this duty: it was served."), field="served")
    shift.served = served
    if note.strip():
        shift.note = note.strip()[:200]
    shift.save(update_fields=["served", "note"])
    audit.record(by, "legalaid.duty.recorded", shift, summary=str(shift), payload={"served": served})
    return shift


@transaction.atomic
def duty_cancel(*, shift: DutyShift, by) -> None:
    """Take a planned duty off the schedule (before it was recorded)."""
    if shift.served is not None or shift.helps.exists():
        raise StepError(_("A duty already recorded cannot be taken off the schedule."))
    audit.record(by, "legalaid.duty.cancelled", shift, summary=str(shift))
    shift.delete()


@transaction.atomic
def duty_help_add(*, shift: DutyShift, by, kind: str, persons: int, category: str, note: str = "") -> DutyHelp:
    """Record help the duty lawyer gave during the shift (the shift is then served)."""
    if shift.on > timezone.localdate():
        raise StepError(_("Help can be recorded on the day of the duty or after it."), field="kind")
    if shift.served is False:
        raise StepError(_("The duty was recorded as missed."), field="kind")
    if persons < 1:
        raise StepError(_("At least one person."), field="persons")
    help_ = DutyHelp.objects.create(shift=shift, kind=kind, persons=persons, category=category,
                                    note=note.strip()[:300], recorded_by=by if getattr(by, "pk", None) else None)
    if shift.served is None:
        shift.served = True
        shift.save(update_fields=["served"])
    audit.record(by, "legalaid.duty.help", shift, summary=help_.get_kind_display(),
                 payload={"kind": kind, "persons": persons, "category": category})
    return help_

"""The only writers of the dispute-resolution line: one function per user action, each in one transaction.

Each action takes `on`, the legal date of the act (default today), which drives the clocks; runs its transition
from `workflow.py` (an illegal one raises TransitionNotAllowed saying why); saves the case through
`core.cases.save_case` (a stale `expected_version` raises ConflictError); takes numbers from `core.numbering`;
moves the clocks; and records an audit event. Bad input raises ValidationError on the field it concerns.

`disputes_import` is the batch writer (earlier systems' records, the demo's year, a campaign's findings): it
checks each record's path against the same transition table, then writes with set-based inserts, one audit event
per dispute appended to the chain in bulk (core's set-based helpers: `numbering.take_block`, `core.bulk`,
`clocks.start_many`, `audit.record_many`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from types import SimpleNamespace

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sifa.core import audit, bulk, clocks
from sifa.core.calendar import CalendarYearUnknown
from sifa.core.cases import save_case
from sifa.core.clocks import ClockError
from sifa.core.locking import save_versioned
from sifa.core.models import Party, Unit, User
from sifa.core.models.org import UnitKind
from sifa.core.models.parties import PartyKind
from sifa.core.numbering import take, take_block
from sifa.core.services import party_save
from sifa.core.workflow import TransitionNotAllowed

from .. import clocks as rules
from ..models import (
    Agreement,
    AgreementForm,
    Campaign,
    CampaignFinding,
    CentreAgency,
    Confirmation,
    CourtResult,
    Dispute,
    DisputeParty,
    DisputeState,
    DisputeType,
    ExcellentCase,
    FindingState,
    MediationSession,
    Mediator,
    MediatorTraining,
    OtherRoute,
    PartyRole,
    Performance,
    PoliceReport,
    Reception,
    ReceptionState,
    ReferralKind,
    RiskKind,
    Routing,
    RoutingState,
    Sector,
    Selector,
    Source,
    Track,
)
from ..workflow import RECEPTION_WORKFLOW, WORKFLOW

# Number series: (kind, default format). District formats are data: edit a series' format in the admin.
NUMBERS = {
    Track.PEOPLE: ("mediation.dispute", "{prefix}〔{year}〕{n}号"),
    Track.PRELITIGATION: ("mediation.prelitigation", "{prefix}诉前〔{year}〕{n}号"),
    Track.ADMINISTRATIVE: ("mediation.administrative", "{prefix}〔{year}〕{n}号"),
    "agreement": ("mediation.agreement", "（{year}）{prefix}协字第{n}号"),
    "reception": ("mediation.reception", "{prefix}接〔{year}〕{n}号"),
}


def _today(on: date | None) -> date:
    return on or timezone.localdate()


def _actor(by):
    return by if (by is not None and getattr(by, "is_authenticated", False)) else None


def _clock(fn, *args, **kwargs):
    """Run a clock operation; a year without holiday data or a refused extension becomes a clear error."""
    try:
        return fn(*args, **kwargs)
    except (CalendarYearUnknown, ClockError) as exc:
        raise ValidationError(str(exc)) from exc


def _number(key, unit: Unit, year: int) -> str:
    kind, fmt = NUMBERS[key]
    return take(kind=kind, unit=unit, year=year, default_format=fmt)


def _require(condition: bool, field_name: str | None, message: str) -> None:
    if not condition:
        raise ValidationError({field_name: message} if field_name else message)


def _not_before(on: date, earlier: date | None, field_name: str | None = None) -> None:
    if earlier and on < earlier:
        raise ValidationError({field_name or "on": _("The date cannot be before %(date)s.") % {"date": earlier}})


# --- organisations ------------------------------------------------------------------------------------------

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


# --- disputes -----------------------------------------------------------------------------------------------

@dataclass
class PartyInput:
    name: str
    role: str = PartyRole.APPLICANT
    kind: str = PartyKind.PERSON
    id_number: str = ""
    phone: str = ""
    credit_code: str = ""
    party: Party | None = None  # an existing party (its other fields are then ignored)


def _party(inp: PartyInput | Party, unit: Unit, by) -> Party:
    if isinstance(inp, Party):
        return inp
    if inp.party is not None:
        return inp.party
    party = Party(kind=inp.kind, name=inp.name.strip(), unit=unit, credit_code=inp.credit_code)
    return party_save(party=party, by=by, id_number=inp.id_number or None, phone=inp.phone or None)


REFERRAL_KINDS, AGREEMENT_FORMS = frozenset(ReferralKind.values), frozenset(AgreementForm.values)


def _check_court_referral(*, track, court, court_reference, referral_kind) -> None:
    if track != Track.PRELITIGATION and court is None:
        return
    # (the messages are translated only when needed: an import checks this for 10^5 records, twice)
    if court is None or court.kind != UnitKind.COURT:
        _require(False, "court", _("Name the referring court."))
    if not (court_reference or "").strip():
        _require(False, "court_reference", _("Enter the court's reference."))
    if referral_kind not in REFERRAL_KINDS:
        _require(False, "referral_kind", _("Say whether the court delegated or entrusted the mediation."))


@transaction.atomic
def dispute_register(*, unit: Unit, dispute_type: DisputeType, parties: Sequence[PartyInput | Party],
                     by, on: date | None = None, track: str = Track.PEOPLE, source: str = Source.APPLICATION,
                     summary: str = "", amount_involved: Decimal | int = 0, persons: int = 2,
                     risk_criminal: bool = False, risk_group_petition: bool = False,
                     mediators: Sequence[Mediator] = (), handler: User | None = None, court: Unit | None = None,
                     court_reference: str = "", referral_kind: str = "", referred_on: date | None = None,
                     agency: Unit | None = None) -> Dispute:
    """Register a dispute (调解登记, 人民调解法 第十七条、第十八条、第二十七条); court referrals carry the court's reference."""
    on = _today(on)
    _require(unit.kind == UnitKind.MEDIATION_COMMITTEE, "unit", _("Disputes are mediated by a mediation committee."))
    _require(any(_role(p) == PartyRole.APPLICANT for p in parties), "parties", _("Name at least one applicant."))
    _require(len(parties) >= 2 or persons >= 2, "parties", _("A dispute has at least two parties."))
    _require(Decimal(amount_involved) >= 0, "amount_involved", _("The amount cannot be negative."))
    if track == Track.PRELITIGATION:
        source = Source.COURT
    _check_court_referral(track=track, court=court, court_reference=court_reference, referral_kind=referral_kind)
    for m in mediators:
        _require(m.unit_id == unit.pk, "mediators", _("%(name)s is not a mediator of this committee.") % {"name": m})
    dispute = Dispute(
        unit=unit, dispute_type=dispute_type, track=track, source=source, summary=summary,
        amount_involved=amount_involved, persons=persons, risk_criminal=risk_criminal,
        risk_group_petition=risk_group_petition, handler=handler if handler is not None else _actor(by),
        opened_on=on, state=DisputeState.REGISTERED, number=_number(track, unit, on.year), court=court,
        court_reference=court_reference.strip(), referral_kind=referral_kind if court else "",
        referred_on=referred_on or (on if court else None), agency=agency,
    )
    save_case(dispute, by=by)
    DisputeParty.objects.bulk_create([DisputeParty(dispute=dispute, party=_party(p, unit, by), role=_role(p))
                                      for p in parties])
    if mediators:
        dispute.mediators.set(mediators)
    audit.record(by, "mediation.dispute.registered", dispute, summary=f"{dispute.number} {dispute_type}",
                 payload={"on": on, "track": track, "source": source, "court_reference": court_reference})
    return dispute


def _role(p: PartyInput | Party) -> str:
    return p.role if isinstance(p, PartyInput) else PartyRole.RESPONDENT


def _step(dispute: Dispute, name: str, by):
    """Run the transition from the table (the stale-version check comes with the save)."""
    return WORKFLOW.apply(dispute, name, _actor(by))


def _court_rule(dispute: Dispute) -> str | None:
    return rules.COURT_RULE.get(dispute.referral_kind) if dispute.court_id else None


@transaction.atomic
def dispute_accept(*, dispute: Dispute, by, on: date | None = None, expected_version: int | None = None) -> Dispute:
    """Accept a dispute for mediation; for a court referral, the day the materials are signed for starts the
    court's mediation period (特邀调解规定 第二十七条)."""
    on = _today(on)
    _not_before(on, dispute.opened_on)
    _step(dispute, "accept", by)
    dispute.accepted_on = on
    save_case(dispute, expected_version=expected_version, by=by)
    rule = _court_rule(dispute)
    if rule:
        _clock(clocks.start, dispute, rule=rule, start=on, by=by)
    audit.record(by, "mediation.dispute.accepted", dispute, payload={"on": on})
    return dispute


@transaction.atomic
def dispute_refuse(*, dispute: Dispute, party_name: str, note: str = "", by, on: date | None = None,
                   expected_version: int | None = None) -> Dispute:
    """A party expressly refuses mediation: it may not go ahead (人民调解法 第十七条)."""
    on = _today(on)
    _require(bool(party_name.strip()), "party_name", _("Name the party who refused."))
    _not_before(on, dispute.opened_on)
    _step(dispute, "refuse", by)
    dispute.closed_on = on
    dispute.conclusion_note = _("%(party)s refused mediation. %(note)s") % {"party": party_name, "note": note}
    save_case(dispute, expected_version=expected_version, by=by)
    clocks.cancel_all(dispute, on=on, by=by, reason=_("A party refused mediation"))
    _routing_follows(dispute, on=on, by=by)
    audit.record(by, "mediation.dispute.refused", dispute, payload={"on": on, "party": party_name})
    return dispute


@transaction.atomic
def dispute_hold_session(*, dispute: Dispute, by, on: date | None = None, place: str = "",
                         mediators: Sequence[Mediator] = (), record: str = "", public: bool = False,
                         expected_version: int | None = None) -> MediationSession:
    """Record a mediation session and what happened in it (人民调解法 第十九条至第二十三条、第二十七条)."""
    on = _today(on)
    _not_before(on, dispute.accepted_on)
    _require(bool(record.strip()), "record", _("Record what happened in the session."))
    for m in mediators:
        _require(m.unit_id == dispute.unit_id, "mediators",
                 _("%(name)s is not a mediator of this committee.") % {"name": m})
    _step(dispute, "hold_session", by)
    save_case(dispute, expected_version=expected_version, by=by)
    session = MediationSession.objects.create(dispute=dispute, held_on=on, place=place, record=record, public=public)
    if mediators:
        session.mediators.set(mediators)
        dispute.mediators.add(*mediators)
    audit.record(by, "mediation.dispute.session", dispute, summary=f"{on} {place}",
                 payload={"on": on, "place": place, "mediators": [m.pk for m in mediators]})
    return session


@transaction.atomic
def dispute_record_agreement(*, dispute: Dispute, form: str, terms: str, by, on: date | None = None,
                             facts: str = "", performance_method: str = "", performance_due: date | None = None,
                             seek_confirmation: bool = False, expected_version: int | None = None) -> Agreement:
    """Record the agreement: a written 调解协议书 numbered in the committee's series, or an oral agreement whose
    terms the mediator records (人民调解法 第二十八条至第三十条). Meets a court's mediation period; when the parties
    intend to apply for judicial confirmation, starts the 30-day window (第三十三条)."""
    on = _today(on)
    _require(form in AgreementForm.values, "form", _("Say whether the agreement is written or oral."))
    _require(bool(terms.strip()), "terms", _("Record the terms the parties agreed."))
    _require(not (seek_confirmation and form == AgreementForm.ORAL), "seek_confirmation",
             _("Judicial confirmation needs a written agreement."))
    _not_before(on, dispute.accepted_on)
    if performance_due:
        _not_before(performance_due, on, "performance_due")
    _step(dispute, "agree", by)
    number = _number("agreement", dispute.unit, on.year) if form == AgreementForm.WRITTEN else ""
    agreement = Agreement.objects.create(
        dispute=dispute, form=form, number=number, agreed_on=on, facts=facts or dispute.summary, terms=terms,
        performance_method=performance_method, performance_due=performance_due, seek_confirmation=seek_confirmation)
    dispute.agreed_on = dispute.agreed_on or on  # a dispute counts as settled once, on its first agreement
    dispute.agreement_form = form
    dispute.closed_on = on
    save_case(dispute, expected_version=expected_version, by=by)
    rule = _court_rule(dispute)
    if rule:
        _clock(clocks.meet, dispute, rule=rule, on=on, by=by, missing_ok=True)
    if seek_confirmation:
        _clock(clocks.start, dispute, rule=rules.CONFIRMATION, start=on, by=by)
    _routing_follows(dispute, on=on, by=by)
    audit.record(by, "mediation.dispute.agreed", dispute, summary=number or str(AgreementForm(form).label),
                 payload={"on": on, "form": form, "number": number, "seek_confirmation": seek_confirmation})
    return agreement


@transaction.atomic
def dispute_fail(*, dispute: Dispute, routes: Sequence[str], by, on: date | None = None, note: str = "",
                 expected_version: int | None = None) -> Dispute:
    """End mediation without agreement and record which other routes were explained to the parties:
    arbitration, administrative, court (人民调解法 第二十六条)."""
    on = _today(on)
    routes = [r for r in routes if r in OtherRoute.values]
    _require(bool(routes), "routes", _("Record which routes were explained to the parties (人民调解法 第二十六条)."))
    _not_before(on, dispute.accepted_on)
    _step(dispute, "fail", by)
    dispute.other_routes = routes
    dispute.conclusion_note = note
    dispute.closed_on = on
    save_case(dispute, expected_version=expected_version, by=by)
    rule = _court_rule(dispute)
    if rule:
        _clock(clocks.meet, dispute, rule=rule, on=on, by=by, missing_ok=True)
    _routing_follows(dispute, on=on, by=by)
    audit.record(by, "mediation.dispute.failed", dispute, payload={"on": on, "routes": routes})
    return dispute


@transaction.atomic
def dispute_withdraw(*, dispute: Dispute, by, on: date | None = None, note: str = "",
                     expected_version: int | None = None) -> Dispute:
    """A party withdraws or asks to end mediation (人民调解法 第二十三条第二项)."""
    on = _today(on)
    _not_before(on, dispute.opened_on)
    _step(dispute, "withdraw", by)
    dispute.closed_on = on
    dispute.conclusion_note = note
    save_case(dispute, expected_version=expected_version, by=by)
    clocks.cancel_all(dispute, on=on, by=by, reason=_("Withdrawn"))
    _routing_follows(dispute, on=on, by=by)
    audit.record(by, "mediation.dispute.withdrawn", dispute, payload={"on": on})
    return dispute


def _agreement(dispute: Dispute) -> Agreement:
    agreement = dispute.agreements.order_by("-pk").first()
    if agreement is None:
        raise ValidationError(_("This dispute has no agreement."))
    return agreement


@transaction.atomic
def dispute_record_performance(*, dispute: Dispute, performed: bool, by, on: date | None = None, note: str = "",
                               expected_version: int | None = None) -> Dispute:
    """Record whether the agreement was performed; the committee supervises performance (人民调解法 第三十一条)."""
    on = _today(on)
    agreement = _agreement(dispute)
    _not_before(on, agreement.agreed_on)
    _step(dispute, "perform" if performed else "breach", by)
    agreement.performance = Performance.PERFORMED if performed else Performance.BREACHED
    agreement.performance_on, agreement.performance_note = on, note
    agreement.save(update_fields=["performance", "performance_on", "performance_note"])
    save_case(dispute, expected_version=expected_version, by=by)
    if performed and agreement.confirmation == Confirmation.NONE:
        clocks.cancel(dispute, rule=rules.CONFIRMATION, on=on, by=by, reason=_("Agreement performed"))
    audit.record(by, "mediation.dispute.performed" if performed else "mediation.dispute.breached", dispute,
                 payload={"on": on, "note": note})
    return dispute


@transaction.atomic
def dispute_apply_confirmation(*, dispute: Dispute, court: Unit, by, on: date | None = None,
                               expected_version: int | None = None) -> Agreement:
    """Both parties jointly applied to the court for judicial confirmation (人民调解法 第三十三条)."""
    on = _today(on)
    agreement = _agreement(dispute)
    _require(court.kind == UnitKind.COURT, "court", _("Choose a court."))
    _not_before(on, agreement.agreed_on)
    _step(dispute, "apply_confirmation", by)
    agreement.confirmation, agreement.confirmation_court, agreement.confirmation_applied_on = (
        Confirmation.APPLIED, court, on)
    agreement.save(update_fields=["confirmation", "confirmation_court", "confirmation_applied_on"])
    save_case(dispute, expected_version=expected_version, by=by)
    window = clocks.current(dispute, rules.CONFIRMATION)
    late = bool(window and on > window.due)
    _clock(clocks.meet, dispute, rule=rules.CONFIRMATION, on=on, by=by, missing_ok=True)
    audit.record(by, "mediation.dispute.confirmation_applied", dispute, summary=str(court),
                 payload={"on": on, "court": court.code, "late": late})
    return agreement


@transaction.atomic
def dispute_record_confirmation(*, dispute: Dispute, confirmed: bool, by, on: date | None = None,
                                reference: str = "", expected_version: int | None = None) -> Agreement:
    """The court's ruling: the agreement confirmed valid (enforceable) or ruled invalid (民事诉讼法 第二百零六条)."""
    on = _today(on)
    agreement = _agreement(dispute)
    _not_before(on, agreement.confirmation_applied_on)
    _step(dispute, "confirmation_ruling", by)
    agreement.confirmation = Confirmation.CONFIRMED if confirmed else Confirmation.INVALID
    agreement.confirmation_decided_on, agreement.confirmation_reference = on, reference
    agreement.save(update_fields=["confirmation", "confirmation_decided_on", "confirmation_reference"])
    save_case(dispute, expected_version=expected_version, by=by)
    audit.record(by, "mediation.dispute.confirmation_ruled", dispute,
                 payload={"on": on, "confirmed": confirmed, "reference": reference})
    return agreement


@transaction.atomic
def dispute_remediate(*, dispute: Dispute, by, on: date | None = None, expected_version: int | None = None) -> Dispute:
    """After the court ruled the agreement invalid, the parties may mediate again (人民调解法 第三十三条第三款)."""
    on = _today(on)
    _step(dispute, "remediate", by)
    dispute.closed_on = None
    save_case(dispute, expected_version=expected_version, by=by)
    audit.record(by, "mediation.dispute.remediating", dispute, payload={"on": on})
    return dispute


@transaction.atomic
def dispute_report_to_police(*, dispute: Dispute, police_unit: Unit, risk: str, by, on: date | None = None,
                             note: str = "", expected_version: int | None = None) -> PoliceReport:
    """Report a dispute that may lead to a public-order or criminal case to the police (人民调解法 第二十五条)."""
    on = _today(on)
    _require(police_unit.kind == UnitKind.PUBLIC_SECURITY, "police_unit", _("Choose a police unit."))
    _require(risk in RiskKind.values, "risk", _("Say which risk was reported."))
    _not_before(on, dispute.opened_on)
    _step(dispute, "report_to_police", by)
    if risk == RiskKind.CRIMINAL:
        dispute.risk_criminal = True
    save_case(dispute, expected_version=expected_version, by=by)
    report = PoliceReport.objects.create(dispute=dispute, reported_on=on, police_unit=police_unit, risk=risk, note=note)
    audit.record(by, "mediation.dispute.reported_to_police", dispute, summary=str(police_unit),
                 payload={"on": on, "risk": risk})
    return report


@transaction.atomic
def dispute_extend_period(*, dispute: Dispute, days: int, by, on: date | None = None, reason: str = "",
                          expected_version: int | None = None) -> Dispute:
    """Extend a court's mediation period because both parties agree (特邀调解规定 第二十七条)."""
    on = _today(on)
    _require(days > 0, "days", _("An extension must be at least one day."))
    _step(dispute, "extend_period", by)
    rule = _court_rule(dispute)
    save_case(dispute, expected_version=expected_version, by=by)
    _clock(clocks.extend, dispute, rule=rule, days=days, approver=_("both parties"),
           reason=reason or _("Both parties agree to extend"), on=on, by=by)
    audit.record(by, "mediation.dispute.period_extended", dispute, payload={"on": on, "days": days})
    return dispute


@transaction.atomic
def dispute_return_to_court(*, dispute: Dispute, by, on: date | None = None, note: str = "",
                            expected_version: int | None = None) -> Dispute:
    """Return a court referral's result: an agreement for the court's record, or, without one, the materials back
    to the court for filing (特邀调解规定 第十九条、第二十一条、第二十六条第二款)."""
    on = _today(on)
    _not_before(on, dispute.closed_on)
    _step(dispute, "return_to_court", by)
    dispute.court_result = CourtResult.SUCCESS if dispute.successful else CourtResult.FAILURE
    dispute.court_returned_on = on
    save_case(dispute, expected_version=expected_version, by=by)
    audit.record(by, "mediation.dispute.returned_to_court", dispute, summary=str(dispute.court),
                 payload={"on": on, "result": dispute.court_result, "note": note})
    return dispute


@transaction.atomic
def dispute_assign(*, dispute: Dispute, mediators: Sequence[Mediator], by, handler: User | None = None,
                   on: date | None = None, expected_version: int | None = None) -> Dispute:
    """Appoint the mediators of a dispute (人民调解法 第十九条) and its handler; the clocks follow the handler."""
    on = _today(on)
    for m in mediators:
        _require(m.unit_id == dispute.unit_id, "mediators",
                 _("%(name)s is not a mediator of this committee.") % {"name": m})
    if handler is not None:
        dispute.handler = handler
    save_case(dispute, expected_version=expected_version, by=by)
    dispute.mediators.set(mediators)
    clocks.reassign(dispute)
    audit.record(by, "mediation.dispute.assigned", dispute,
                 payload={"on": on, "mediators": [m.pk for m in mediators], "handler": dispute.handler_id})
    return dispute


# --- the batch writer ---------------------------------------------------------------------------------------

@dataclass
class DisputeRecord:
    """One dispute and what has happened to it so far, for `disputes_import`."""

    unit: Unit
    dispute_type: DisputeType
    registered_on: date
    track: str = Track.PEOPLE
    source: str = Source.APPLICATION
    summary: str = ""
    parties: Sequence[str] = ()  # names; the first is the applicant
    amount_involved: Decimal | int = 0
    persons: int = 2
    risk_criminal: bool = False
    risk_group_petition: bool = False
    mediator_ids: Sequence[int] = ()
    accepted_on: date | None = None
    sessions: Sequence[tuple[date, str]] = ()  # (held on, place)
    outcome: str = ""  # "" still open | refused | agreed | failed | withdrawn
    concluded_on: date | None = None
    agreement_form: str = ""
    terms: str = ""
    other_routes: Sequence[str] = ()
    performance: str = ""  # "" | performed | breached
    performance_on: date | None = None
    court: Unit | None = None
    court_reference: str = ""
    referral_kind: str = ""
    court_returned_on: date | None = None
    agency: Unit | None = None
    handler: User | None = None
    errors: list = field(default_factory=list)


OUTCOME_STEP = {"refused": "refuse", "agreed": "agree", "failed": "fail", "withdrawn": "withdraw"}


def _path(r: DisputeRecord) -> list[tuple[str, date]]:
    """The transitions a record claims, with their dates, in order."""
    steps = []
    if r.accepted_on:
        steps.append(("accept", r.accepted_on))
    steps += [("hold_session", d) for d, _place in r.sessions]
    if r.outcome:
        steps.append((OUTCOME_STEP[r.outcome], r.concluded_on))
    if r.performance:
        steps.append(("perform" if r.performance == "performed" else "breach", r.performance_on))
    if r.court_returned_on:
        steps.append(("return_to_court", r.court_returned_on))
    return steps


def _validate_record(i: int, r: DisputeRecord) -> DisputeState:
    """Replay the record's path through the transition table; return the state it ends in."""
    # a stand-in for the dispute, carrying what the table's guards look at
    probe = SimpleNamespace(state=DisputeState.REGISTERED, court_id=getattr(r.court, "pk", None),
                            court_returned_on=None, agreement=None)
    last = r.registered_on
    if r.unit.kind != UnitKind.MEDIATION_COMMITTEE:
        raise ValidationError(_("Record %(i)s: disputes are mediated by a mediation committee.") % {"i": i})
    if r.track == Track.PRELITIGATION or r.court is not None:
        try:
            _check_court_referral(track=r.track, court=r.court, court_reference=r.court_reference,
                                  referral_kind=r.referral_kind)
        except ValidationError as exc:
            raise ValidationError(_("Record %(i)s: %(e)s") % {"i": i, "e": "; ".join(exc.messages)}) from None
    if r.outcome == "agreed" and r.agreement_form not in AGREEMENT_FORMS:
        raise ValidationError(_("Record %(i)s: say whether the agreement is written or oral.") % {"i": i})
    if r.outcome == "failed" and not r.other_routes:
        raise ValidationError(_("Record %(i)s: record which routes were explained to the parties.") % {"i": i})
    for name, on in _path(r):
        if on is None or on < last:
            raise ValidationError(_("Record %(i)s: “%(step)s” needs a date not before %(date)s.") % {
                "i": i, "step": WORKFLOW[name].label, "date": last})
        try:
            WORKFLOW.apply(probe, name)
        except TransitionNotAllowed as exc:
            raise ValidationError(_("Record %(i)s: %(e)s") % {"i": i, "e": exc}) from None
        last = on
    return DisputeState(probe.state)


def _dispute_row(r: DisputeRecord, state: str, number: str) -> dict:
    """The dispute a record describes, as a row for `bulk.build`."""
    agreed = r.outcome == "agreed"
    return {
        "number": number, "unit_id": r.unit.pk, "state": state, "handler_id": getattr(r.handler, "pk", None),
        "opened_on": r.registered_on, "closed_on": r.concluded_on, "version": 1, "track": r.track,
        "dispute_type_id": r.dispute_type.pk, "source": Source.COURT if r.track == Track.PRELITIGATION else r.source,
        "summary": r.summary, "amount_involved": r.amount_involved, "persons": r.persons,
        "risk_criminal": r.risk_criminal, "risk_group_petition": r.risk_group_petition, "accepted_on": r.accepted_on,
        "agreed_on": r.concluded_on if agreed else None, "agreement_form": r.agreement_form if agreed else "",
        "other_routes": list(r.other_routes), "court_id": getattr(r.court, "pk", None),
        "court_reference": r.court_reference, "referral_kind": r.referral_kind if r.court else "",
        "referred_on": r.registered_on if r.court else None, "court_returned_on": r.court_returned_on,
        "court_result": (CourtResult.SUCCESS if agreed else CourtResult.FAILURE) if r.court_returned_on else "",
        "agency_id": getattr(r.agency, "pk", None)}


@transaction.atomic
def disputes_import(*, records: Sequence[DisputeRecord], by, today: date | None = None,
                    states: Sequence[DisputeState] | None = None) -> list[Dispute]:
    """Write a batch of disputes with their histories, set-based, in one transaction.

    Every record's path is checked against the transition table first (nothing is written if one fails), unless
    the caller has checked each with `_validate_record` already and gives the `states` they ended in (an import
    checks each row as it reads it). Then:
    numbers in blocks per series; parties, disputes, their creation rows in the history table (as
    django-simple-history writes them), links, sessions, agreements and the court-period clocks in bulk INSERTs; one audit event per dispute, appended to the chain in bulk, whose
    payload names the acts and their dates. Parties are entered by name only: identity numbers are added later
    through the party pages (where they are validated, encrypted and audited).
    """
    today = today or timezone.localdate()
    if states is None:
        states = [_validate_record(i, r) for i, r in enumerate(records, 1)]
    elif len(states) != len(records) or None in states:
        raise ValueError("a state for each record, as _validate_record returned it")
    if not records:
        return []
    # numbers, in blocks per (series, unit, year)
    wanted = Counter((r.track, r.unit.pk, r.registered_on.year) for r in records)
    wanted_agreements = Counter((r.unit.pk, r.concluded_on.year) for r in records
                                if r.outcome == "agreed" and r.agreement_form == AgreementForm.WRITTEN)
    units = {r.unit.pk: r.unit for r in records}
    blocks = {key: iter(take_block(kind=NUMBERS[key[0]][0], unit=units[key[1]], year=key[2], count=n,
                                   default_format=NUMBERS[key[0]][1])) for key, n in sorted(wanted.items())}
    agreement_blocks = {key: iter(take_block(kind=NUMBERS["agreement"][0], unit=units[key[0]], year=key[1],
                                             count=n, default_format=NUMBERS["agreement"][1]))
                        for key, n in sorted(wanted_agreements.items())}
    actor = _actor(by)
    rows = bulk.create_rows(Dispute, [
        _dispute_row(r, state, next(blocks[(r.track, r.unit.pk, r.registered_on.year)]))
        for r, state in zip(records, states, strict=True)])
    bulk.history_rows(rows, model=Dispute, user=actor, reason="import")
    disputes = bulk.build(Dispute, rows, stored=True)  # for the clocks and the audit events, and the caller
    # parties (as rows: only their keys are needed) and links
    parties, links = [], []
    for d, r in zip(disputes, records, strict=True):
        for j, name in enumerate(r.parties):
            parties.append({"kind": PartyKind.PERSON, "name": name, "unit_id": r.unit.pk})
            links.append((d.pk, PartyRole.APPLICANT if j == 0 else PartyRole.RESPONDENT))
    bulk.create_rows(Party, parties)
    bulk.insert_rows(DisputeParty, ["dispute", "party", "role"],
                     ((d_pk, p["id"], role) for p, (d_pk, role) in zip(parties, links, strict=True)))
    bulk.insert_rows(Dispute.mediators.through, ["dispute", "mediator"],
                     ((d.pk, m) for d, r in zip(disputes, records, strict=True) for m in r.mediator_ids))
    # sessions (as rows) and their mediators: keys are taken only for the sessions with mediators to link
    record_text = _("Mediation session (imported record).")
    sessions, linked = [], []
    for d, r in zip(disputes, records, strict=True):
        for held_on, place in r.sessions:
            (linked if r.mediator_ids else sessions).append(
                {"dispute_id": d.pk, "held_on": held_on, "place": place, "public": False, "record": record_text})
    bulk.insert_dicts(MediationSession, sessions)
    bulk.create_rows(MediationSession, linked)
    mediators_of = {d.pk: r.mediator_ids for d, r in zip(disputes, records, strict=True)}
    bulk.insert_rows(MediationSession.mediators.through, ["mediationsession", "mediator"],
                     ((s["id"], m) for s in linked for m in mediators_of[s["dispute_id"]]))
    # agreements
    agreement_rows = []
    for d, r in zip(disputes, records, strict=True):
        if r.outcome != "agreed":
            continue
        written = r.agreement_form == AgreementForm.WRITTEN
        agreement_rows.append((
            d.pk, r.agreement_form, next(agreement_blocks[(r.unit.pk, r.concluded_on.year)]) if written else "",
            r.concluded_on, r.summary, r.terms, "", False, r.performance or Performance.PENDING, r.performance_on, "",
            Confirmation.NONE, ""))
    bulk.insert_rows(Agreement, ["dispute", "form", "number", "agreed_on", "facts", "terms", "performance_method",
                                 "seek_confirmation", "performance", "performance_on", "performance_note",
                                 "confirmation", "confirmation_reference"], agreement_rows)
    # the court's mediation period, for court referrals that were accepted
    referred = defaultdict(list)
    for d, r in zip(disputes, records, strict=True):
        if r.court is not None and r.accepted_on:
            end = {"agreed": "met", "failed": "met", "refused": "cancelled", "withdrawn": "cancelled"}.get(r.outcome, "")
            referred[rules.COURT_RULE[r.referral_kind]].append((d, r.accepted_on, (end, r.concluded_on)))
    for rule, rows in referred.items():
        _clock(clocks.start_many, [x[0] for x in rows], rule=rule, starts=[x[1] for x in rows],
               ends=[x[2] for x in rows], today=today)
    # one audit event per dispute, naming its acts
    audit.record_many(by, "mediation.dispute.imported", (
        (d, f"{d.number} {r.dispute_type}", {"track": r.track, "source": d.source, "path": [
            {"step": name, "on": on} for name, on in [("register", r.registered_on), *_path(r)]]})
        for d, r in zip(disputes, records, strict=True)))
    return disputes


# --- court referrals (诉前调解) ------------------------------------------------------------------------------

@transaction.atomic
def prelitigation_receive(*, unit: Unit, court: Unit, court_reference: str, dispute_type: DisputeType,
                          parties: Sequence[PartyInput | Party], by, on: date | None = None,
                          referral_kind: str = ReferralKind.DELEGATED, referred_on: date | None = None,
                          summary: str = "", amount_involved: Decimal | int = 0, persons: int = 2,
                          mediators: Sequence[Mediator] = ()) -> Dispute:
    """A court refers a dispute before filing (委派调解) or after (委托调解): register it with the court's
    reference and sign for the materials, which starts the court's mediation period (特邀调解规定 第二十七条)."""
    on = _today(on)
    if referred_on:
        _not_before(on, referred_on)
    dispute = dispute_register(unit=unit, dispute_type=dispute_type, parties=parties, by=by, on=referred_on or on,
                               track=Track.PRELITIGATION, summary=summary, amount_involved=amount_involved,
                               persons=persons, mediators=mediators, court=court, court_reference=court_reference,
                               referral_kind=referral_kind, referred_on=referred_on or on)
    return dispute_accept(dispute=dispute, by=by, on=on)


# --- the centres' joint reception (联合接待) -----------------------------------------------------------------

@transaction.atomic
def reception_register(*, centre: Unit, visitor: PartyInput | Party, subject: str, dispute_type: DisputeType,
                       by, on: date | None = None, persons: int = 1, handler: User | None = None) -> Reception:
    """Register a visitor's matter once at the centre's joint reception window."""
    on = _today(on)
    _require(centre.kind == UnitKind.DISPUTE_CENTRE, "centre", _("Choose a dispute-resolution centre."))
    _require(bool(subject.strip()), "subject", _("Describe the matter."))
    reception = Reception(unit=centre, visitor=_party(visitor, centre, by), subject=subject,
                          dispute_type=dispute_type, persons=persons, opened_on=on, state=ReceptionState.REGISTERED,
                          handler=handler if handler is not None else _actor(by),
                          number=_number("reception", centre, on.year))
    save_case(reception, by=by)
    audit.record(by, "mediation.reception.registered", reception, summary=f"{reception.number} {dispute_type}",
                 payload={"on": on})
    return reception


def _reception_sync(reception: Reception, *, by, expected_version: int | None = None) -> Reception:
    """Derive the reception's state, acceptance and result from its routings (set-based: one query)."""
    routings = list(Routing.objects.filter(reception=reception))  # fresh: never a prefetched copy
    accepted = [r.accepted_on for r in routings if r.accepted_on]
    succeeded = [r.result_on for r in routings if r.state == RoutingState.SUCCEEDED]
    ended = [r.result_on for r in routings if r.state in (RoutingState.FAILED, RoutingState.DECLINED)]
    reception.accepted_on = min(accepted) if accepted else None
    reception.successful = bool(succeeded)
    if not routings:
        state = ReceptionState.REGISTERED
    elif succeeded:
        state = ReceptionState.RESOLVED
    elif any(r.state == RoutingState.ACCEPTED for r in routings):
        state = ReceptionState.HANDLING
    elif any(r.state == RoutingState.ROUTED for r in routings):
        state = ReceptionState.ROUTED
    else:
        state = ReceptionState.UNRESOLVED
    reception.state = state
    if state == ReceptionState.RESOLVED:
        reception.resolved_on = reception.closed_on = min(succeeded)
    elif state == ReceptionState.UNRESOLVED:
        reception.resolved_on = None
        reception.closed_on = max(d for d in ended if d)
    else:
        reception.resolved_on = reception.closed_on = None
    return save_case(reception, expected_version=expected_version, by=by)


@transaction.atomic
def reception_route(*, reception: Reception, handler_unit: Unit, by, on: date | None = None, note: str = "",
                    expected_version: int | None = None) -> Routing:
    """Route the matter to the agency or committee that handles it."""
    on = _today(on)
    _not_before(on, reception.opened_on)
    _require(handler_unit.kind != UnitKind.DISPUTE_CENTRE, "handler_unit",
             _("Route the matter to an agency or a mediation committee."))
    _require(not reception.routings.filter(handler_unit=handler_unit).exclude(
        state__in=[RoutingState.DECLINED, RoutingState.FAILED]).exists(), "handler_unit",
        _("The matter is already with %(unit)s.") % {"unit": handler_unit})
    RECEPTION_WORKFLOW.apply(reception, "route", _actor(by))
    routing = Routing.objects.create(reception=reception, handler_unit=handler_unit, routed_on=on, note=note)
    _reception_sync(reception, by=by, expected_version=expected_version)
    audit.record(by, "mediation.reception.routed", reception, summary=str(handler_unit),
                 payload={"on": on, "to": handler_unit.code})
    return routing


def _locked_reception(routing: Routing) -> Reception:
    """The routing's reception, locked for the rest of the transaction (its state follows its routings)."""
    return Reception.objects.select_for_update().get(pk=routing.reception_id)


@transaction.atomic
def routing_accept(*, routing: Routing, by, on: date | None = None, dispute_type: DisputeType | None = None,
                   other_parties: Sequence[PartyInput] = (), mediators: Sequence[Mediator] = (),
                   expected_version: int | None = None) -> Routing:
    """The handler accepts the routed matter. A mediation committee that accepts it registers and accepts it as
    a dispute (source: a dispute centre) whose result then follows back to the centre."""
    on = _today(on)
    reception = _locked_reception(routing)
    _require(routing.state == RoutingState.ROUTED, None, _("This routing is no longer awaiting acceptance."))
    _not_before(on, routing.routed_on)
    RECEPTION_WORKFLOW.apply(reception, "routing_accept", _actor(by))
    routing.state, routing.accepted_on = RoutingState.ACCEPTED, on
    if routing.handler_unit.kind == UnitKind.MEDIATION_COMMITTEE:
        parties = [PartyInput(name=reception.visitor.name, party=reception.visitor), *other_parties]
        dispute = dispute_register(
            unit=routing.handler_unit, dispute_type=dispute_type or reception.dispute_type, parties=parties,
            by=by, on=on, source=Source.CENTRE, summary=reception.subject, persons=max(reception.persons, 2),
            mediators=mediators)
        dispute_accept(dispute=dispute, by=by, on=on)
        routing.dispute = dispute
    routing.save()
    _reception_sync(reception, by=by, expected_version=expected_version)
    audit.record(by, "mediation.reception.routing_accepted", reception, summary=str(routing.handler_unit),
                 payload={"on": on, "by_unit": routing.handler_unit.code, "dispute": routing.dispute_id})
    return routing


@transaction.atomic
def routing_decline(*, routing: Routing, reason: str, by, on: date | None = None,
                    expected_version: int | None = None) -> Routing:
    """The handler declines the matter (it is not theirs); the centre routes it elsewhere."""
    on = _today(on)
    reception = _locked_reception(routing)
    _require(bool(reason.strip()), "reason", _("Give the reason."))
    _require(routing.state == RoutingState.ROUTED, None, _("This routing is no longer awaiting acceptance."))
    RECEPTION_WORKFLOW.apply(reception, "routing_decline", _actor(by))
    routing.state, routing.result_on, routing.note = RoutingState.DECLINED, on, reason
    routing.save()
    _reception_sync(reception, by=by, expected_version=expected_version)
    audit.record(by, "mediation.reception.routing_declined", reception, summary=str(routing.handler_unit),
                 payload={"on": on, "reason": reason})
    return routing


@transaction.atomic
def routing_record_result(*, routing: Routing, success: bool, by, on: date | None = None, note: str = "",
                          expected_version: int | None = None) -> Routing:
    """Record an agency's result for a routed matter. (A committee's result follows its dispute.)"""
    on = _today(on)
    reception = _locked_reception(routing)
    _require(routing.state == RoutingState.ACCEPTED, None, _("Record the handler's acceptance first."))
    _require(routing.dispute_id is None, None,
             _("This matter is a dispute of the committee; its result follows the dispute."))
    _not_before(on, routing.accepted_on)
    RECEPTION_WORKFLOW.apply(reception, "routing_result", _actor(by))
    routing.state = RoutingState.SUCCEEDED if success else RoutingState.FAILED
    routing.result_on, routing.note = on, note
    routing.save()
    _reception_sync(reception, by=by, expected_version=expected_version)
    audit.record(by, "mediation.reception.result", reception, summary=str(routing.handler_unit),
                 payload={"on": on, "success": success})
    return routing


def _routing_follows(dispute: Dispute, *, on: date, by) -> None:
    """A dispute routed from a centre carries its conclusion back to the centre's routing."""
    routing = Routing.objects.filter(dispute=dispute).select_related("reception").first()
    if routing is None or routing.state != RoutingState.ACCEPTED:
        return
    routing.state = RoutingState.SUCCEEDED if dispute.successful else RoutingState.FAILED
    routing.result_on = on
    routing.save(update_fields=["state", "result_on"])
    _reception_sync(routing.reception, by=by)
    audit.record(by, "mediation.reception.result", routing.reception, summary=str(routing.handler_unit),
                 payload={"on": on, "success": dispute.successful, "dispute": dispute.number})


# --- screening campaigns (排查) -----------------------------------------------------------------------------

@transaction.atomic
def campaign_create(*, unit: Unit, title: str, held_on: date, by, method: str = "dragnet",
                    ended_on: date | None = None, scope_units: Sequence[Unit] = (), sectors: Sequence[Sector] = (),
                    teams: str = "", summary: str = "") -> Campaign:
    """Record a screening campaign: when, where (units), which sectors, which teams."""
    _require(bool(title.strip()), "title", _("Give the campaign a title."))
    if ended_on:
        _not_before(ended_on, held_on, "ended_on")
    campaign = Campaign(unit=unit, title=title, held_on=held_on, ended_on=ended_on, method=method, teams=teams,
                        summary=summary)
    campaign.full_clean()
    campaign.save()
    campaign.scope_units.set(scope_units)
    campaign.sectors.set(sectors)
    audit.record(by, "mediation.campaign.created", campaign, summary=title,
                 payload={"held_on": held_on, "units": [u.code for u in scope_units],
                          "sectors": [s.code for s in sectors]})
    return campaign


@transaction.atomic
def campaign_record_finding(*, campaign: Campaign, description: str, dispute_type: DisputeType,
                            handling_unit: Unit, by, on: date | None = None, sector: Sector | None = None,
                            location: str = "", party_names: str = "", persons: int = 2,
                            risk_criminal: bool = False, risk_group_petition: bool = False,
                            state: str = FindingState.PENDING) -> CampaignFinding:
    """Record a dispute or risk the campaign found, and the committee that should handle it."""
    on = _today(on)
    _require(bool(description.strip()), "description", _("Describe what was found."))
    _require(handling_unit.kind == UnitKind.MEDIATION_COMMITTEE, "handling_unit", _("Choose a mediation committee."))
    _require(state != FindingState.DISPUTE, "state", _("Register findings as disputes with the one-step action."))
    _not_before(on, campaign.held_on)
    finding = CampaignFinding.objects.create(
        campaign=campaign, found_on=on, description=description, dispute_type=dispute_type, sector=sector,
        location=location, party_names=party_names, persons=persons, risk_criminal=risk_criminal,
        risk_group_petition=risk_group_petition, handling_unit=handling_unit, state=state)
    audit.record(by, "mediation.campaign.finding", campaign, summary=description[:100],
                 payload={"on": on, "finding": finding.pk})
    return finding


def _names(text: str) -> list[str]:
    names = [n.strip() for n in text.replace("，", ",").replace("、", ",").split(",") if n.strip()]
    return names or [_("(to be identified)"), _("(to be identified)")]


@transaction.atomic
def campaign_findings_to_disputes(*, campaign: Campaign, by, on: date | None = None,
                                  findings: Sequence[CampaignFinding] | None = None) -> list[Dispute]:
    """Turn a campaign's pending findings into disputes in one step (source: screening), each registered with
    the committee named to handle it."""
    on = _today(on)
    _not_before(on, campaign.held_on)
    qs = (CampaignFinding.objects.filter(campaign=campaign, state=FindingState.PENDING)
          .select_related("handling_unit", "dispute_type").order_by("pk"))
    if findings is not None:
        qs = qs.filter(pk__in=[f.pk for f in findings])
    pending = list(qs.select_for_update(of=("self",)))
    _require(bool(pending), None, _("There are no pending findings to register."))
    records = [DisputeRecord(
        unit=f.handling_unit, dispute_type=f.dispute_type, registered_on=max(on, f.found_on), source=Source.SCREENING,
        summary=f.description, parties=_names(f.party_names), persons=f.persons, risk_criminal=f.risk_criminal,
        risk_group_petition=f.risk_group_petition, handler=_actor(by)) for f in pending]
    disputes = disputes_import(records=records, by=by)
    for f, d in zip(pending, disputes, strict=True):
        f.state, f.dispute = FindingState.DISPUTE, d
    CampaignFinding.objects.bulk_update(pending, ["state", "dispute"])
    audit.record(by, "mediation.campaign.findings_registered", campaign, summary=campaign.title,
                 payload={"on": on, "disputes": [d.pk for d in disputes]})
    return disputes


# --- the library of excellent cases -------------------------------------------------------------------------

@transaction.atomic
def case_submit(*, unit: Unit, title: str, by, on: date | None = None, summary: str = "",
                dispute: Dispute | None = None) -> ExcellentCase:
    """Submit a mediation case for selection as an excellent case."""
    on = _today(on)
    _require(bool(title.strip()), "title", _("Give the case a title."))
    case = ExcellentCase.objects.create(unit=unit, title=title, summary=summary, submitted_on=on, dispute=dispute)
    audit.record(by, "mediation.case.submitted", case, summary=title, payload={"on": on})
    return case


@transaction.atomic
def case_select(*, case: ExcellentCase, selected_by: str, by, on: date | None = None) -> ExcellentCase:
    """Record that a case was selected (e.g. by the Ministry of Justice, 司法部)."""
    on = _today(on)
    _require(selected_by in Selector.values, "selected_by", _("Say who selected the case."))
    _require(not case.selected_on, None, _("The case's selection is already recorded."))
    _not_before(on, case.submitted_on)
    case.selected_by, case.selected_on = selected_by, on
    save_versioned(case, by=by)
    audit.record(by, "mediation.case.selected", case, payload={"on": on, "by": selected_by})
    return case


@transaction.atomic
def case_publish(*, case: ExcellentCase, published_in: str, by, on: date | None = None) -> ExcellentCase:
    """Record where and when a case was published (e.g. 《上海法治报》)."""
    on = _today(on)
    _require(bool(published_in.strip()), "published_in", _("Name where the case was published."))
    _require(not case.published_on, None, _("The case's publication is already recorded."))
    _not_before(on, case.submitted_on)
    case.published_in, case.published_on = published_in, on
    save_versioned(case, by=by)
    audit.record(by, "mediation.case.published", case, payload={"on": on, "in": published_in})
    return case

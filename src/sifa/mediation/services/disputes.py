"""A dispute (人民调解): registration, acceptance, sessions, the ends of mediation without an agreement, police
reports and a court referral's period and return."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from sifa.core import audit, clocks
from sifa.core.cases import save_case
from sifa.core.models import Party, Unit, User
from sifa.core.models.org import UnitKind
from sifa.core.models.parties import PartyKind
from sifa.core.services import party_save

from .. import clocks as rules
from ..models import (
    AgreementForm,
    CourtResult,
    Dispute,
    DisputeParty,
    DisputeState,
    DisputeType,
    MediationSession,
    Mediator,
    OtherRoute,
    PartyRole,
    PoliceReport,
    ReferralKind,
    RiskKind,
    Source,
    Track,
)
from ..workflow import WORKFLOW
from .common import _actor, _clock, _not_before, _number, _require, _today
from .reception_state import _routing_follows


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


def _meet_court_period(dispute: Dispute, *, on: date, by) -> None:
    """A court referral that ends in an agreement or without one meets the court's mediation period."""
    rule = _court_rule(dispute)
    if rule:
        _clock(clocks.meet, dispute, rule=rule, on=on, by=by, missing_ok=True)


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
    _meet_court_period(dispute, on=on, by=by)
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

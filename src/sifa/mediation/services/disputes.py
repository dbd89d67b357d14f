"""A dispute (人民调解): registration, and the writes particular to its steps (the table in `workflow.py` runs
them: acceptance, sessions, the ends of mediation without an agreement, police reports, the return to the court).
Each effect takes (dispute, data, *, on, by); the table moves the state and the clocks and records the event."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from sifa.core import audit
from sifa.core.cases import save_case
from sifa.core.models import Party, Unit, User
from sifa.core.models.org import UnitKind
from sifa.core.models.parties import PartyKind
from sifa.core.services import party_save

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
from .common import _actor, _number, _require, _today
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


def _mediators_of_committee(dispute: Dispute, mediators) -> None:
    for m in mediators:
        _require(m.unit_id == dispute.unit_id, "mediators",
                 _("%(name)s is not a mediator of this committee.") % {"name": m})


# --- the effects of the table's steps (workflow.py) -------------------------------------------------------------

def accept(dispute: Dispute, data, *, on: date, by) -> None:
    """Accepted for mediation; for a court referral, the day the materials are signed for (特邀调解规定 第二十七条)."""
    dispute.accepted_on = on


def refuse(dispute: Dispute, data, *, on: date, by) -> None:
    """A party expressly refuses mediation: it may not go ahead (人民调解法 第十七条)."""
    party_name = (data.get("party_name") or "").strip()
    _require(bool(party_name), "party_name", _("Name the party who refused."))
    dispute.conclusion_note = _("%(party)s refused mediation. %(note)s") % {
        "party": party_name, "note": data.get("note", "")}
    _routing_follows(dispute, success=False, on=on, by=by)


def hold_session(dispute: Dispute, data, *, on: date, by) -> MediationSession:
    """A mediation session and what happened in it (人民调解法 第十九条至第二十三条、第二十七条)."""
    record = data.get("record") or ""
    mediators = list(data.get("mediators") or ())
    _require(bool(record.strip()), "record", _("Record what happened in the session."))
    _mediators_of_committee(dispute, mediators)
    session = MediationSession.objects.create(dispute=dispute, held_on=on, place=data.get("place", ""),
                                              record=record, public=bool(data.get("public")))
    if mediators:
        session.mediators.set(mediators)
        dispute.mediators.add(*mediators)
    return session


def fail(dispute: Dispute, data, *, on: date, by) -> None:
    """Mediation ends without agreement; the other routes explained to the parties: arbitration, administrative,
    court (人民调解法 第二十六条)."""
    routes = [r for r in data.get("routes") or () if r in OtherRoute.values]
    _require(bool(routes), "routes", _("Record which routes were explained to the parties (人民调解法 第二十六条)."))
    dispute.other_routes = routes
    dispute.conclusion_note = data.get("note", "")
    _routing_follows(dispute, success=False, on=on, by=by)


def withdraw(dispute: Dispute, data, *, on: date, by) -> None:
    """A party withdraws or asks to end mediation (人民调解法 第二十三条第二项)."""
    dispute.conclusion_note = data.get("note", "")
    _routing_follows(dispute, success=False, on=on, by=by)


def report_to_police(dispute: Dispute, data, *, on: date, by) -> PoliceReport:
    """A dispute that may lead to a public-order or criminal case, reported to the police (人民调解法 第二十五条)."""
    police_unit, risk = data.get("police_unit"), data.get("risk")
    _require(police_unit is not None and police_unit.kind == UnitKind.PUBLIC_SECURITY, "police_unit",
             _("Choose a police unit."))
    _require(risk in RiskKind.values, "risk", _("Say which risk was reported."))
    if risk == RiskKind.CRIMINAL:
        dispute.risk_criminal = True
    return PoliceReport.objects.create(dispute=dispute, reported_on=on, police_unit=police_unit, risk=risk,
                                       note=data.get("note", ""))


def return_to_court(dispute: Dispute, data, *, on: date, by) -> None:
    """A court referral's result: an agreement for the court's record, or, without one, the materials back to the
    court for filing (特邀调解规定 第十九条、第二十一条、第二十六条第二款)."""
    dispute.court_result = CourtResult.SUCCESS if dispute.successful else CourtResult.FAILURE
    dispute.court_returned_on = on

"""The batch writer: disputes with their histories (earlier systems' records, the demo's year, a campaign's
findings), each record's path checked against the transition table, then written set-based
(`numbering.take_block`, `core.bulk`, `clocks.start_many`, `audit.record_many`)."""

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
from sifa.core.models import Party, Unit, User
from sifa.core.models.org import UnitKind
from sifa.core.models.parties import PartyKind
from sifa.core.numbering import take_block
from sifa.core.workflow import TransitionNotAllowed

from .. import clocks as rules
from ..models import (
    Agreement,
    AgreementForm,
    Confirmation,
    CourtResult,
    Dispute,
    DisputeParty,
    DisputeState,
    DisputeType,
    MediationSession,
    PartyRole,
    Performance,
    Source,
    Track,
)
from ..workflow import WORKFLOW
from .common import NUMBERS, _actor, _clock
from .disputes import AGREEMENT_FORMS, _check_court_referral


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

"""Court referrals (诉前调解, 特邀调解规定): a court's dispute registered with its reference and accepted at once."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from django.db import transaction

from sifa.core.models import Party, Unit

from ..models import Dispute, DisputeType, Mediator, ReferralKind, Track
from .common import _not_before, _today
from .disputes import PartyInput, dispute_accept, dispute_register


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

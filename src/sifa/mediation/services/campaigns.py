"""Screening campaigns (排查): the campaign, what it found, and its findings registered as disputes in one step."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from sifa.core import audit
from sifa.core.models import Unit
from sifa.core.models.org import UnitKind

from ..models import Campaign, CampaignFinding, Dispute, DisputeType, FindingState, Sector, Source
from .common import _actor, _not_before, _require, _today
from .records import DisputeRecord, disputes_import


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

"""The reads of the dispute-resolution line, always scoped to what the user may see.

Lists are built to stay fast at a city's volume (issue 7 §10): keyset pages over (opened_on, id) backed by the
composite indexes of `Dispute.Meta` (core.paging bounds the first sort column, so a deep page is an index range
scan), no COUNT(*), related rows fetched with the page, the next due date of each
row by one correlated subquery on the clocks' (content_type, object_id) index.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch, Q, QuerySet

from sifa.core import metrics as core_metrics
from sifa.core.lists import Sorts, filter_due, with_clocks
from sifa.core.models import Unit
from sifa.core.models.org import UnitKind
from sifa.core.paging import Page, keyset_page
from sifa.core.search import by_key

from .models import (
    Campaign,
    CampaignFinding,
    CentreAgency,
    Dispute,
    DisputeParty,
    ExcellentCase,
    Mediator,
    PoliceReport,
    Reception,
    Routing,
)

SORTS = Sorts({
    "-opened_on": ("-opened_on", "-id"),
    "opened_on": ("opened_on", "id"),
    "-id": ("-id",),
}, "-opened_on")


@dataclass
class DisputeFilter:
    state: str = ""
    track: str = ""
    dispute_type: int | None = None
    source: str = ""
    unit: Unit | None = None  # an organisation and its subtree
    date_from: date | None = None  # registered on or after
    date_to: date | None = None
    risk: str = ""  # "" | any | criminal | group_petition
    overdue: bool = False
    q: str = ""  # a case number (or part of it), a court's reference, or a party's name (or part of it)
    key: str = ""  # the keyed hash of a party's whole ID or mobile number (core.search.list_key)
    metric: str = ""
    metric_from: date | None = None
    metric_to: date | None = None
    metric_unit: Unit | None = None


def metric_rows(key: str, start: date, end: date, unit: Unit | None) -> QuerySet:
    """The rows behind a figure (core.metrics.cases_for)."""
    return core_metrics.cases_for(key, start, end, unit)


def dispute_list(*, user, filters: DisputeFilter) -> QuerySet[Dispute]:
    qs = Dispute.objects.visible_to(user)
    f = filters
    if f.metric:
        rows = metric_rows(f.metric, f.metric_from, f.metric_to, f.metric_unit)
        if rows.model is PoliceReport:
            qs = qs.filter(pk__in=rows.values("dispute_id"))
        else:
            qs = qs.filter(pk__in=rows.values("pk"))
    if f.state:
        qs = qs.filter(state=f.state)
    if f.track:
        qs = qs.filter(track=f.track)
    if f.dispute_type:
        qs = qs.filter(dispute_type_id=f.dispute_type)
    if f.source:
        qs = qs.filter(source=f.source)
    if f.unit is not None:
        qs = qs.filter(unit__path__startswith=f.unit.path)
    if f.date_from:
        qs = qs.filter(opened_on__gte=f.date_from)
    if f.date_to:
        qs = qs.filter(opened_on__lte=f.date_to)
    if f.risk == "any":
        qs = qs.filter(Q(risk_criminal=True) | Q(risk_group_petition=True))
    elif f.risk == "criminal":
        qs = qs.filter(risk_criminal=True)
    elif f.risk == "group_petition":
        qs = qs.filter(risk_group_petition=True)
    if f.overdue:
        qs = filter_due(qs, "overdue")
    if f.q:
        q = f.q.strip()
        by_party = DisputeParty.objects.filter(party__name__icontains=q).values("dispute_id")
        qs = qs.filter(Q(number__icontains=q) | Q(court_reference=q) | Q(pk__in=by_party))
    return by_key(qs, f.key, parties="dispute_parties__party")


def with_list_columns(qs: QuerySet[Dispute]) -> QuerySet[Dispute]:
    """What a list row shows: organisation, type, handler, the parties, whether it is overdue and the next due
    date of a running clock (`core.lists`)."""
    return (with_clocks(qs.select_related("unit", "dispute_type", "handler"))
            .prefetch_related(Prefetch("dispute_parties", queryset=DisputeParty.objects.select_related("party"))))


def dispute_page(*, user, filters: DisputeFilter, sort: str = "-opened_on", after: str | None = None,
                 size: int = 50) -> Page:
    order = SORTS.order(sort)
    qs = dispute_list(user=user, filters=filters)
    return keyset_page(with_list_columns(qs), order=order, after=after, size=size)


def dispute_export_rows(*, user, filters: DisputeFilter, limit: int = 100_000):
    """Rows for an export, streamed in the list's order (values only: no model instances)."""
    qs = dispute_list(user=user, filters=filters).order_by("-opened_on", "-id")[:limit]
    return qs.values_list("number", "opened_on", "track", "dispute_type__name", "source", "unit__name", "state",
                          "accepted_on", "agreed_on", "closed_on", "amount_involved", "persons", "risk_criminal",
                          "risk_group_petition", "court__name", "court_reference").iterator(chunk_size=2000)


def disputes_in_scope() -> QuerySet[Dispute]:
    """Disputes with what their page shows (`core.steps.fetch_in_scope` keeps the user's scope)."""
    return (Dispute.objects
            .select_related("unit", "dispute_type", "handler", "court", "agency")
            .prefetch_related(Prefetch("dispute_parties", queryset=DisputeParty.objects.select_related("party")),
                              "mediators", "sessions__mediators", "agreements__confirmation_court",
                              "police_reports__police_unit"))


def committees(*, user) -> QuerySet[Unit]:
    return Unit.objects.visible_to(user).filter(kind=UnitKind.MEDIATION_COMMITTEE, active=True).order_by("path")


def centres(*, user) -> QuerySet[Unit]:
    return Unit.objects.visible_to(user).filter(kind=UnitKind.DISPUTE_CENTRE, active=True).order_by("path")


def organisations(*, user) -> QuerySet[Unit]:
    return Unit.objects.visible_to(user).filter(
        kind__in=[UnitKind.MEDIATION_COMMITTEE, UnitKind.DISPUTE_CENTRE, UnitKind.JUSTICE_OFFICE]).order_by("path")


def courts() -> QuerySet[Unit]:
    return Unit.objects.filter(kind=UnitKind.COURT, active=True).order_by("sort", "pk")


def police_units() -> QuerySet[Unit]:
    return Unit.objects.filter(kind=UnitKind.PUBLIC_SECURITY, active=True).order_by("path")


def route_targets(*, centre: Unit) -> QuerySet[Unit]:
    """Where a centre routes a matter: the agencies stationed there and the committees of its justice office."""
    stationed = CentreAgency.objects.filter(centre=centre, active=True).values("agency_id")
    office = centre.path.rsplit("/", 2)[0] + "/"
    return Unit.objects.filter(
        Q(pk__in=stationed) | Q(kind=UnitKind.MEDIATION_COMMITTEE, path__startswith=office)
        | Q(kind=UnitKind.MEDIATION_COMMITTEE, parent__kind=UnitKind.JUSTICE_BUREAU)).order_by("kind", "sort", "pk")


def mediators_of(*, unit: Unit) -> QuerySet[Mediator]:
    return Mediator.objects.filter(unit=unit, active=True).order_by("-is_chief", "name")


def mediator_directory(*, user) -> QuerySet[Mediator]:
    return (Mediator.objects.visible_to(user).select_related("unit").prefetch_related("trainings")
            .order_by("unit__path", "-is_chief", "name"))


def centre_agencies(*, user) -> QuerySet[CentreAgency]:
    return CentreAgency.objects.visible_to(user).select_related("centre", "agency").filter(active=True)


# --- the centres' joint reception ---------------------------------------------------------------------------

def reception_page(*, user, unit: Unit | None = None, state: str = "", after: str | None = None,
                   metric: str = "", metric_from=None, metric_to=None, metric_unit=None, size: int = 50) -> Page:
    """Everything the centres received, with each routing's acceptance and result, in one view."""
    qs = Reception.objects.visible_to(user)
    if metric:
        qs = qs.filter(pk__in=metric_rows(metric, metric_from, metric_to, metric_unit).values("pk"))
    if unit is not None:
        qs = qs.filter(unit__path__startswith=unit.path)
    if state:
        qs = qs.filter(state=state)
    order = ("-opened_on", "-id")
    qs = qs.select_related("unit", "visitor", "dispute_type").prefetch_related(
        Prefetch("routings", queryset=Routing.objects.select_related("handler_unit", "dispute")))
    return keyset_page(qs, order=order, after=after, size=size)


def receptions_in_scope() -> QuerySet[Reception]:
    """Receptions with what their page shows (`core.steps.fetch_in_scope` keeps the user's scope)."""
    return (Reception.objects.select_related("unit", "visitor", "dispute_type", "handler")
            .prefetch_related(Prefetch("routings", queryset=Routing.objects.select_related("handler_unit", "dispute"))))


def routing_for(*, user, pk: int) -> Routing | None:
    """A routing the user may act on: one of their centre's, or one routed to a committee they belong to."""
    from sifa.core.models.scoping import scope_q

    return (Routing.objects.select_related("reception", "handler_unit", "reception__visitor")
            .filter(scope_q(user, "reception__unit") | scope_q(user, "handler_unit")).filter(pk=pk).first())


# --- campaigns and cases ------------------------------------------------------------------------------------

def campaign_page(*, user, after: str | None = None, metric: str = "", metric_from=None, metric_to=None,
                  metric_unit=None, size: int = 50) -> Page:
    qs = Campaign.objects.visible_to(user)
    if metric:
        rows = metric_rows(metric, metric_from, metric_to, metric_unit)
        qs = qs.filter(pk__in=rows.values("campaign_id") if rows.model is CampaignFinding else rows.values("pk"))
    order = ("-held_on", "-id")
    qs = qs.select_related("unit").prefetch_related("sectors")
    return keyset_page(qs, order=order, after=after, size=size)


def campaign_for(*, user, pk: int) -> Campaign | None:
    return (Campaign.objects.visible_to(user).select_related("unit")
            .prefetch_related("sectors", "scope_units",
                              Prefetch("findings", queryset=CampaignFinding.objects.select_related(
                                  "dispute_type", "sector", "handling_unit", "dispute")))
            .filter(pk=pk).first())


def case_page(*, user, after: str | None = None, metric: str = "", metric_from=None, metric_to=None,
              metric_unit=None, size: int = 50) -> Page:
    qs = ExcellentCase.objects.visible_to(user)
    if metric:
        qs = qs.filter(pk__in=metric_rows(metric, metric_from, metric_to, metric_unit).values("pk"))
    order = ("-submitted_on", "-id")
    return keyset_page(qs.select_related("unit", "dispute"), order=order, after=after, size=size)


def case_for(*, user, pk: int) -> ExcellentCase | None:
    return ExcellentCase.objects.visible_to(user).filter(pk=pk).first()


def my_open_disputes(user, limit: int = 10) -> list[Dispute]:
    return list(Dispute.objects.visible_to(user).filter(handler=user, state__in=["registered", "accepted", "mediating"])
                .select_related("dispute_type").order_by("-opened_on", "-id")[:limit])

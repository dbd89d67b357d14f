"""The reads of the litigation line, always scoped to what the user may see."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import ExtractQuarter

from sifa.core import metrics
from sifa.core.clocks import OPEN_STATES
from sifa.core.lists import filter_due, running_clocks, with_clocks
from sifa.core.models import Deadline, Unit
from sifa.core.navigation import WorkItem

from .models import (
    QUALIFYING_RANKS,
    CityReconsideration,
    Hearing,
    JudicialSuggestion,
    Session,
    Suit,
    SuitState,
)

SORTS = {
    "received": ("-received_on", "-pk"), "received_asc": ("received_on", "pk"),
    "concluded": ("-concluded_on", "-pk"), "number": ("court_case_number", "pk"),
}


@dataclass
class SuitFilter:
    state: str = ""
    court: int | None = None
    agency: int | None = None
    date_from: date | None = None
    date_to: date | None = None
    head_appeared: str = ""  # "yes" | "no" | ""
    overdue: bool = False
    q: str = ""


def with_next_clock(qs: QuerySet) -> QuerySet:
    """Each row with `is_overdue`, `next_due` (core.lists) and the name of the clock next due (`next_clock`)."""
    return with_clocks(qs).annotate(
        next_clock=Subquery(running_clocks(qs.model).order_by("due").values("label")[:1]))


def suit_list(*, user, filters: SuitFilter | None = None) -> QuerySet[Suit]:
    f = filters or SuitFilter()
    qs = (Suit.objects.visible_to(user)
          .select_related("court", "defendant", "agency", "handler", "decision__outcome"))
    if f.state:
        qs = qs.filter(state=f.state)
    if f.court:
        qs = qs.filter(court_id=f.court)
    if f.agency:
        qs = qs.filter(Q(defendant_id=f.agency) | Q(agency_id=f.agency) | Q(co_defendants=f.agency)).distinct()
    if f.date_from:
        qs = qs.filter(received_on__gte=f.date_from)
    if f.date_to:
        qs = qs.filter(received_on__lte=f.date_to)
    if f.head_appeared:
        present = Hearing.objects.filter(suit=OuterRef("pk"), held=True, head_appeared=True,
                                         head_rank__in=QUALIFYING_RANKS)
        held = Hearing.objects.filter(suit=OuterRef("pk"), held=True)
        qs = qs.filter(Exists(present)) if f.head_appeared == "yes" else qs.filter(Exists(held), ~Exists(present))
    if f.overdue:
        qs = filter_due(qs, "overdue")
    if f.q:
        qs = qs.filter(Q(court_case_number__icontains=f.q) | Q(number__icontains=f.q)
                       | Q(challenged_act__icontains=f.q) | Q(plaintiffs__name__icontains=f.q)).distinct()
    return qs


def metric_cases(*, user, key: str, start: date, end: date, unit_code: str = "") -> QuerySet:
    """Exactly the rows behind a figure (core.metrics.cases_for), within what the user may see."""
    unit = Unit.objects.filter(code=unit_code).first() if unit_code else None
    qs = metrics.cases_for(key, start, end, unit)
    model = qs.model
    if model is Hearing:
        return (qs & Hearing.objects.visible_to(user)).select_related("suit", "court", "agency").order_by(
            "-held_on", "-pk")
    if model is CityReconsideration:
        return (qs & CityReconsideration.objects.visible_to(user)).select_related("agency", "respondent")
    return (qs & Suit.objects.visible_to(user)).select_related("court", "defendant", "agency", "handler",
                                                                "decision__outcome")


def suit_detail() -> QuerySet[Suit]:
    """The case page's suit, with what it shows (core.steps.fetch_in_scope scopes it to the user)."""
    return (Suit.objects
            .select_related("court", "defendant", "agency", "handler", "unit", "previous", "decision__outcome")
            .prefetch_related("plaintiffs", "co_defendants"))


def hearing_list(*, user, suit: Suit | None = None) -> QuerySet[Hearing]:
    qs = Hearing.objects.visible_to(user).select_related("suit", "court", "agency")
    return qs.filter(suit=suit) if suit is not None else qs


def suggestion_list(*, user) -> QuerySet[JudicialSuggestion]:
    return JudicialSuggestion.objects.visible_to(user).select_related("court", "agency", "kind", "suit", "handler")


def city_list(*, user) -> QuerySet[CityReconsideration]:
    return CityReconsideration.objects.visible_to(user).select_related("agency", "respondent", "handler")


def session_list(*, user) -> QuerySet[Session]:
    return Session.objects.visible_to(user).select_related("court", "suit").prefetch_related("units")


def quarterly(*, user, year: int) -> list[dict]:
    """Suits received and concluded, hearings and head appearances by agency and quarter (set-based)."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    suits = Suit.objects.visible_to(user).filter(against_government=True)
    received = (suits.filter(received_on__range=(start, end)).annotate(qtr=ExtractQuarter("received_on"))
                .values("agency__name", "qtr").annotate(n=Count("pk")))
    concluded = (suits.filter(concluded_on__range=(start, end)).annotate(qtr=ExtractQuarter("concluded_on"))
                 .values("agency__name", "qtr")
                 .annotate(n=Count("pk"), lost=Count("pk", filter=Q(decision__outcome__is_loss=True))))
    hearings = (Hearing.objects.visible_to(user).filter(held=True, held_on__range=(start, end))
                .annotate(qtr=ExtractQuarter("held_on")).values("suit__agency__name", "qtr")
                .annotate(n=Count("pk"), heads=Count("pk", filter=Q(head_appeared=True,
                                                                    head_rank__in=QUALIFYING_RANKS))))
    table: dict[tuple[str, int], dict] = {}

    def row(agency, qtr):
        return table.setdefault((agency, qtr), {"agency": agency, "quarter": qtr, "received": 0, "concluded": 0,
                                                "lost": 0, "hearings": 0, "heads": 0})

    for r in received:
        row(r["agency__name"], r["qtr"])["received"] = r["n"]
    for r in concluded:
        cell = row(r["agency__name"], r["qtr"])
        cell["concluded"], cell["lost"] = r["n"], r["lost"]
    for r in hearings:
        cell = row(r["suit__agency__name"], r["qtr"])
        cell["hearings"], cell["heads"] = r["n"], r["heads"]
    rows = sorted(table.values(), key=lambda c: (c["agency"] or "", c["quarter"]))
    for c in rows:
        c["rate"] = metrics.rate_value(c["heads"], c["hearings"], 1)
    return rows


def work_for(user) -> list[WorkItem]:
    """"我的工作": the user's open suits with the nearest open clock."""
    ct = ContentType.objects.get_for_model(Suit)
    deadlines = (Deadline.objects.filter(content_type=ct, assignee=user, state__in=OPEN_STATES)
                 .order_by("due").values("object_id", "due", "label")[:20])
    by_id = {}
    for d in deadlines:
        by_id.setdefault(d["object_id"], d)
    suits = {s.pk: s for s in Suit.objects.visible_to(user).filter(pk__in=by_id)
             .exclude(state=SuitState.FINAL)}
    return [WorkItem(line="litigation", title=f"{suits[i].court_case_number} · {d['label']}",
                     url=suits[i].get_absolute_url(), state=suits[i].get_state_display(), due=d["due"])
            for i, d in by_id.items() if i in suits][:10]

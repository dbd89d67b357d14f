"""The reads of notarisation: lists scoped to what the user may see, with filters, sort and the kit's time limits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet
from django.urls import reverse

from sifa.core.lists import Sorts, filter_due, with_clocks
from sifa.core.navigation import WorkItem

from .models import Notarisation, State

OPEN = (State.APPLIED, State.ACCEPTED, State.PAUSED, State.REFUSAL_REPORTED, State.REFUSAL_APPROVED,
        State.UNDER_REVIEW)
SORTS = Sorts({"-received": ("-received_on", "-pk"), "received": ("received_on", "pk"),
               "-accepted": ("-accepted_on", "-pk")}, default="-received")


@dataclass
class Filter:
    q: str = ""
    state: str = ""
    matter: str = ""
    group: str = ""
    channel: str = ""
    due: str = ""
    date_from: date | None = None
    date_to: date | None = None


def notarisations(*, user, filters: Filter | None = None) -> QuerySet[Notarisation]:
    f = filters or Filter()
    qs = Notarisation.objects.visible_to(user).select_related("applicant", "unit")
    if f.q:
        qs = qs.filter(Q(number__icontains=f.q) | Q(applicant__name__icontains=f.q)
                       | Q(certificate_number__icontains=f.q) | Q(receipt_number=f.q.upper()))
    for name in ("state", "matter", "group", "channel"):
        if getattr(f, name):
            qs = qs.filter(**{name: getattr(f, name)})
    if f.date_from:
        qs = qs.filter(received_on__gte=f.date_from)
    if f.date_to:
        qs = qs.filter(received_on__lte=f.date_to)
    return filter_due(with_clocks(qs), f.due)


def open_work(*, user) -> QuerySet[Notarisation]:
    """The work list: the user's units' open applications, the overdue first, then by the next time limit."""
    return with_clocks(Notarisation.objects.visible_to(user).filter(state__in=OPEN)
                       .select_related("applicant")).order_by("-is_overdue", "next_due", "pk")


def work_for(user) -> list[WorkItem]:
    if not user.has_perm("notary.view_notarisation"):
        return []
    return [WorkItem(line="notary", title=f"{c.number} {c.applicant.name}",
                     url=reverse("notary:detail", args=[c.pk]), state=c.get_state_display(), due=c.next_due)
            for c in open_work(user=user)[:10]]


def monthly_totals(*, user, year: str = "", matter: str = "") -> QuerySet:
    """The months imported as totals in the user's units (the offices whose system exports no single matters)."""
    from sifa.core.models import Unit

    from .models import MonthlyTotal

    qs = MonthlyTotal.objects.filter(unit__in=Unit.objects.visible_to(user)).select_related("unit")
    if year.isdigit():
        qs = qs.filter(month__year=int(year))
    if matter:
        qs = qs.filter(matter=matter)
    return qs


def monthly_sums(qs: QuerySet) -> dict:
    from django.db.models import Sum

    return qs.order_by().aggregate(accepted=Sum("accepted"), online=Sum("online"), one_visit=Sum("one_visit"),
                                   issued=Sum("issued"), refused=Sum("refused"), fees=Sum("fees"))


def notaries(*, user, q: str = "", active: str = "") -> QuerySet:
    """The roster in the user's units, each with the result of their latest annual assessment (`latest`)."""
    from django.db.models import OuterRef, Subquery

    from sifa.core.models import Unit

    from .models import Notary, NotaryAssessment

    latest = NotaryAssessment.objects.filter(notary=OuterRef("pk")).order_by("-year")
    qs = (Notary.objects.filter(unit__in=Unit.objects.visible_to(user)).select_related("unit")
          .annotate(latest_year=Subquery(latest.values("year")[:1]), latest_result=Subquery(latest.values("result")[:1])))
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(certificate_number__icontains=q))
    if active in ("1", "0"):
        qs = qs.filter(active=active == "1")
    return qs


def notary_in_scope(user, pk):
    from django.http import Http404

    n = notaries(user=user).filter(pk=pk).first()
    if n is None:
        raise Http404
    return n

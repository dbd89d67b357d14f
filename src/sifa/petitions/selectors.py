"""The reads of the petitions line: lists scoped to what the user may see, with filters, sorts and clocks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet
from django.urls import reverse

from sifa.core.lists import Sorts, filter_due, with_clocks
from sifa.core.navigation import WorkItem

from .models import OPEN, Petition

SORTS = Sorts({"-received": ("-received_on", "-pk"), "received": ("received_on", "pk"), "-pk": ("-pk",),
               "pk": ("pk",)}, default="-received")


@dataclass
class PetitionFilter:
    q: str = ""
    status: str = ""
    state: str = ""
    channel: str = ""
    kind: str = ""
    due: str = ""
    date_from: date | None = None
    date_to: date | None = None


def petition_list(*, user, filters: PetitionFilter | None = None) -> QuerySet[Petition]:
    f = filters or PetitionFilter()
    qs = Petition.objects.visible_to(user).select_related("petitioner", "division")
    if f.q:
        qs = qs.filter(Q(number__icontains=f.q) | Q(subject__icontains=f.q) | Q(external_id__icontains=f.q)
                       | Q(petitioner__name__icontains=f.q))
    if f.status == "open":
        qs = qs.filter(state__in=OPEN)
    elif f.status == "closed":
        qs = qs.exclude(state__in=OPEN)
    for name in ("state", "channel", "kind"):
        if getattr(f, name):
            qs = qs.filter(**{name: getattr(f, name)})
    if f.date_from:
        qs = qs.filter(received_on__gte=f.date_from)
    if f.date_to:
        qs = qs.filter(received_on__lte=f.date_to)
    return filter_due(with_clocks(qs), f.due)


def queue(*, user) -> QuerySet[Petition]:
    """The open petitions and orders, overdue first, then by the next time limit: a reopened order rejoins here."""
    return with_clocks(Petition.objects.visible_to(user).filter(state__in=OPEN)).order_by(
        "-is_overdue", "next_due", "pk")


def work_for(user) -> list[WorkItem]:
    if not user.has_perm("petitions.view_petition"):
        return []
    return [WorkItem(line="petitions", title=f"{p.number} {p.subject}", url=reverse("petitions:detail", args=[p.pk]),
                     state=p.get_state_display(), due=p.next_due) for p in queue(user=user)[:10]]

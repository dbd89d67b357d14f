"""The reads of the supervisors' line: lists scoped to what the user may see, with filters, sorts and clocks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from sifa.core.lists import Sorts, filter_due, with_clocks
from sifa.core.navigation import WorkItem

from .models import DrawRequest, SeatStatus, State, Supervisor, SupervisorStatus

OPEN = (State.RECEIVED, State.PREPARED, State.DRAWN, State.CONFIRMED, State.HELD)
SORTS = Sorts({"-received": ("-received_on", "-pk"), "received": ("received_on", "pk"),
               "activity": ("activity_on", "pk"), "-activity": ("-activity_on", "-pk")}, default="-received")
POOL_SORTS = Sorts({"code": ("code", "pk"), "-code": ("-code", "-pk"), "-selected": ("-selected_on", "-pk"),
                    "selected": ("selected_on", "pk")}, default="code")


@dataclass
class RequestFilter:
    q: str = ""
    state: str = ""
    activity_kind: str = ""
    due: str = ""
    date_from: date | None = None
    date_to: date | None = None


def request_list(*, user, filters: RequestFilter | None = None) -> QuerySet[DrawRequest]:
    f = filters or RequestFilter()
    qs = DrawRequest.objects.visible_to(user).select_related("procuratorate", "unit")
    if f.q:
        qs = qs.filter(Q(number__icontains=f.q) | Q(activity__icontains=f.q))
    for name in ("state", "activity_kind"):
        if getattr(f, name):
            qs = qs.filter(**{name: getattr(f, name)})
    if f.date_from:
        qs = qs.filter(received_on__gte=f.date_from)
    if f.date_to:
        qs = qs.filter(received_on__lte=f.date_to)
    return filter_due(with_clocks(qs), f.due)


def open_requests(*, user) -> QuerySet[DrawRequest]:
    return with_clocks(DrawRequest.objects.visible_to(user).filter(state__in=OPEN)).order_by(
        "-is_overdue", "next_due", "pk")


def work_for(user) -> list[WorkItem]:
    if not user.has_perm("supervisors.view_drawrequest"):
        return []
    return [WorkItem(line="supervisors", title=f"{r.number} {r.activity}", url=reverse("supervisors:detail", args=[r.pk]),
                     state=r.get_state_display(), due=r.next_due)
            for r in open_requests(user=user)[:10]]


@dataclass
class PoolFilter:
    q: str = ""
    field: str = ""
    status: str = ""


def pool_list(*, user, filters: PoolFilter | None = None, on: date | None = None) -> QuerySet[Supervisor]:
    """The pool, each supervisor with their current term's end and the activities attended this year."""
    f = filters or PoolFilter()
    on = on or timezone.localdate()
    qs = (Supervisor.objects.visible_to(user).select_related("person")
          .annotate(attended=Count("seats", filter=Q(seats__status=SeatStatus.ATTENDED,
                                                     seats__activity_on__year=on.year), distinct=True),
                    terms_served=Count("terms", distinct=True)))
    if f.q:
        qs = qs.filter(Q(code__icontains=f.q) | Q(person__name__icontains=f.q))
    if f.field:
        qs = qs.filter(field=f.field)
    if f.status:
        qs = qs.filter(status=f.status)
    return qs


def pool_size(*, user, on: date | None = None) -> int:
    on = on or timezone.localdate()
    return (Supervisor.objects.visible_to(user).filter(status=SupervisorStatus.ACTIVE, barred=False,
                                                        terms__starts_on__lte=on, terms__ends_on__gte=on,
                                                        terms__ended_early_on__isnull=True).distinct().count())

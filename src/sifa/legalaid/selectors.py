"""The reads of legal aid: lists scoped to what the user may see, with filters, sort and the kit's time limits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet
from django.urls import reverse

from sifa.core.lists import Sorts, filter_due, with_clocks
from sifa.core.navigation import WorkItem

from .models import Consultation, LegalAidCase, State

OPEN = (State.RECEIVED, State.MATERIALS_REQUESTED, State.GRANTED, State.ASSIGNED, State.REFUSAL_OBJECTED,
        State.TERMINATION_OBJECTED)
SORTS = Sorts({"-received": ("-received_on", "-pk"), "received": ("received_on", "pk")}, default="-received")


@dataclass
class CaseFilter:
    q: str = ""
    state: str = ""
    source: str = ""
    matter_type: str = ""
    mine: bool = False
    due: str = ""
    date_from: date | None = None
    date_to: date | None = None


def case_list(*, user, filters: CaseFilter | None = None) -> QuerySet[LegalAidCase]:
    f = filters or CaseFilter()
    qs = LegalAidCase.objects.visible_to(user).select_related("applicant", "unit", "law_firm")
    if f.q:
        qs = qs.filter(Q(number__icontains=f.q) | Q(applicant__name__icontains=f.q) | Q(lawyer__icontains=f.q)
                       | Q(receipt_number=f.q.strip().upper()))
    for name in ("state", "source", "matter_type"):
        if getattr(f, name):
            qs = qs.filter(**{name: getattr(f, name)})
    if f.mine:
        qs = qs.filter(handler=user)
    if f.date_from:
        qs = qs.filter(received_on__gte=f.date_from)
    if f.date_to:
        qs = qs.filter(received_on__lte=f.date_to)
    qs = with_clocks(qs)
    return filter_due(qs, f.due)


def open_cases(*, user) -> QuerySet[LegalAidCase]:
    """The work list: the user's unit's open cases, the overdue first, then by the next time limit."""
    return with_clocks(LegalAidCase.objects.visible_to(user).filter(state__in=OPEN)
                       .select_related("applicant")).order_by("-is_overdue", "next_due", "pk")


def work_for(user) -> list[WorkItem]:
    if not user.has_perm("legalaid.view_legalaidcase"):
        return []
    return [WorkItem(line="legalaid", title=f"{c.number} {c.applicant.name}",
                     url=reverse("legalaid:detail", args=[c.pk]), state=c.get_state_display(), due=c.next_due)
            for c in open_cases(user=user)[:10]]


@dataclass
class ConsultationFilter:
    channel: str = ""
    category: str = ""
    callback_open: bool = False
    date_from: date | None = None
    date_to: date | None = None


def consultation_list(*, user, filters: ConsultationFilter | None = None) -> QuerySet[Consultation]:
    f = filters or ConsultationFilter()
    qs = Consultation.objects.visible_to(user).select_related("unit")
    if f.channel:
        qs = qs.filter(channel=f.channel)
    if f.category:
        qs = qs.filter(category=f.category)
    if f.callback_open:
        qs = qs.filter(callback_requested=True, callback_done_on__isnull=True, callback_attempts__lt=3)
    if f.date_from:
        qs = qs.filter(consulted_on__gte=f.date_from)
    if f.date_to:
        qs = qs.filter(consulted_on__lte=f.date_to)
    return qs

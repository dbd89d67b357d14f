"""The reads of legal aid: lists scoped to what the user may see, with filters, sort and the kit's time limits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, QuerySet, Sum
from django.urls import reverse

from sifa.core.lists import Sorts, filter_due, with_clocks
from sifa.core.navigation import WorkItem

from .models import Consultation, DutyShift, Evaluation, LegalAidCase, State

OPEN = (State.RECEIVED, State.MATERIALS_REQUESTED, State.GRANTED, State.ASSIGNED, State.REFUSAL_OBJECTED,
        State.TERMINATION_OBJECTED)
SORTS = Sorts({"-received": ("-received_on", "-pk"), "received": ("received_on", "pk"),
               "-number": ("-number", "-pk"), "number": ("number", "pk")}, default="-received")
CONSULTATION_SORTS = Sorts({"-date": ("-consulted_on", "-pk"), "date": ("consulted_on", "pk")}, default="-date")


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
    key: str = ""  # the keyed hash of a whole ID or mobile number (core.search.list_key)


def case_list(*, user, filters: CaseFilter | None = None) -> QuerySet[LegalAidCase]:
    f = filters or CaseFilter()
    qs = LegalAidCase.objects.visible_to(user).select_related("applicant", "unit", "law_firm")
    if f.q:
        qs = qs.filter(Q(number__icontains=f.q) | Q(applicant__name__icontains=f.q) | Q(lawyer__icontains=f.q)
                       | Q(receipt_number=f.q.strip().upper()))
    if f.key:
        qs = qs.filter(Q(applicant__id_number_hash=f.key) | Q(applicant__phone_hash=f.key))
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


# --- subsidies ------------------------------------------------------------------------------------------------

SUBSIDY_SORTS = Sorts({"-reviewed": ("-reviewed_on", "-pk"), "reviewed": ("reviewed_on", "pk"),
                       "-subsidy": ("-subsidy", "-pk"), "subsidy": ("subsidy", "pk")}, default="-reviewed")


@dataclass
class SubsidyFilter:
    q: str = ""
    grade: str = ""
    approval: str = ""  # "approved", "pending"
    law_firm: object = None
    date_from: date | None = None  # reviewed from
    date_to: date | None = None


def subsidy_list(*, user, filters: SubsidyFilter | None = None) -> QuerySet[Evaluation]:
    f = filters or SubsidyFilter()
    qs = Evaluation.objects.visible_to(user).select_related("case__law_firm", "rate")
    if f.q:
        qs = qs.filter(Q(case__number__icontains=f.q) | Q(case__lawyer__icontains=f.q))
    if f.grade:
        qs = qs.filter(grade=f.grade)
    if f.approval == "approved":
        qs = qs.filter(approved_on__isnull=False)
    elif f.approval == "pending":
        qs = qs.filter(approved_on__isnull=True)
    if f.law_firm is not None:
        qs = qs.filter(case__law_firm=f.law_firm)
    if f.date_from:
        qs = qs.filter(reviewed_on__gte=f.date_from)
    if f.date_to:
        qs = qs.filter(reviewed_on__lte=f.date_to)
    return qs


def subsidy_total(qs: QuerySet[Evaluation]) -> dict:
    """The count and the sum of the listed subsidies, and of those approved."""
    return qs.aggregate(count=Count("pk"), amount=Sum("subsidy"),
                        approved=Sum("subsidy", filter=Q(approved_on__isnull=False)))


# --- the duty schedule ----------------------------------------------------------------------------------------

DUTY_SORTS = Sorts({"on": ("on", "period", "pk"), "-on": ("-on", "-period", "-pk")}, default="on")


@dataclass
class DutyFilter:
    place: object = None
    lawyer: str = ""
    status: str = ""  # planned, served, missed
    date_from: date | None = None
    date_to: date | None = None


def duty_list(*, user, filters: DutyFilter | None = None) -> QuerySet[DutyShift]:
    f = filters or DutyFilter()
    qs = (DutyShift.objects.visible_to(user).select_related("place", "lawyer__law_firm")
          .annotate(helped=Sum("helps__persons")))
    if f.place is not None:
        qs = qs.filter(place=f.place)
    if f.lawyer:
        qs = qs.filter(lawyer__name__icontains=f.lawyer)
    if f.status == "planned":
        qs = qs.filter(served__isnull=True)
    elif f.status in ("served", "missed"):
        qs = qs.filter(served=f.status == "served")
    if f.date_from:
        qs = qs.filter(on__gte=f.date_from)
    if f.date_to:
        qs = qs.filter(on__lte=f.date_to)
    return qs

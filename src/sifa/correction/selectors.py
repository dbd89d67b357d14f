"""The reads of community correction: lists scoped to the correction staff who may see them, with filters, sort,
the kit's time limits and the overdue contacts."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone

from sifa.core.lists import Sorts, filter_due, with_clocks
from sifa.core.navigation import WorkItem

from .models import Assessment, AssessmentState, Contact, Release, Session, State, Supervisee

OPEN = (State.NOTIFIED, State.REPORTED, State.SUPERVISED)
SORTS = Sorts({"-effective": ("-effective_on", "-pk"), "effective": ("effective_on", "pk"),
               "term_end": ("term_end", "pk"), "-term_end": ("-term_end", "-pk"), "number": ("number", "pk"),
               "-number": ("-number", "-pk")}, default="-effective")


def _open_contacts():
    return Contact.objects.filter(supervisee=OuterRef("pk"), met_on__isnull=True, cancelled_on__isnull=True)


def with_contacts(qs: QuerySet, today=None) -> QuerySet:
    """Each person's next contact due and whether it is overdue (set-based, one subquery each)."""
    today = today or timezone.localdate()
    return qs.annotate(contact_due=Subquery(_open_contacts().order_by("-pk").values("due_on")[:1]),
                       contact_overdue=Exists(_open_contacts().filter(due_on__lt=today)))


@dataclass
class Filter:
    q: str = ""
    state: str = ""
    kind: str = ""
    level: str = ""
    due: str = ""
    contact_overdue: bool = False
    key: str = ""  # the keyed hash of a whole ID or mobile number (core.search.list_key)


def case_list(*, user, filters: Filter | None = None) -> QuerySet[Supervisee]:
    f = filters or Filter()
    qs = Supervisee.objects.visible_to(user).select_related("person", "unit")
    if f.key:
        qs = qs.filter(Q(person__id_number_hash=f.key) | Q(person__phone_hash=f.key))
    if f.q:
        qs = qs.filter(Q(number__icontains=f.q) | Q(person__name__icontains=f.q))
    for name in ("state", "kind", "level"):
        if getattr(f, name):
            qs = qs.filter(**{name: getattr(f, name)})
    qs = with_contacts(with_clocks(qs))
    if f.contact_overdue:
        qs = qs.filter(contact_overdue=True)
    return filter_due(qs, f.due)


def open_cases(*, user) -> QuerySet[Supervisee]:
    """The work list: reports awaited and contacts due, the overdue first."""
    return (with_contacts(with_clocks(Supervisee.objects.visible_to(user).filter(state__in=OPEN)
                                      .select_related("person")))
            .filter(Q(is_overdue=True) | Q(contact_overdue=True) | Q(state__in=(State.NOTIFIED, State.REPORTED)))
            .order_by("-is_overdue", "-contact_overdue", "next_due", "contact_due", "pk"))


def work_for(user) -> list[WorkItem]:
    if not user.has_perm("correction.view_supervisee"):
        return []
    return [WorkItem(line="correction", title=f"{c.number} {c.person.name}",
                     url=reverse("correction:detail", args=[c.pk]), state=c.get_state_display(),
                     due=c.next_due or c.contact_due)
            for c in open_cases(user=user)[:10]]


def sessions(*, user, kind: str = "") -> QuerySet[Session]:
    qs = Session.objects.visible_to(user).select_related("unit")
    return qs.filter(kind=kind) if kind else qs


def releases(*, user, hand_over: str = "") -> QuerySet[Release]:
    qs = Release.objects.visible_to(user).select_related("unit", "person")
    return qs.filter(hand_over=hand_over) if hand_over else qs


ASSESSMENT_SORTS = Sorts({"-received": ("-received_on", "-pk"), "received": ("received_on", "pk"),
                         "due": ("due_on", "pk"), "-due": ("-due_on", "-pk"), "number": ("number", "pk"),
                         "-number": ("-number", "-pk")}, default="-received")


def assessments(*, user, state: str = "", q: str = "", overdue: bool = False, key: str = "") -> QuerySet[Assessment]:
    qs = Assessment.objects.visible_to(user).select_related("subject", "unit")
    if key:
        qs = qs.filter(Q(subject__id_number_hash=key) | Q(subject__phone_hash=key))
    if state:
        qs = qs.filter(state=state)
    if q:
        qs = qs.filter(Q(number__icontains=q) | Q(subject__name__icontains=q) | Q(commission_number__icontains=q))
    if overdue:
        qs = qs.filter(state=AssessmentState.PENDING, due_on__lt=timezone.localdate())
    return qs

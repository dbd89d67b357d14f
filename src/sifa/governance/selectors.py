"""The reads of governance: lists scoped to what the user may see, the overdue tasks first for the leaders."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from sifa.core.lists import Sorts, with_clocks
from sifa.core.navigation import WorkItem

from .models import Finding, Inspection, InspectionState, Observation, ObservationPoint, ResearchTopic, Task

TASK_SORTS = Sorts({"due": ("due_on", "pk"), "-due": ("-due_on", "-pk"), "code": ("code", "pk")}, default="due")
INSPECTION_SORTS = Sorts({"-visited": ("-visited_on", "-pk"), "visited": ("visited_on", "pk")}, default="-visited")
POINT_SORTS = Sorts({"name": ("name", "pk"), "-established": ("-established_on", "-pk")}, default="name")
OBSERVATION_SORTS = Sorts({"-submitted": ("-submitted_on", "-pk"), "submitted": ("submitted_on", "pk")},
                          default="-submitted")
TOPIC_SORTS = Sorts({"-proposed": ("-proposed_on", "-pk"), "title": ("title", "pk")}, default="-proposed")


def overdue_task_q(today=None) -> Q:
    """A task is overdue while it is not reported done and its due date has passed."""
    return Q(done_on__isnull=True, due_on__lt=today or timezone.localdate())


def tasks(*, user, year=None, responsible=None, status: str = "", q: str = "") -> QuerySet[Task]:
    qs = Task.objects.visible_to(user).select_related("responsible").prefetch_related("assisting")
    if year:
        qs = qs.filter(year=year)
    if responsible is not None:
        qs = qs.filter(Q(responsible=responsible) | Q(assisting=responsible)).distinct()
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(code__icontains=q))
    if status == "open":
        qs = qs.filter(done_on__isnull=True)
    elif status == "done":
        qs = qs.filter(done_on__isnull=False)
    elif status == "overdue":
        qs = qs.filter(overdue_task_q())
    return qs


def inspections(*, user, campaign: str = "", kind: str = "", state: str = "", q: str = "") -> QuerySet[Inspection]:
    qs = Inspection.objects.visible_to(user).select_related("inspected")
    if campaign:
        qs = qs.filter(campaign=campaign)
    if kind:
        qs = qs.filter(kind=kind)
    if state:
        qs = qs.filter(state=state)
    if q:
        qs = qs.filter(Q(number__icontains=q) | Q(inspected__name__icontains=q))
    late = with_clocks(Finding.objects.filter(inspection=OuterRef("pk"))).filter(is_overdue=True)
    return qs.annotate(has_overdue=Exists(late))


def points(*, user, kind: str = "", street=None, q: str = "") -> QuerySet[ObservationPoint]:
    qs = ObservationPoint.objects.visible_to(user).select_related("street")
    if kind:
        qs = qs.filter(kind=kind)
    if street is not None:
        qs = qs.filter(street=street)
    if q:
        qs = qs.filter(name__icontains=q)
    return qs


def observations(*, user, point=None, replied: str = "", q: str = "") -> QuerySet[Observation]:
    qs = with_clocks(Observation.objects.visible_to(user).select_related("point"))
    if point is not None:
        qs = qs.filter(point=point)
    if replied == "yes":
        qs = qs.filter(replied_on__isnull=False)
    elif replied == "no":
        qs = qs.filter(replied_on__isnull=True)
    elif replied == "overdue":
        qs = qs.filter(is_overdue=True)
    if q:
        qs = qs.filter(Q(subject__icontains=q) | Q(point__name__icontains=q))
    return qs


def topics(*, user, year=None, status: str = "", q: str = "") -> QuerySet[ResearchTopic]:
    qs = ResearchTopic.objects.visible_to(user).select_related("lead")
    if year:
        qs = qs.filter(year=year)
    if status:
        qs = qs.filter(status=status)
    if q:
        qs = qs.filter(title__icontains=q)
    return qs


def work_for(user) -> list[WorkItem]:
    """The overdue tasks and the open rectifications and observations of the user's units."""
    if not user.has_perm("governance.view_task"):
        return []
    items = [WorkItem(line="governance", title=str(t), url=reverse("governance:task", args=[t.pk]),
                      state=str(Task._meta.verbose_name), due=t.due_on)
             for t in Task.objects.visible_to(user).filter(overdue_task_q()).order_by("due_on", "pk")[:10]]
    items += [WorkItem(line="governance", title=str(i), url=i.get_absolute_url(), state=i.get_state_display())
              for i in Inspection.objects.visible_to(user).filter(state=InspectionState.RECTIFYING)
              .select_related("inspected").order_by("visited_on", "pk")[:10]]
    items += [WorkItem(line="governance", title=str(o), url=o.get_absolute_url(), due=o.next_due)
              for o in with_clocks(Observation.objects.visible_to(user).filter(replied_on__isnull=True)
                                   .select_related("point")).order_by("next_due", "pk")[:10]]
    return items

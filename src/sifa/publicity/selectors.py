"""The reads of publicity: lists scoped to what the user may see."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from sifa.core.lists import Sorts

from .models import Activity, Project, Responsibility

ACTIVITY_SORTS = Sorts({"-held": ("-held_on", "-pk"), "held": ("held_on", "pk"), "-views": ("-views", "-pk"),
                        "-participants": ("-participants", "-pk")}, default="-held")
RESPONSIBILITY_SORTS = Sorts({"-score": ("-score", "pk"), "member": ("member__path", "pk")}, default="-score")


def activities(*, user, kind: str = "", series: str = "", q: str = "", date_from=None, date_to=None
               ) -> QuerySet[Activity]:
    qs = Activity.objects.visible_to(user).select_related("organiser")
    if kind:
        qs = qs.filter(kind=kind)
    if series:
        qs = qs.filter(series__icontains=series)
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(number__icontains=q))
    if date_from:
        qs = qs.filter(held_on__gte=date_from)
    if date_to:
        qs = qs.filter(held_on__lte=date_to)
    return qs


def responsibilities(*, user, year=None, reviewed: str = "") -> QuerySet[Responsibility]:
    qs = Responsibility.objects.visible_to(user).select_related("member")
    if year:
        qs = qs.filter(year=year)
    if reviewed == "yes":
        qs = qs.filter(reviewed_on__isnull=False)
    elif reviewed == "no":
        qs = qs.filter(reviewed_on__isnull=True)
    return qs


def projects(*, user, year=None) -> QuerySet[Project]:
    qs = Project.objects.visible_to(user).select_related("member")
    return qs.filter(year=year) if year else qs


def work_for(user):
    """The member units whose list of this year awaits its performance review."""
    from django.utils import timezone

    from sifa.core.navigation import WorkItem

    if not user.has_perm("publicity.view_responsibility"):
        return []
    year = timezone.localdate().year
    return [WorkItem(line="publicity", title=str(r), url=r.get_absolute_url(), state=str(_("Not reviewed")))
            for r in Responsibility.objects.visible_to(user).filter(year=year, reviewed_on__isnull=True)
            .exclude(plan="").select_related("member").order_by("member__path")[:10]]

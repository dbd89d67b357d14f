"""The reads of the lawyers' line: lists scoped to what the user may see, and the user's open work."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.urls import reverse

from sifa.core.complaints import OPEN as COMPLAINTS_OPEN
from sifa.core.lists import filter_due, with_clocks
from sifa.core.navigation import WorkItem

from .models import LawyerComplaint, LicensingMatter, LicensingState

OPEN = (LicensingState.RECEIVED, LicensingState.REPORTED)


def matter_list(*, user, d: dict | None = None) -> QuerySet[LicensingMatter]:
    d = d or {}
    qs = LicensingMatter.objects.visible_to(user).select_related("unit", "firm")
    if d.get("q"):
        qs = qs.filter(Q(number__icontains=d["q"]) | Q(applicant__icontains=d["q"]))
    for name in ("kind", "state"):
        if d.get(name):
            qs = qs.filter(**{name: d[name]})
    if d.get("date_from"):
        qs = qs.filter(received_on__gte=d["date_from"])
    if d.get("date_to"):
        qs = qs.filter(received_on__lte=d["date_to"])
    return filter_due(with_clocks(qs), d.get("due") or "")


def work_for(user) -> list[WorkItem]:
    items = []
    if user.has_perm("lawyers.view_licensingmatter"):
        qs = with_clocks(LicensingMatter.objects.visible_to(user).filter(state__in=OPEN)).order_by(
            "-is_overdue", "next_due", "pk")
        items += [WorkItem(line="lawyers", title=f"{m.number} {m.applicant}", url=reverse("lawyers:matter", args=[m.pk]),
                           state=m.get_state_display(), due=m.next_due) for m in qs[:5]]
    if user.has_perm("lawyers.view_lawyercomplaint"):
        qs = with_clocks(LawyerComplaint.objects.visible_to(user).filter(state__in=COMPLAINTS_OPEN)).order_by(
            "-is_overdue", "next_due", "pk")
        items += [WorkItem(line="lawyers", title=f"{c.number} {c.complainant}",
                           url=reverse("lawyers:complaint", args=[c.pk]), state=c.get_state_display(), due=c.next_due)
                  for c in qs[:5]]
    return items

"""The reads of forensic appraisal: the user's open work (complaints and proposals by their next time limit)."""

from __future__ import annotations

from django.urls import reverse

from sifa.core.complaints import OPEN
from sifa.core.lists import with_clocks
from sifa.core.navigation import WorkItem

from .models import AppraisalComplaint, ProposalState, RectificationProposal


def work_for(user) -> list[WorkItem]:
    items = []
    if user.has_perm("appraisal.view_appraisalcomplaint"):
        qs = with_clocks(AppraisalComplaint.objects.visible_to(user).filter(state__in=OPEN)).order_by(
            "-is_overdue", "next_due", "pk")
        items += [WorkItem(line="appraisal", title=f"{c.number} {c.complainant}",
                           url=reverse("appraisal:complaint", args=[c.pk]), state=c.get_state_display(),
                           due=c.next_due) for c in qs[:5]]
    if user.has_perm("appraisal.view_rectificationproposal"):
        qs = with_clocks(RectificationProposal.objects.visible_to(user).filter(state=ProposalState.ISSUED)
                         .select_related("institution")).order_by("-is_overdue", "next_due", "pk")
        items += [WorkItem(line="appraisal", title=str(p), url=reverse("appraisal:proposal", args=[p.pk]),
                           state=p.get_state_display(), due=p.next_due) for p in qs[:5]]
    return items

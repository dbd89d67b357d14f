"""The header search of forensic appraisal (`core.search` contract): complaints by number, complainant or the
institution complained of, rectification proposals by number or institution, and the register by name or
licence number. The line keeps no ID or mobile numbers, so a whole number's key finds nothing here."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext as _

from sifa.core.search import LIMIT, Hit, Query

from .models import AppraisalComplaint, AppraisalInstitution, Appraiser, RectificationProposal


def search(user, query: Query) -> list[Hit]:
    t = query.text
    if not t or query.key:
        return []
    hits = []
    if user.has_perm("appraisal.view_appraisalcomplaint"):
        for c in (AppraisalComplaint.objects.visible_to(user).select_related("respondent_institution",
                                                                             "respondent_appraiser")
                  .filter(Q(number__icontains=t) | Q(complainant__icontains=t)
                          | Q(respondent_institution__name__icontains=t)).order_by("-received_on", "-pk")[:LIMIT]):
            hits.append(Hit(kind=_("Appraisal complaint"), title=f"{c.number} {c.complainant} → {c.respondent_label()}",
                            url=c.get_absolute_url(), when=c.received_on, state=c.get_state_display()))
    if user.has_perm("appraisal.view_rectificationproposal"):
        for p in (RectificationProposal.objects.visible_to(user).select_related("institution")
                  .filter(Q(number__icontains=t) | Q(institution__name__icontains=t)).order_by("-issued_on")[:LIMIT]):
            hits.append(Hit(kind=_("Rectification proposal"), title=str(p), url=p.get_absolute_url(), when=p.issued_on,
                            state=p.get_state_display()))
    if user.has_perm("appraisal.view_appraisalinstitution"):
        match = Q(name__icontains=t) | Q(licence_number=t)
        for i in AppraisalInstitution.objects.visible_to(user).filter(match).order_by("name")[:LIMIT]:
            hits.append(Hit(kind=_("Appraisal institution"), title=f"{i.name} {i.licence_number}",
                            url=i.get_absolute_url(), when=i.licensed_on, state=i.get_status_display()))
        for a in Appraiser.objects.visible_to(user).select_related("institution").filter(match).order_by("name")[:LIMIT]:
            hits.append(Hit(kind=_("Appraiser"), title=f"{a.name}（{a.institution.name}）", url=a.get_absolute_url(),
                            when=a.licensed_on, state=a.get_status_display()))
    return hits[:LIMIT]

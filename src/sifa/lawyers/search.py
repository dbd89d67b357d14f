"""The header search of the lawyers' line (`core.search` contract): licensing matters by number or applicant,
complaints by number, complainant or the lawyer or firm complained of, and the register by name or licence
number. The line keeps no ID or mobile numbers, so a whole number's key finds nothing here."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext as _

from sifa.core.search import LIMIT, Hit, Query

from .models import LawFirm, Lawyer, LawyerComplaint, LicensingMatter


def search(user, query: Query) -> list[Hit]:
    t = query.text
    if not t or query.key:
        return []
    hits = []
    if user.has_perm("lawyers.view_licensingmatter"):
        for m in (LicensingMatter.objects.visible_to(user).filter(Q(number__icontains=t) | Q(applicant__icontains=t))
                  .order_by("-received_on", "-pk")[:LIMIT]):
            hits.append(Hit(kind=_("Licensing matter"), title=f"{m.number} {m.applicant}", url=m.get_absolute_url(),
                            when=m.received_on, state=m.get_state_display()))
    if user.has_perm("lawyers.view_lawyercomplaint"):
        for c in (LawyerComplaint.objects.visible_to(user).select_related("respondent_firm", "respondent_lawyer")
                  .filter(Q(number__icontains=t) | Q(complainant__icontains=t) | Q(respondent_lawyer__name__icontains=t)
                          | Q(respondent_firm__name__icontains=t)).order_by("-received_on", "-pk")[:LIMIT]):
            hits.append(Hit(kind=_("Lawyer complaint"), title=f"{c.number} {c.complainant} → {c.respondent_label()}",
                            url=c.get_absolute_url(), when=c.received_on, state=c.get_state_display()))
    if user.has_perm("lawyers.view_lawfirm"):
        match = Q(name__icontains=t) | Q(licence_number=t)
        for f in LawFirm.objects.visible_to(user).filter(match).order_by("name")[:LIMIT]:
            hits.append(Hit(kind=_("Law firm"), title=f"{f.name} {f.licence_number}", url=f.get_absolute_url(),
                            when=f.licensed_on, state=f.get_status_display()))
        for lw in Lawyer.objects.visible_to(user).select_related("institution").filter(match).order_by("name")[:LIMIT]:
            hits.append(Hit(kind=_("Lawyer"), title=f"{lw.name}（{lw.institution.name}）", url=lw.get_absolute_url(),
                            when=lw.licensed_on, state=lw.get_status_display()))
    return hits[:LIMIT]

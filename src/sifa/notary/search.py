"""The header search's answer for notarisation (core.search): by the application's, receipt or certificate number,
part of the applicant's name, or the keyed hash of the applicant's whole ID or mobile number; within the user's
units; no personal number shown."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext as _

from sifa.core.search import LIMIT, Hit, Query

from .models import Notarisation


def search(user, query: Query) -> list[Hit]:
    if not user.has_perm("notary.view_notarisation"):
        return []
    text = query.text
    cond = (Q(number__icontains=text) | Q(certificate_number__icontains=text) | Q(receipt_number=text.upper())
            | Q(external_id=text) | Q(applicant__name__icontains=text))
    if query.key:
        cond |= Q(applicant__id_number_hash=query.key) | Q(applicant__phone_hash=query.key)
    qs = (Notarisation.objects.visible_to(user).filter(cond).select_related("applicant")
          .order_by("-received_on", "-pk")[:LIMIT])
    return [Hit(kind=_("Notarisation"), title=f"{c.number} {c.applicant.name} {c.get_matter_display()}",
                url=c.get_absolute_url(), when=c.received_on, state=c.get_state_display()) for c in qs]

"""The header search's answer for legal aid (`core.search`): cases by their number or receipt number, by part of
the applicant's name, or by the keyed hash of a whole ID or mobile number; within the user's units; newest first;
personal numbers only masked."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext as _

from sifa.core.search import LIMIT, Hit, Query

from .models import LegalAidCase


def search(user, query: Query) -> list[Hit]:
    if not user.has_perm("legalaid.view_legalaidcase"):
        return []
    if query.key:
        match = Q(applicant__id_number_hash=query.key) | Q(applicant__phone_hash=query.key)
    else:
        text = query.text
        match = Q(number__icontains=text) | Q(applicant__name__icontains=text) | Q(receipt_number=text.upper())
    rows = (LegalAidCase.objects.visible_to(user).filter(match).select_related("applicant")
            .order_by("-received_on", "-pk")[:LIMIT])
    hits = []
    for c in rows:
        masked = c.applicant.id_number_masked or c.applicant.phone_masked
        title = f"{c.number} {c.applicant.name}" + (f"（{masked}）" if masked else "") + f" {c.get_matter_type_display()}"
        hits.append(Hit(kind=_("Legal-aid case"), title=title, url=c.get_absolute_url(), when=c.received_on,
                        state=c.get_state_display()))
    return hits

"""The header search's answer for the people's supervisors' line (core.search): a draw request by its number or
activity, and a supervisor of the pool by public code, part of the name, or the keyed hash of the whole ID or
mobile number (shown by code and name only, never the number)."""

from django.db.models import Q
from django.utils.translation import gettext as _

from sifa.core.search import LIMIT, Hit, Query, case_hits

from .models import DrawRequest, Supervisor


def search(user, query: Query) -> list[Hit]:
    hits = case_hits(user, DrawRequest, query, kind=_("Draw request"), fields=("activity",),
                     date_field="received_on")
    if user.has_perm("supervisors.view_supervisor"):
        if query.key:
            match = Q(person__id_number_hash=query.key) | Q(person__phone_hash=query.key)
        else:
            match = Q(code__icontains=query.text) | Q(person__name__icontains=query.text)
        for s in (Supervisor.objects.visible_to(user).filter(match).select_related("person")
                  .order_by("-selected_on", "-pk")[:LIMIT]):
            hits.append(Hit(kind=_("People's supervisor"), title=f"{s.code} {s.person.name}",
                            url=s.get_absolute_url(), when=s.selected_on, state=s.get_status_display()))
    return hits[:LIMIT]

"""The header search of community correction (core.search): persons under correction, commissions to assess and
releases for resettlement, by record number, part of the person's name, or the keyed hash of a whole ID or mobile
number — only what the user may see (correction staff), newest first, personal numbers masked."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext as _

from sifa.core.search import LIMIT, Hit, Query

from .models import Assessment, Release, Supervisee


def _person_q(prefix: str, query: Query) -> Q:
    if query.key:
        return Q(**{f"{prefix}__id_number_hash": query.key}) | Q(**{f"{prefix}__phone_hash": query.key})
    return Q(**{f"{prefix}__name__icontains": query.text})


def search(user, query: Query) -> list[Hit]:
    hits: list[Hit] = []
    q = _person_q("person", query) if query.key else Q(number__icontains=query.text) | _person_q("person", query)
    for c in (Supervisee.objects.visible_to(user).filter(q).select_related("person")
              .order_by("-notice_received_on", "-pk")[:LIMIT]):
        masked = f" · {c.person.id_number_masked}" if c.person.id_number_masked else ""
        hits.append(Hit(kind=_("Person under correction"), title=f"{c.number} {c.person.name}{masked}",
                        url=c.get_absolute_url(), when=c.notice_received_on, state=c.get_state_display()))
    q = (_person_q("subject", query) if query.key
         else Q(number__icontains=query.text) | Q(commission_number__icontains=query.text)
         | _person_q("subject", query))
    for a in (Assessment.objects.visible_to(user).filter(q).select_related("subject")
              .order_by("-received_on", "-pk")[:LIMIT]):
        hits.append(Hit(kind=_("Pre-sentence assessment"), title=f"{a.number} {a.subject.name}",
                        url=a.get_absolute_url(), when=a.received_on, state=a.get_state_display()))
    q = (_person_q("person", query) if query.key
         else Q(register_number__icontains=query.text) | _person_q("person", query))
    for r in Release.objects.visible_to(user).filter(q).select_related("person").order_by("-release_on", "-pk")[:LIMIT]:
        hits.append(Hit(kind=_("Release for resettlement"), title=f"{r.register_number} {r.person.name}",
                        url=r.get_absolute_url(), when=r.notice_received_on, state=r.get_hand_over_display()))
    hits.sort(key=lambda h: (h.when is not None, h.when), reverse=True)
    return hits[:LIMIT]

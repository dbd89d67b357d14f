"""The header search of publicity (core.search contract): an activity by its number or words of its title, a
leaders' study list by its title or a law on it. The line keeps no personal numbers: a whole ID or mobile number
(`query.key`) finds nothing here."""

from __future__ import annotations

from datetime import date

from django.db.models import Q

from sifa.core.search import LIMIT, Hit, Query

from .models import Activity, StudyList


def search(user, query: Query) -> list[Hit]:
    text = query.text
    if not text or query.key:
        return []
    hits: list[Hit] = []
    for a in (Activity.objects.visible_to(user).filter(Q(number=text) | Q(title__icontains=text))
              .order_by("-held_on")[:LIMIT]):
        hits.append(Hit(str(Activity._meta.verbose_name), f"{a.number} {a.title}".strip(), a.get_absolute_url(),
                        a.held_on, a.get_kind_display()))
    for s in (StudyList.objects.visible_to(user).filter(Q(title__icontains=text) | Q(items__law__icontains=text))
              .distinct().order_by("-published_on")[:LIMIT]):
        hits.append(Hit(str(StudyList._meta.verbose_name), s.title, s.get_absolute_url(), s.published_on))
    hits.sort(key=lambda h: h.when or date.min, reverse=True)
    return hits[:LIMIT]

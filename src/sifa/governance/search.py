"""The header search of governance (core.search contract): a task by its item number or words of its title, an
inspection by its number, its report's number or the inspected unit's name, an observation point by its name, an
observation by its subject, a research topic by its title. The line keeps no personal numbers: a whole ID or
mobile number (`query.key`) finds nothing here."""

from __future__ import annotations

from datetime import date

from django.db.models import Q

from sifa.core.search import LIMIT, Hit, Query

from .models import Inspection, Observation, ObservationPoint, ResearchTopic, Task


def search(user, query: Query) -> list[Hit]:
    text = query.text
    if not text or query.key:
        return []
    hits: list[Hit] = []
    for t in Task.objects.visible_to(user).filter(Q(code=text) | Q(title__icontains=text)).order_by("-due_on")[:LIMIT]:
        hits.append(Hit(str(Task._meta.verbose_name), f"{t.code} {t.title}".strip(), t.get_absolute_url(), t.due_on))
    for i in (Inspection.objects.visible_to(user).select_related("inspected")
              .filter(Q(number=text) | Q(report_number=text) | Q(inspected__name__icontains=text)
                      | Q(campaign__icontains=text)).order_by("-visited_on")[:LIMIT]):
        hits.append(Hit(str(Inspection._meta.verbose_name), str(i), i.get_absolute_url(), i.visited_on,
                        i.get_state_display()))
    for p in ObservationPoint.objects.visible_to(user).filter(name__icontains=text)[:LIMIT]:
        hits.append(Hit(str(ObservationPoint._meta.verbose_name), p.name, p.get_absolute_url(), p.established_on))
    for o in Observation.objects.visible_to(user).filter(subject__icontains=text).order_by("-submitted_on")[:LIMIT]:
        hits.append(Hit(str(Observation._meta.verbose_name), o.subject, o.get_absolute_url(), o.submitted_on))
    for r in ResearchTopic.objects.visible_to(user).filter(title__icontains=text).order_by("-proposed_on")[:LIMIT]:
        hits.append(Hit(str(ResearchTopic._meta.verbose_name), r.title, r.get_absolute_url(), r.proposed_on,
                        r.get_status_display()))
    hits.sort(key=lambda h: h.when or date.min, reverse=True)
    return hits[:LIMIT]

"""Who may be drawn for an activity, and why the others may not: the exclusions a draw records before its seed is
known (《人民监督员选任管理办法》; the district's caps in `district.py`). Set-based: one query per reason."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Count, Q

from . import district
from .models import Seat, SeatStatus, Supervisor, SupervisorStatus, Term

TAKING_PART = (SeatStatus.INVITED, SeatStatus.CONFIRMED, SeatStatus.ATTENDED)

REASONS = {
    "inactive": "不在任（暂停、免除或届满）",
    "no_term": "活动日不在任期内",
    "conflict": "利害关系回避",
    "recent": "近期已参加监督活动",
    "annual_cap": "本年度参加监督活动已达上限",
}


def pool(unit) -> list[Supervisor]:
    """The supervisors managed in the unit's subtree (the draw's unit and what it manages)."""
    return list(Supervisor.objects.filter(unit__path__startswith=unit.path).select_related("person").order_by("code"))


def assess(request, *, conflicts: dict[int, str]) -> tuple[list[Supervisor], list[dict]]:
    """(eligible supervisors, exclusions [{code, reason, label, detail}]) for the request's activity day."""
    day: date = request.activity_on
    everyone = pool(request.unit)
    ids = [s.pk for s in everyone]
    in_term = set(Term.objects.filter(supervisor_id__in=ids, starts_on__lte=day, ends_on__gte=day,
                                      ended_early_on__isnull=True).values_list("supervisor_id", flat=True))
    rest = district.number(district.REST_DAYS)
    recent = set(Seat.objects.filter(supervisor_id__in=ids, status__in=TAKING_PART,
                                     activity_on__gt=day - timedelta(days=rest),
                                     activity_on__lt=day + timedelta(days=rest))
                 .exclude(request=request).values_list("supervisor_id", flat=True))
    cap = district.number(district.ANNUAL_CAP)
    capped = set(Seat.objects.filter(supervisor_id__in=ids, status__in=TAKING_PART, activity_on__year=day.year)
                 .exclude(request=request).values("supervisor_id").annotate(n=Count("pk"))
                 .filter(Q(n__gte=cap)).values_list("supervisor_id", flat=True))
    eligible, excluded = [], []
    for s in everyone:
        if s.status != SupervisorStatus.ACTIVE or s.barred:
            why, detail = "inactive", s.get_status_display()
        elif s.pk not in in_term:
            why, detail = "no_term", str(day)
        elif s.pk in conflicts:
            why, detail = "conflict", conflicts[s.pk]
        elif s.pk in recent:
            why, detail = "recent", f"{rest}日内"
        elif s.pk in capped:
            why, detail = "annual_cap", f"{cap}次"
        else:
            eligible.append(s)
            continue
        excluded.append({"code": s.code, "reason": why, "label": REASONS[why], "detail": str(detail)})
    return eligible, excluded

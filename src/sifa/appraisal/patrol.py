"""The online patrol (网上巡查) of the appraisal institutions: rules over their records that raise warnings.

- `overdue`: a month whose report counts appraisals completed over the time limit (司法鉴定程序通则 第二十八条: 30
  working days, extended at most 30 more) — one warning per institution and month.
- `surge`: a month in which the complaints received against an institution are at least `SURGE_MIN` and at least
  `SURGE_FACTOR` times the average of the three months before (a new spike, not a steady level).

`scan(until)` returns what the rules find; the service `patrol_run` writes the warnings not yet raised, so that
running it again (daily, or by hand) raises nothing twice."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count
from django.db.models.functions import TruncMonth

from .models import AppraisalComplaint, CommissionReport, PatrolRule

SURGE_MIN = 3
SURGE_FACTOR = 2
LOOK_BACK_MONTHS = 12


@dataclass(frozen=True)
class Finding:
    institution_id: int
    rule: str
    month: date
    detail: str


def _month_add(d: date, n: int) -> date:
    m = d.year * 12 + d.month - 1 + n
    return date(m // 12, m % 12 + 1, 1)


def scan(until: date) -> list[Finding]:
    first = _month_add(until.replace(day=1), -LOOK_BACK_MONTHS + 1)
    out = []
    for r in (CommissionReport.objects.filter(month__gte=first, month__lte=until, completed_late__gt=0)
              .order_by("month", "institution_id")):
        out.append(Finding(r.institution_id, PatrolRule.OVERDUE, r.month,
                           f"{r.month:%Y年%m月}完成鉴定{r.completed}件，其中超过时限完成{r.completed_late}件"))
    counts: dict[tuple[int, date], int] = {}
    rows = (AppraisalComplaint.objects.filter(received_on__gte=_month_add(first, -3), received_on__lte=until)
            .annotate(m=TruncMonth("received_on")).values("respondent_institution_id", "m")
            .annotate(n=Count("pk")))
    for row in rows:
        m = row["m"].date() if hasattr(row["m"], "date") else row["m"]
        counts[(row["respondent_institution_id"], m)] = row["n"]
    for (inst, month), n in sorted(counts.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        if month < first or n < SURGE_MIN:
            continue
        before = [counts.get((inst, _month_add(month, -k)), 0) for k in (1, 2, 3)]
        average = sum(before) / 3
        if n >= SURGE_FACTOR * average:
            out.append(Finding(inst, PatrolRule.SURGE, month,
                               f"{month:%Y年%m月}收到投诉{n}件，前三个月月均{average:.1f}件"))
    return out

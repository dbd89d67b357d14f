"""The line kit's lists: one definition of "overdue", "due soon" and "next due", from the clock rows.

A case is **overdue** when one of its running clocks (running or flagged overdue, not paused, not met or
cancelled) has a due date before today; it is **due soon** when one is due from today up to the threshold
(`SIFA_DUE_SOON_WORKING_DAYS` working days ahead); its **next due** date is the earliest due date of its
running clocks. Each is one correlated subquery on the indexed clock rows, in the list's own query, whatever
the daily sweep has or has not flagged yet.

`case_list(qs, filters, sorts, ...)` gives a line's list page its filters, sort and keyset page in one call.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, QuerySet, Subquery
from django.utils import timezone

from .models import Deadline
from .models.clocks import DeadlineState

RUNNING = (DeadlineState.RUNNING, DeadlineState.OVERDUE)


def running_clocks(model) -> QuerySet[Deadline]:
    """The running clocks of each row of `model` (correlated on the outer row's pk)."""
    ct = ContentType.objects.get_for_model(model)
    return Deadline.objects.filter(content_type=ct, object_id=OuterRef("pk"), state__in=RUNNING)


def overdue_q(model, today: date | None = None) -> Exists:
    return Exists(running_clocks(model).filter(due__lt=today or timezone.localdate()))


def due_soon_q(model, today: date | None = None, working_days: int | None = None) -> Exists:
    from .clocks import due_soon_threshold

    today = today or timezone.localdate()
    return Exists(running_clocks(model).filter(due__gte=today, due__lte=due_soon_threshold(today, working_days)))


def next_due(model) -> Subquery:
    return Subquery(running_clocks(model).order_by("due").values("due")[:1])


def with_clocks(qs: QuerySet, today: date | None = None) -> QuerySet:
    """Each row says whether it is overdue (`is_overdue`) and when its next clock is due (`next_due`)."""
    return qs.annotate(is_overdue=overdue_q(qs.model, today), next_due=next_due(qs.model))


def filter_due(qs: QuerySet, due: str, today: date | None = None) -> QuerySet:
    """The list filter "overdue" / "due soon" (anything else: no filter)."""
    if due in ("overdue", True, "1", "on"):
        return qs.filter(overdue_q(qs.model, today))
    if due == "soon":
        return qs.filter(due_soon_q(qs.model, today))
    return qs


@dataclass(frozen=True)
class Sorts:
    """A list's sort keys: `{"-received": ("-received_on", "-pk"), ...}` and the default key. Unknown keys fall
    back to the default, so a hand-edited URL never fails."""

    orders: dict
    default: str

    def order(self, key: str | None) -> tuple[str, ...]:
        return tuple(self.orders.get(key or "", self.orders[self.default]))

    def key(self, key: str | None) -> str:
        return key if key in self.orders else self.default


def case_clocks(case, today: date | None = None) -> list[Deadline]:
    """A case's clock rows for its page, each with `days_left`, `due_soon`, `late` (the one definition of overdue
    above: running, not paused, due before today) and `explanation` (how its due date was counted)."""
    from . import clocks

    today = today or timezone.localdate()
    rows = list(clocks.for_case(case))
    for d in rows:
        d.days_left = (d.due - today).days
        d.due_soon = clocks.is_due_soon(d, today)
        d.late = d.state in RUNNING and d.due < today
        d.explanation = d.explain()
    return rows

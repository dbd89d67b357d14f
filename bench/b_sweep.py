"""(c) The clock sweep over many running clocks vs a single SQL UPDATE doing the same marking.

The clocks are inserted inside a transaction that is rolled back at the end; each run of the sweep and
of the baseline starts from the same state (a savepoint rolled back after each run)."""

from __future__ import annotations

import statistics
import time
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone

from sifa.core import clocks
from sifa.core.models import Deadline, Unit
from sifa.core.models.clocks import DeadlineState

from .timing import ms, ratio
from .writer import BulkWriter

TITLE = "Clock sweep (`sifa.core.clocks.sweep`) vs one SQL UPDATE"
GOAL = "≤ 2×"


def _insert_clocks(n: int, today, model) -> None:
    ct = ContentType.objects.get_for_model(model).pk
    unit_id = Unit.objects.values_list("pk", flat=True).first()
    w = BulkWriter(batch=50000)
    for i in range(n):
        # a fifth already past due (the sweep marks them), a few due within days, the rest later
        offset = -1 - (i % 30) if i % 5 == 0 else (i % 4 if i % 17 == 0 else 5 + i % 60)
        due = today + timedelta(days=offset)
        w.add(Deadline, {"content_type_id": ct, "object_id": i + 1, "rule": "bench.sweep",
                         "rule_effective_from": today, "label": "bench", "basis": "bench", "length": 30,
                         "count_unit": "days", "start": due - timedelta(days=30), "original_due": due, "due": due,
                         "state": DeadlineState.RUNNING, "unit_id": unit_id, "pauses": [], "extensions": []})
    w.flush()


def run(ctx) -> dict:
    n = ctx.sweep_clocks
    today = timezone.localdate()
    sweep_t, base_t, marked, soon = [], [], 0, 0
    with transaction.atomic():
        t0 = time.perf_counter()
        _insert_clocks(n, today, ctx.any_case_model())
        insert_s = time.perf_counter() - t0
        if connection.vendor == "postgresql":
            with connection.cursor() as c:
                c.execute("ANALYZE core_deadline")
        running = Deadline.objects.filter(state=DeadlineState.RUNNING).count()
        for _ in range(ctx.repeat_heavy):
            sid = transaction.savepoint()
            t = time.perf_counter()
            res = clocks.sweep(today)
            sweep_t.append(time.perf_counter() - t)
            marked, soon = res.marked_overdue, len(res.due_soon)
            transaction.savepoint_rollback(sid)
            sid = transaction.savepoint()
            t = time.perf_counter()
            with connection.cursor() as c:
                c.execute("UPDATE core_deadline SET state = %s, overdue_flagged_at = %s "
                          "WHERE state = %s AND due < %s",
                          [DeadlineState.OVERDUE, timezone.now(), DeadlineState.RUNNING, today])
                base_marked = c.rowcount
            base_t.append(time.perf_counter() - t)
            transaction.savepoint_rollback(sid)
        transaction.set_rollback(True)
    s, b = statistics.median(sweep_t), statistics.median(base_t)
    r = ratio(s, b)
    return {
        "title": TITLE,
        "ratios": [{"label": "sweep ÷ UPDATE (median)", "value": r, "goal": GOAL,
                    "met": r is not None and r <= 2.0}],
        "headers": ["measure", "value"],
        "rows": [["running clocks swept", f"{running:,}"], ["marked overdue", f"{marked:,} (baseline {base_marked:,})"],
                 ["listed as due soon", f"{soon:,}"],
                 [f"clocks.sweep (median of {len(sweep_t)})", ms(s)], ["single UPDATE (median)", ms(b)],
                 ["inserting the clocks (bulk, not timed in the ratio)", ms(insert_s)]],
        "notes": ["The sweep is one UPDATE (state, due) plus one SELECT of the clocks due within "
                  "SIFA_DUE_SOON_WORKING_DAYS working days; the baseline is the UPDATE alone."],
    }

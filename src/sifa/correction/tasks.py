"""The daily supervision sweep of community correction on core's task queue (django-tasks; a worker, `sifa db_worker`,
runs it), beside core's clock sweep: it marks the contacts past their loss-of-contact day (脱管), opens the search each
calls for (社区矫正法 第三十条), and marks the persons not reported in past the intake grace (漏管).

Two ways, as for core's clock sweep (core/tasks.py), pick one:
- cron runs `sifa correction_sweep` once a day, e.g. `10 0 * * * cd /srv/sifa && .venv/bin/sifa correction_sweep`;
- the task queue: `sifa correction_sweep --enqueue --daily 00:10` queues a sweep that requeues itself for the same
  time tomorrow after each run.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _
from django_tasks import task

from sifa.core import audit
from sifa.core import tasks as core_tasks


def run_sweep(today: date | None = None, by=None) -> dict:
    """The sweep in one transaction, with one audit event when it marked anything."""
    from . import contacts

    with transaction.atomic():
        lost, missed = contacts.sweep(today)
        if lost or missed:
            audit.record(by, "correction.swept", None,
                         summary=_("%(lost)s contacts lost, %(missed)s persons missed at intake") % {
                             "lost": lost, "missed": missed},
                         payload={"today": today, "lost": lost, "missed": missed})
    return {"lost": lost, "missed": missed}


@task()
def sweep_supervision(today: str | None = None, daily_at: str | None = None) -> dict:
    """Run the supervision sweep; with `daily_at` ("HH:MM"), queue tomorrow's run first (so that a failing run does
    not stop the runs that follow)."""
    if daily_at:
        core_tasks.schedule_daily(daily_at, daily=sweep_supervision)
    return run_sweep(date.fromisoformat(today) if today else None)

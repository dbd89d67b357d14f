"""Background work of the kernel, through Django's task interface (django-tasks, database backend): the daily
clock sweep, the daily audit checkpoint, and the file imports queued from the import pages (a worker,
`sifa db_worker`, runs them).

The clock sweep runs daily. Two ways, pick one:
- cron (or a systemd timer) runs `sifa clocks sweep` once a day, e.g. `5 0 * * * cd /srv/sifa && .venv/bin/sifa clocks sweep`;
- the task queue: `sifa clocks sweep --enqueue --daily 00:05` puts a sweep on the queue that, after each run,
  queues the next one for the same time tomorrow; a worker (`sifa db_worker`) must be running.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone
from django_tasks import task

from . import clocks


def _result(r: clocks.SweepResult) -> dict:
    return {"marked_overdue": r.marked_overdue, "due_soon": len(r.due_soon),
            "threshold": r.threshold.isoformat() if r.threshold else None, "warning": r.warning}


@task()
def sweep_clocks(today: str | None = None, daily_at: str | None = None) -> dict:
    """Mark overdue clocks and count those due soon; with `daily_at` ("HH:MM"), queue tomorrow's run."""
    result = clocks.sweep(date.fromisoformat(today) if today else None)
    if daily_at:
        schedule_daily(daily_at)
    return _result(result)


def next_run(at: str, now: datetime | None = None) -> datetime:
    """The next moment, local time, at `at` ("HH:MM") after `now`."""
    hour, minute = (int(x) for x in at.split(":"))
    now = timezone.localtime(now or timezone.now())
    run = now.replace(hour=hour, minute=minute, second=0, microsecond=0)
    if run <= now:
        run = timezone.make_aware(datetime.combine(run.date() + timedelta(days=1), time(hour, minute)))
    return run


def _waiting(daily=None) -> bool:
    """Is a run of this task already waiting on the database queue (so that a second --daily does not double it)?"""
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(task_path=(daily or sweep_clocks).module_path, status="READY").exists()


def schedule_daily(at: str, now: datetime | None = None, *, daily=None):
    """Queue the next run of a daily task (the sweep unless `daily` says which) at `at`, unless one is already
    waiting. Returns the task result or None."""
    daily = daily or sweep_clocks
    if daily.get_backend().__class__.__module__.startswith("django_tasks_db") and _waiting(daily):
        return None
    return daily.using(run_after=next_run(at, now)).enqueue(daily_at=at)


@task()
def checkpoint_audit(daily_at: str | None = None) -> dict:
    """Append the audit chain's head to the checkpoint file (core.audit.checkpoint); with `daily_at` ("HH:MM"),
    queue tomorrow's run. A broken chain fails the task (and writes no checkpoint)."""
    from . import audit

    if daily_at:  # queued first, so that a broken chain does not stop the checkpoints that follow
        schedule_daily(daily_at, daily=checkpoint_audit)
    cp = audit.checkpoint()
    return {"seq": cp.seq, "hash": cp.hash, "count": cp.count, "at": cp.at}


@task()
def run_import_job(job_id: int) -> dict:
    """Run a file import queued from the import page (core.imports.job_run)."""
    from . import imports
    from .models import ImportJob

    job = ImportJob.objects.filter(pk=job_id).first()
    if job is None:
        return {"missing": job_id}
    report = imports.job_run(job)
    return {"rows": report.rows, "written": report.written, "errors": len(report.errors)}

"""`/readyz` for a load balancer or monitoring (issue #24): is this installation ready to serve and keeping up
with its daily duties? `/healthz` says only that the process is up.

Each check gives `ok` and what it saw; `readiness()` runs them all. None reads personal data.

- database: a `SELECT 1` answers.
- worker: no task on the queue (django-tasks-db) has been due for more than WORKER_GRACE without a worker
  taking it — a stopped `sifa db_worker` shows as a queue nobody empties. Reports when a worker last started
  a task.
- disk: at least MIN_FREE_BYTES free where SIFA_VAR_DIR is (SQLite database, uploads, checkpoints).
- audit_checkpoint: the checkpoint file (SIFA_AUDIT_CHECKPOINT_FILE), if it exists, was written within
  CHECKPOINT_MAX_AGE — each checkpoint verifies the chain since the previous one, so its age is the age of the
  chain's last verification. No file: not checked (reported as such).
- clocks: no running clock is past its due date — the daily sweep (`sifa clocks sweep`) marks those overdue,
  so one left over means the sweep has not run today.
"""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.db import DatabaseError, connection
from django.utils import timezone

from sifa.core import audit

WORKER_GRACE = timedelta(minutes=10)
MIN_FREE_BYTES = 1 << 30  # 1 GiB
CHECKPOINT_MAX_AGE = timedelta(hours=26)  # a daily checkpoint, with slack


def database() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        return {"ok": False, "error": type(exc).__name__}
    return {"ok": True, "vendor": connection.vendor}


def worker(now: datetime) -> dict:
    from django_tasks_db.models import DBTaskResult

    stuck = DBTaskResult.objects.filter(status="READY", run_after__lt=now - WORKER_GRACE)
    last = DBTaskResult.objects.exclude(started_at=None).order_by("-started_at").values_list(
        "started_at", flat=True).first()
    waiting = stuck.count()
    return {"ok": waiting == 0, "tasks_waiting_too_long": waiting,
            "last_started": last.isoformat() if last else None}


def disk() -> dict:
    usage = shutil.disk_usage(settings.VAR_DIR)
    return {"ok": usage.free >= MIN_FREE_BYTES, "free_bytes": usage.free, "min_free_bytes": MIN_FREE_BYTES}


def audit_checkpoint(now: datetime) -> dict:
    path = audit.checkpoint_path()
    if not path.exists():
        return {"ok": True, "checked": False}
    written = datetime.fromtimestamp(path.stat().st_mtime, tz=UTC)
    return {"ok": now - written <= CHECKPOINT_MAX_AGE, "checked": True, "last_written": written.isoformat(),
            "age_hours": round((now - written).total_seconds() / 3600, 1)}


def clocks(today) -> dict:
    from sifa.core.models.clocks import Deadline, DeadlineState

    left = Deadline.objects.filter(state=DeadlineState.RUNNING, due__lt=today).count()
    return {"ok": left == 0, "running_past_due": left}


def readiness() -> dict:
    """{"ok": bool, "failing": [names], "checks": {name: {...}}}."""
    now = timezone.now()
    checks = {"database": database()}
    if checks["database"]["ok"]:
        checks["worker"] = worker(now)
        checks["clocks"] = clocks(timezone.localdate(now))
    checks["disk"] = disk()
    checks["audit_checkpoint"] = audit_checkpoint(now)
    failing = [name for name, check in checks.items() if not check["ok"]]
    if not checks["database"]["ok"]:
        failing += ["worker", "clocks"]  # cannot tell without the database
    return {"ok": not failing, "failing": failing, "checks": checks}

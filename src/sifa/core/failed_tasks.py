"""The task worker's failed jobs, for the system administrator (issue #24): what failed, when, and where — and a
retry that queues the same task with the same arguments again.

A failed job is a django-tasks-db result with status FAILED. What the page shows of it holds no personal data:
the task's name, when it was queued and when it failed, the exception's class and the line of sifa's code it
was raised in. Never the exception's message, the arguments or the traceback's text: they may quote a
person's data (a value in an imported row), and the system administrator reads no case contents (三员分立).

A retry is the administrator's act: one transaction that queues the task again (same task, arguments, queue
and priority) and writes the audit event `task.retried` on the failed result. A failed result is run again
once: the new run, if it fails too, is a failed result of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from . import audit

PERMISSION = "core.manage_tasks"
RETRIED = "task.retried"
SHOWN = 200  # the most recent failures; older ones are pruned by `sifa prune_db_task_results`
_FRAME = re.compile(r'^\s*File "(?P<file>[^"]+)", line (?P<line>\d+), in (?P<func>\S+)', re.MULTILINE)


@dataclass(frozen=True)
class FailedTask:
    id: str
    task: str  # the task's dotted path, e.g. sifa.core.tasks.run_import_job
    queue: str
    enqueued_at: datetime
    failed_at: datetime | None
    error: str  # the exception's class, e.g. IntegrityError
    where: str  # sifa/core/imports.py:212 (job_run), or the innermost frame when none is sifa's
    retried_at: datetime | None
    retried_as: str


def _where(traceback: str) -> str:
    frames = [m.groupdict() for m in _FRAME.finditer(traceback or "")]
    if not frames:
        return ""
    ours = [f for f in frames if "/sifa/" in f["file"].replace("\\", "/")]
    frame = (ours or frames)[-1]
    path = frame["file"].replace("\\", "/")
    path = "sifa/" + path.rsplit("/sifa/", 1)[1] if "/sifa/" in path else path.rsplit("/", 1)[-1]
    return f"{path}:{frame['line']} ({frame['func']})"


def failed_tasks(*, limit: int = SHOWN) -> list[FailedTask]:
    """The most recent failed results, newest first, each with its retry if it had one (two queries)."""
    from django_tasks_db.models import DBTaskResult

    from .models import AuditEvent

    rows = list(DBTaskResult.objects.filter(status="FAILED").order_by("-finished_at", "-enqueued_at")
                .values("id", "task_path", "queue_name", "enqueued_at", "finished_at", "exception_class_path",
                        "traceback")[:limit])
    object_type = DBTaskResult._meta.label_lower
    retries = {e.object_id: e for e in AuditEvent.objects.filter(
        action=RETRIED, object_type=object_type, object_id__in=[str(r["id"]) for r in rows]).only(
        "object_id", "at", "payload")}
    out = []
    for r in rows:
        retry = retries.get(str(r["id"]))
        out.append(FailedTask(
            id=str(r["id"]), task=r["task_path"], queue=r["queue_name"], enqueued_at=r["enqueued_at"],
            failed_at=r["finished_at"], error=(r["exception_class_path"] or "").rsplit(".", 1)[-1],
            where=_where(r["traceback"]), retried_at=retry.at if retry else None,
            retried_as=(retry.payload or {}).get("new", "") if retry else ""))
    return out


@transaction.atomic
def task_retry(*, result_id: str, by) -> str:
    """Queue the failed task `result_id` again, with its arguments; returns the new result's id."""
    from django_tasks_db.models import DBTaskResult

    from .models import AuditEvent

    failed = DBTaskResult.objects.select_for_update().filter(pk=result_id, status="FAILED").first()
    if failed is None:
        raise ValidationError(_("This task has not failed, or is no longer kept."))
    key = audit.object_key(failed)
    if AuditEvent.objects.filter(action=RETRIED, object_type=key[0], object_id=key[1]).exists():
        raise ValidationError(_("This task has already been run again."))
    try:
        task = failed.task
    except Exception as exc:  # the code was removed or renamed since: nothing to queue
        raise ValidationError(_("This task no longer exists in this version of sifa.")) from exc
    args_kwargs = failed.args_kwargs or {}
    new = task.using(queue_name=failed.queue_name, priority=failed.priority).enqueue(
        *args_kwargs.get("args", []), **args_kwargs.get("kwargs", {}))
    audit.record(by, RETRIED, failed, summary=failed.task_path,
                 payload={"task": failed.task_path, "error": (failed.exception_class_path or "").rsplit(".", 1)[-1],
                          "new": str(new.id)})
    return str(new.id)

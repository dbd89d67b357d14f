"""/readyz (issue #24): 200 with every check when the installation is ready, 503 naming what is not — the
database, a task worker that takes the queue, free disk, the audit checkpoint's age, today's clock sweep."""

from __future__ import annotations

import os
from datetime import date, timedelta

import pytest
from django.db import DatabaseError
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from sifa.core import audit, clocks, health
from sifa.core.clocks import DAYS, Rule
from sifa.core.models.clocks import Deadline, DeadlineState

pytestmark = pytest.mark.django_db

DECISION = Rule(key="test.decision", label="Decision", length=60, unit=DAYS, basis="test basis")


def ready(client, status: int) -> dict:
    resp = client.get("/readyz")
    assert resp.status_code == status, resp.content
    assert resp["Content-Type"] == "application/json" and "no-cache" in resp["Cache-Control"]
    return resp.json()


def test_a_ready_installation_answers_200_to_anyone_with_every_check(client):
    body = ready(client, 200)
    assert body["ok"] and body["failing"] == []
    assert set(body["checks"]) == {"database", "worker", "clocks", "disk", "audit_checkpoint"}
    assert body["checks"]["audit_checkpoint"] == {"ok": True, "checked": False}  # no checkpoint file yet


def test_a_running_clock_past_due_means_the_sweep_has_not_run_today(client, rules, make_dossier):
    rules(DECISION)
    clocks.start(make_dossier(), rule=DECISION.key, start=date(2024, 1, 2))
    Deadline.objects.update(state=DeadlineState.RUNNING)  # as it was before the day's sweep
    body = ready(client, 503)
    assert body["failing"] == ["clocks"] and body["checks"]["clocks"]["running_past_due"] == 1
    clocks.sweep()
    ready(client, 200)


def test_a_task_nobody_takes_means_no_worker_runs(client):
    fields = {"args_kwargs": {"args": [], "kwargs": {}}, "task_path": "sifa.core.tasks.sweep_clocks",
              "backend_name": "default", "queue_name": "default", "exception_class_path": "", "traceback": ""}
    DBTaskResult.objects.create(status="READY", run_after=timezone.now() - timedelta(minutes=1), **fields)
    ready(client, 200)  # just due: a worker has a few minutes to take it
    DBTaskResult.objects.create(status="READY", run_after=timezone.now() - timedelta(hours=1), **fields)
    body = ready(client, 503)
    assert body["failing"] == ["worker"] and body["checks"]["worker"]["tasks_waiting_too_long"] == 1


def test_an_old_audit_checkpoint_fails(client):
    audit.record(None, "test.event")
    cp = audit.checkpoint()
    assert ready(client, 200)["checks"]["audit_checkpoint"]["checked"]
    old = (timezone.now() - timedelta(hours=30)).timestamp()
    os.utime(audit.checkpoint_path(), (old, old))
    body = ready(client, 503)
    assert body["failing"] == ["audit_checkpoint"] and body["checks"]["audit_checkpoint"]["age_hours"] >= 30
    assert cp.count == 1


def test_too_little_disk_fails(client, monkeypatch):
    monkeypatch.setattr(health, "MIN_FREE_BYTES", 1 << 62)
    assert ready(client, 503)["failing"] == ["disk"]


def test_an_unreachable_database_fails_and_what_needs_it_with_it(client, monkeypatch):
    def down():
        raise DatabaseError("connection refused")

    monkeypatch.setattr(health.connection, "cursor", down)
    body = ready(client, 503)
    assert body["failing"] == ["database", "worker", "clocks"]
    assert body["checks"]["database"] == {"ok": False, "error": "DatabaseError"}

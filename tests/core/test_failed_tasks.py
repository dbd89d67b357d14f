"""The task worker's failed jobs, for the system administrator (issue #24, core.failed_tasks): a task that fails in
the worker is listed with its name, times and error — without the error's message or arguments, which may quote
a person's data — and "run again" queues it once more with the same arguments, audited."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from sifa.core import failed_tasks
from sifa.core.models import AuditEvent

pytestmark = pytest.mark.django_db

ID_NUMBER = "11010519491231002X"
RUNS: list[dict] = []


@task()
def flaky(job_id: int, note: str = "") -> str:
    """Fails on its first run (quoting a person's number, as a careless message might), succeeds after."""
    RUNS.append({"job_id": job_id, "note": note})
    if len(RUNS) == 1:
        raise ValueError(f"row 3: no party with ID number {ID_NUMBER}")
    return "done"


@pytest.fixture(autouse=True)
def _worker_keeps_the_test_connection(monkeypatch):
    """The worker closes stale connections between tasks; in a test, the test's transaction is the connection."""
    monkeypatch.setattr("django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None)


def work() -> None:
    """`sifa db_worker --batch`: run what is queued, then stop."""
    call_command("db_worker", batch=True, no_startup_delay=True, queue_name="*", interval=0, verbosity=0)


@pytest.fixture
def failed(settings):
    RUNS.clear()
    result = flaky.enqueue(41, note="second batch")
    work()
    row = DBTaskResult.objects.get(pk=result.id)
    assert row.status == "FAILED" and ID_NUMBER in row.traceback  # as the worker kept it
    return row


def test_the_system_administrator_sees_the_failure_without_its_message(failed, users, login):
    html = login(users["admin"]).get("/tasks/failed/").content.decode()
    assert "tests.core.test_failed_tasks.flaky" in html and "ValueError" in html
    assert "test_failed_tasks.py:" in html and "(flaky)" in html  # where it arose
    assert ID_NUMBER not in html and "no party with" not in html and "second batch" not in html
    assert f'action="/tasks/failed/{failed.pk}/retry/"' in html


def test_run_again_queues_the_same_task_with_its_arguments_once_and_audits_it(failed, users, login):
    client = login(users["admin"])
    resp = client.post(f"/tasks/failed/{failed.pk}/retry/", follow=True)
    assert resp.redirect_chain == [("/tasks/failed/", 302)]
    queued = DBTaskResult.objects.get(status="READY")
    assert queued.task_path == failed.task_path and queued.args_kwargs == failed.args_kwargs
    assert (queued.queue_name, queued.priority) == (failed.queue_name, failed.priority)
    event = AuditEvent.objects.get(action="task.retried")
    assert event.actor == users["admin"] and event.object_id == str(failed.pk)
    assert event.payload == {"task": failed.task_path, "error": "ValueError", "new": str(queued.pk)}
    assert ID_NUMBER not in repr(event.payload) + event.summary
    html = resp.content.decode()
    assert "任务已重新排队" in html and "已于" in html  # the message, and the row says when it was run again
    assert f'action="/tasks/failed/{failed.pk}/retry/"' not in html  # no second button

    work()
    assert DBTaskResult.objects.get(pk=queued.pk).status == "SUCCESSFUL"
    assert RUNS == [{"job_id": 41, "note": "second batch"}] * 2

    again = client.post(f"/tasks/failed/{failed.pk}/retry/", follow=True)  # a second retry is refused
    assert "该任务已经重新运行过" in again.content.decode()
    assert AuditEvent.objects.filter(action="task.retried").count() == 1
    assert not DBTaskResult.objects.filter(status="READY").exists()


def test_a_retry_of_a_task_that_did_not_fail_is_refused(users):
    RUNS.clear()
    RUNS.append({})  # the next run succeeds
    ok = flaky.enqueue(1)
    work()
    with pytest.raises(ValidationError):
        failed_tasks.task_retry(result_id=str(ok.id), by=users["admin"])
    assert not AuditEvent.objects.filter(action="task.retried").exists()


@pytest.mark.parametrize("username", ["security", "auditor", "leader", "handler", "stats"])
def test_only_the_system_administrator_sees_or_retries(failed, users, login, username):
    client = login(users[username])
    assert client.get("/tasks/failed/").status_code == 403
    assert client.post(f"/tasks/failed/{failed.pk}/retry/").status_code == 403
    assert not DBTaskResult.objects.filter(status="READY").exists()


def test_the_list_is_two_queries(failed, django_assert_num_queries):
    with django_assert_num_queries(2):
        assert [t.error for t in failed_tasks.failed_tasks()] == ["ValueError"]

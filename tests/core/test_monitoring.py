"""/metrics for Prometheus (issue #24, core.monitoring): who may read it, and that each figure moves with what it
measures — requests and their time, failed log-ins, the task queue, overdue clocks — without personal data."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from sifa.core import clocks, monitoring
from sifa.core.clocks import DAYS, Rule
from sifa.core.models.clocks import Deadline, DeadlineState

pytestmark = pytest.mark.django_db

DECISION = Rule(key="test.decision", label="Decision", length=60, unit=DAYS, basis="test basis")
TASK = {"args_kwargs": {"args": [], "kwargs": {}}, "task_path": "sifa.core.tasks.sweep_clocks",
        "backend_name": "default", "queue_name": "default", "exception_class_path": "", "traceback": ""}


def scrape(client, status: int = 200, **extra) -> str:
    resp = client.get("/metrics", **extra)
    assert resp.status_code == status, resp.content[:300]
    if status == 200:
        assert resp["Content-Type"].startswith("text/plain; version=0.0.4")
        assert "no-cache" in resp["Cache-Control"]
    return resp.content.decode()


def value(text: str, name: str, **labels) -> float | None:
    """The sample `name{labels}` of an exposition text (labels: a subset that must match)."""
    for line in text.splitlines():
        m = re.match(r"^([a-z_]+)(?:\{(.*)\})? (\S+)$", line)
        if not m or m.group(1) != name:
            continue
        have = dict(re.findall(r'(\w+)="((?:[^"\\]|\\.)*)"', m.group(2) or ""))
        if all(have.get(k) == v for k, v in labels.items()):
            return float(m.group(3))
    return None


# --- who may read it ----------------------------------------------------------------------------------------------

def test_the_loopback_reads_the_metrics_without_signing_in(client):
    text = scrape(client)
    assert "# TYPE sifa_http_requests_total counter" in text
    assert value(text, "sifa_tasks_queued") == 0


def test_another_address_is_refused_and_a_network_in_the_setting_is_allowed(client, settings):
    scrape(client, 403, REMOTE_ADDR="10.1.2.3")
    settings.SIFA_METRICS_ALLOWED = ["10.1.2.0/24"]
    scrape(client, 200, REMOTE_ADDR="10.1.2.3")
    scrape(client, 403, REMOTE_ADDR="10.1.3.3")
    scrape(client, 403)  # the loopback is no longer in the list


def test_the_bearer_token_opens_it_from_anywhere_and_a_wrong_one_does_not(client, settings):
    scrape(client, 403, REMOTE_ADDR="203.0.113.9", HTTP_AUTHORIZATION="Bearer anything")  # no token set
    settings.SIFA_METRICS_TOKEN = "s3cret-token-for-prometheus"
    scrape(client, 200, REMOTE_ADDR="203.0.113.9", HTTP_AUTHORIZATION="Bearer s3cret-token-for-prometheus")
    scrape(client, 403, REMOTE_ADDR="203.0.113.9", HTTP_AUTHORIZATION="Bearer s3cret-token-for-prometheu")
    scrape(client, 403, REMOTE_ADDR="203.0.113.9", HTTP_AUTHORIZATION="s3cret-token-for-prometheus")


def test_behind_a_reverse_proxy_the_clients_address_counts_not_the_proxys(client, settings):
    """nginx on the same machine connects from 127.0.0.1: with SIFA_TRUSTED_PROXIES set, the address it forwards
    is the one checked, so the world does not read /metrics through the proxy."""
    settings.SIFA_TRUSTED_PROXIES = 1
    scrape(client, 403, HTTP_X_FORWARDED_FOR="203.0.113.9")
    scrape(client, 200, HTTP_X_FORWARDED_FOR="127.0.0.1")


def test_a_signed_in_user_from_elsewhere_is_refused_too(client, users, login):
    login(users["admin"])
    scrape(client, 403, REMOTE_ADDR="10.9.9.9")


# --- what it measures ---------------------------------------------------------------------------------------------

def test_requests_are_counted_and_timed_by_url_name_without_the_path(client, users, login, make_party):
    party = make_party(id_number="11010519491231002X")
    before = value(scrape(client), "sifa_http_requests_total", method="GET", view="party_detail", status="200") or 0
    login(users["leader"])
    assert client.get(f"/parties/{party.pk}/").status_code == 200
    assert client.get("/no-such-page/").status_code == 404
    text = scrape(client)
    assert value(text, "sifa_http_requests_total", method="GET", view="party_detail", status="200") == before + 1
    assert value(text, "sifa_http_request_duration_seconds_count", method="GET", view="party_detail") >= 1
    assert value(text, "sifa_http_requests_total", view="<unresolved>", status="404") >= 1
    assert f"/parties/{party.pk}/" not in text and "no-such-page" not in text
    assert "1101051949" not in text and "leader" not in text


def test_failed_log_ins_are_counted(client, users):
    before = value(scrape(client), "sifa_login_failures_total") or 0
    for _ in range(2):
        client.post("/login/", {"username": "handler", "password": "wrong-password"})
    text = scrape(client)
    assert value(text, "sifa_login_failures_total") == before + 2
    assert "handler" not in text


def test_lock_outs_are_counted(client, users, settings):
    before = value(scrape(client), "sifa_login_lockouts_total") or 0
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/login/", {"username": "handler", "password": "wrong-password"})
    assert value(scrape(client), "sifa_login_lockouts_total") == before + 1


def test_the_task_queue_length_and_failed_tasks(client):
    now = timezone.now()
    for _ in range(3):
        DBTaskResult.objects.create(status="READY", run_after=now, **TASK)
    DBTaskResult.objects.create(status="FAILED", run_after=now, finished_at=now, **TASK)
    DBTaskResult.objects.create(status="SUCCESSFUL", run_after=now, finished_at=now, **TASK)
    text = scrape(client)
    assert value(text, "sifa_tasks_queued") == 3
    assert value(text, "sifa_tasks_failed") == 1


def test_overdue_clocks_flagged_or_not_yet_swept(client, rules, make_dossier):
    rules(DECISION)
    case = make_dossier()
    late = clocks.start(case, rule=DECISION.key, start=date(2024, 1, 2))
    future = clocks.start(make_dossier(), rule=DECISION.key, start=date(2024, 1, 2))
    Deadline.objects.filter(pk=future.pk).update(due=timezone.localdate() + timedelta(days=30))  # not yet due
    Deadline.objects.filter(pk=late.pk).update(state=DeadlineState.RUNNING)  # before the day's sweep
    assert value(scrape(client), "sifa_clocks_overdue") == 1
    clocks.sweep()
    assert Deadline.objects.get(pk=late.pk).state == DeadlineState.OVERDUE
    assert value(scrape(client), "sifa_clocks_overdue") == 1
    clocks.meet(case, rule=DECISION.key, on=timezone.localdate())
    assert value(scrape(client), "sifa_clocks_overdue") == 0


def test_the_database_figures_are_three_counts(django_assert_num_queries):
    with django_assert_num_queries(3) as ctx:
        list(monitoring.DatabaseCollector().collect())
    assert all(q["sql"].lstrip().upper().startswith("SELECT COUNT(*)") for q in ctx.captured_queries)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the plan is SQLite's; PostgreSQL's depends on its statistics")
def test_the_overdue_count_reads_the_clock_index_not_the_table():
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        list(monitoring.DatabaseCollector().collect())
    count = next(q["sql"] for q in ctx.captured_queries if "core_deadline" in q["sql"])
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {count}")
        plan = " ".join(str(row[-1]) for row in cursor.fetchall())
    assert "INDEX" in plan and "state" in plan.lower(), plan


def test_in_production_the_scrape_is_not_sent_to_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/metrics").status_code == 200
    assert client.get("/readyz").status_code in (200, 503)
    assert client.get("/login/").status_code == 301  # pages are

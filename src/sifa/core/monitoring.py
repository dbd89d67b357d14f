"""Metrics for Prometheus (issue #24), through the Prometheus project's own client library (prometheus-client),
served at `/metrics` to the monitoring server only.

What is measured, and how — none of it holds personal data (no user names, no addresses, no URLs: a request
is labelled by the name of its URL pattern, whose parameters stay out):

- `sifa_http_requests_total{method,view,status}` and `sifa_http_request_duration_seconds{method,view}`: every
  request, counted and timed by `RequestMetricsMiddleware` (first in the middleware, so the time is the whole
  of sifa's). A path that resolves to no pattern is `view="<unresolved>"`.
- `sifa_login_failures_total`, `sifa_login_lockouts_total`: failed log-ins and django-axes' lock-outs, counted
  on the signals axes itself listens to and sends (the audit chain has each one with its user name).
- `sifa_tasks_queued`, `sifa_tasks_failed`: the task queue (django-tasks-db) — results waiting for a worker,
  and failed results kept (the system administrator sees and retries them: core.failed_tasks).
- `sifa_clocks_overdue`: running statutory clocks past their due date, whether or not the daily sweep has
  flagged them yet (the definition of core.lists), counted in one COUNT over the clock rows' (state, due) index.

The request and log-in figures are counters of each process; the queue and clock figures are read from the
database at each scrape, so every process answers the same. Under gunicorn with several workers, set
`PROMETHEUS_MULTIPROC_DIR` (the library's own setting: an empty directory, emptied at each start) so that a
scrape adds up the counters of every worker (docs/operations.md).

Access (`metrics_allowed`): a request from an address in `SIFA_METRICS_ALLOWED` (addresses or networks,
default the loopback), or one carrying `Authorization: Bearer <SIFA_METRICS_TOKEN>`; anyone else gets 403.
"""

from __future__ import annotations

import hmac
import ipaddress
import os
import time

from django.conf import settings
from django.utils import timezone
from prometheus_client import REGISTRY, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.exposition import CONTENT_TYPE_PLAIN_0_0_4
from prometheus_client.registry import Collector

CONTENT_TYPE = CONTENT_TYPE_PLAIN_0_0_4
UNRESOLVED = "<unresolved>"

REQUESTS = Counter("sifa_http_requests", "HTTP requests answered, by method, URL name and status",
                   ["method", "view", "status"])
LATENCY = Histogram("sifa_http_request_duration_seconds", "Time to answer an HTTP request, by method and URL name",
                    ["method", "view"], buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30))
LOGIN_FAILURES = Counter("sifa_login_failures", "Failed log-ins (wrong password, unknown user, locked out)")
LOCKOUTS = Counter("sifa_login_lockouts", "Lock-outs by django-axes after repeated failed log-ins")
_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


class RequestMetricsMiddleware:
    """Counts and times every request. Labels are bounded: the method (others are "other"), the URL pattern's
    name, the status code."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        view = (match.view_name or match.route) if match else UNRESOLVED
        method = request.method if request.method in _METHODS else "other"
        LATENCY.labels(method, view).observe(time.perf_counter() - started)
        REQUESTS.labels(method, view, str(response.status_code)).inc()
        return response


def login_failed(**kwargs) -> None:
    LOGIN_FAILURES.inc()


def locked_out(**kwargs) -> None:
    LOCKOUTS.inc()


def connect_signals() -> None:
    from axes.signals import user_locked_out
    from django.contrib.auth.signals import user_login_failed

    user_login_failed.connect(login_failed, dispatch_uid="sifa.core.monitoring.login_failed")
    user_locked_out.connect(locked_out, dispatch_uid="sifa.core.monitoring.locked_out")


class DatabaseCollector(Collector):
    """The figures read from the database at each scrape: three indexed COUNTs (queued tasks, failed tasks,
    overdue clocks)."""

    def collect(self):
        from django_tasks_db.models import DBTaskResult

        from .models.clocks import Deadline, DeadlineState

        queued = DBTaskResult.objects.filter(status="READY").count()  # the queue's partial index
        failed = DBTaskResult.objects.filter(status="FAILED").count()
        # running or flagged overdue, past due: core.lists's definition of overdue, on the (state, due) index
        overdue = Deadline.objects.filter(state__in=(DeadlineState.RUNNING, DeadlineState.OVERDUE),
                                          due__lt=timezone.localdate()).count()
        yield GaugeMetricFamily("sifa_tasks_queued", "Background tasks waiting for a worker", value=queued)
        yield GaugeMetricFamily("sifa_tasks_failed", "Failed background tasks kept in the queue's results",
                                value=failed)
        yield GaugeMetricFamily("sifa_clocks_overdue", "Running statutory time limits past their due date",
                                value=overdue)


_database = CollectorRegistry(auto_describe=False)
_database.register(DatabaseCollector())


def exposition() -> bytes:
    """The text the monitoring server scrapes: this process's (or, in multi-process mode, every worker's)
    counters, then the database's figures."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    else:
        registry = REGISTRY
    return generate_latest(registry) + generate_latest(_database)


def allowed_networks() -> list:
    """SIFA_METRICS_ALLOWED: comma-separated addresses or networks (127.0.0.1, 10.1.2.0/24, ::1)."""
    nets = []
    for item in settings.SIFA_METRICS_ALLOWED:
        try:
            nets.append(ipaddress.ip_network(item, strict=False))
        except ValueError:
            continue  # a typo allows nothing, rather than failing every scrape
    return nets


def metrics_allowed(request) -> bool:
    """The bearer token, when one is set, or an allowed client address (behind SIFA_TRUSTED_PROXIES reverse
    proxies, the address the nearest untrusted hop gave: core.limits.client_address)."""
    from .limits import client_address

    token = settings.SIFA_METRICS_TOKEN
    header = request.META.get("HTTP_AUTHORIZATION", "")
    if token and header.startswith("Bearer ") and hmac.compare_digest(header[7:].strip().encode(), token.encode()):
        return True
    try:
        address = ipaddress.ip_address(client_address(request))
    except ValueError:
        return False
    address = getattr(address, "ipv4_mapped", None) or address  # ::ffff:127.0.0.1 is 127.0.0.1
    return any(address in net for net in allowed_networks())


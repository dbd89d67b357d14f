"""Shared by the fuzz tests: a record of the statements that write, to check that a refused input wrote nothing,
and a tally of the cases run (printed at the end of the session: the figures issue #14 asks for)."""

from __future__ import annotations

from collections import Counter
from contextlib import contextmanager

import pytest
from django.db import connection

TALLY: Counter = Counter()
WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")


@contextmanager
def recorded_writes():
    """Yield a list that collects every INSERT, UPDATE or DELETE run inside the block (a session's own row
    excepted: signing in and CSRF touch it, and it holds no business data)."""
    seen: list[str] = []

    def record(execute, sql, params, many, context):
        if sql.lstrip().upper().startswith(WRITES) and "django_session" not in sql:
            seen.append(sql[:160])
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        yield seen


@pytest.fixture(scope="session", autouse=True)
def _report_tally(request):
    yield
    if TALLY:
        reporter = request.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.write_line("fuzz cases: " + ", ".join(f"{k} {v}" for k, v in sorted(TALLY.items())))

"""Crash safety, proved by killing (issue #24): a sifa process killed with SIGKILL in the middle of its work — an
import of an .xlsx, the daily clock sweep — leaves nothing half-written, the audit chain intact (`sifa audit
verify` passes), and the same work run again succeeds.

Each test runs sifa as a separate process on its own SQLite database (a file in a temporary SIFA_VAR_DIR), and
again on a PostgreSQL database of its own when the suite runs on PostgreSQL. The
hook that stops it at the worst moment lives in the test's driver script only: it wraps one of sifa's own
functions so that, once the first rows are in the database inside the transaction, the process prints a
marker and waits; the test then kills it."""

from __future__ import annotations

import pytest

from tests.import_files import write_xlsx

from .conftest import kill_when, run_script, sifa

pytestmark = pytest.mark.ops

DISPUTES = 300
HEADERS = ["登记日期", "调解组织", "纠纷类型", "申请人", "对方当事人"]

COUNTS = """
from sifa.core.models import AuditEvent, Deadline, ImportJob
from sifa.mediation.models import Dispute
from sifa.core.models import Party
def counts():
    return {"disputes": Dispute.objects.count(), "parties": Party.objects.filter(name__startswith="杀测").count(),
            "events": AuditEvent.objects.count(), "clocks": Deadline.objects.count(),
            "overdue": Deadline.objects.filter(state="overdue").count(),
            "flagged": Deadline.objects.exclude(overdue_flagged_at=None).count(),
            "jobs": sorted(ImportJob.objects.values_list("state", flat=True))}
def integrity():
    from django.db import connection
    if connection.vendor != "sqlite":
        return "ok"  # PostgreSQL rolls back a dropped connection's transaction; nothing to check in a file
    with connection.cursor() as c:
        c.execute("PRAGMA integrity_check")
        return c.fetchone()[0]
"""


def verify(var) -> str:
    done = sifa(var, "audit", "verify")
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def test_an_import_killed_while_writing_leaves_nothing_and_runs_again(fresh_install):
    var = fresh_install
    path = write_xlsx(var / "disputes.xlsx", HEADERS,
                      [["2024-03-01", "PT-TWH-CSL", "邻里", f"杀测{i:04d}", "李乙"] for i in range(DISPUTES)])
    before = run_script(var, COUNTS + "print(json.dumps(counts()))")

    # `sifa import`, stopped once the disputes' rows are in (their history rows come next), inside the import's
    # one transaction
    kill_when(var, f"""
from sifa.core import bulk
from sifa.mediation.models import Dispute
original = bulk.history_rows
def history_rows(*args, **kwargs):
    print("rows in:", Dispute.objects.count(), flush=True)
    pause_here("WRITING")
bulk.history_rows = history_rows
call_command("import", "disputes", {str(path)!r}, user="mediator")
""", "WRITING")

    after = run_script(var, COUNTS + "print(json.dumps({**counts(), 'integrity': integrity()}))")
    assert after["integrity"] == "ok"
    assert (after["disputes"], after["parties"], after["clocks"]) == (0, 0, before["clocks"])  # all or nothing
    assert after["events"] == before["events"]  # nor any audit event of it
    assert after["jobs"] == ["running"]  # the killed job's row, claimed outside the transaction, says so
    verify(var)

    again = sifa(var, "import", "disputes", str(path), "--user", "mediator")
    assert again.returncode == 0, again.stdout + again.stderr
    done = run_script(var, COUNTS + "print(json.dumps(counts()))")
    assert (done["disputes"], done["parties"]) == (DISPUTES, DISPUTES)
    assert done["jobs"] == ["done", "running"]
    verify(var)


def test_the_clock_sweep_killed_while_marking_leaves_every_clock_as_it_was_and_runs_again(fresh_install):
    var = fresh_install
    # running clocks past their due date, as the morning's sweep finds them (the sweep reads the clock rows only)
    run_script(var, """
from datetime import date
from django.contrib.contenttypes.models import ContentType
from sifa.core.models import Deadline, Unit
unit = Unit.objects.get(code="PT-SFJ-FY")
ct = ContentType.objects.get_for_model(Unit)
Deadline.objects.bulk_create([Deadline(content_type=ct, object_id=unit.pk, rule="test.kill", label="kill test",
    rule_effective_from=date(2020, 1, 1), basis="test", length=60, count_unit="calendar_days",
    start=date(2024, 1, 2), original_due=date(2024, 3, 2), due=date(2024, 3, 2), unit=unit) for _ in range(2000)])
print(json.dumps({"ok": True}))
""")
    before = run_script(var, COUNTS + "print(json.dumps(counts()))")
    assert before["clocks"] == 2000 and before["overdue"] == 0

    # `sifa clocks sweep`, stopped after its UPDATE has marked every late clock, before its audit event and commit
    kill_when(var, """
from sifa.core import audit
from sifa.core.models import Deadline
original = audit.record
def record(actor, action, *args, **kwargs):
    if action == "clock.overdue":
        print("marked:", Deadline.objects.filter(state="overdue").count(), flush=True)
        pause_here("MARKED")
    return original(actor, action, *args, **kwargs)
audit.record = record
call_command("clocks", "sweep")
""", "MARKED")

    after = run_script(var, COUNTS + "print(json.dumps({**counts(), 'integrity': integrity()}))")
    assert after["integrity"] == "ok"
    assert (after["overdue"], after["flagged"], after["events"]) == (0, 0, before["events"])
    verify(var)

    again = sifa(var, "clocks", "sweep")
    assert again.returncode == 0, again.stdout + again.stderr
    done = run_script(var, COUNTS + """
from sifa.core.models import AuditEvent
print(json.dumps({**counts(), "sweeps": AuditEvent.objects.filter(action="clock.overdue").count()}))""")
    assert (done["overdue"], done["flagged"], done["sweeps"]) == (2000, 2000, 1)
    verify(var)

"""sifa audit verify: passes on an intact chain, names the first bad event and exits non-zero otherwise."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from sifa.core import audit

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def test_audit_verify_reports_how_many_events_it_verified():
    for i in range(3):
        audit.record(None, "test.event", summary=str(i))
    out = StringIO()
    call_command("audit", "verify", stdout=out)
    assert "intact: 3 events verified" in out.getvalue()


def test_audit_verify_names_a_tampered_event_and_fails():
    for i in range(3):
        audit.record(None, "test.event", summary=str(i), payload={"n": i})
    with connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditevent SET payload = %s WHERE seq = 2", ['{"n": 9}'])
    with pytest.raises(CommandError, match=r"broken at event #2: event #2 was altered.*1 events before it") as info:
        call_command("audit", "verify")
    assert info.value.returncode == 1


@pytest.mark.django_db(transaction=True)
def test_audit_verify_fails_from_the_command_line():
    """The exit code a cron job or a monitoring check sees, from the real `sifa` command run against the
    test database (the data is committed: this test is transactional)."""
    import os
    import subprocess
    import sys

    from django.conf import settings

    audit.record(None, "test.event")
    audit.record(None, "test.event")
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        url = f"sqlite:///{db['NAME']}"
    else:
        auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
        url = f"postgres://{auth}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{db['NAME']}"
    env = {**os.environ, "SIFA_DATABASE_URL": url, "SIFA_VAR_DIR": str(settings.VAR_DIR),
           "PYTHONPATH": os.pathsep.join(sys.path)}
    command = [sys.executable, "-m", "sifa", "audit", "verify"]
    ok = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert ok.returncode == 0, ok.stderr
    with connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditevent SET summary = 'x' WHERE seq = 2")
    broken = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert broken.returncode == 1 and ("#2" in broken.stderr or "第2号事件" in broken.stderr)

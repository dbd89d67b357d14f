"""Upgrades (issue #24, docs/upgrade.md): a database as the previous release left it, migrated by this version's
`sifa migrate`, keeps every record, figure and personal number, and its audit chain verifies.

The fixture (tests/ops/upgrade_fixture/) was made by the previous release's own code (`make_upgrade_fixture.py`,
run on that commit's sources): its schema, its seeded rows and a few records of each line written through its
services, dumped as SQL, with the test keys it was made with and what it read back then (`expected.json`). The
test loads it into a new SQLite file, runs `sifa migrate` as its own process, and compares."""

from __future__ import annotations

import gzip
import json
import sqlite3
from pathlib import Path

import pytest

from .conftest import run_script, sifa, sifa_env

pytestmark = pytest.mark.ops

FIXTURE = Path(__file__).parent / "upgrade_fixture"
EXPECTED = json.loads((FIXTURE / "expected.json").read_text())
KEYS = json.loads((FIXTURE / "keys.json").read_text())
# Tables that `migrate` itself adds to whatever the data: the migrations applied, the new models' content types
# and permissions, the seeded roles of lines added since, and the seeded roles' permissions (core.roles.sync_roles
# at every migrate).
GROWN_BY_MIGRATE = {"django_migrations", "django_content_type", "auth_permission", "core_role", "core_role_permissions"}

READ_BACK = """
from io import StringIO
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from sifa.core.models import Party
from sifa.reconsideration.models import Application
from sifa.mediation.models import Dispute
from sifa.litigation.models import Suit
expected = json.loads(os.environ["EXPECTED"])
v = expected["values"]
executor = MigrationExecutor(connection)
counts = {}
with connection.cursor() as cursor:
    for t in expected["counts"]:
        cursor.execute(f'SELECT COUNT(*) FROM "{t}"')
        counts[t] = cursor.fetchone()[0]
figures = StringIO()
call_command("metrics", "--from", "2000-01-01", "--to", "2030-12-31", "--json", stdout=figures)
party = Party.objects.get(pk=v["party"]["pk"])
app = Application.objects.get(pk=v["application"]["pk"])
dispute = Dispute.objects.get(pk=v["dispute"]["pk"])
suit = Suit.objects.get(pk=v["suit"]["pk"])
print(json.dumps({
    "unapplied": [str(m) for m, _ in executor.migration_plan(executor.loader.graph.leaf_nodes())],
    "counts": counts, "figures": json.loads(figures.getvalue()),
    "party": {"pk": party.pk, "name": party.name}, "id_number": party.reveal_id_number(), "phone": party.reveal_phone(),
    "application": {"pk": app.pk, "number": app.number, "state": app.state},
    "dispute": {"pk": dispute.pk, "number": dispute.number, "state": dispute.state},
    "suit": {"pk": suit.pk, "state": suit.state},
}))
"""


@pytest.fixture
def previous_release(tmp_path, monkeypatch) -> Path:
    """A var dir holding the previous release's database and its keys."""
    var = tmp_path / "var"
    var.mkdir()
    db = sqlite3.connect(var / "sifa.sqlite3")
    with gzip.open(FIXTURE / "previous.sql.gz", "rt", encoding="utf-8") as f:
        db.executescript(f.read())
    applied = dict(db.execute("SELECT app, MAX(name) FROM django_migrations GROUP BY app").fetchall())
    db.close()
    assert applied == EXPECTED["migrations"]  # the fixture is what expected.json says it is
    monkeypatch.setattr("tests.ops.conftest.sifa_env", _with_keys(sifa_env))
    return var


def _with_keys(env_of):
    def env(var_dir):
        return {**env_of(var_dir), **KEYS, "EXPECTED": json.dumps(EXPECTED)}
    return env


def test_the_previous_releases_database_upgrades_with_every_record_figure_and_number_intact(previous_release):
    var = previous_release
    migrated = sifa(var, "migrate", "--noinput")
    assert migrated.returncode == 0, migrated.stdout + migrated.stderr

    now = run_script(var, READ_BACK)
    assert now["unapplied"] == []
    for table, before in EXPECTED["counts"].items():
        if table in GROWN_BY_MIGRATE:
            assert now["counts"][table] >= before, table
        else:
            assert now["counts"][table] == before, f"{table}: {before} rows before the upgrade, {now['counts'][table]} after"
    assert {k: now["figures"].get(k) for k in EXPECTED["figures"]} == EXPECTED["figures"]
    values = EXPECTED["values"]
    for key in ("party", "application", "dispute", "suit", "id_number", "phone"):
        assert now[key] == values[key], key

    verified = sifa(var, "audit", "verify")
    assert verified.returncode == 0, verified.stdout + verified.stderr

    again = sifa(var, "migrate", "--noinput")  # a second migrate finds nothing to do
    assert again.returncode == 0 and "No migrations to apply" in again.stdout

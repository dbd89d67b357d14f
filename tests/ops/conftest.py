"""Helpers of the operations tests, which run sifa as a real separate process (`python -m sifa ...` or a short
driver script after django.setup()) against a database of its own: a file-based SQLite database in a temporary
SIFA_VAR_DIR, whatever database the rest of the suite uses — and, when the suite runs on PostgreSQL
(SIFA_DATABASE_URL=postgres://...), also a PostgreSQL database of their own on that server, copied for each test
from a template migrated once. They need no test database of pytest-django's."""

from __future__ import annotations

import json
import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRELUDE = """
import json, os, sys, time
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sifa.settings")
import django
django.setup()
from django.core.management import call_command

def pause_here(label):
    '''The test's hook: say where we are, then wait to be killed.'''
    print(label, flush=True)
    time.sleep(300)
"""


SUITE_DATABASE = os.environ.get("SIFA_DATABASE_URL", "")
ENGINES = ["sqlite"] + (["postgres"] if SUITE_DATABASE.startswith(("postgres://", "postgresql://")) else [])


def database_url(var_dir: Path) -> str:
    """The var dir's database: SQLite in it, unless a file `database_url` in it names another."""
    named = var_dir / "database_url"
    return named.read_text().strip() if named.exists() else f"sqlite:///{var_dir / 'sifa.sqlite3'}"


def sifa_env(var_dir: Path) -> dict:
    """The environment of a sifa process on its own var dir and database (no settings of the suite's)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SIFA_", "PYTEST_", "DJANGO_"))}
    env.update(SIFA_VAR_DIR=str(var_dir), SIFA_DATABASE_URL=database_url(var_dir),
               SIFA_DEBUG="1", SIFA_LOG_LEVEL="ERROR", PYTHONPATH=str(ROOT), PYTHONUNBUFFERED="1")
    return env


def run_script(var_dir: Path, body: str, *, timeout: float = 300) -> dict:
    """Run a driver script to its end; it prints one JSON object as its last line, which is returned."""
    done = subprocess.run([sys.executable, "-c", PRELUDE + body], env=sifa_env(var_dir), capture_output=True,
                          text=True, timeout=timeout, cwd=var_dir)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def sifa(var_dir: Path, *args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    """`sifa ARGS` as its own process."""
    return subprocess.run([sys.executable, "-m", "sifa", *args], env=sifa_env(var_dir), capture_output=True,
                          text=True, timeout=timeout, cwd=var_dir)


def kill_when(var_dir: Path, body: str, marker: str, *, timeout: float = 120) -> str:
    """Start a driver script, wait until it prints `marker` (its pause_here hook), then SIGKILL it. Returns what it
    printed before."""
    proc = subprocess.Popen([sys.executable, "-c", PRELUDE + body], env=sifa_env(var_dir), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, cwd=var_dir)
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=lambda: [lines.put(x.strip()) for x in proc.stdout] + [lines.put(None)],
                     daemon=True).start()
    seen = []
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            try:
                line = lines.get(timeout=1)
            except queue.Empty:
                continue
            if line is None:  # it ended by itself
                break
            seen.append(line)
            if line == marker:
                os.kill(proc.pid, signal.SIGKILL)
                break
    finally:
        if proc.poll() is None and (not seen or seen[-1] != marker):
            proc.kill()
        proc.wait(timeout=30)
    assert seen and seen[-1] == marker, f"never reached {marker!r}: {seen} {proc.stderr.read()[-3000:]}"
    assert proc.returncode == -signal.SIGKILL
    return "\n".join(seen)


def _postgres(sql: str) -> None:
    """Run one statement on the suite's PostgreSQL server, in its maintenance database, outside a transaction."""
    import dj_database_url
    import psycopg

    cfg = dj_database_url.parse(SUITE_DATABASE)
    with psycopg.connect(host=cfg["HOST"] or None, port=cfg["PORT"] or None, user=cfg["USER"] or None,
                         password=cfg["PASSWORD"] or None, dbname="postgres", autocommit=True) as conn:
        conn.execute(sql)


def _postgres_url(name: str) -> str:
    return SUITE_DATABASE.rsplit("/", 1)[0] + "/" + name


INSTALL = """
call_command("migrate", verbosity=0)
from sifa.demo import district, holidays
district.load()
holidays.load()
from django.db import connection
if connection.vendor == "sqlite":
    with connection.cursor() as c:
        c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
print(json.dumps({"ok": True}))
"""


@pytest.fixture(scope="session")
def installed(tmp_path_factory):
    """installed(engine) -> a var dir with a migrated database, the demo district's units and users, and its keys:
    made once per engine, copied for each test (`fresh_install`)."""
    made: dict[str, Path] = {}
    databases: list[str] = []

    def install(engine: str) -> Path:
        if engine not in made:
            var = tmp_path_factory.mktemp(f"installed-{engine}")
            if engine == "postgres":
                name = f"sifa_ops_base_{os.getpid()}"
                _postgres(f'DROP DATABASE IF EXISTS "{name}"')
                _postgres(f'CREATE DATABASE "{name}"')
                databases.append(name)
                (var / "database_url").write_text(_postgres_url(name))
            run_script(var, INSTALL)
            made[engine] = var
        return made[engine]

    yield install
    for name in databases:
        _postgres(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=ENGINES)
def fresh_install(request, installed, tmp_path) -> Path:
    """A var dir of its own, copied from the installed one: SQLite's file, or a PostgreSQL database made from the
    installed one as its template."""
    source = installed(request.param)
    var = tmp_path / "var"
    shutil.copytree(source, var, ignore=shutil.ignore_patterns("*-wal", "*-shm", "database_url"))
    if request.param == "postgres":
        base = database_url(source).rsplit("/", 1)[1]
        name = f"sifa_ops_{os.getpid()}_{time.monotonic_ns()}"
        _postgres(f'CREATE DATABASE "{name}" TEMPLATE "{base}"')
        (var / "database_url").write_text(_postgres_url(name))
        yield var
        _postgres(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    else:
        yield var

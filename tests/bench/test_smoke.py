"""Every benchmark runs end to end at tiny scale (`python -m bench.run --scale tiny`) so none of them rots.
Nothing here looks at timings: only that each benchmark ran and reported its figures."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_make_bench_runs_every_benchmark_at_tiny_scale(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SIFA_", "DJANGO_"))}
    env["BENCH_VAR_DIR"] = str(tmp_path / "var")
    p = subprocess.run(
        [sys.executable, "-m", "bench.run", "--scale", "tiny", "--database-url",
         f"sqlite:///{tmp_path / 'bench.sqlite3'}", "--results", str(tmp_path / "RESULTS.md")],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert p.returncode == 0, p.stdout[-3000:] + p.stderr[-3000:]
    doc = json.loads((tmp_path / "results" / "sqlite-tiny.json").read_text())
    from bench.run import BENCHMARKS

    for name in BENCHMARKS:
        res = doc["results"][name]
        assert "error" not in res, f"{name}: {res.get('error')}"
        assert "skipped" in res or res["ratios"], name
    text = (tmp_path / "RESULTS.md").read_text()
    assert "## SQLite" in text and "| benchmark | measure |" in text


@pytest.mark.django_db
def test_dead_rows_a_benchmark_leaves_are_vacuumed_before_the_next():
    """PostgreSQL: a table a benchmark filled and emptied is vacuumed before the next benchmark. VACUUM runs
    outside any transaction: here on a connection of its own to the test database, on a scratch table."""
    from bench.run import tidy
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("VACUUM is PostgreSQL's")
    import psycopg

    s = connection.settings_dict
    with psycopg.connect(dbname=s["NAME"], user=s["USER"], host=s["HOST"], port=s["PORT"] or 5432,
                         password=s["PASSWORD"] or None, autocommit=True) as own, own.cursor() as c:
        c.execute("CREATE TABLE bench_smoke_dead (i integer)")
        try:
            c.execute("INSERT INTO bench_smoke_dead SELECT generate_series(1, 1500)")
            c.execute("DELETE FROM bench_smoke_dead")
            c.execute("SELECT pg_stat_force_next_flush()")
            out = io.StringIO()
            tidy(out, cursor=own.cursor())
            assert "bench_smoke_dead" in out.getvalue()
            c.execute("SELECT pg_stat_force_next_flush()")
            c.execute("SELECT n_dead_tup FROM pg_stat_user_tables WHERE relname = 'bench_smoke_dead'")
            assert c.fetchone()[0] == 0
        finally:
            c.execute("DROP TABLE bench_smoke_dead")

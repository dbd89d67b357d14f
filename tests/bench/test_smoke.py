"""Every benchmark runs end to end at tiny scale (`python -m bench.run --scale tiny`) so none of them rots.
Nothing here looks at timings: only that each benchmark ran and reported its figures."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

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

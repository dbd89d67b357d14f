"""(f) The wall time of `sifa demo` on a fresh database (after `sifa migrate`), and of a second run."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

from .timing import secs

TITLE = "`sifa demo` wall time"
LINE_TIME = re.compile(r"^  [a-z_]+: [\d.]+s$", re.M)  # the demo command's per-line timings
GOAL = "< 60 s"


def _run(args: list[str], env: dict) -> tuple[float, str]:
    t = time.perf_counter()
    p = subprocess.run([sys.executable, "-m", "sifa", *args], env=env, capture_output=True, text=True,
                       timeout=900)
    took = time.perf_counter() - t
    if p.returncode != 0:
        raise RuntimeError(f"sifa {' '.join(args)} failed:\n{p.stdout[-2000:]}\n{p.stderr[-4000:]}")
    return took, p.stdout


def _fresh_postgres(url: str) -> None:
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as c:
        c.execute(f'DROP DATABASE IF EXISTS "{name}"')
        c.execute(f'CREATE DATABASE "{name}"')


def _measure(url: str, var: Path, only: list[str] | None) -> dict:
    env = {**os.environ, "SIFA_DATABASE_URL": url, "SIFA_VAR_DIR": str(var), "SIFA_DEBUG": "0",
           "SIFA_SSL_REDIRECT": "0", "SIFA_SECURE_COOKIES": "0"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    migrate, _ = _run(["migrate", "--noinput"], env)
    extra = ["--only", *only] if only is not None else []
    first, out = _run(["demo", *extra], env)
    again, _ = _run(["demo", *extra], env)
    lines = [m.group(0).strip() for m in LINE_TIME.finditer(out)]
    return {"migrate": migrate, "first": first, "again": again, "lines": lines}


def run(ctx) -> dict:
    var = ctx.var_dir / "demo"
    var.mkdir(parents=True, exist_ok=True)
    db = var / "demo.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    only = ctx.demo_only
    results = {"SQLite": _measure(f"sqlite:///{db}", var, only)}
    if ctx.vendor == "postgresql":
        url = ctx.database_url.rsplit("/", 1)[0] + "/sifa_bench_demo"
        _fresh_postgres(url)
        results["PostgreSQL"] = _measure(url, var, only)
    rows, ratios = [], []
    for engine, r in results.items():
        rows += [[f"{engine}: sifa demo, fresh database", secs(r["first"])],
                 [f"{engine}: sifa demo again (idempotent)", secs(r["again"])],
                 [f"{engine}: sifa migrate before it (not counted)", secs(r["migrate"])]]
        rows += [[f"{engine}: {ln.split(':')[0]}", ln.split(":", 1)[1].strip()] for ln in r["lines"]]
        ratios.append({"label": f"{engine}: demo wall time", "value": round(r["first"], 1), "unit": "s",
                       "goal": GOAL, "met": r["first"] < 60})
    notes = []
    if only is not None:
        notes.append(f"Demo lines loaded: {', '.join(only)} (a smoke run; 'none' = units and users only).")
    return {"title": TITLE, "ratios": ratios, "headers": ["measure", "value"], "rows": rows, "notes": notes}

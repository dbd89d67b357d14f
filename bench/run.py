"""`make bench` = `python -m bench.run`: seed a benchmark database (once per scale), run every benchmark,
and write the figures to bench/results/<engine>-<scale>.json and bench/RESULTS.md.

Environment (or the matching options):
  BENCH_SCALE         tiny | district (default) | city | province | a number of cases
  BENCH_DATABASE_URL  default: postgres://postgres@127.0.0.1:5432/sifa_bench_<scale> when PostgreSQL answers
                      there, else sqlite:///var/bench/<scale>.sqlite3
  BENCH_ONLY          a comma-separated subset of: metrics,lists,sweep,import,load,demo
  BENCH_RESEED        1 to drop the database and generate it again
  BENCH_RESULTS       where to write the Markdown (default bench/RESULTS.md)

A benchmark reports ratios against a baseline measured in the same run, plus absolute figures. Goals
are reported, never enforced: a benchmark does not fail on timing.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
import time
import traceback
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from bench import Skip

ROOT = Path(__file__).resolve().parent.parent
BENCHMARKS = ["metrics", "lists", "sweep", "import", "load", "demo"]


@dataclass
class Context:
    scale: str
    size: int
    database_url: str
    var_dir: Path
    vendor: str = ""
    plugins: list = field(default_factory=list)
    seed_stats: dict = field(default_factory=dict)

    @property
    def tiny(self) -> bool:
        return self.size < 5000

    # knobs, by scale
    @property
    def repeat(self) -> int:
        return 3 if self.tiny else 30

    @property
    def repeat_heavy(self) -> int:
        return 1 if self.tiny else 3

    @property
    def sweep_clocks(self) -> int:
        return int(os.environ.get("BENCH_SWEEP_CLOCKS") or (2000 if self.tiny else 100_000 if self.size <= 100_000
                                                            else 1_000_000))

    @property
    def import_rows(self) -> int:
        return int(os.environ.get("BENCH_IMPORT_ROWS") or (300 if self.tiny else 100_000))

    @property
    def load_seconds(self) -> int:
        return int(os.environ.get("BENCH_LOAD_SECONDS") or (1 if self.tiny else 10))

    @property
    def metrics_year(self) -> int:
        return int(os.environ.get("BENCH_METRICS_YEAR") or 2025)

    @property
    def deep_pages(self) -> int:
        return 2 if self.tiny else 100

    @property
    def demo_only(self) -> list[str] | None:
        return ["none"] if self.tiny else None

    def any_case_model(self):
        if self.plugins:
            return self.plugins[0].model
        from sifa.core.models import Party

        return Party

    def plugin(self, line: str):
        for p in self.plugins:
            if p.line == line:
                return p
        raise Skip(f"the {line} line is not installed (or has no generator plugin yet)")

    def load_user(self):
        from sifa.core.models import User

        return User.objects.get(username="handler")

    def case_pages(self, user) -> list[tuple[str, str]]:
        out = []
        for p in self.plugins:
            path = p.case_page(user)
            if path:
                out.append((f"{p.line} case page", path))
        return out


# --- database set-up ----------------------------------------------------------------------------------

def _postgres_answers() -> bool:
    try:
        import psycopg

        psycopg.connect("postgres://postgres@127.0.0.1:5432/postgres", connect_timeout=2).close()
        return True
    except Exception:
        return False


def default_url(scale: str, var_dir: Path) -> str:
    if _postgres_answers():
        return f"postgres://postgres@127.0.0.1:5432/sifa_bench_{scale}"
    return f"sqlite:///{var_dir / f'{scale}.sqlite3'}"


def _create_database(url: str, *, drop: bool) -> None:
    if url.startswith("sqlite"):
        path = Path(url.split("sqlite:///", 1)[1])
        if drop:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        return
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as c:
        if drop:
            c.execute(f'DROP DATABASE IF EXISTS "{name}"')
        if not c.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            c.execute(f'CREATE DATABASE "{name}"')


def configure(url: str, var_dir: Path) -> None:
    """Environment for sifa's settings: the benchmark database, production-like flags (DEBUG off)."""
    os.environ.update({
        "SIFA_DATABASE_URL": url, "SIFA_VAR_DIR": str(var_dir), "SIFA_DEBUG": "0", "SIFA_SSL_REDIRECT": "0",
        "SIFA_SECURE_COOKIES": "0", "SIFA_ALLOWED_HOSTS": "localhost,127.0.0.1,testserver",
        "DJANGO_SETTINGS_MODULE": "bench.settings",
    })
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))


META_SQL = "CREATE TABLE IF NOT EXISTS bench_meta (key varchar(40) PRIMARY KEY, value text NOT NULL)"


def read_meta() -> dict | None:
    from django.db import connection

    with connection.cursor() as c:
        c.execute(META_SQL)
        c.execute("SELECT value FROM bench_meta WHERE key = 'seed'")
        row = c.fetchone()
    return json.loads(row[0]) if row else None


def write_meta(meta: dict) -> None:
    from django.db import connection

    with connection.cursor() as c:
        c.execute(META_SQL)
        c.execute("DELETE FROM bench_meta WHERE key = 'seed'")
        c.execute("INSERT INTO bench_meta (key, value) VALUES ('seed', %s)", [json.dumps(meta)])


def prepare(ctx: Context, *, reseed: bool, out=sys.stdout) -> None:
    """Migrate and generate the scale's data unless the database already holds it."""
    from django.core.management import call_command
    from django.db import connection

    from . import seed as seeding

    call_command("migrate", verbosity=0, interactive=False)
    meta = read_meta()
    wanted = {"scale": ctx.scale, "size": ctx.size, "version": seeding.GENERATOR_VERSION,
              "lines": sorted(p.line for p in ctx.plugins)}
    if meta and not reseed and all(meta.get(k) == v for k, v in wanted.items()):
        ctx.seed_stats = meta.get("stats", {})
        out.write(f"Reusing the {ctx.scale} data in {connection.settings_dict['NAME']}\n")
        return
    if meta:  # another scale or generator: start from an empty database
        connection.close()
        _create_database(ctx.database_url, drop=True)
        call_command("migrate", verbosity=0, interactive=False)
    out.write(f"Generating {ctx.size:,} cases ({ctx.scale}) into {connection.settings_dict['NAME']} ...\n")
    stats = seeding.seed(ctx.size, out=_Printer(out) if not ctx.tiny else None)
    ctx.seed_stats = {"seconds": round(stats.seconds, 1), "cases": stats.cases, "rows": stats.rows_total,
                      "events": stats.events, "districts": stats.districts, "tables": stats.rows}
    write_meta({**wanted, "stats": ctx.seed_stats, "date": date.today().isoformat()})
    out.write(f"Generated {stats.rows_total:,} rows in {stats.seconds:.0f} s\n")


class _Printer:
    def __init__(self, out):
        self.out = out

    def write(self, msg: str) -> None:
        self.out.write(msg + "\n")
        self.out.flush()


# --- running ------------------------------------------------------------------------------------------

def tidy(out=sys.stdout, cursor=None) -> None:
    """VACUUM (ANALYZE) the tables holding dead rows (PostgreSQL): the import and sweep benchmarks write and roll
    back hundreds of thousands of rows, and until autovacuum comes by, the next benchmark — or the next run's
    lists — would read past them (measured at 10M cases: a handler's deep page went from 8 to 60 ms of SQL after
    an import left 400,000 dead rows beside 355,000 live ones)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with cursor or connection.cursor() as c:  # (a cursor given: a connection of its own, in autocommit)
        c.execute("SELECT relname FROM pg_stat_user_tables WHERE n_dead_tup > 1000 ORDER BY relname")
        tables = [r[0] for r in c.fetchall()]
        for t in tables:
            c.execute(f"VACUUM (ANALYZE) {connection.ops.quote_name(t)}")
    if tables:
        out.write(f"    (vacuumed {len(tables)} tables with dead rows: {', '.join(tables)})\n")


def run_benchmarks(ctx: Context, only: list[str], out=sys.stdout) -> dict:
    results = {}
    for name in only:
        tidy(out)
        module = importlib.import_module(f"bench.b_{name}")
        out.write(f"[{name}] {module.TITLE}\n")
        out.flush()
        t = time.perf_counter()
        try:
            res = module.run(ctx)
        except Skip as e:
            res = {"title": module.TITLE, "skipped": str(e)}
        except Exception:
            if os.environ.get("BENCH_RAISE"):
                raise
            res = {"title": module.TITLE, "error": traceback.format_exc(limit=8)}
        res["seconds"] = round(time.perf_counter() - t, 1)
        results[name] = res
        for r in res.get("ratios", []):
            unit = r.get("unit", "×")
            out.write(f"    {r['label']}: {r['value']}{unit} (goal {r['goal']}) {'met' if r['met'] else 'NOT met'}\n")
        if "skipped" in res:
            out.write(f"    skipped: {res['skipped']}\n")
        if "error" in res:
            out.write(f"    ERROR:\n{res['error']}\n")
    return results


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scale", default=os.environ.get("BENCH_SCALE", "district"))
    ap.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL"))
    ap.add_argument("--only", default=os.environ.get("BENCH_ONLY", ",".join(BENCHMARKS)))
    ap.add_argument("--reseed", action="store_true", default=os.environ.get("BENCH_RESEED") == "1")
    ap.add_argument("--results", default=os.environ.get("BENCH_RESULTS", str(ROOT / "bench" / "RESULTS.md")))
    ap.add_argument("--results-dir", default=None, help="where the per-run JSON goes (default: next to RESULTS.md)")
    args = ap.parse_args(argv)

    from .scales import scale_size

    size = scale_size(args.scale)
    var_dir = Path(os.environ.get("BENCH_VAR_DIR", ROOT / "var" / "bench")).resolve()
    var_dir.mkdir(parents=True, exist_ok=True)
    url = args.database_url or default_url(args.scale, var_dir)
    _create_database(url, drop=args.reseed)
    configure(url, var_dir)
    import django

    django.setup()
    from django.db import connection

    from .lines import available
    from .results import save_and_render

    ctx = Context(scale=str(args.scale), size=size, database_url=url, var_dir=var_dir, vendor=connection.vendor,
                  plugins=available())
    prepare(ctx, reseed=args.reseed)
    only = [b.strip() for b in args.only.split(",") if b.strip()]
    unknown = set(only) - set(BENCHMARKS)
    if unknown:
        ap.error(f"unknown benchmarks: {', '.join(sorted(unknown))}")
    load_before = os.getloadavg() if hasattr(os, "getloadavg") else None
    results = run_benchmarks(ctx, only)
    ctx.load_before = load_before
    results_md = Path(args.results)
    json_dir = Path(args.results_dir) if args.results_dir else results_md.parent / "results"
    path = save_and_render(ctx, results, json_dir=json_dir, markdown=results_md)
    print(f"Wrote {path} and {results_md}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

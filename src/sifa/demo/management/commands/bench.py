"""`sifa bench seed --scale district|city|province|N`: fill the configured database with synthetic data.

The generator lives in the repository's `bench` package (bench/seed.py), beside the benchmarks that use it;
this command only finds it and runs it. `make bench` (python -m bench.run) seeds its own databases.
"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError


def _bench_package():
    try:
        import bench.seed  # noqa: F401
    except ModuleNotFoundError:
        # an editable install from a checkout: the package sits at the repository root, beside src/
        root = Path(__file__).resolve().parents[5]
        if not (root / "bench" / "seed.py").exists():
            raise CommandError("The bench package is not available: run this from a checkout of sifa.") from None
        sys.path.insert(0, str(root))
    from bench import seed

    return seed


class Command(BaseCommand):
    help = "Benchmark data: `sifa bench seed --scale district|city|province|N` generates synthetic records."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        s = sub.add_parser("seed", help="generate synthetic cases, clocks, history and audit events")
        s.add_argument("--scale", default="district", help="tiny, district (~50k), city (~1M), province (~10M) or N")
        s.add_argument("--seed", type=int, default=20221031, help="the random seed (same seed, same data)")
        s.add_argument("--lines", nargs="*", help="only these lines (default: every installed line)")
        s.add_argument("--no-history", action="store_true", help="skip the history rows of cases")

    def handle(self, *args, **opts):
        seed = _bench_package()
        try:
            size = seed.scale_size(opts["scale"])
        except ValueError as e:
            raise CommandError(str(e)) from None
        self.stdout.write(f"Generating {size:,} cases ...")
        stats = seed.seed(size, seed=opts["seed"], out=self.stdout, lines=opts.get("lines"),
                          history=not opts["no_history"])
        self.stdout.write(f"{stats.cases:,} cases, {stats.rows_total:,} rows ({stats.events:,} audit events) "
                          f"in {stats.districts} districts, {stats.seconds:.1f} s")
        for table, n in sorted(stats.rows.items(), key=lambda kv: -kv[1]):
            self.stdout.write(f"  {table}: {n:,}")

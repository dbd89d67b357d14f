"""Generator plugins, one per business line: what a line's synthetic cases look like, and what the
benchmarks need to know about the line (its list page, its admin changelist, its metrics in plain SQL).

A plugin is available when its line's app has its case model; lines that have not landed are skipped.
"""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

# Every module of this package but `base` is a line's plugin, named after the line (bench/lines/<line>.py): a
# new line adds its file and nothing else.
LINES = sorted(m.name for m in pkgutil.iter_modules([str(Path(__file__).parent)]) if m.name != "base")


def available() -> list:
    out = []
    for line in LINES:
        try:
            module = importlib.import_module(f"bench.lines.{line}")
        except ModuleNotFoundError as exc:
            if exc.name == f"bench.lines.{line}":
                continue
            raise
        plugin = module.Plugin()
        if plugin.ready():
            out.append(plugin)
    return out

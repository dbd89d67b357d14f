"""Generator plugins, one per business line: what a line's synthetic cases look like, and what the
benchmarks need to know about the line (its list page, its admin changelist, its metrics in plain SQL).

A plugin is available when its line's app has its case model; lines that have not landed are skipped.
"""

from __future__ import annotations

import importlib

LINES = ["mediation", "reconsideration", "litigation"]


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

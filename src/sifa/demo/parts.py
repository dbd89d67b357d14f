"""The parts of the demo district after its units, users and holidays (`district`, `holidays`): each installed
line's demo, found in the line registry (`core.lines.Line.demo`, in `demo_order`), then the district's annual
report, whose figures the lines' demos have written."""

from __future__ import annotations

import importlib
from collections.abc import Callable

from sifa.core import lines


def _report(units, stdout) -> None:
    importlib.import_module("sifa.demo.reports").load(units, stdout)


def parts() -> list[tuple[str, Callable]]:
    """(name, load(units, stdout)) in loading order; the name is what `sifa demo --only` takes."""
    return [*((line.key, load) for line, load in lines.demo_loaders()), ("reports", _report)]


def load(units, stdout, only=()) -> list[str]:
    """Load the parts named in `only` (all when empty); returns the names loaded."""
    loaded = []
    for name, part in parts():
        if only and name not in only:
            continue
        part(units, stdout)
        loaded.append(name)
    return loaded

"""Small timing helpers: wall time of a callable, percentiles, human-readable figures."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class Timing:
    samples: list[float]  # seconds

    @property
    def n(self) -> int:
        return len(self.samples)

    def pct(self, p: float) -> float:
        s = sorted(self.samples)
        if not s:
            return math.nan
        k = max(0, min(len(s) - 1, math.ceil(p / 100 * len(s)) - 1))
        return s[k]

    @property
    def p50(self) -> float:
        return self.pct(50)

    @property
    def p95(self) -> float:
        return self.pct(95)

    @property
    def best(self) -> float:
        return min(self.samples)


def measure(fn: Callable[[], object], *, repeat: int, warmup: int = 1) -> Timing:
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t)
    return Timing(samples)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms" if seconds < 10 else f"{seconds:.1f} s"


def secs(seconds: float) -> str:
    return f"{seconds:.2f} s"


def ratio(a: float, b: float) -> float | None:
    return round(a / b, 2) if b else None


def rate(n: int, seconds: float) -> str:
    return f"{n / seconds:,.0f}/s" if seconds else "—"

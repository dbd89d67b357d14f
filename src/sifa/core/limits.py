"""Rate limits shared by every worker process: counts in the database, one row per (scope, key, window).

A limit is "at most `count` uses of a scope per key in a fixed window of `seconds`". `take` counts one use
against several limits at once (e.g. per address and per applicant identity) and either counts it against
all of them or, when any is spent, against none and says how long to wait. The counts live in the
database (`RateCount`), not in a process's memory or Django's cache: under several gunicorn workers each
would otherwise keep its own count (the default cache is per process), and Redis is not on every district's
machine. Keys are addresses or keyed hashes (`core.crypto.lookup_hash`), never a plain personal number.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .models import RateCount

EPOCH = datetime(2000, 1, 1, tzinfo=UTC)  # windows are counted from here
PURGE_ONE_IN = 100  # how often counting a use also deletes the rows of windows that have ended


@dataclass(frozen=True)
class Limit:
    scope: str   # what is counted, e.g. "portal.apply.address"
    count: int   # uses allowed per window; 0 or less: no limit
    seconds: int  # the window's length

    @classmethod
    def of(cls, scope: str, setting: tuple[int, int] | list[int]) -> Limit:
        count, seconds = setting
        return cls(scope, int(count), max(1, int(seconds)))


class Refused(Exception):
    """A limit is spent: `retry_after` seconds until its window ends."""

    def __init__(self, limit: Limit, retry_after: int):
        super().__init__(f"{limit.scope}: over {limit.count} per {limit.seconds}s")
        self.limit, self.retry_after = limit, retry_after


def _window(limit: Limit, now: datetime) -> tuple[datetime, datetime]:
    n = int((now - EPOCH).total_seconds()) // limit.seconds
    start = EPOCH + timedelta(seconds=n * limit.seconds)
    return start, start + timedelta(seconds=limit.seconds)


def _count_one(limit: Limit, key: str, now: datetime) -> tuple[int, datetime]:
    """Add one use in the current window (an atomic UPDATE … SET count = count + 1, or the window's first row)
    and return the count including it. The UPDATE holds the row's lock to the end of the transaction, so two
    processes never read the same count."""
    start, end = _window(limit, now)
    rows = RateCount.objects.filter(scope=limit.scope, key=key, window_start=start)
    if not rows.update(count=F("count") + 1):
        try:
            with transaction.atomic():
                RateCount.objects.create(scope=limit.scope, key=key, window_start=start, window_end=end, count=1)
            return 1, end
        except IntegrityError:  # another process created the window's row first
            rows.update(count=F("count") + 1)
    return rows.values_list("count", flat=True).get(), end


def take(uses: list[tuple[Limit, str]], *, now: datetime | None = None) -> None:
    """Count one use against each (limit, key), all or none: raise Refused (with the longest wait) and count
    nothing when any limit would be exceeded. An empty key (no identity given) is not counted."""
    now = now or timezone.now()
    uses = [(limit, key[:64]) for limit, key in uses if key and limit.count > 0]
    refused: Refused | None = None
    try:
        with transaction.atomic():
            for limit, key in uses:
                count, end = _count_one(limit, key, now)
                if count > limit.count:
                    wait = max(1, math.ceil((end - now).total_seconds()))
                    if refused is None or wait > refused.retry_after:
                        refused = Refused(limit, wait)
            if refused is not None:
                raise refused  # rolls the counts of this attempt back
    finally:
        if random.randrange(PURGE_ONE_IN) == 0:  # noqa: S311 (not security: only when to tidy)
            RateCount.objects.filter(window_end__lt=now).delete()


def client_address(request) -> str:
    """The client's address: REMOTE_ADDR, or behind SIFA_TRUSTED_PROXIES reverse proxies the address the
    nearest untrusted hop gave (read from the right of X-Forwarded-For, which a client can prepend to but not
    append to). Without it, behind a proxy every citizen would share the proxy's address and its limit."""
    from django.conf import settings

    proxies = getattr(settings, "SIFA_TRUSTED_PROXIES", 0)
    if proxies > 0:
        hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
        if len(hops) >= proxies:
            return hops[-proxies][:64]
    return request.META.get("REMOTE_ADDR", "")[:64] or "unknown"

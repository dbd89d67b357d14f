"""Helpers for the tests that run writers in threads (each thread has its own database connection)."""

from __future__ import annotations

import threading
from collections.abc import Callable

from django.db import connection


def run_in_threads(n: int, work: Callable[[int], object]) -> list:
    """Run work(i) in n threads that start together; return the results (an exception is re-raised)."""
    barrier = threading.Barrier(n)
    results: list = [None] * n
    errors: list[BaseException] = []

    def target(i: int) -> None:
        try:
            barrier.wait()
            results[i] = work(i)
        except BaseException as exc:  # noqa: BLE001 - handed back to the test
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=target, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise errors[0]
    return results

"""How a batch writer (a line's demo) writes: one transaction, without the savepoints of the services' own transactions."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection, transaction
from django.test.utils import override_settings


@contextmanager
def one_transaction() -> Iterator[None]:
    """A line's demo loads whole or not at all, in one transaction.

    Each service it calls is a transaction of its own (`transaction.atomic`), which inside the demo's becomes
    a SAVEPOINT and a RELEASE: on PostgreSQL two round trips per call, a third of the statements the demo
    sends, for partial rollbacks it never uses (a step that fails fails the load). Inside, atomic blocks take
    no savepoint (the connection's `uses_savepoints` feature is off); an error in one marks the whole
    transaction for rollback, as the load's own failure would. (SQLite's backend takes its savepoints
    regardless: they cost no round trip there.) Query logging (on with DEBUG) is off: it formats every
    statement, a fifth of the time for the ~10^5 statements of the demo.
    """
    with override_settings(DEBUG=False), transaction.atomic():
        connection.features.uses_savepoints = False  # this connection only, until the transaction ends
        try:
            yield
        finally:
            del connection.features.uses_savepoints

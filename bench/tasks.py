"""A background task used to check the worker set-up of docs/scale.md: the clock sweep, as a nightly job
would run it (`sifa db_worker` picks it up from the database queue)."""

from django_tasks import task


@task()
def sweep_clocks() -> int:
    from sifa.core import clocks

    return clocks.sweep().marked_overdue

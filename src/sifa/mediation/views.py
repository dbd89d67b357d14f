from sifa.core.navigation import WorkItem

from . import selectors


def my_work(user) -> list[WorkItem]:
    return [WorkItem("mediation", f"{d.number} {d.dispute_type}", d.get_absolute_url(), d.get_state_display())
            for d in selectors.my_open_disputes(user)]

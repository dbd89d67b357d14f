"""Lines register their place in the navigation and their items for "我的工作" here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class NavItem:
    key: str
    label: str
    url_name: str
    permission: str
    order: int = 100


@dataclass
class WorkItem:
    line: str
    title: str
    url: str
    state: str = ""
    due: object = None


_NAV: dict[str, NavItem] = {}
_WORK: dict[str, Callable] = {}


def register(item: NavItem, work: Callable | None = None) -> None:
    """`work(user)` returns the user's open items of the line (a short, already-limited list)."""
    _NAV[item.key] = item
    if work is not None:
        _WORK[item.key] = work


def items_for(user) -> list[NavItem]:
    return sorted((i for i in _NAV.values() if user.has_perm(i.permission)), key=lambda i: i.order)


def work_for(user) -> list[tuple[NavItem, list[WorkItem]]]:
    out = []
    for item in items_for(user):
        fn = _WORK.get(item.key)
        if fn:
            rows = fn(user)
            if rows:
                out.append((item, rows))
    return out

"""The key pages of sifa: who opens them and where they are. test_pages.py audits each with axe-core and
screenshots it; a line's pages are skipped until the line is merged (its probe URL answers 404).

To add a page: append a KeyPage. `path` is a URL, or a function(page) -> URL that finds it by clicking
through as the user (e.g. the first case of a list); returning None skips the page with the reason given.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class KeyPage:
    name: str
    user: str | None  # None: anonymous (the login page, the citizen portal)
    path: str | Callable
    needs: tuple[str, ...] = ()  # the lines whose probes must not answer 404
    phone: bool = False  # also at 390×844 (the citizen portal, the log-in page)
    status: int = 200


# line -> a URL that answers 404 until the line is merged (anonymous GET; a redirect to log in counts as present)
LINE_PROBES = {
    "reconsideration": "/reconsideration/",
    "portal": "/apply/",
    "mediation": "/mediation/",
    "litigation": "/litigation/",
    "reports": "/reports/",
}


def first_link(list_path: str, selector: str = "table.list tbody a[href]"):
    """The first link in a list page's table (a case, a party ...), or None when the list is empty."""

    def find(page):
        page.goto(list_path)
        link = page.locator(selector).first
        if not link.count():
            return None
        return link.get_attribute("href")

    find.__name__ = f"first link of {list_path}"
    return find


KEY_PAGES = [
    # the kernel
    KeyPage("public-home", None, "/", phone=True),
    KeyPage("login", None, "/login/", phone=True),
    KeyPage("home-handler", "handler", "/"),
    KeyPage("home-leader", "leader", "/"),
    KeyPage("parties", "handler", "/parties/"),
    KeyPage("party-new", "caoyang", "/parties/new/"),
    KeyPage("party-detail", "caoyang", first_link("/parties/")),
    KeyPage("units", "handler", "/units/"),
    KeyPage("audit-log", "auditor", "/audit/"),
    KeyPage("not-found", "changshou", "/parties/999999999/", status=404),
    KeyPage("forbidden", "auditor", "/parties/", status=403),
    # 行政复议
    KeyPage("reconsideration-list", "handler", "/reconsideration/", needs=("reconsideration",)),
    KeyPage("reconsideration-detail", "handler", first_link("/reconsideration/"), needs=("reconsideration",)),
    KeyPage("reconsideration-import", "handler", "/imports/applications/", needs=("reconsideration",)),
    # the citizen portal
    KeyPage("portal-home", None, "/apply/", needs=("portal",), phone=True),
    KeyPage("portal-application-form", None, first_link("/apply/", 'main a[href^="/apply/"]'), needs=("portal",),
            phone=True),
    # 行政应诉
    KeyPage("litigation-list", "yingsu", "/litigation/", needs=("litigation",)),
    KeyPage("litigation-detail", "yingsu", first_link("/litigation/"), needs=("litigation",)),
    # 矛盾纠纷多元化解
    KeyPage("mediation-list", "mediator", "/mediation/", needs=("mediation",)),
    KeyPage("mediation-detail", "mediator", first_link("/mediation/"), needs=("mediation",)),
    KeyPage("mediation-import", "mediator", "/imports/disputes/", needs=("mediation",)),
    # statistics and reports
    KeyPage("reports-home", "leader", "/reports/", needs=("reports",)),
    KeyPage("stats-district", "leader", "/reports/stats/", needs=("reports",)),
    KeyPage("stats-reconsideration", "leader", "/reports/stats/reconsideration/",
            needs=("reports", "reconsideration")),
    KeyPage("stats-mediation", "leader", "/reports/stats/mediation/", needs=("reports", "mediation")),
    KeyPage("annual-report", "leader", first_link("/reports/", 'table.list a[href*="/reports/annual/"]'),
            needs=("reports",)),
]

"""Every page of the demo, as each role: no raw event code and no legal basis in English on a Chinese page.

The walk signs in as each demo user, follows every same-site link it finds from the home page (GET only, no
downloads, exports, sign-out or admin), up to a budget of pages per role, and reads each page's text and its
titles (action buttons carry their legal basis as a title). It fails on a registered audit event code shown as
is ("reconsideration.accepted") and on a legal basis written in English shorthand ("FY 31 ¶1", "FYSL 29")."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest

from sifa.core import events
from sifa.core.authorisation import USERS

pytestmark = pytest.mark.browser

BUDGET = 80  # pages per role: every kind of page a role reaches from its menus, once
SKIP = re.compile(r"/(logout|admin|i18n|static|api)/|[?&](export|format)=|/download|\.(docx|pdf|xlsx|csv)$|/account/")
PLACEHOLDER = re.compile(r"\{\{.*?\}\}")
ENGLISH_BASIS = re.compile(r"¶|\bFYSL\b|\bFY(?:2017)?\s+\d|\bArt(?:icle)?\.?\s+\d")


# Not read: scripts and styles; <code>, an identifier shown as such (a metric's key); <textarea>, what a user
# typed (a report section's text, whose placeholders name figures by key).
SKIPPED_TAGS = ("script", "style", "code", "textarea")


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self.titles: list[str] = []
        self.links: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in SKIPPED_TAGS:
            self._skip += 1
        if a.get("title"):
            self.titles.append(a["title"])
        if tag == "a" and a.get("href") and not a.get("download"):
            self.links.append(a["href"])

    def handle_endtag(self, tag):
        if tag in SKIPPED_TAGS and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def _read(html: str) -> tuple[str, str, list[str]]:
    """The page's visible text, its titles (tooltips), and its links."""
    parser = _Text()
    parser.feed(html)
    return " ".join(parser.parts), " ".join(parser.titles), parser.links


def _shape(target: str) -> str:
    """A page's kind: its path with numbers and query values blanked (/reconsideration/N/action/accept/)."""
    path, _, query = target.partition("?")
    return re.sub(r"\d+", "N", path) + "?" + ",".join(sorted(k.split("=")[0] for k in query.split("&") if k))


def _walk(request, base: str) -> dict[str, tuple[str, str]]:
    """path -> the page's text and titles: from the home page, every kind of page once (a page of a
    kind not yet seen goes first), within the budget."""
    seen: dict[str, tuple[str, str]] = {}
    shapes: dict[str, int] = {}
    queue = ["/"]
    host = urlsplit(base).netloc
    while queue and len(seen) < BUDGET:
        queue.sort(key=lambda t: shapes.get(_shape(t), 0))
        path = queue.pop(0)
        if path in seen or shapes.get(_shape(path), 0) >= 1:
            continue
        shapes[_shape(path)] = shapes.get(_shape(path), 0) + 1
        response = request.get(urljoin(base, path), max_redirects=3)
        if response.status != 200 or "text/html" not in response.headers.get("content-type", ""):
            seen[path] = ("", "")
            continue
        text, titles, links = _read(response.text())
        seen[path] = (text, titles)
        for href in links:
            url = urlsplit(urljoin(base + path, href))
            if url.scheme not in ("http", "https") or url.netloc != host:
                continue
            target = url.path + (f"?{url.query}" if url.query else "")
            if target not in seen and target not in queue and not SKIP.search(target) and "after=" not in target:
                queue.append(target)
    return seen


@pytest.mark.parametrize("username", USERS)
def test_no_page_shows_an_event_code_or_an_english_legal_basis(username, signed_in, sifa_server):
    page = signed_in(username)
    pages = _walk(page.context.request, sifa_server)
    assert len(pages) > 1 or username in ("auditor",), f"{username}: the walk found no page beyond the home page"
    codes = sorted(events.codes(), key=len, reverse=True)
    code_re = re.compile(r"(?<![\w./-])(" + "|".join(re.escape(c) for c in codes) + r")(?![\w/-])")
    found = []
    for path, (text, titles) in pages.items():
        # A tooltip may name the code (the audit log's, for the auditor); a report's placeholder names a figure.
        for m in code_re.finditer(PLACEHOLDER.sub(" ", text)):
            found.append(f"{path}: event code {m.group(1)!r}")
        both = f"{text} {titles}"
        for m in ENGLISH_BASIS.finditer(both):
            found.append(f"{path}: English legal basis …{both[max(0, m.start() - 30):m.end() + 30]}…")
    assert not found, f"{username} sees codes or English legal bases:\n" + "\n".join(found[:40])

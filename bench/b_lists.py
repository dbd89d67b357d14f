"""(b) The busiest list pages (mediation, reconsideration): filtered and sorted, the first page and a deep
page reached by following the keyset pager, server time p50/p95 through Django's test Client (middleware,
view, template), vs the Django admin changelist of the same table (COUNT(*) and OFFSET pagination)."""

from __future__ import annotations

import re
from urllib.parse import urlencode

from django.contrib.admin import site
from django.test import Client
from django.urls import reverse

from . import Skip
from .signin import signed_in
from .timing import measure, ms, ratio

TITLE = "List pages (keyset) vs the Django admin changelist"
GOAL_MS = 50
PAGE_ROWS = 50  # the lines' list pages show 50 rows
AFTER_RE = re.compile(r"[?&;]after=([A-Za-z0-9_=\-]+)")


def _client(user) -> Client:
    return signed_in(user)


def _get(c: Client, url: str):
    r = c.get(url)
    if r.status_code != 200:
        raise RuntimeError(f"GET {url} answered {r.status_code}")
    return r


def deep_url(c: Client, url: str, pages: int) -> tuple[str, int]:
    """Follow the pager's `after` token `pages` times; the URL of the deepest page reached."""
    current, reached = url, 0
    for _ in range(pages):
        m = AFTER_RE.search(_get(c, current).content.decode())
        if not m:
            break
        sep = "&" if "?" in url else "?"
        current, reached = f"{url}{sep}after={m.group(1)}", reached + 1
    return current, reached


def superuser():
    from sifa.core.models import User

    u = User.objects.filter(username="bench_admin").first()
    if u is None:
        u = User.objects.create_superuser("bench_admin", "", None, last_name="基准", first_name="管理员")
    return u


def run(ctx) -> dict:
    chosen = [p for p in ctx.plugins if p.list_url_name]
    if not chosen:
        raise Skip("no line with a list page is installed yet")
    admin = _client(superuser())
    rows, ratios, notes = [], [], []
    for p in chosen:
        deepest_rows = 0
        try:
            base = reverse(p.list_url_name)
            _get(_client(p.list_users(ctx)[0]), base)
        except Exception as e:  # the line has not wired its list view yet
            notes.append(f"{p.line}: the list page could not be measured ({e.__class__.__name__}: {e})")
            continue
        for who in p.list_users(ctx):
            c = _client(who)
            for label, params in p.list_queries():
                url = base + (f"?{urlencode(params)}" if params else "")
                first = measure(lambda url=url, c=c: _get(c, url), repeat=ctx.repeat)
                deep, reached = deep_url(c, url, ctx.deep_pages)
                deepest_rows = max(deepest_rows, reached * PAGE_ROWS)
                deep_t = measure(lambda deep=deep, c=c: _get(c, deep), repeat=ctx.repeat)
                for kind, t in (("first page", first), (f"page {reached + 1} (keyset)", deep_t)):
                    rows.append([p.line, who.username, label, kind, ms(t.p50), ms(t.p95)])
                    ratios.append({"label": f"{p.line} · {who.username} · {label} · {kind}: p95",
                                   "value": round(t.p95 * 1000, 1), "unit": " ms", "goal": f"≤ {GOAL_MS} ms",
                                   "met": t.p95 * 1000 <= GOAL_MS})
                p.last_list_p95 = max(getattr(p, "last_list_p95", 0), first.p95)
        changelist = reverse(f"admin:{p.model._meta.app_label}_{p.model._meta.model_name}_changelist")
        a_first = measure(lambda u=changelist: _get(admin, u), repeat=max(3, ctx.repeat // 3))
        # the admin's page as deep in rows as the keyset's deepest page (its pages are 1-based), or its last
        per_page = site._registry[p.model].list_per_page
        last = max(1, -(-p.model._default_manager.count() // per_page))
        deep_p = min(last, 1 + deepest_rows // per_page)
        a_deep = measure(lambda u=f"{changelist}?p={deep_p}": _get(admin, u), repeat=max(3, ctx.repeat // 3))
        rows.append([p.line, "bench_admin", "Django admin changelist", "first page", ms(a_first.p50), ms(a_first.p95)])
        rows.append([p.line, "bench_admin", "Django admin changelist", f"page {deep_p} (OFFSET)",
                     ms(a_deep.p50), ms(a_deep.p95)])
        worst = getattr(p, "last_list_p95", None)
        if worst:
            v = ratio(a_first.p95, worst)
            ratios.append({"label": f"{p.line}: admin changelist p95 ÷ slowest list first page p95", "value": v,
                           "goal": "≥ 10×", "met": v is not None and v >= 10})
    if not ratios:
        raise Skip("; ".join(notes) or "no list page to measure")
    return {"title": TITLE, "ratios": ratios, "headers": ["line", "user", "view", "page", "p50", "p95"],
            "rows": rows, "notes": notes + [
                f"{ctx.repeat} requests per page after one warm-up; server time in-process through "
                "django.test.Client (all middleware, the view, the template), DEBUG off.",
                "The admin changelist runs as a superuser (sees every row); it counts the table (COUNT(*)) for "
                "its paginator and pages with OFFSET."]}

"""Keyset pagination: stable pages with no COUNT(*)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sifa.core.models import Unit
from sifa.core.paging import keyset_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def rows():
    kind = Unit._meta.get_field("kind").choices[0][0]
    names = ["丙", "甲", "乙", "甲", "丁", "乙", "甲"]  # ties on the sort key
    return [Unit.objects.create(code=f"T-{i}", name=n, kind=kind) for i, n in enumerate(names)]


def _walk(qs, order, size):
    seen, token = [], None
    while True:
        page = keyset_page(qs, order=order, after=token, size=size)
        seen.extend(r.pk if hasattr(r, "pk") else r["id"] for r in page.rows)
        if not page.has_next:
            return seen
        token = page.next_token


def test_pages_cover_every_row_once_in_order_despite_ties(rows):
    qs = Unit.objects.filter(code__startswith="T-")
    expected = list(qs.order_by("name", "-pk").values_list("pk", flat=True))
    assert _walk(qs, ("name",), 2) == expected
    assert _walk(qs, ("-name", "pk"), 3) == list(qs.order_by("-name", "pk").values_list("pk", flat=True))


def test_value_rows_page_too(rows):
    qs = Unit.objects.filter(code__startswith="T-").values("id", "name")
    assert _walk(qs, ("name", "id"), 3) == list(
        Unit.objects.filter(code__startswith="T-").order_by("name", "id").values_list("pk", flat=True))


def test_a_page_costs_one_query_and_never_counts(rows):
    with CaptureQueriesContext(connection) as ctx:
        page = keyset_page(Unit.objects.filter(code__startswith="T-"), order=("name",), size=3)
    assert len(ctx.captured_queries) == 1 and "COUNT" not in ctx.captured_queries[0]["sql"].upper()
    assert len(page.rows) == 3 and page.has_next


def test_a_page_with_joins_cuts_the_keys_first_then_joins_only_its_rows(rows):
    qs = Unit.objects.filter(code__startswith="T-").select_related("parent")
    with CaptureQueriesContext(connection) as ctx:
        page = keyset_page(qs, order=("name",), size=3)
    keys, page_rows = (q["sql"] for q in ctx.captured_queries)
    assert "JOIN" not in keys.upper() and "LIMIT 4" in keys  # sorted and cut on the table alone
    assert "JOIN" in page_rows.upper() and "LIMIT" not in page_rows.upper()  # the page's rows with their joins
    assert [u.pk for u in page.rows] == [u.pk for u in qs.order_by("name", "-pk")[:3]] and page.has_next
    assert all(u.parent_id is None or "parent" in u._state.fields_cache for u in page.rows)


@pytest.mark.parametrize("token", ["garbage", "W10=", "WyJhIl0=", "eyJhIjogMX0="])
def test_a_mangled_token_shows_the_first_page(rows, token):
    page = keyset_page(Unit.objects.filter(code__startswith="T-"), order=("name",), after=token, size=50)
    assert len(page.rows) == 7


def test_going_back_shows_the_page_before_with_its_number(rows):
    qs = Unit.objects.filter(code__startswith="T-")
    expected = list(qs.order_by("name", "-pk").values_list("pk", flat=True))
    p1 = keyset_page(qs, order=("name",), size=2)
    p2 = keyset_page(qs, order=("name",), after=p1.next_token, size=2)
    p3 = keyset_page(qs, order=("name",), after=p2.next_token, size=2)
    assert (p1.number, p2.number, p3.number) == (1, 2, 3) and not p1.has_prev and p3.has_prev
    back = keyset_page(qs, order=("name",), after=p3.prev_token, size=2)
    assert [u.pk for u in back.rows] == expected[2:4] and back.number == 2 and back.has_next
    first = keyset_page(qs, order=("name",), after=back.prev_token, size=2)
    assert [u.pk for u in first.rows] == expected[:2] and first.number == 1 and not first.has_prev


def test_a_short_list_has_its_total_and_a_link_to_each_page(rows):
    qs = Unit.objects.filter(code__startswith="T-")
    expected = list(qs.order_by("name", "-pk").values_list("pk", flat=True))
    page = keyset_page(qs, order=("name",), size=3)
    with CaptureQueriesContext(connection) as ctx:
        assert page.total.count == 7 and page.total.exact and page.pages == 3
    assert "LIMIT 1001" in ctx.captured_queries[0]["sql"]  # counted no further than the cap
    links = page.page_links()
    assert [n for n, _t in links] == [1, 2, 3]
    third = keyset_page(qs, order=("name",), after=links[2][1], size=3)
    assert [u.pk for u in third.rows] == expected[6:] and third.number == 3 and not third.has_next


def test_a_long_list_is_not_counted_to_the_end(rows, monkeypatch):
    from sifa.core import paging

    monkeypatch.setattr(paging, "COUNT_CAP", 5)
    total = paging.count_capped(Unit.objects.filter(code__startswith="T-"))
    assert not total.exact and total.count >= 0  # PostgreSQL: the planner's estimate; SQLite: "more than"
    page = keyset_page(Unit.objects.filter(code__startswith="T-"), order=("name",), size=2)
    assert page.pages is None and page.page_links() == []

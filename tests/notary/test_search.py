"""The header search finds an application by number, name or the whole ID number, within the user's units."""

from __future__ import annotations

import pytest

from sifa.core.search import Query
from sifa.notary.search import search

pytestmark = pytest.mark.django_db


def test_the_header_search_finds_applications_in_scope(apply, staff, users):
    case = apply(name="欧阳公证", id_number="11010519491231002X")
    assert [h.url for h in search(staff, Query.of(case.number))] == [case.get_absolute_url()]
    assert [h.url for h in search(staff, Query.of("欧阳"))] == [case.get_absolute_url()]
    hits = search(staff, Query.of("11010519491231002X"))
    assert [h.url for h in hits] == [case.get_absolute_url()] and "11010519491231002X" not in hits[0].title
    assert search(users["handler"], Query.of(case.number)) == []  # another line's worker

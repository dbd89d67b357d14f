"""The header search of the lawyers' line: by number, part of a name, scoped to what the user may see."""

from __future__ import annotations

from datetime import date

import pytest

from sifa.core.models import Membership, Role, User
from sifa.core.search import Query
from sifa.lawyers.search import search

pytestmark = pytest.mark.django_db


def test_search_finds_complaints_and_the_register_in_scope(complain, staff, units):
    c = complain(date(2024, 3, 4))
    hits = search(staff, Query.of("赵投"))
    assert [h.url for h in hits] == [c.get_absolute_url()]
    assert any("钱律师" in h.title for h in search(staff, Query.of("钱律师")))
    assert search(staff, Query.of(c.number))[0].state
    other = User.objects.create(username="lv_other2")
    Membership.objects.create(user=other, unit=units["PT-SFS-CYXC"], role=Role.objects.get(code="profession_supervisor"))
    assert search(other, Query.of("赵投")) == [] and search(other, Query.of("钱律师")) == []

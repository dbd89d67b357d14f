"""The header search of governance and publicity (core.search): by number or words, scoped, no personal numbers."""

from __future__ import annotations

from datetime import date

import pytest

from sifa.core.search import Query
from sifa.governance import search as gov_search
from sifa.governance import services
from sifa.publicity import search as pub_search
from sifa.publicity import services as pub

pytestmark = pytest.mark.django_db


def test_the_header_search_finds_inspections_topics_and_study_lists_in_scope(staff, office, units, users):
    insp = services.inspection_register(unit=office, by=staff, campaign="2024年专项督察", kind="enforcement",
                                        inspected=units["PT-WLJ"], visited_on=date(2024, 3, 4))
    services.topic_propose(unit=office, by=staff, year=2024, title="基层法治观察课题", lead=units["PT-SFJ"],
                           on=date(2024, 3, 1))
    pub.study_list_publish(unit=office, by=staff, year=2024, title="应知应会清单", published_on=date(2024, 2, 1),
                           items=[("上海市养犬管理条例", "")])
    by_number = gov_search.search(staff, Query.of(insp.number))
    assert [h.url for h in by_number] == [insp.get_absolute_url()]
    assert [h.title for h in gov_search.search(staff, Query.of("观察课题"))] == ["基层法治观察课题"]
    assert [h.title for h in pub_search.search(staff, Query.of("养犬"))] == ["应知应会清单"]
    assert gov_search.search(staff, Query.of("110101199003074514")) == []  # a whole number finds nothing here
    assert gov_search.search(users["handler"], Query.of(insp.number)) == []  # out of scope
    assert pub_search.search(users["handler"], Query.of("养犬")) == []

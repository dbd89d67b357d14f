"""The header search of forensic appraisal."""

from __future__ import annotations

from datetime import date

import pytest

from sifa.appraisal import services
from sifa.appraisal.search import search
from sifa.core.search import Query

pytestmark = pytest.mark.django_db


def test_search_finds_complaints_proposals_and_institutions(division, staff, institution, users):
    c = services.complaint_register(unit=division, by=staff, received_on=date(2024, 3, 4), channel="phone",
                                    complainant="孙投诉", matter="超期", respondent_institution=institution)
    assert [h.url for h in search(staff, Query.of("孙投"))] == [c.get_absolute_url()]
    assert any(h.url == institution.get_absolute_url() for h in search(staff, Query.of("测试司法鉴定")))
    assert search(users["leader"], Query.of(c.number))[0].url == c.get_absolute_url()

"""Correcting registered data of the lawyers' line with a reason; the fields a later step depends on refused."""

from __future__ import annotations

from datetime import date

import pytest

from sifa.core import clocks, corrections
from sifa.lawyers import services

pytestmark = pytest.mark.django_db


def test_a_complaint_is_corrected_and_its_clock_follows_until_it_is_accepted(complain, staff):
    c = complain(date(2024, 3, 4))
    corrections.correct(c, {"received_on": date(2024, 3, 5), "complainant": "赵某某"}, reason="登记时日期写错",
                        by=staff, expected_version=c.version)
    c.refresh_from_db()
    assert c.received_on == date(2024, 3, 5) and c.complainant == "赵某某"
    assert clocks.current(c, "lawyers.complaint_acceptance").start == date(2024, 3, 5)
    services.complaint_step(c, "accept", by=staff, on=date(2024, 3, 8))
    c.refresh_from_db()
    with pytest.raises(Exception) as e:
        corrections.correct(c, {"received_on": date(2024, 3, 4)}, reason="再改", by=staff, expected_version=c.version)
    assert "moved on" in str(e.value) or "不能" in str(e.value)
    corrections.correct(c, {"matter": "收费后未尽勤勉义务（补充）"}, reason="补充投诉事项", by=staff,
                        expected_version=c.version)


def test_the_matter_page_links_to_its_correction(login, staff, division, firm):
    from django.urls import reverse

    m = services.matter_register(unit=division, by=staff, kind="lawyer_licence", applicant="李申请",
                                 received_on=date(2024, 3, 4), firm=firm)
    client = login(staff)
    url = reverse("core:case_correct", args=["lawyers", "licensingmatter", m.pk])
    assert url in client.get(m.get_absolute_url()).content.decode()
    assert client.get(url).status_code == 200

"""Helpers for the lawyers' tests: a firm and a lawyer in the register, records built through the services in the
bureau's division that supervises lawyers (公共法律服务管理科)."""

from __future__ import annotations

import pytest

from sifa.lawyers import services
from tests.core.conftest import english  # noqa: F401  (messages in English for the tests that assert on them)


@pytest.fixture
def staff(users):
    return users["lvguan"]


@pytest.fixture
def division(units):
    return units["PT-SFJ-GF"]


@pytest.fixture
def firm(division, staff):
    return services.firm_register(name="上海测试律师事务所", licence_number="31070000000000099", supervised_by=division,
                                  by=staff, practice_areas=["民事诉讼"])


@pytest.fixture
def lawyer(firm, staff):
    return services.lawyer_register(firm=firm, name="钱律师", licence_number="13107202400000001", by=staff)


@pytest.fixture
def complain(division, staff, firm, lawyer):
    """complain(received_on) -> a complaint against 钱律师, by letter."""

    def _complain(received_on, **kw):
        return services.complaint_register(unit=division, by=staff, received_on=received_on, channel="letter",
                                           complainant="赵投诉", matter="收取代理费后未尽勤勉义务", respondent_firm=firm,
                                           respondent_lawyer=lawyer, **kw)
    return _complain

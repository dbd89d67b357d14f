"""Helpers for the appraisal tests: an institution in the register, records built through the services in the
bureau's division that supervises appraisal (公共法律服务管理科)."""

from __future__ import annotations

import pytest

from sifa.appraisal import services
from tests.core.conftest import english  # noqa: F401  (messages in English for the tests that assert on them)


@pytest.fixture
def staff(users):
    return users["lvguan"]


@pytest.fixture
def division(units):
    return units["PT-SFJ-GF"]


@pytest.fixture
def institution(division, staff):
    return services.institution_register(name="上海测试司法鉴定所", licence_number="310107000099",
                                         supervised_by=division, by=staff, practice_areas=["法医临床鉴定"])

"""Helpers for the supervisors' tests: a pool and requests built through the services, in 人民参与和促进法治科."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from sifa.core.validators import id_number_check_digit
from sifa.supervisors import services
from sifa.supervisors.models import Field
from tests.core.conftest import english  # noqa: F401

SELECTED = date(2022, 3, 1)


def id_number(n: int) -> str:
    first17 = f"31010719800101{n:03d}"
    return first17 + id_number_check_digit(first17)


@pytest.fixture
def staff(users):
    return users["jiandu"]


@pytest.fixture
def division(units):
    return units["PT-SFJ-CF"]


@pytest.fixture
def procuratorate(units):
    return units["PT-JCY"]


@pytest.fixture
def pool(division, staff):
    """Twelve supervisors: four in law, four in community, four in education."""
    out = []
    for i, field in enumerate([Field.LAW] * 4 + [Field.COMMUNITY] * 4 + [Field.EDUCATION] * 4, 1):
        out.append(services.supervisor_select(
            unit=division, by=staff, name=f"监督员{i}", id_number=id_number(i), code=f"T-{i:03d}", field=field,
            birth_date=date(1980, 1, 1), selected_on=SELECTED, appointed_by="上海市司法局"))
    return out


@pytest.fixture
def make_request(division, staff, procuratorate):
    def make(received=date(2022, 5, 9), requested=3, activity_in=14):
        return services.request_register(unit=division, by=staff, procuratorate=procuratorate,
                                         activity_kind="hearing", activity="拟不起诉案件公开听证",
                                         activity_on=received + timedelta(days=activity_in), requested=requested,
                                         received_on=received)
    return make


def prepare_data(on: date, **kw) -> dict:
    data = {"seed_source": "双色球开奖号码", "seed_published_on": on + timedelta(days=2), "quotas": {},
            "conflicts": [], "conflict_reason": ""}
    data.update(kw)
    return data

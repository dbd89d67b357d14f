"""A test MetricSet over core.Party standing in for a business line (the lines land on main separately)."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from django.db.models import Q
from django.utils import timezone

from sifa.core import metrics
from sifa.core.models import Party

LINE = "testline"


def party_set() -> metrics.MetricSet:
    return metrics.MetricSet(
        line=LINE, label="测试业务", list_url_name="party_list",
        metrics=[
            metrics.Count(f"{LINE}.received", "收到", "登记的当事人", model="core.Party", date_field="created_at__date"),
            metrics.Count(f"{LINE}.persons", "自然人", "自然人", model="core.Party", date_field="created_at__date",
                          q=Q(kind="person")),
            metrics.Count(f"{LINE}.organisations", "组织", "组织", model="core.Party",
                          date_field="created_at__date", q=Q(kind="organisation")),
            metrics.Rate(f"{LINE}.person_rate", "自然人比例", "自然人 ÷ 收到", numerator=f"{LINE}.persons",
                         denominator=f"{LINE}.received", decimals=2),
        ],
        equations=[metrics.Equation("收到 = 自然人 + 组织", f"{LINE}.received",
                                    (f"{LINE}.persons", f"{LINE}.organisations"))],
        breakdowns=[("unit__name", "登记单位")])


@pytest.fixture
def line():
    metrics.register(party_set())
    yield LINE
    metrics.unregister(LINE)


def make(unit, kind, on: date, n=1):
    for i in range(n):
        party = Party.objects.create(kind=kind, name=f"{kind}{on}{i}", unit=unit)
        Party.objects.filter(pk=party.pk).update(created_at=timezone.make_aware(datetime(on.year, on.month, on.day, 9)))


@pytest.fixture
def records(units, line):
    """Q2 2022: 3 persons + 1 organisation; Q3 2022: 4 persons + 2 organisations over two units."""
    make(units["PT-SFS-CSL"], "person", date(2022, 5, 4), 3)
    make(units["PT-SFS-CSL"], "organisation", date(2022, 6, 30), 1)
    make(units["PT-SFS-CSL"], "person", date(2022, 7, 1), 3)
    make(units["PT-SFS-CYXC"], "person", date(2022, 9, 30), 1)
    make(units["PT-SFS-CYXC"], "organisation", date(2022, 8, 15), 2)
    make(units["PT-SFS-CYXC"], "person", date(2022, 10, 1), 5)  # Q4
    return units

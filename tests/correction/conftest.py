"""Helpers for the correction tests: persons received through the services at a justice office."""

from __future__ import annotations

from datetime import date

import pytest

from sifa.core import district as core_district
from sifa.correction import services
from sifa.correction.models import Kind, Organ
from tests.core.conftest import english  # noqa: F401  (messages in English for the tests that assert on them)


@pytest.fixture
def division(units, db):
    core_district.put("correction.division", "PT-SFJ-JZ")
    return units["PT-SFJ-JZ"]


@pytest.fixture
def officer(users, division):
    return users["jiaozheng"]


@pytest.fixture
def office(units):
    return units["PT-SFS-CSL"]


@pytest.fixture
def notice(office, officer):
    """notice(**overrides) -> a person whose probation took effect 2024-03-04 (a Monday)."""
    counter = iter(range(1, 10000))

    def _notice(**kw):
        args = dict(unit=office, by=officer, name="王矫正", kind=Kind.PROBATION, offence="危险驾驶罪",
                    deciding_organ=Organ.COURT, deciding_body="上海市普陀区人民法院",
                    decision_number=f"（2024）沪0107刑初{next(counter)}号", notice_received_on=date(2024, 3, 5),
                    effective_on=date(2024, 3, 4), term_end=date(2025, 3, 3), id_number="11010519491231002X")
        args.update(kw)
        return services.intake(**args)

    return _notice


@pytest.fixture
def office_officer(office):
    """Correction staff of the 长寿路 justice office: sees that office's persons only, and decides what a justice
    office may (not a warning, not long leave)."""
    from sifa.core.models import Membership, Role, User

    user = User.objects.create(username="jz_csl", last_name="吴", first_name="矫正")
    Membership.objects.create(user=user, unit=office, role=Role.objects.get(code="correction_officer"))
    return user


@pytest.fixture
def supervised(notice, officer):
    """A person reported in on 2024-03-08 and announced the same day at the strict level (contact every 7 days)."""
    from sifa.correction.workflow import WORKFLOW

    case = notice()
    WORKFLOW.run(case, "report_in", by=officer, on=date(2024, 3, 8), data={"identity_checked": True})
    WORKFLOW.run(case, "announce", by=officer, on=date(2024, 3, 8), data={"level": "strict", "plan": "每周报告"})
    return case

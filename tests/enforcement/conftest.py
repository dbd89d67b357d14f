"""Helpers for the enforcement tests: records built through the services, in 法治督察与执法监督科."""

from __future__ import annotations

from datetime import date

import pytest

from sifa.enforcement import services
from sifa.enforcement.models import Qualification
from tests.core.conftest import english  # noqa: F401  (messages in English for the tests that assert on them)


@pytest.fixture
def division(units):
    return units["PT-SFJ-ZF"]


@pytest.fixture
def staff(users, division):
    from sifa.core.models import Membership, Role, User
    from sifa.core.roles import sync_roles

    user = User.objects.filter(username="zhifa").first()
    if user is None:
        sync_roles()
        user = User.objects.create(username="zhifa", last_name="钱", first_name="执法监督")
        Membership.objects.create(user=user, unit=division, role=Role.objects.get(code="case_handler"))
    return User.objects.get(pk=user.pk)


@pytest.fixture
def agency(units):
    return units["PT-SCJG"]


@pytest.fixture
def officer(division, staff, agency):
    return services.officer_register(unit=division, by=staff, agency=agency, name="王执法", post="食品安全执法",
                                     qualification=Qualification.LAW_DEGREE, id_number="11010519491231002X")


@pytest.fixture
def apply(division, staff, officer):
    """apply(**overrides) -> an application received 2024-03-04 (a Monday)."""

    def _apply(**kw):
        args = dict(unit=division, by=staff, officer=officer, kind="new", received_on=date(2024, 3, 4))
        args.update(kw)
        return services.application_register(**args)

    return _apply

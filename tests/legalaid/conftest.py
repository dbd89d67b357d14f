"""Helpers for the legal-aid tests: cases built through the services, at the district's legal-aid centre."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from sifa.legalaid import services
from sifa.legalaid.models import HardshipStandard, MatterType, ServiceForm
from tests.core.conftest import english  # noqa: F401  (messages in English for the tests that assert on them)


@pytest.fixture
def staff(users):
    return users["legalaid"]


@pytest.fixture
def centre(units):
    return units["PT-FYZX"]


@pytest.fixture
def firm(units):
    return units["PT-LS-BHHS"]


@pytest.fixture
def standard(db):
    """A standard in force for 2024 test dates (the migration's Shanghai 2024-07 value is kept too)."""
    return HardshipStandard.objects.create(effective_from=date(2024, 1, 1), monthly_income_per_capita=Decimal("2800"),
                                           basis="测试标准")


@pytest.fixture
def apply(centre, staff):
    """apply(**overrides) -> a case received 2024-03-04 (a Monday)."""

    def _apply(**kw):
        args = dict(unit=centre, by=staff, name="王援助", received_on=date(2024, 3, 4), channel="window",
                    matter_type=MatterType.CIVIL, service_form=ServiceForm.LITIGATION,
                    matter="追索劳动报酬", id_number="11010519491231002X")
        args.update(kw)
        return services.application_register(**args)

    return _apply


ELIGIBLE = {"method": "pledge", "household_size": 3, "household_monthly_income": Decimal("6000"),
            "property_within_limit": True, "pledge_signed": True}

"""Helpers for the notarisation tests: applications built through the services, at the district's notary office."""

from __future__ import annotations

from datetime import date

import pytest

from sifa.notary import services
from sifa.notary.models import Matter
from tests.core.conftest import english  # noqa: F401  (messages in English for the tests that assert on them)


@pytest.fixture
def staff(users):
    return users["notary"]


@pytest.fixture
def head(users):
    """The office head (公证处负责人), who approves a refusal."""
    return users["notary_head"]


@pytest.fixture
def office(units):
    return units["PT-GZC"]


@pytest.fixture
def apply(office, staff):
    """apply(**overrides) -> an application received and accepted at the window on 2024-09-27 (a Friday)."""

    def _apply(**kw):
        args = dict(unit=office, by=staff, name="王公证", received_on=date(2024, 9, 27), channel="window",
                    matter=Matter.ENTRUSTMENT, id_number="11010519491231002X", phone="13800138000",
                    accept_now=True, notary="钱文华")
        args.update(kw)
        return services.application_register(**args)

    return _apply

"""Helpers for the petitions tests: petitions and orders registered through the services, in the bureau's 办公室."""

from __future__ import annotations

from datetime import date

import pytest

from sifa.petitions import services
from sifa.petitions.models import Channel, HotlineKind, Kind
from tests.core.conftest import english  # noqa: F401


@pytest.fixture
def staff(users):
    return users["xinfang"]


@pytest.fixture
def office(units):
    return units["PT-SFJ-BGS"]


@pytest.fixture
def register(office, staff):
    def make(**kw):
        args = dict(channel=Channel.LETTER, kind=Kind.COMPLAINT, name="王先生", subject="调解协议未履行",
                    content="调解协议约定的赔偿未支付。", received_on=date(2022, 9, 26))
        args.update(kw)
        return services.petition_register(unit=office, by=staff, record=services.OrderRecord(**args))
    return make


@pytest.fixture
def order(register):
    def make(**kw):
        args = dict(channel=Channel.HOTLINE, hotline_kind=HotlineKind.COMPLAINT, external_id="12345-0001",
                    subject="律师收费争议", content="反映律师收费过高。")
        args.update(kw)
        return register(**args)
    return make

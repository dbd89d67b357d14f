"""Fixtures of the dispute-resolution tests: a committee with mediators, and helpers that build disputes through
the services."""

from __future__ import annotations

from datetime import date

import pytest

from sifa.mediation import services
from sifa.mediation.models import DisputeType, Mediator, PartyRole
from sifa.mediation.services import PartyInput
from sifa.mediation.workflow import WORKFLOW


@pytest.fixture
def committee(units):
    return units["PT-TWH-CSL"]


@pytest.fixture
def centre(units):
    return units["PT-JFZX-CSL"]


@pytest.fixture
def court(units):
    return units["PT-FY"]


@pytest.fixture
def mediator_user(users):
    return users["mediator"]


@pytest.fixture
def mediators(committee, mediator_user):
    chief = services.mediator_save(mediator=Mediator(unit=committee, name="钱调解", is_chief=True, user=mediator_user),
                                   by=mediator_user)
    other = services.mediator_save(mediator=Mediator(unit=committee, name="孙调解"), by=mediator_user)
    return [chief, other]


@pytest.fixture
def neighbour_type(db):
    return DisputeType.objects.get(code="neighbourhood")


@pytest.fixture
def make_dispute(committee, neighbour_type, mediator_user):
    def _make(on=date(2022, 3, 1), **kwargs):
        kwargs.setdefault("unit", committee)
        kwargs.setdefault("dispute_type", neighbour_type)
        kwargs.setdefault("parties", [PartyInput("王甲"), PartyInput("李乙", role=PartyRole.RESPONDENT)])
        kwargs.setdefault("by", mediator_user)
        kwargs.setdefault("summary", "楼上漏水，双方就维修费用发生争执。")
        return services.dispute_register(on=on, **kwargs)

    return _make


@pytest.fixture
def mediating(make_dispute, mediator_user, mediators):
    """A dispute registered, accepted and in mediation (one session held)."""

    def _make(on=date(2022, 3, 1), **kwargs):
        d = make_dispute(on=on, **kwargs)
        WORKFLOW.run(d, "accept", by=mediator_user, on=on)
        WORKFLOW.run(d, "hold_session", by=mediator_user, on=on, data={"place": "调解室", "mediators": mediators, "record": "双方陈述意见。"})
        d.refresh_from_db()
        return d

    return _make

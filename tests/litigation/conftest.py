"""Helpers for the litigation tests: suits built through the services, on 2024 dates."""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from sifa.litigation import services
from sifa.litigation.models import OutcomeType
from sifa.litigation.workflow import suit_workflow

_numbers = itertools.count(1)


@pytest.fixture
def handler(users):
    return users["yingsu"]


@pytest.fixture
def outcome(db):
    return lambda code: OutcomeType.objects.get(code=code)


@pytest.fixture
def register(units, handler):
    """register(**overrides) -> Suit: a first-instance suit against the district government, served 2024-03-04."""

    def _register(**kw):
        n = next(_numbers)
        args = dict(by=handler, unit=units["PT-SFJ-YS"], court=units["PT-FY"],
                    court_case_number=f"（2024）沪0107行初{n}号", defendant=units["PT"], agency=units["PT-FGJ"],
                    challenged_act="房屋征收补偿决定", new_plaintiffs=[{"name": f"原告{n}"}], on=date(2024, 3, 4))
        args.update(kw)
        return services.suit_register(**args)

    return _register


@pytest.fixture
def answered(register, handler):
    def _answered(**kw):
        suit = register(**kw)
        return suit_workflow.run(suit, "answer", by=handler, on=suit.received_on,
                                 data=dict(defence="被诉行为合法。"))

    return _answered

from __future__ import annotations

import pytest

from tests.core.conftest import english  # noqa: F401  (messages in English for the tests that assert on them)


@pytest.fixture
def staff(users):
    return users["pufa"]


@pytest.fixture
def office(units):
    return units["PT-SFJ-PF"]

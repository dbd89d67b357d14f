"""Helpers for the reconsideration tests: applications registered through the services."""

from __future__ import annotations

from datetime import date

import pytest

from sifa.reconsideration import services
from sifa.reconsideration.models import SubjectArea


@pytest.fixture
def make_app(units, users):
    """make_app(received_on=date, **overrides) -> an Application registered through the service."""

    def _make(received_on: date = date(2024, 3, 4), **kw):
        params = dict(
            unit=units["PT-SFJ-FY"], respondent=units.get(kw.pop("respondent_code", "PT-GAFJ-JJ")),
            act_description="罚款200元的行政处罚决定", request="撤销该行政处罚决定", received_on=received_on,
            act_kind="penalty", subject_area=SubjectArea.objects.get(code="traffic"), act_number="沪公交决字〔2024〕1号",
            applicants=[services.PartyData(name="钱某某", id_number="110101199003077774", phone="13812345678",
                                           address="上海市普陀区长寿路1号")],
            handler=users["handler"], by=users["handler"], reasons="执法程序违法")
        params.update(kw)
        return services.application_register(**params)

    return _make


@pytest.fixture
def handler(users):
    return users["handler"]


@pytest.fixture
def head(users):
    return users["fuyi_head"]


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """The demo users' passwords need not be hashed with Argon2 in these tests."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

"""Shared fixtures: the demo district's units and one user per role, built once per test database."""

from __future__ import annotations

import pytest
from django.contrib.auth.hashers import Argon2PasswordHasher


class FastArgon2PasswordHasher(Argon2PasswordHasher):
    """Argon2 with tiny costs for the tests, which log in often; production keeps Django's costs (checked in
    tests/core/test_auth.py). The costs travel inside each hash, so verification stays consistent."""

    time_cost = 1
    memory_cost = 64
    parallelism = 1


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["tests.conftest.FastArgon2PasswordHasher"]


@pytest.fixture
def district(db):
    """The demo district's units and users (no line data): {'units': {code: Unit}, 'users': {username: User}}."""
    from sifa.core.models import User
    from sifa.demo import district as d

    units, _ = d.load()
    users = {u.username: u for u in User.objects.all()}
    return {"units": units, "users": users}


@pytest.fixture
def units(district):
    return district["units"]


@pytest.fixture
def users(district):
    return district["users"]


@pytest.fixture
def login(client):
    """Log a demo user into the test client: login(user) -> client."""

    def _login(user):
        client.force_login(user, backend="sifa.core.auth.RoleBackend")
        return client

    return _login


@pytest.fixture
def make_party(district):
    """Create a party through the service: make_party(unit_code, name, id_number=..., phone=..., **fields)."""
    from sifa.core import services
    from sifa.core.models import Party

    def _make(unit_code: str = "PT-SFS-CSL", name: str = "王小明", *, id_number: str = "", phone: str = "",
              by=None, **fields):
        party = Party(name=name, unit=district["units"][unit_code], **fields)
        return services.party_save(party=party, by=by or district["users"]["leader"], id_number=id_number,
                                   phone=phone)

    return _make

"""Shared fixtures: the demo district's units and one user per role, built once per test database."""

from __future__ import annotations

import pytest


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

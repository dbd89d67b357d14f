"""Shared fixtures: the demo district's units and one user per role, built once per test database.

The suite runs in parallel (`make test`: pytest-xdist). Each test module runs whole on one worker, so that data
a module builds once for all its tests (`module_db`) is built once; the browser tests, which share one sifa
server, all run on one worker.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.hashers import Argon2PasswordHasher
from django.db import transaction
from django.test.utils import override_settings
from hypothesis import settings as hypothesis_settings

# Speed is measured in the benchmarks, never in tests: Hypothesis' per-example deadline (200 ms) turned a loaded
# CI machine into failures of tests that check what a function returns.
hypothesis_settings.register_profile("sifa", deadline=None)
hypothesis_settings.load_profile("sifa")

FAST_HASHERS = ["tests.conftest.FastArgon2PasswordHasher"]


class FastArgon2PasswordHasher(Argon2PasswordHasher):
    """Argon2 with tiny costs for the tests, which log in often; production keeps Django's costs (checked in
    tests/core/test_auth.py). The costs travel inside each hash, so verification stays consistent."""

    time_cost = 1
    memory_cost = 64
    parallelism = 1


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS


@pytest.fixture(autouse=True)
def _own_audit_checkpoints(settings, tmp_path):
    """Each test its own audit checkpoint file (none at first), not var/'s, which other tests' chains are not in."""
    settings.SIFA_AUDIT_CHECKPOINT_FILE = tmp_path / "audit-checkpoints.log"


@pytest.fixture(autouse=True)
def _force_login_passes_two_factor(monkeypatch):
    """`client.force_login` skips the password; in the tests it skips the second factor too (core.two_factor),
    so that a test signs in an administrator or the leader in one line. Production is untouched: this patches
    the test client only. The tests of two-factor sign-in log in through the login page instead."""
    from django.test.client import ClientMixin

    from sifa.core import two_factor

    original = ClientMixin._login

    def _login(self, user, backend=None):
        original(self, user, backend)
        session = self.session
        session[two_factor.SESSION_KEY] = two_factor.PASSED
        session.save()

    monkeypatch.setattr(ClientMixin, "_login", _login)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache (users' cached permissions and scope among it)."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _fresh_calendar():
    """Holiday overrides are cached per process; a test's rows roll back, so forget them both ways (whichever
    test ran before on this worker)."""
    from sifa.core import calendar

    calendar.invalidate()
    yield
    calendar.invalidate()


@pytest.fixture(autouse=True)
def _no_figure_definitions():
    """Derived figure definitions (core.figures) are cached per process; a test's database starts without any,
    so the cache starts empty without a query (a save fills it again; data a module fixture builds with
    definitions calls figures.invalidate())."""
    from sifa.core import figures

    figures.assume_none()
    yield
    figures.assume_none()


TRANSACTIONAL = "transactional tests"


def _scopes(collection: list[str]):
    """The unit of work of each test id. pytest-django has ordered the collection: the tests in a transaction
    (db), then the transactional ones, which commit and leave the database flushed (data migrations' rows
    gone), then those without a database; each part runs through the files in pytest's (name) order, so a
    file name smaller than the one before starts the next part. The transactional tests form one unit, which
    the scheduler hands out last: on its worker no test that needs those rows comes after them."""
    part, before = 0, None
    for nodeid in collection:
        path = nodeid.split("::", 1)[0]
        key = tuple(path.split("/"))
        if before is not None and key < before:
            part += 1
        before = key
        if path.startswith("tests/browser/"):
            yield "tests/browser"  # they share one sifa server
        elif part == 1:
            yield TRANSACTIONAL
        else:
            yield path


@pytest.hookimpl(tryfirst=True, optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """Hand out whole test modules, all the browser tests as one unit, and the transactional tests as one unit
    at the end (`--dist loadgroup` cannot do it: under pytest 9 its group marks no longer reach xdist 3.8)."""
    if config.getvalue("dist") not in ("load", "loadscope", "loadfile", "loadgroup"):
        return None
    from xdist.scheduler import LoadScopeScheduling

    class ModuleScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return self.scope_of[nodeid]

        def schedule(self) -> None:
            assert self.collection_is_completed
            if self.collection is not None:
                for node in self.nodes:
                    self._reschedule(node)
                return
            if not self._check_nodes_have_same_collection():
                self.log("**Different tests collected, aborting run**")
                return
            self.collection = list(next(iter(self.registered_collections.values())))
            if not self.collection:
                return
            self.scope_of = dict(zip(self.collection, _scopes(self.collection), strict=True))
            units: dict[str, dict[str, bool]] = {}
            for nodeid, scope in self.scope_of.items():
                units.setdefault(scope, {})[nodeid] = False
            last = units.pop(TRANSACTIONAL, None)
            for scope, nodeids in sorted(units.items(), key=lambda unit: -len(unit[1])):  # the largest first
                self.workqueue[scope] = nodeids
            if last:
                self.workqueue[TRANSACTIONAL] = last
            for _ in range(len(self.nodes) - len(self.workqueue)):  # more workers than work
                unused, _assigned = self.assigned_work.popitem()
                unused.shutdown()
            for node in self.nodes:
                self._assign_work_unit(node)
            for node in self.nodes:
                self._reschedule(node)
            if not self.workqueue:
                for node in self.nodes:
                    node.shutdown()

    return ModuleScheduling(config, log)


@pytest.fixture(scope="module")
def module_db(django_db_setup, django_db_blocker):
    """A transaction around a whole test module, for data that is expensive to build (the demo's year):
    build it once in a module-scoped fixture, `with module_db(): ...`, and every test of the module (which
    requests `db` as usual) sees it inside its own savepoint, rolled back after each test; the module's
    transaction is rolled back at its end. Not for transactional tests, which would commit through it.

    Passwords set while building are hashed cheaply, as in the tests (see _fast_password_hashing)."""
    from sifa.core import calendar

    def unblocked():
        return django_db_blocker.unblock()

    with unblocked():
        atomic = transaction.atomic()
        atomic.__enter__()
    calendar.invalidate()
    try:
        with override_settings(PASSWORD_HASHERS=FAST_HASHERS):
            yield unblocked
    finally:
        with unblocked():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
        calendar.invalidate()  # the holiday rows it cached are gone


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


def load_demo(*lines: str) -> dict:
    """The demo district, its holidays, and the named lines' demo data (`sifa demo --only ...`): units by code."""
    from io import StringIO

    from sifa.demo import district, holidays, parts

    units, _users = district.load()
    holidays.load()
    for line in lines:  # in the order asked (a test may load the report before or without the lines)
        parts.load(units, StringIO(), only=[line])
    return units

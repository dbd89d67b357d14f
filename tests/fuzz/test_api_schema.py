"""Schemathesis over the API's OpenAPI schema (issue #14, fuzzing): every operation, with cases that fit the schema
and cases that break it, sent through the real WSGI application (`sifa.wsgi.application`, every middleware) as a
signed-in user. No answer may be a server error, and a refused request writes nothing.

schemathesis 4: `schemathesis.openapi.from_wsgi` loads the schema from the app; each operation's
`as_strategy(generation_mode)` feeds hypothesis; `case.call()` sends the request through the WSGI transport and
`case.validate_response(checks=[not_a_server_error])` judges the answer."""

from __future__ import annotations

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error

from sifa.wsgi import application

from .conftest import TALLY, recorded_writes

pytestmark = pytest.mark.django_db

STATUSES: dict[int, int] = {}  # answers by class (2: 2xx, ...), to show the calls were signed in
EXAMPLES = 15  # per operation and mode: 7 operations × 2 modes × 15 + 15 ≈ 225 requests


@pytest.fixture
def wsgi_in_test_transaction(settings):
    """The WSGI handler closes the database connection after each request; within a test that would end the test's
    transaction. Django's test client unhooks the same signal for the same reason (and hooks it again after each
    of its requests: request this fixture after any use of the test client)."""
    settings.ALLOWED_HOSTS = ["*"]
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def signed_in(district):
    """Headers of a session of a user who may use every operation (the leader: parties, clocks, statistics)."""
    client = Client()
    client.force_login(district["users"]["leader"], backend="sifa.core.auth.RoleBackend")
    client.get("/")  # sets the CSRF cookie
    session = client.cookies["sessionid"].value
    csrf = client.cookies["csrftoken"].value if "csrftoken" in client.cookies else "x" * 32
    return {"Cookie": f"sessionid={session}; csrftoken={csrf}", "X-CSRFToken": csrf}


@pytest.fixture
def api_schema(signed_in):
    """The schema, which only signed-in users may read, read as the signed-in user by Django's client: werkzeug's
    test client (schemathesis' from_wsgi) replaces a Cookie header given to it with its own, empty, cookie jar."""
    return Client(headers={"cookie": signed_in["Cookie"]}).get("/api/openapi.json").json()


def _operations(raw: dict):
    schema = schemathesis.openapi.from_dict(raw)
    schema.app = application  # the operations are called through the WSGI application, as from_wsgi sets it
    ops = [result.ok() for result in schema.get_all_operations()]
    assert len(ops) >= 6, "the API's operations were not found in its schema"
    return ops


def _cookies(headers) -> dict:
    """The session and CSRF cookies as cookies: werkzeug's client sends its cookie jar, not a Cookie header."""
    return dict(part.strip().split("=", 1) for part in headers["Cookie"].split(";"))


def _fuzz(operation, mode, headers, failures: list, **fixed) -> None:
    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy(generation_mode=mode, **fixed))
    def run(case):
        with recorded_writes() as writes:
            response = case.call(headers=dict(headers), cookies=_cookies(headers))
        TALLY["schemathesis requests"] += 1
        STATUSES[response.status_code // 100] = STATUSES.get(response.status_code // 100, 0) + 1
        if response.status_code >= 500:
            TALLY["schemathesis 500s"] += 1
            failures.append(f"{operation.label}: {response.status_code} for {case.as_curl_command()}")
            return
        case.validate_response(response, checks=[not_a_server_error], headers=dict(headers))
        if response.status_code >= 400:
            assert writes == [], f"{operation.label} wrote on refusal"

    run()


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_no_api_operation_answers_with_a_server_error(signed_in, api_schema, wsgi_in_test_transaction, mode):
    failures: list[str] = []
    for operation in _operations(api_schema):
        _fuzz(operation, mode, signed_in, failures)
        if mode == GenerationMode.POSITIVE and operation.path == "/api/deadline":
            # A random rule name is refused before any date arithmetic: fuzz the dates with a real rule too.
            _fuzz(operation, mode, signed_in, failures, query={"rule": "reconsideration.decision_ordinary"})
    assert failures == []
    if mode == GenerationMode.POSITIVE:  # the calls were signed in: valid ones were answered, not refused
        assert STATUSES.get(2, 0) > 0, STATUSES

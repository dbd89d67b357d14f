"""How the demo writes: one transaction without the services' savepoints, an error anywhere rolling back the
whole load; the reconsideration line's older plain cases imported, the others built step by step, with case
numbers in the order of receipt and an audit chain that verifies."""

from __future__ import annotations

import re

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from sifa.core import audit
from sifa.core.loading import one_transaction
from sifa.core.models import AuditEvent, Unit
from tests.conftest import load_demo

pytestmark = pytest.mark.django_db


def _unit(code: str) -> Unit:
    return Unit.objects.create(code=code, name=code, kind=Unit._meta.get_field("kind").choices[0][0])


def _savepoints(ctx: CaptureQueriesContext) -> int:
    return sum(q["sql"].upper().startswith("SAVEPOINT") for q in ctx.captured_queries)


def test_inside_the_load_atomic_blocks_take_no_savepoint_on_postgresql():
    with one_transaction():
        with CaptureQueriesContext(connection) as ctx, transaction.atomic():
            _unit("T-1")
            with transaction.atomic():
                _unit("T-2")
        # SQLite's backend takes a savepoint in every atomic block whatever the flag (in-process, cheap)
        assert (_savepoints(ctx) == 0) == (connection.vendor == "postgresql")
    assert Unit.objects.filter(code__in=["T-1", "T-2"]).count() == 2
    # outside the load, the services' blocks have their savepoints again
    with CaptureQueriesContext(connection) as ctx, transaction.atomic():
        _unit("T-3")
    assert _savepoints(ctx) >= 1 and connection.features.uses_savepoints


def test_an_error_in_a_step_rolls_back_the_whole_load():
    with pytest.raises(RuntimeError), one_transaction():
        _unit("T-1")
        try:
            with transaction.atomic():
                _unit("T-2")
                raise RuntimeError
        finally:
            # PostgreSQL: no savepoint to return to, the load cannot go on
            assert connection.needs_rollback == (connection.vendor == "postgresql")
    assert not Unit.objects.filter(code__in=["T-1", "T-2"]).exists()
    assert connection.features.uses_savepoints


@pytest.fixture(scope="module")
def reconsideration(module_db):
    with module_db():
        return load_demo("reconsideration")


def test_older_plain_cases_are_imported_and_the_others_built_step_by_step(reconsideration):
    from sifa.reconsideration.models import Application, CaseDocument, Hearing

    old = Application.objects.filter(received_on__year__lt=2023)
    imported = set(AuditEvent.objects.filter(action="reconsideration.imported").values_list("object_id", flat=True))
    built = {str(pk) for pk in old.values_list("pk", flat=True)} - imported
    assert 100 <= len(imported) <= 200 and len(built) >= 150
    # every case with a hearing went through the services, with its documents; imported cases have none
    assert not {str(pk) for pk in Hearing.objects.values_list("case_id", flat=True)} & imported
    assert not CaseDocument.objects.filter(case_id__in=[int(pk) for pk in imported]).exists()
    assert CaseDocument.objects.filter(case_id__in=[int(pk) for pk in built]).count() >= len(built)


def test_case_numbers_follow_the_order_of_receipt(reconsideration):
    from sifa.reconsideration.models import Application

    for year in (2021, 2022):
        numbers = [int(re.search(r"〔\d+〕(\d+)号", n).group(1)) for n in Application.objects.filter(
            received_on__year=year).order_by("received_on", "pk").values_list("number", flat=True)]
        assert numbers == sorted(numbers) and len(set(numbers)) == len(numbers)


def test_the_audit_chain_of_the_demo_verifies(reconsideration):
    assert audit.verify().ok

"""Fixtures of the kernel's tests: English messages, a concrete case model."""

from __future__ import annotations

import pytest
from django.db import connection
from django.utils import translation


@pytest.fixture
def english():
    """Messages in English, whatever the catalogs hold (the tests assert on the English msgids)."""
    with translation.override("en"):
        yield


@pytest.fixture(scope="session")
def _dossier_tables(django_db_setup, django_db_blocker):
    """Create the test case model's tables once, without foreign-key constraints (the flush of
    transactional tests truncates core's tables, which a constraint from an unflushed table would block)."""
    from .casemodels import Dossier, HistoricalDossier

    with django_db_blocker.unblock():
        existing = set(connection.introspection.table_names())
        for model in (Dossier, HistoricalDossier):
            if model._meta.db_table in existing:
                continue
            for f in model._meta.fields:
                if f.is_relation:
                    f.db_constraint = False
            with connection.schema_editor() as editor:
                editor.create_model(model)
    yield


@pytest.fixture
def dossier_model(_dossier_tables, db):
    """The concrete Case subclass `Dossier` (with history), ready in the test database."""
    from django.contrib.contenttypes.models import ContentType

    from .casemodels import Dossier

    ContentType.objects.clear_cache()  # a content type made in a rolled-back test must not be reused
    yield Dossier
    ContentType.objects.clear_cache()


@pytest.fixture
def dossier_model_tx(_dossier_tables, transactional_db):
    """The same, for tests that commit (threads): rows are removed afterwards, as the flush skips them."""
    from django.contrib.contenttypes.models import ContentType

    from .casemodels import Dossier, HistoricalDossier

    ContentType.objects.clear_cache()
    yield Dossier
    HistoricalDossier.objects.all().delete()
    Dossier.objects.all().delete()
    ContentType.objects.clear_cache()


@pytest.fixture
def make_dossier(dossier_model, units, users):
    """make_dossier(**fields) -> a saved Dossier in 行政复议科, handled by `handler`."""
    from datetime import date

    from sifa.core.cases import save_case

    def _make(**fields):
        values = {"unit": units["PT-SFJ-FY"], "state": "received", "handler": users["handler"],
                  "opened_on": date(2024, 9, 27), "title": "test case"}
        values.update(fields)
        return save_case(dossier_model(**values), by=values["handler"])

    return _make


@pytest.fixture
def rules():
    """register(*Rule) for one test; the rules are forgotten afterwards."""
    from sifa.core import clocks

    keys: list[str] = []
    saved = {}

    def register(*new):
        for r in new:
            if r.key not in saved:
                saved[r.key] = list(clocks._REGISTRY.get(r.key, []))
            keys.append(r.key)
        clocks.register(*new)

    yield register
    for key in keys:
        clocks.unregister(key)
        if saved.get(key):
            clocks._REGISTRY[key] = saved[key]

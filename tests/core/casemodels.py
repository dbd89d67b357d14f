"""A concrete case model for the kernel's tests (the lines' models are not available to core's tests).

It lives under its own app label, `core_testcases`, which is not an installed app: makemigrations and the
test database's flush never see it, and its tables are made by the `dossier` fixture (tests/core/conftest.py).
The abstract Case's HistoricalRecords(inherit=True) gives it a history model; simple-history would place that
model in the concrete model's app, which it finds by module, so the label is lent to it for the declaration.
"""

from __future__ import annotations

from django.db import models
from django.db.models.signals import class_prepared
from simple_history.models import HistoricalRecords

from sifa.core.cases import Case

APP_LABEL = "core_testcases"


def _case_history() -> HistoricalRecords:
    for entry in class_prepared.receivers:
        owner = getattr(entry[1], "__self__", None)
        if isinstance(owner, HistoricalRecords) and owner.cls is Case:
            return owner
    raise LookupError("core.cases.Case has no HistoricalRecords")


_history = _case_history()
_history.app = APP_LABEL
try:

    class Dossier(Case):
        title = models.CharField(max_length=100, blank=True)

        class Meta:
            app_label = APP_LABEL

        def __str__(self) -> str:
            return self.title or f"dossier {self.pk}"
finally:
    _history.app = None

HistoricalDossier = Dossier.history.model

"""The abstract base of every line's case, with optimistic locking.

A case is saved through `save_case`, which checks that the version the user edited is still the stored
one, and refuses a stale write with a message naming who changed the case and when (the mechanism is
`core.locking`, shared with every other record people edit).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy
from simple_history.models import HistoricalRecords

from .locking import ConflictError, Versioned, save_versioned
from .models.scoping import ScopedManager

__all__ = ["Case", "ConflictError", "save_case"]


class Case(Versioned):
    number = models.CharField(gettext_lazy("case number"), max_length=60, blank=True, db_index=True)
    unit = models.ForeignKey("core.Unit", verbose_name=gettext_lazy("unit"), on_delete=models.PROTECT,
                             related_name="+")
    state = models.CharField(gettext_lazy("state"), max_length=40, db_index=True)
    handler = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=gettext_lazy("handler"), null=True,
                                blank=True, on_delete=models.SET_NULL, related_name="+")
    opened_on = models.DateField(gettext_lazy("opened on"), db_index=True)
    closed_on = models.DateField(gettext_lazy("closed on"), null=True, blank=True, db_index=True)
    version = models.PositiveIntegerField(gettext_lazy("version"), default=1)  # as before Versioned: migrations
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager()
    history = HistoricalRecords(inherit=True)

    locking_noun = "case"

    class Meta:
        abstract = True

    def timeline(self):
        from .audit import events_for

        return events_for(self)


def save_case(case: Case, *, expected_version: int | None = None, by=None) -> Case:
    """Save a case through a service, refusing a stale write with who changed the case and when
    (`core.locking.save_versioned`: forms and the API carry `version`)."""
    return save_versioned(case, expected_version=expected_version, by=by)

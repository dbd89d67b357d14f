"""The abstract base of every line's case, with optimistic locking.

A case is saved through `save_case`, which checks that the version the user edited is still the stored
one, and refuses a stale write with a message naming who changed the case and when.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.models import HistoricalRecords

from .models.scoping import ScopedManager


class ConflictError(Exception):
    """A write carried a stale version: someone else changed the case first (or deleted it)."""

    def __init__(self, case, *, when=None, who=None, gone: bool = False):
        self.case, self.when, self.who = case, when, who
        is_case = isinstance(case, Case)  # report sections and other versioned records say "record"
        if gone:
            message = _("This case no longer exists.") if is_case else _("This record no longer exists.")
        else:
            when_text = timezone.localtime(when).strftime("%Y-%m-%d %H:%M") if when else "?"
            text = (_("This case was changed by %(who)s at %(when)s; please refresh and try again.") if is_case
                    else _("This record was changed by %(who)s at %(when)s; please refresh and try again."))
            message = text % {"who": who or _("another user"), "when": when_text}
        super().__init__(message)
        self.message = message


class Case(models.Model):
    number = models.CharField(gettext_lazy("case number"), max_length=60, blank=True, db_index=True)
    unit = models.ForeignKey("core.Unit", verbose_name=gettext_lazy("unit"), on_delete=models.PROTECT,
                             related_name="+")
    state = models.CharField(gettext_lazy("state"), max_length=40, db_index=True)
    handler = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=gettext_lazy("handler"), null=True,
                                blank=True, on_delete=models.SET_NULL, related_name="+")
    opened_on = models.DateField(gettext_lazy("opened on"), db_index=True)
    closed_on = models.DateField(gettext_lazy("closed on"), null=True, blank=True, db_index=True)
    version = models.PositiveIntegerField(gettext_lazy("version"), default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager()
    history = HistoricalRecords(inherit=True)

    class Meta:
        abstract = True

    def timeline(self):
        from .audit import events_for

        return events_for(self)


def save_case(case: Case, *, expected_version: int | None = None, by=None) -> Case:
    """Save a case through a service, refusing the write when the stored version is not the one the user
    edited (forms and the API carry `version`). The stored row is locked first (SELECT … FOR UPDATE on
    PostgreSQL; SQLite's IMMEDIATE transactions hold the write lock), so of two concurrent edits of the
    same version exactly one is saved and the other is refused with who changed the case and when.
    The saved version is one more than the edited one; the history row names `by`."""
    if by is not None:
        case._history_user = by
    if case.pk is None:
        case.version = 1
        case.save()
        return case
    expected = case.version if expected_version is None else int(expected_version)
    with transaction.atomic():
        stored = (type(case)._base_manager.select_for_update().filter(pk=case.pk)
                  .values_list("version", flat=True).first())
        if stored is None:
            raise ConflictError(case, gone=True)
        if stored != expected:
            history = getattr(case, "history", None)
            last = history.order_by("-history_date", "-history_id").first() if history is not None else None
            raise ConflictError(case, when=getattr(last, "history_date", None),
                                who=getattr(last, "history_user", None))
        case.version = expected + 1
        try:
            case.save()
        except Exception:
            case.version = expected
            raise
    return case

"""Optimistic locking for every record people edit: cases, parties, report sections, meetings.

A versioned record carries a `version` column. Its edit form carries the version the user saw (a hidden
field); the service saves through `save_versioned`, which moves the stored version on with one
compare-and-set `UPDATE … SET version = expected + 1 WHERE pk = … AND version = expected` and refuses the
write when no row matched: someone else saved first (or deleted the record). Two people editing one record
therefore never both get "saved" with the later silently undoing the earlier; the second gets a message
naming who changed the record and when, and keeps what they typed.
"""

from __future__ import annotations

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class ConflictError(Exception):
    """A write carried a stale version: someone else changed the record first (or deleted it)."""

    def __init__(self, record, *, when=None, who=None, gone: bool = False):
        self.case = self.record = record
        self.when, self.who = when, who
        is_case = getattr(record, "locking_noun", "record") == "case"  # cases say "case", the rest "record"
        if gone:
            message = _("This case no longer exists.") if is_case else _("This record no longer exists.")
        else:
            when_text = timezone.localtime(when).strftime("%Y-%m-%d %H:%M") if when else "?"
            text = (_("This case was changed by %(who)s at %(when)s; please refresh and try again.") if is_case
                    else _("This record was changed by %(who)s at %(when)s; please refresh and try again."))
            message = text % {"who": who or _("another user"), "when": when_text}
        super().__init__(message)
        self.message = message


class Versioned(models.Model):
    """The version column of an optimistically locked record; save it through `save_versioned`. Not editable:
    a form carries it as a hidden field of its own (`core.forms.VersionedFormMixin`, `VersionedAdminMixin`)."""

    version = models.PositiveIntegerField(gettext_lazy("version"), default=1, db_default=1, editable=False)

    locking_noun = "record"  # what the conflict message calls it: "case" or "record"

    class Meta:
        abstract = True


def _last_change(record) -> tuple[object, object]:
    """Who changed the record last and when: from its row history (django-simple-history) if it keeps one,
    else from the last audit event about it (written in the same transaction as the change)."""
    history = getattr(record, "history", None)
    if history is not None:
        last = history.order_by("-history_date", "-history_id").first()
        return getattr(last, "history_date", None), getattr(last, "history_user", None)
    from .audit import events_for

    event = events_for(record).select_related("actor").order_by("-seq").first()
    if event is None:
        return None, None
    return event.at, event.actor or event.actor_name or None


def save_versioned(record: models.Model, *, expected_version: int | str | None = None, by=None):
    """Save a versioned record, refusing the write when the stored version is not the one the user edited.

    `expected_version` is what the form or API carried (text is accepted: forms post it as text); None means
    the version the instance was read with. The check and the increment are one compare-and-set UPDATE, so
    of two concurrent saves of one version exactly one matches a row and the other is refused (on
    PostgreSQL the second UPDATE waits for the first's row lock and then finds the version moved; SQLite's
    IMMEDIATE transactions serialise writers). The saved version is one more than the edited one; the
    history row, if the model keeps one, names `by`. Returns the record."""
    if by is not None:
        record._history_user = by
    if record.pk is None:
        record.version = 1
        record.save()
        return record
    expected = record.version if expected_version in (None, "") else int(expected_version)
    with transaction.atomic():
        compare_and_set(record, expected)
        try:
            record.save()
        except Exception:
            record.version = expected
            raise
    return record


def compare_and_set(record, expected_version: int) -> None:
    """Move the stored version of `record` from `expected_version` on by one, or raise ConflictError; for a
    writer that saves the record itself afterwards in the same transaction (the admin, a service's own save)."""
    manager = type(record)._base_manager
    if not manager.filter(pk=record.pk, version=expected_version).update(version=expected_version + 1):
        if not manager.filter(pk=record.pk).exists():
            raise ConflictError(record, gone=True)
        when, who = _last_change(record)
        raise ConflictError(record, when=when, who=who)
    record.version = expected_version + 1


class VersionedAdminMixin:
    """The Django admin's change form of a versioned record carries the version it was opened on (a hidden
    field): a save over someone else's newer one is refused on the form with the conflict message, the input
    kept; the save itself is the compare-and-set (a change in the instant between the two is refused with a
    message). Put it first among a ModelAdmin's bases. The changelist's in-place editing (`list_editable`) is
    not versioned."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        from django import forms

        from .forms import VersionedFormMixin

        if kwargs.get("fields"):
            kwargs["fields"] = [f for f in kwargs["fields"] if f != "version"]
        base = super().get_form(request, obj, change=change, **kwargs)

        class VersionedAdminForm(VersionedFormMixin, base):
            def clean(self):
                data = super().clean()
                expected = data.get("version")
                if self.instance.pk and expected is not None:
                    stored = (type(self.instance)._base_manager.filter(pk=self.instance.pk)
                              .values_list("version", flat=True).first())
                    if stored != expected:
                        when, who = _last_change(self.instance)
                        raise forms.ValidationError(
                            ConflictError(self.instance, when=when, who=who, gone=stored is None).message)
                return data

        VersionedAdminForm.__name__ = base.__name__
        return VersionedAdminForm

    def save_form(self, request, form, change):
        obj = super().save_form(request, form, change)
        if change and obj.pk:
            expected = form.cleaned_data.get("version")
            compare_and_set(obj, obj.version if expected is None else expected)
        return obj

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        from django.contrib import messages
        from django.http import HttpResponseRedirect

        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ConflictError as exc:
            messages.error(request, exc.message)
            return HttpResponseRedirect(request.path)

"""Correcting a registered record (更正): the registration data of a case, corrected by one generic service.

A line declares once which registration fields of its case model may be corrected, and which of them a later
step depends on (then the correction is refused, with the reason):

    corrections.register(Application, fields=("subject_area", "respondent", "received_on"),
                         locked={"received_on": lambda case: _("…") if case.accepted_on else None})

It does so in a `corrections.py` module of its app, which core imports (like `events.py`), so a line touches
nothing outside its app. `correct` writes the change: reason required, one transaction, the version checked
(`core.locking`), the old and new values of each field in the audit chain (`case.corrected`) and a row of the
case's history with the reason. Figures are computed from the records, so they follow the correction.
The page (`views_cases.case_correct`) builds its form from the declaration.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models, transaction
from django.utils import timezone, translation
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext as _

from . import audit, clocks
from .calendar import CalendarYearUnknown
from .locking import save_versioned
from .models.clocks import DeadlineState

MASK = "***"


@dataclass(frozen=True)
class Correctable:
    """What of one case model may be corrected: `fields` in the order the form shows them, `locked` a check per
    field (case → the reason it can no longer be corrected, or None), `personal` the fields whose values the
    audit event masks, `restarts` the clock (rule key) a date field starts: corrected while that clock runs
    from the old date, the clock is cancelled and started again from the new one."""

    model: type[models.Model]
    fields: tuple[str, ...]
    locked: dict[str, Callable[[models.Model], str | None]] = field(default_factory=dict)
    personal: frozenset[str] = frozenset()
    restarts: dict[str, str | Callable[[models.Model], str]] = field(default_factory=dict)

    def lock_reason(self, case, name: str) -> str | None:
        check = self.locked.get(name)
        reason = check(case) if check else None
        return str(reason) if reason else None


_REGISTRY: dict[str, Correctable] = {}


def register(model: type[models.Model], *, fields: Iterable[str],
             locked: dict[str, Callable[[models.Model], str | None]] | None = None,
             personal: Iterable[str] = (),
             restarts: dict[str, str | Callable[[models.Model], str]] | None = None) -> Correctable:
    """Declare the correctable registration fields of a case model (each must be a concrete, editable field)."""
    fields = tuple(fields)
    for name in (*fields, *(locked or {}), *personal, *(restarts or {})):
        f = model._meta.get_field(name)  # FieldDoesNotExist for a typo: found when the app loads
        if name not in fields or not f.concrete or not f.editable or f.many_to_many:
            raise ValueError(f"{model._meta.label}.{name} cannot be declared correctable")
    declared = Correctable(model, fields, dict(locked or {}), frozenset(personal), dict(restarts or {}))
    _REGISTRY[model._meta.label_lower] = declared
    return declared


@cache
def _discovered() -> bool:
    autodiscover_modules("corrections")  # each installed app's corrections.py declares its own
    return True


def declaration(model) -> Correctable | None:
    """The declaration of a case model (class or instance), or None if its records cannot be corrected."""
    _discovered()
    return _REGISTRY.get(model._meta.label_lower)


def declarations() -> dict[str, Correctable]:
    _discovered()
    return _REGISTRY


def shown(f: models.Field, value) -> str:
    """A value as people read it: a record by its name, a choice by its label, a date as 2024-03-04."""
    if value is None or value == "":
        return ""
    if isinstance(value, models.Model):
        return str(value)
    if f.is_relation:
        related = f.related_model._base_manager.filter(**{f.target_field.name: value}).first()
        return str(related) if related is not None else str(value)
    if f.choices:
        return str(dict(f.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, (dt.date, Decimal, int)):
        return str(value)
    return str(value)


def _current(case, f: models.Field):
    return getattr(case, f.attname)


def _new_raw(f: models.Field, value):
    """The value to store in the field's column: a record becomes its key (to_field aware), text from an API
    becomes the field's type ("2024-03-01" a date); ValidationError if it cannot."""
    if f.is_relation and isinstance(value, models.Model):
        return getattr(value, f.target_field.attname)
    if value == "" and f.null:
        return None
    return f.to_python(value)


@transaction.atomic
def correct(case, changes: dict, *, reason: str, by, expected_version: int | str | None):
    """Correct registration fields of `case` (`changes`: field name → new value; a record or its key for a
    foreign key). Refuses, with a message on the field: no reason, an unknown field, one not declared
    correctable, one a later step depends on, an invalid value; nothing changed; a stale version
    (ConflictError). Returns the case, saved."""
    reason = (reason or "").strip()
    declared = declaration(case)
    errors: dict[str, list[str]] = {}
    if not reason:
        errors["reason"] = [_("Give the reason for the correction.")]
    if declared is None:
        raise ValidationError(_("The registration of this kind of case cannot be corrected."))
    fields: dict[str, models.Field] = {}
    for name in changes:
        try:
            f = type(case)._meta.get_field(name)
        except FieldDoesNotExist:
            errors.setdefault(name, []).append(_("There is no such field."))
            continue
        if name not in declared.fields:
            errors.setdefault(name, []).append(_("This field cannot be corrected."))
            continue
        lock = declared.lock_reason(case, name)
        if lock:
            errors.setdefault(name, []).append(lock)
            continue
        fields[name] = f
    if errors:
        raise ValidationError(errors)

    diff = {}
    for name, f in fields.items():
        try:
            old, new = _current(case, f), _new_raw(f, changes[name])
        except ValidationError as exc:
            errors[name] = exc.messages
            continue
        if old == new or (old in (None, "") and new in (None, "")):
            continue
        diff[name] = (f, old, new, changes[name])
    if errors:
        raise ValidationError(errors)
    if not diff:
        raise ValidationError(_("Nothing to correct: every value is the registered one."))

    with translation.override(settings.LANGUAGE_CODE):
        before = {name: shown(f, _value_of(case, f)) for name, (f, _o, _n, _v) in diff.items()}
    for name, (f, _old, new, value) in diff.items():
        if f.is_relation and isinstance(value, models.Model):
            setattr(case, name, value)
        else:
            setattr(case, f.attname, new)
    try:
        case.clean_fields(exclude=[f.name for f in type(case)._meta.fields if f.name not in diff])
        case.validate_unique()
        case.validate_constraints()
    except ValidationError as exc:
        case.refresh_from_db()
        raise exc from None

    entries = {}
    with translation.override(settings.LANGUAGE_CODE):  # the event is hashed: in the district's language
        for name, (f, _old, _new, _value) in diff.items():
            personal = name in declared.personal
            entries[name] = {"label": str(f.verbose_name),
                             "old": MASK if personal else before[name],
                             "new": MASK if personal else shown(f, _value_of(case, f))}
    case._change_reason = (_("Correction: %(reason)s") % {"reason": reason})[:100]
    save_versioned(case, expected_version=expected_version, by=by)
    for name, (_f, old, new, _value) in diff.items():
        if name in declared.restarts:
            _restart(case, rule=declared.restarts[name], old=old, new=new, field=name, by=by)
    labels = "、".join(e["label"] for e in entries.values())
    audit.record(by, "case.corrected", case, summary=labels,
                 payload={"fields": labels, "reason": reason, "changes": entries, "version": case.version})
    return case


def _value_of(case, f: models.Field):
    if f.is_relation:
        return getattr(case, f.name)
    return getattr(case, f.attname)


def _restart(case, *, rule: str, old, new, field: str, by) -> None:
    """Start again from the corrected date the clock that ran from the registered one (a paused or met clock,
    or one started from another day, is left as it is)."""
    rule = rule(case) if callable(rule) else rule
    running = clocks.current(case, rule)
    if running is None or running.start != old or running.state == DeadlineState.PAUSED or new is None:
        return
    clocks.cancel(case, rule=rule, on=timezone.localdate(), by=by, reason=_("Registration corrected"))
    try:
        clocks.start(case, rule=rule, start=new, by=by)
    except (CalendarYearUnknown, clocks.ClockError) as exc:
        raise ValidationError({field: [str(exc)]}) from None

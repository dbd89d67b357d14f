"""Event codes with names: what each audit event code means, as a label and a sentence for people.

Every code a service writes (`audit.record(by, "clock.started", ...)`) is registered once, with a label and,
optionally, a sentence template whose named fields come from the event: its payload, its `summary`, its
`object` (the record's kind) and a few derived fields (`clock`, the name of a clock, from clock events). Core
registers its own codes here; a line registers its codes in its own `events.py`, which `codes()` discovers in
every installed app, so adding a line never touches core. Pages show `sentence(event)`, never the code.

A code that is not registered still reads as a sentence ("Recorded: …"); tests/core/test_events.py lists
every code the code base writes that is not registered.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from functools import cache

from django.apps import apps
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class EventKind:
    code: str
    label: str  # lazy: translated when shown
    template: str = ""  # lazy, with {named} fields; "" means "label: summary"


_REGISTRY: dict[str, EventKind] = {}


def register(code: str, label, template="") -> EventKind:
    """Register one event code. Registering a code twice with another meaning is a mistake."""
    kind = EventKind(code, label, template)
    old = _REGISTRY.get(code)
    if old is not None and (str(old.label), str(old.template)) != (str(label), str(template)):
        raise ValueError(f"event code {code!r} is registered twice")
    _REGISTRY[code] = kind
    return kind


def register_all(table: dict) -> None:
    """Register a table {code: label} or {code: (label, template)}."""
    for code, value in table.items():
        label, template = value if isinstance(value, tuple) else (value, "")
        register(code, label, template)


@cache
def _discovered() -> bool:
    autodiscover_modules("events")  # each installed app's events.py registers its own codes
    return True


def codes() -> dict[str, EventKind]:
    """Every registered code, after each app's events.py has been imported."""
    _discovered()
    return _REGISTRY


# The admin writes "<model>.created/changed/deleted" for whichever model it edits (core.admin).
_ADMIN = {"created": _("%(model)s created"), "changed": _("%(model)s changed"), "deleted": _("%(model)s deleted")}


def kind(code: str) -> EventKind | None:
    found = codes().get(code)
    if found is None:
        model, _dot, verb = code.rpartition(".")
        if verb in _ADMIN and "." not in model and (label := _model_label(model)):
            return EventKind(code, gettext(_ADMIN[verb]) % {"model": label})
    return found


@cache
def _models_by_name() -> dict[str, object]:
    return {m._meta.model_name: m for m in apps.get_models()}


def _model_label(model_name: str) -> str:
    model = _models_by_name().get(model_name)
    return str(model._meta.verbose_name) if model is not None else ""


def object_label(event) -> str:
    """The kind of record an event is about, in words ("行政复议申请"), not its code ("reconsideration.application")."""
    if not event.object_type:
        return ""
    try:
        model = apps.get_model(event.object_type)
    except (LookupError, ValueError):
        return gettext("record")
    return str(model._meta.verbose_name)


def _fields(event) -> dict:
    fields = {k: v for k, v in (event.payload or {}).items() if isinstance(k, str)}
    summary = event.summary or ""
    fields.update(summary=summary, object=object_label(event))
    # clock events' summaries are "<clock name>: <detail>" (core.clocks)
    fields.setdefault("clock", summary.partition(": ")[0] if ": " in summary else gettext("time limit"))
    return fields


def label(code: str) -> str:
    found = kind(code)
    return str(found.label) if found else gettext("Recorded")


def sentence(event) -> str:
    """An event (an AuditEvent, or anything with action, summary, payload, object_type) as a sentence."""
    found = kind(event.action)
    fields = _fields(event)
    if found is None:
        return _joined(gettext("Recorded"), fields["summary"])
    if found.template:
        template = str(found.template)
        names = {name for _text, name, _spec, _conv in string.Formatter().parse(template) if name}
        if names <= fields.keys() and all(fields[n] not in (None, "") for n in names):
            return template.format_map(fields)
    return _joined(str(found.label), fields["summary"])


def _joined(head: str, tail: str) -> str:
    return gettext("%(label)s: %(summary)s") % {"label": head, "summary": tail} if tail else head


register_all({
    "auth.login": _("Signed in"),
    "auth.logout": _("Signed out"),
    "auth.login_failed": _("Sign-in failed"),
    "auth.locked_out": _("Account locked after failed sign-ins"),
    "auth.two_factor_enrolled": _("Two-factor sign-in set up"),
    "auth.two_factor_passed": _("Second factor passed"),
    "auth.two_factor_failed": _("Second factor failed"),
    "user.password_changed": _("Password changed"),
    "role.permissions_changed": _("Role permissions changed"),
    "membership.created": _("Unit membership added"),
    "membership.deleted": _("Unit membership removed"),
    "admin.logged": _("Administration change"),
    "party.created": _("Party registered"),
    "party.id_number.viewed": _("Full ID number viewed"),
    "calendar.loaded": _("Working-day calendar loaded"),
    "clock.started": (_("Time limit started"), _("{clock} started: due {due}")),
    "clock.met": (_("Time limit met"), _("{clock} met on {on}")),
    "clock.paused": (_("Time limit paused"), _("{clock} paused on {on}: {reason}")),
    "clock.resumed": (_("Time limit resumed"), _("{clock} resumed on {on}: due {due}")),
    "clock.extended": (_("Time limit extended"), _("{clock} extended by {days} days: due {due}")),
    "clock.cancelled": (_("Time limit cancelled"), _("{clock} cancelled on {on}: {reason}")),
    "clock.recomputed": (_("Time limits recomputed"), _("{count} time limits recomputed")),
    "clock.overdue": (_("Time limits overdue"), _("{count} time limits became overdue on {today}")),
    "document.downloaded": _("Document downloaded"),
    "core.import.errors_downloaded": _("Import errors downloaded"),
    "statistics.cases.exported": _("Cases behind a figure exported"),
    "task.retried": (_("Background task run again"), _("{task} run again after {error}")),
})

# correction of registered data (core.corrections) and appointments (core.appointments)
register_all({
    "case.corrected": (_("Registration corrected"), _("Registration corrected ({fields}): {reason}")),
    "appointment.scheduled": (_("Appointment scheduled"), _("{kind} scheduled for {at}, {place}")),
    "appointment.rescheduled": (_("Appointment moved"), _("{kind} moved from {previous} to {at}: {reason}")),
    "appointment.cancelled": (_("Appointment cancelled"), _("{kind} of {at} cancelled: {reason}")),
    "appointment.held": (_("Appointment held"), _("{kind} held on {held_on}")),
})

# the JSON API's machine clients (core.api_clients)
register_all({
    "api_client.issued": (_("API token issued"), _("API token issued to {client} (acts as {user})")),
    "api_client.revoked": (_("API token revoked"), _("API token of {client} revoked")),
})

# derived figures as district data (core.figures)
register_all({
    "core.figure.saved": _("Figure definition saved"),
    "core.figure.deleted": _("Figure definition deleted"),
})

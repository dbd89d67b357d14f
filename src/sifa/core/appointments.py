"""Appointments of a case (hearings, court sessions, mediation sessions, interviews, visits, check-ins): the
services that schedule, reschedule, cancel and record them as held, and what a citizen is shown.

Each service is one transaction, writes one audit event about the case (so the case's history shows it) and
refuses bad input with a message on the field. The notice clock: a kind may carry a notice rule (how many
working or calendar days before the appointment the people concerned must be told, and by which article);
scheduling later than that is refused with the legal basis, unless the reason the period is not kept is given.
The rule, its basis and the last day to give notice are stored on the appointment.

A line uses them by declaration: its kinds with `register_kind` (core has the common ones), its pages by
including `core/_appointments.html` (`{% load case_kit %}{% case_appointments case %}`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from . import audit
from . import calendar as workdays
from .clocks import DAYS, WORKING_DAYS, length_text
from .locking import save_versioned
from .models.appointments import (
    COURT_SESSION_NOTICE,
    HEARING_NOTICE,
    Appointment,
    AppointmentKind,
    AppointmentState,
    NoticeRule,
    kinds,
    register_kind,
)

__all__ = ["COURT_SESSION_NOTICE", "HEARING_NOTICE", "Appointment", "AppointmentKind", "AppointmentState",
           "NoticeRule", "PublicAppointment", "cancel", "for_case", "kinds", "notice_due", "record_held",
           "register_kind", "reschedule", "schedule", "upcoming_for_public"]


def _today() -> dt.date:
    return timezone.localdate()


def _local_day(at: dt.datetime) -> dt.date:
    return timezone.localtime(at).date() if timezone.is_aware(at) else at.date()


def _aware(at: dt.datetime) -> dt.datetime:
    return timezone.make_aware(at) if timezone.is_naive(at) else at


def _refuse(field: str | None, message: str):
    raise ValidationError({field: [message]} if field else message)


def _case_closed(case) -> bool:
    return getattr(case, "closed_on", None) is not None


def _ct(case) -> ContentType:
    return ContentType.objects.get_for_model(type(case), for_concrete_model=False)


def for_case(case) -> models.QuerySet[Appointment]:
    """A case's appointments in time order."""
    return Appointment.objects.filter(content_type=_ct(case), object_id=case.pk).order_by("scheduled_at", "pk")


def notice_due(rule: NoticeRule, day: dt.date) -> dt.date:
    """The last day on which notice of an appointment on `day` keeps the rule: `rule.days` working days (or
    calendar days) must lie after the notice day up to the appointment's day."""
    if rule.unit == "calendar":
        return day - dt.timedelta(days=rule.days)
    remaining, last = rule.days, day
    while remaining > 0:
        if workdays.is_workday(last):
            remaining -= 1
        last -= dt.timedelta(days=1)
    return last


def _check_notice(rule: NoticeRule | None, at: dt.datetime, on: dt.date, waived: str, field: str = "at"):
    """The last notice day under the rule, or a refusal naming the basis when `on` is after it (unless waived)."""
    if rule is None:
        return None
    try:
        due = notice_due(rule, _local_day(at))
    except workdays.CalendarYearUnknown as exc:
        _refuse(field, str(exc))
    if on > due and not waived:
        period = length_text(rule.days, WORKING_DAYS if rule.unit == "working" else DAYS)
        _refuse(field, _("Notice must be given %(period)s before the appointment (%(basis)s): the last day for "
                         "notice was %(due)s. Choose a later time, or give the reason the notice period is not "
                         "kept.") % {"period": period, "basis": rule.basis, "due": due})
    return due


def _event_payload(appt: Appointment, **extra) -> dict:
    """The event's fields; the kind's name in the district's language (settings.LANGUAGE_CODE), whatever the
    language of the request: the event is hashed into the chain and read later by anyone."""
    with translation.override(settings.LANGUAGE_CODE):
        label = appt.kind_label
    return {"appointment": appt.pk, "kind": label, "kind_code": appt.kind,
            "at": timezone.localtime(appt.scheduled_at).strftime("%Y-%m-%d %H:%M"), "place": appt.place, **extra}


def _expect_scheduled(appt: Appointment) -> None:
    if appt.state != AppointmentState.SCHEDULED:
        _refuse(None, _("This appointment is %(state)s: it can no longer be changed.")
                % {"state": appt.get_state_display()})


@transaction.atomic
def schedule(case, *, kind: str, at: dt.datetime, place: str, by, participants: str = "", notes: str = "",
             notice_rule: NoticeRule | None = None, notice_waived_reason: str = "",
             on: dt.date | None = None) -> Appointment:
    """Schedule an appointment of `case` at `at`. `on` is the day it is arranged (notice given; default today):
    the time may not lie before it, and a kind's notice rule (or `notice_rule`) must be kept unless
    `notice_waived_reason` says why not."""
    on = on or _today()
    place, waived = (place or "").strip(), (notice_waived_reason or "").strip()
    found = kinds().get(kind)
    if found is None:
        _refuse("kind", _("Choose a kind of appointment."))
    if at is None:
        _refuse("at", _("Give the time of the appointment."))
    at = _aware(at)
    if not place:
        _refuse("place", _("Give the place of the appointment."))
    if _case_closed(case):
        _refuse(None, _("The case is closed: no appointment can be scheduled."))
    if _local_day(at) < on:
        _refuse("at", _("The time lies before the day the appointment is arranged (%(on)s).") % {"on": on})
    rule = notice_rule or found.notice
    due = _check_notice(rule, at, on, waived)
    appt = Appointment(content_type=_ct(case), object_id=case.pk, kind=kind, scheduled_at=at, place=place,
                       participants=participants or "", notes=notes or "", unit_id=case.unit_id, created_by=by,
                       notice=rule.as_dict() if rule else {}, notice_basis=rule.basis if rule else "",
                       notice_by=due, notice_waived_reason=waived if rule and on > due else "")
    save_versioned(appt, by=by)
    audit.record(by, "appointment.scheduled", case, summary=str(appt),
                 payload=_event_payload(appt, on=on, notice_basis=appt.notice_basis))
    return appt


@transaction.atomic
def reschedule(appt: Appointment, *, at: dt.datetime, reason: str, by, expected_version: int | str | None,
               on: dt.date | None = None, notice_waived_reason: str = "") -> Appointment:
    """Move a scheduled appointment to `at`; the earlier time and the reason are kept. The notice rule it was
    scheduled under applies again, counted from `on` (default today)."""
    on = on or _today()
    reason, waived = (reason or "").strip(), (notice_waived_reason or "").strip()
    _expect_scheduled(appt)
    if _case_closed(appt.case):
        _refuse(None, _("The case is closed: its appointments can no longer be moved."))
    if not reason:
        _refuse("reason", _("Give the reason for moving the appointment."))
    if at is None:
        _refuse("at", _("Give the new time."))
    at = _aware(at)
    if at == appt.scheduled_at:
        _refuse("at", _("The new time is the one already scheduled."))
    if _local_day(at) < on:
        _refuse("at", _("The new time lies in the past."))
    rule = NoticeRule(**appt.notice) if appt.notice else None
    due = _check_notice(rule, at, on, waived)
    previous = appt.scheduled_at
    appt.reschedules = [*appt.reschedules, {
        "from": previous.isoformat(), "to": at.isoformat(), "reason": reason, "on": on.isoformat(),
        "by": str(by) if by else "", "waived": waived if rule and on > due else ""}]
    appt.scheduled_at, appt.notice_by = at, due
    save_versioned(appt, expected_version=expected_version, by=by)
    audit.record(by, "appointment.rescheduled", appt.case, summary=str(appt), payload=_event_payload(
        appt, previous=timezone.localtime(previous).strftime("%Y-%m-%d %H:%M"), reason=reason))
    return appt


@transaction.atomic
def cancel(appt: Appointment, *, reason: str, by, expected_version: int | str | None) -> Appointment:
    reason = (reason or "").strip()
    _expect_scheduled(appt)
    if not reason:
        _refuse("reason", _("Give the reason for cancelling the appointment."))
    appt.state, appt.cancel_reason = AppointmentState.CANCELLED, reason
    save_versioned(appt, expected_version=expected_version, by=by)
    audit.record(by, "appointment.cancelled", appt.case, summary=str(appt),
                 payload=_event_payload(appt, reason=reason))
    return appt


@transaction.atomic
def record_held(appt: Appointment, *, held_on: dt.date, outcome: str, by,
                expected_version: int | str | None) -> Appointment:
    """Record that a scheduled appointment took place on `held_on` (not before its scheduled day, not in the
    future), with what came of it."""
    _expect_scheduled(appt)
    if held_on is None:
        _refuse("held_on", _("Give the day it was held."))
    if held_on < _local_day(appt.scheduled_at):
        _refuse("held_on", _("The appointment was scheduled for %(day)s: it cannot have been held before.")
                % {"day": _local_day(appt.scheduled_at)})
    if held_on > _today():
        _refuse("held_on", _("The day it was held cannot lie in the future."))
    appt.state, appt.held_on, appt.outcome = AppointmentState.HELD, held_on, (outcome or "").strip()
    save_versioned(appt, expected_version=expected_version, by=by)
    audit.record(by, "appointment.held", appt.case, summary=str(appt),
                 payload=_event_payload(appt, held_on=held_on.isoformat()))
    return appt


@dataclass(frozen=True)
class PublicAppointment:
    """What a citizen may see of an appointment: its kind, time and place (never participants or notes)."""

    kind: str
    at: dt.datetime
    place: str


def upcoming_for_public(case, *, now: dt.datetime | None = None) -> list[PublicAppointment]:
    """The appointments a citizen-facing progress page shows: the scheduled, future ones of a case still open.
    A case that has ended shows none, whatever its rows say (no hearing shown as scheduled after the end)."""
    if case is None or _case_closed(case) or not getattr(case, "is_open", True):
        return []
    now = now or timezone.now()
    rows = for_case(case).filter(state=AppointmentState.SCHEDULED, scheduled_at__gt=now)
    return [PublicAppointment(a.kind_label, a.scheduled_at, a.place) for a in rows]

"""Appointments of a case: hearings, court sessions, mediation sessions, interviews, visits, check-ins.

One row per appointment, tied to its case like a Deadline (content type + object id), scoped by the case's unit.
The kinds are a registry (`register_kind`), not database choices: a line adds its own kinds without a migration.
The services that write appointments are in `core.appointments`.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..locking import Versioned
from .scoping import ScopedManager


@dataclass(frozen=True)
class NoticeRule:
    """How long before an appointment the people concerned must be told: `days` working or calendar days
    (`unit` "working" or "calendar"), by `basis` (the article of law, in Chinese)."""

    days: int
    unit: str
    basis: str

    def __post_init__(self):
        if self.unit not in ("working", "calendar") or self.days < 0:
            raise ValueError(f"bad notice rule: {self.days} {self.unit}")

    def as_dict(self) -> dict:
        return {"days": self.days, "unit": self.unit, "basis": self.basis}


@dataclass(frozen=True)
class AppointmentKind:
    code: str
    label: str  # lazy
    notice: NoticeRule | None = None


_KINDS: dict[str, AppointmentKind] = {}


def register_kind(code: str, label, notice: NoticeRule | None = None) -> AppointmentKind:
    """Register a kind of appointment (a line calls it for a kind of its own, e.g. from its apps.py)."""
    kind = AppointmentKind(code, label, notice)
    _KINDS[code] = kind
    return kind


def kinds() -> dict[str, AppointmentKind]:
    return _KINDS


def kind_choices() -> list[tuple[str, str]]:
    """The field's choices, read when asked (Django accepts a callable): a kind a line registers needs no
    migration."""
    return [(k.code, k.label) for k in _KINDS.values()]


# 行政复议法（2023）第五十一条: notice of a hearing five days before it; 第八十八条: such "五日" are working days.
HEARING_NOTICE = NoticeRule(5, "working", "《中华人民共和国行政复议法》第五十一条、第八十八条")
# 最高人民法院关于行政机关负责人出庭应诉若干问题的规定 第五条: the notice to appear three days before the session.
COURT_SESSION_NOTICE = NoticeRule(3, "calendar", "《最高人民法院关于行政机关负责人出庭应诉若干问题的规定》第五条")

register_kind("hearing", _("Hearing"), HEARING_NOTICE)
register_kind("court_session", _("Court session"), COURT_SESSION_NOTICE)
register_kind("mediation_session", _("Mediation session"))
register_kind("interview", _("Interview"))
register_kind("visit", _("Visit"))
register_kind("check_in", _("Check-in"))


class AppointmentState(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


class Appointment(Versioned):
    """One appointment of one case. Rescheduling keeps every earlier time in `reschedules`."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    case = GenericForeignKey("content_type", "object_id")

    kind = models.CharField(_("kind"), max_length=32, choices=kind_choices)
    scheduled_at = models.DateTimeField(_("time"), db_index=True)
    place = models.CharField(_("place"), max_length=200)
    participants = models.TextField(_("participants"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    state = models.CharField(_("state"), max_length=16, choices=AppointmentState.choices,
                             default=AppointmentState.SCHEDULED, db_index=True)
    reschedules = models.JSONField(_("earlier times"), default=list, blank=True)
    held_on = models.DateField(_("held on"), null=True, blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)
    notice = models.JSONField(_("notice rule"), default=dict, blank=True)
    notice_basis = models.CharField(_("basis of the notice period"), max_length=200, blank=True)
    notice_by = models.DateField(_("notice due by"), null=True, blank=True)
    notice_waived_reason = models.TextField(_("why the notice period was not kept"), blank=True)

    unit = models.ForeignKey("core.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("scheduled by"), null=True,
                                   blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    scope_field = "unit"
    objects = ScopedManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")
        ordering = ["scheduled_at", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "scheduled_at"])]

    def __str__(self) -> str:
        return f"{self.kind_label} {self.scheduled_at:%Y-%m-%d %H:%M}"

    @property
    def kind_label(self) -> str:
        found = _KINDS.get(self.kind)
        return str(found.label) if found else self.kind

    @property
    def is_scheduled(self) -> bool:
        return self.state == AppointmentState.SCHEDULED

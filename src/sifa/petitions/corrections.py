"""What of a registered petition or work order may be corrected (更正), declared for core.corrections. The day of
receipt starts the 15-day notice (or the hotline's limit) and a transferred matter's 5-working-day objection; the
kind decides whether an opinion (第三十二条) is due; the hotline kind decides the order's limit."""

from django.utils.translation import gettext_lazy as _

from sifa.core import corrections

from .clocks import NOTICE
from .models import Channel, Petition, State
from .workflow import main_rule


def _receipt_locked(p: Petition):
    if p.state != State.REGISTERED:
        return _("The matter has moved on from its receipt: the day of receipt can no longer be corrected.")
    if p.channel == Channel.TRANSFERRED:
        return _("The objection time limit of a transferred matter runs from this day: it cannot be corrected.")
    return None


def _kind_locked(p: Petition):
    if p.answered_on:
        return _("The matter was answered under this kind: it can no longer be corrected.")
    return None


def _hotline_kind_locked(p: Petition):
    if not p.is_hotline:
        return _("Only a hotline work order has a hotline kind.")
    if p.state != State.REGISTERED:
        return _("The work order's time limit was set by its kind: it can no longer be corrected.")
    return None


corrections.register(
    Petition,
    fields=("kind", "hotline_kind", "external_id", "subject", "content", "received_on"),
    locked={"received_on": _receipt_locked, "kind": _kind_locked, "hotline_kind": _hotline_kind_locked},
    personal=("content",),
    restarts={"received_on": lambda p: main_rule(p) if p.is_hotline else NOTICE},
)

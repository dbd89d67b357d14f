"""What of a registered legal-aid case may be corrected (更正), declared for core.corrections."""

from django.utils.translation import gettext_lazy as _

from sifa.core import corrections

from .clocks import DECISION
from .models import LegalAidCase, Source, State


def _receipt_locked(case: LegalAidCase):
    """The day of receipt starts the 7-day review (法律援助法 第四十三条); once decided, or for a notice (whose
    3-day assignment runs from it), later steps are counted from it."""
    if case.source != Source.APPLICATION or case.state != State.RECEIVED or case.checks.exists():
        return _("The review has moved on from the day of receipt: it can no longer be corrected.")
    return None


corrections.register(
    LegalAidCase,
    fields=("matter_type", "service_form", "matter", "opposing_party", "handling_organ", "channel",
            "received_on", "notice_number", "mandatory_ground"),
    locked={"received_on": _receipt_locked},
    restarts={"received_on": DECISION},
    personal=("matter",),
)

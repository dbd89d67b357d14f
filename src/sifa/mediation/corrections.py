"""What of a registered dispute may be corrected (更正), declared for core.corrections."""

from django.utils.translation import gettext_lazy as _

from sifa.core import corrections

from .models import Dispute


def _registration_locked(dispute: Dispute):
    if dispute.accepted_on:
        return _("The dispute was accepted after this day: the day of registration can no longer be corrected.")
    return None


corrections.register(
    Dispute,
    fields=("dispute_type", "source", "summary", "amount_involved", "persons", "risk_criminal",
            "risk_group_petition", "opened_on", "court_reference", "agency"),
    locked={"opened_on": _registration_locked},
    personal=("summary",),
)

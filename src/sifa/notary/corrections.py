"""What of a registered notarisation may be corrected (更正), declared for core.corrections."""

from django.utils.translation import gettext_lazy as _

from sifa.core import corrections

from .models import Notarisation, State


def _receipt_locked(case: Notarisation):
    if case.state != State.APPLIED:
        return _("The application has been accepted: the day of receipt can no longer be corrected.")
    return None


corrections.register(
    Notarisation,
    fields=("purpose", "received_on", "notary"),
    locked={"received_on": _receipt_locked},
    personal=("purpose",),
)

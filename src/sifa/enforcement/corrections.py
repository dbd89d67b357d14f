"""What of a registered certificate application may be corrected (更正), declared for core.corrections."""

from django.utils.translation import gettext_lazy as _

from sifa.core import corrections

from .clocks import CERTIFICATE_REVIEW
from .models import CertificateApplication, State


def _decided(case: CertificateApplication):
    """The day of receipt starts the review clock; once the application is decided it is the record of the act."""
    if case.state != State.RECEIVED:
        return _("The application has been decided: it can no longer be corrected.")
    return None


corrections.register(
    CertificateApplication,
    fields=("post", "qualification", "received_on", "reason"),
    locked={"received_on": _decided, "post": _decided, "qualification": _decided},
    restarts={"received_on": CERTIFICATE_REVIEW},
)

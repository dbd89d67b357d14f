"""What of a registered licensing matter or complaint may be corrected (更正), declared for core.corrections."""

from django.utils.translation import gettext_lazy as _

from sifa.core import corrections
from sifa.core.complaints import State as ComplaintState

from .clocks import REVIEW
from .models import LawyerComplaint, LicensingMatter, LicensingState
from .workflow import KIT


def _matter_moved_on(m: LicensingMatter):
    """The day of acceptance starts the 20-day preliminary review; the matter as reported to the city is fixed."""
    if m.state != LicensingState.RECEIVED:
        return _("The matter has been reported to the city bureau: it can no longer be corrected.")
    return None


def _complaint_moved_on(c: LawyerComplaint):
    """The day of receipt starts the acceptance review; once it has a result, later steps count from it."""
    if c.state != ComplaintState.RECEIVED or c.materials_requested:
        return _("The acceptance review has moved on from the day of receipt: it can no longer be corrected.")
    return None


corrections.register(LicensingMatter, fields=("kind", "applicant", "received_on"),
                     locked={"kind": _matter_moved_on, "received_on": _matter_moved_on},
                     restarts={"received_on": REVIEW})
corrections.register(LawyerComplaint, fields=("channel", "complainant", "complainant_address", "matter",
                                              "received_on"),
                     locked={"received_on": _complaint_moved_on}, restarts={"received_on": KIT.ACCEPTANCE})

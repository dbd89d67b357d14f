"""What of a registered complaint or rectification proposal may be corrected (更正), declared for core.corrections."""

from django.utils.translation import gettext_lazy as _

from sifa.core import corrections
from sifa.core.complaints import State as ComplaintState

from .clocks import RECTIFICATION
from .models import AppraisalComplaint, ProposalState, RectificationProposal
from .workflow import KIT


def _complaint_moved_on(c: AppraisalComplaint):
    """The day of receipt starts the acceptance review; once it has a result, later steps count from it."""
    if c.state != ComplaintState.RECEIVED or c.materials_requested:
        return _("The acceptance review has moved on from the day of receipt: it can no longer be corrected.")
    return None


def _proposal_closed(p: RectificationProposal):
    if p.state != ProposalState.ISSUED:
        return _("The rectification is closed: the proposal can no longer be corrected.")
    return None


corrections.register(AppraisalComplaint, fields=("channel", "complainant", "complainant_address", "matter",
                                                 "received_on"),
                     locked={"received_on": _complaint_moved_on}, restarts={"received_on": KIT.ACCEPTANCE})
corrections.register(RectificationProposal, fields=("findings", "requirements", "issued_on"),
                     locked={"issued_on": _proposal_closed, "findings": _proposal_closed,
                             "requirements": _proposal_closed},
                     restarts={"issued_on": RECTIFICATION})

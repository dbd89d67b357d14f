"""What of a registered reconsideration application may be corrected (更正), declared for core.corrections."""

from django.utils.translation import gettext_lazy as _

from sifa.core import corrections

from .clocks import ACCEPTANCE_REVIEW
from .models import Application, State


def _receipt_locked(app: Application):
    """The day of receipt starts the acceptance review (行政复议法 第三十条); once the review has a result (accepted,
    correction requested, not accepted…) later steps are counted from it."""
    if app.accepted_on or app.state != State.RECEIVED:
        return _("The acceptance review has moved on from the day of receipt: it can no longer be corrected.")
    return None


corrections.register(
    Application,
    fields=("subject_area", "act_kind", "respondent", "act_description", "act_number", "act_date", "known_on",
            "amount", "received_on", "channel"),
    locked={"received_on": _receipt_locked},
    restarts={"received_on": ACCEPTANCE_REVIEW},
)

"""What of a registered draw request may be corrected (更正), declared for core.corrections. Once the candidate
listing is published, its exclusions were computed for the activity's day and its quotas for the number
requested: those can no longer change (a new request is registered instead)."""

from django.utils.translation import gettext_lazy as _

from sifa.core import corrections

from .clocks import DRAW
from .models import DrawRequest, State


def _listed(r: DrawRequest):
    if r.state != State.RECEIVED:
        return _("The candidate listing was published on these data: they can no longer be corrected.")
    return None


corrections.register(
    DrawRequest,
    fields=("activity_kind", "activity", "place", "activity_on", "requested", "received_on"),
    locked={"activity_on": _listed, "requested": _listed, "received_on": _listed},
    restarts={"received_on": DRAW},
)

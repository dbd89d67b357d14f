"""What of a registered suit may be corrected (更正), declared for core.corrections."""

from django.utils.translation import gettext_lazy as _

from sifa.core import corrections

from .clocks import ANSWER_RULE
from .models import Suit


def _receipt_locked(suit: Suit):
    """The day the copy was served starts the answer period (行政诉讼法 第六十七条): once answered, it stays."""
    if suit.answered_on or suit.concluded_on:
        return _("The answer was submitted within the period counted from this day: it can no longer be corrected.")
    return None


corrections.register(
    Suit,
    fields=("court_case_number", "filed_on", "received_on", "agency", "act_kind", "challenged_act", "claims",
            "via_reconsideration", "reconsideration_note"),
    locked={"received_on": _receipt_locked},
    restarts={"received_on": lambda suit: ANSWER_RULE[suit.tier]},
)

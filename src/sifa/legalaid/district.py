"""The district's values this line reads (`core.district`; the system administrator sets them in the admin).

- `legalaid.centre`: the code of the legal-aid centre that receives online applications (法律援助法 第三十八条:
  the centre of the place where the matter is handled or the applicant lives; a district has one).
- `legalaid.callback_days` and `legalaid.callback_unit`: how long a consultation's callback may take, and whether
  it counts working days (`working_days`) or calendar days (`days`). The law sets no period; unset, the rule's
  default (two working days) applies.
"""

from __future__ import annotations

from sifa.core import district
from sifa.core.clocks import DAYS, WORKING_DAYS
from sifa.core.models import Unit

CENTRE = "legalaid.centre"
CALLBACK_DAYS = "legalaid.callback_days"
CALLBACK_UNIT = "legalaid.callback_unit"


def centre() -> Unit | None:
    return district.unit(CENTRE)


def callback_period() -> tuple[int, str] | None:
    """(length, unit) of the callback period as the district set it, or None (the rule's default). A value that
    is not a positive whole number of days, or an unknown unit, is ignored rather than guessed at."""
    days, unit = district.value(CALLBACK_DAYS).strip(), district.value(CALLBACK_UNIT).strip() or WORKING_DAYS
    if not days.isdigit() or not 0 < int(days) <= 60 or unit not in (DAYS, WORKING_DAYS):
        return None
    return int(days), unit


"""The district's values this line reads (`core.district`; the system administrator sets them in the admin)."""

from __future__ import annotations

from sifa.core import district
from sifa.core.models import Unit

OFFICE = "reconsideration.office"  # the code of the unit that receives and handles applications (复议机构)


def office() -> Unit | None:
    return district.unit(OFFICE)


def office_code() -> str:
    return district.value(OFFICE)

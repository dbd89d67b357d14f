"""The district's values this line reads (`core.district`; the system administrator sets them in the admin)."""

from __future__ import annotations

from sifa.core import district

CITY_GOVERNMENT = "litigation.city_government"  # decides reconsiderations against the district government


def city_government() -> str:
    return district.value(CITY_GOVERNMENT)

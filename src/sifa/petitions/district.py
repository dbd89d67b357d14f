"""The district's values read by the petitions line (core.district, edited as district settings): the 12345
hotline's time limit per kind of work order, in working days. Defaults: the street-level limits of 沪府办〔2018〕62号
as 大宁路街道's rules cite them (DOMAIN §11: consultation 1; supervision 3; help or complaint 5; complex 15)."""

from __future__ import annotations

from sifa.core import district

from .models import HotlineKind

HOTLINE_DAYS = "petitions.hotline_days"  # "consultation=1,help=5,..."
DEFAULTS = {HotlineKind.CONSULTATION: 1, HotlineKind.SUPERVISION: 3, HotlineKind.HELP: 5, HotlineKind.COMPLAINT: 5,
            HotlineKind.SUGGESTION: 5, HotlineKind.COMPLEX: 15}


def hotline_days(kind: str) -> int:
    """The working days for a kind of order: the district's setting, else the default."""
    table = dict(DEFAULTS)
    for part in district.value(HOTLINE_DAYS).replace("，", ",").split(","):
        name, _sep, days = part.partition("=")
        if days.strip().isdigit() and 1 <= int(days) <= 30:
            table[name.strip()] = int(days)
    return table.get(kind, DEFAULTS[HotlineKind.HELP])

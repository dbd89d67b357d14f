"""The district's values this line reads (`core.district`; the system administrator sets them in the admin).

- `notary.office`: the code of the notary office that receives online applications from the portal.
- `notary.economic_matters`: the matters counted as 国内经济 (comma-separated matter codes, e.g.
  "contract,bidding,articles,deposit"); every other domestic matter is 国内民事, and a certificate for use
  outside the mainland is 涉外. Unset: `DEFAULT_ECONOMIC`.
"""

from __future__ import annotations

from sifa.core import district
from sifa.core.models import Unit

from .models import Group, Matter

OFFICE = "notary.office"
ECONOMIC = "notary.economic_matters"
DEFAULT_ECONOMIC = (Matter.CONTRACT, Matter.BIDDING, Matter.ARTICLES, Matter.DEPOSIT)


def office() -> Unit | None:
    return district.unit(OFFICE)


def economic_matters() -> set[str]:
    raw = district.value(ECONOMIC)
    if not raw.strip():
        return {str(m) for m in DEFAULT_ECONOMIC}
    return {code.strip() for code in raw.replace("，", ",").split(",") if code.strip()}


def group_of(matter: str, *, for_use_abroad: bool, economic: set[str] | None = None) -> str:
    """The reporting group of a matter: 涉外 when the certificate is for use abroad, else by the district's list."""
    if for_use_abroad:
        return Group.FOREIGN
    return Group.ECONOMIC if matter in (economic if economic is not None else economic_matters()) else Group.CIVIL

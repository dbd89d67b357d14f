"""The district's values this line reads (`core.district`; the system administrator sets them in the admin).

- `notary.office`: the code of the notary office that receives online applications from the portal.
- `notary.fees`: the fee per matter, "matter=amount" pairs over `DEFAULT_FEES` (the amount proposed on acceptance).
- `notary.economic_matters`: the matters counted as 国内经济 (comma-separated matter codes, e.g.
  "contract,bidding,articles,deposit"); every other domestic matter is 国内民事, and a certificate for use
  outside the mainland is 涉外. Unset: `DEFAULT_ECONOMIC`.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from sifa.core import district
from sifa.core.models import Unit

from .models import Group, Matter

OFFICE = "notary.office"
ECONOMIC = "notary.economic_matters"
DEFAULT_ECONOMIC = (Matter.CONTRACT, Matter.BIDDING, Matter.ARTICLES, Matter.DEPOSIT)


FEES = "notary.fees"
# The fee of a matter where the district has set none (yuan, per certificate; 上海市公证服务收费标准 as commonly
# charged for the simple matters; an inheritance or a contract is charged on its value and its fee is entered).
DEFAULT_FEES = {Matter.ENTRUSTMENT: 200, Matter.DECLARATION: 200, Matter.MARITAL_STATUS: 80, Matter.KINSHIP: 80,
                Matter.BIRTH: 80, Matter.LIVING: 80, Matter.DEATH: 80, Matter.IDENTITY: 80,
                Matter.CRIMINAL_RECORD: 80, Matter.CONFORMITY: 80, Matter.ADOPTION: 200, Matter.WILL: 400,
                Matter.GIFT: 200, Matter.INHERITANCE: 400, Matter.PROPERTY_DIVISION: 300, Matter.CONTRACT: 300,
                Matter.ARTICLES: 200, Matter.EVIDENCE: 500, Matter.BIDDING: 1000, Matter.DEPOSIT: 300,
                Matter.CUSTODY: 200, Matter.OTHER: 200}


def fees() -> dict[str, Decimal]:
    """`notary.fees`: "matter=amount" pairs, comma-separated, over the defaults (e.g. "will=500,kinship=100")."""
    out = {str(m): Decimal(v) for m, v in DEFAULT_FEES.items()}
    for pair in district.value(FEES).replace("，", ",").split(","):
        code, _sep, amount = pair.partition("=")
        try:
            if code.strip() in Matter.values:
                out[code.strip()] = Decimal(amount.strip())
        except InvalidOperation:
            continue
    return out


def fee_of(matter: str) -> Decimal:
    return fees().get(str(matter), Decimal("0"))


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

"""The thin edges of the line: read through selectors, write through services, show errors where they belong.

One module per subject: `disputes`, `prelitigation` (court referrals), `receptions` (a centre's joint reception),
`campaigns`, `excellent_cases`, `statistics`, `organisations`; `common` holds what they share. urls.py and
apps.py import the views from this package.
"""

from .campaigns import campaign_detail, campaigns
from .disputes import (
    agreement_docx,
    dispute_act,
    dispute_detail,
    dispute_list,
    dispute_new,
    my_work,
    termination_docx,
)
from .excellent_cases import case_act, cases
from .organisations import organisations
from .prelitigation import prelitigation
from .receptions import centre, reception_detail, reception_route, routing_act
from .statistics import stats

__all__ = [
    "agreement_docx", "campaign_detail", "campaigns", "case_act", "cases", "centre", "dispute_act", "dispute_detail",
    "dispute_list", "dispute_new", "my_work", "organisations", "prelitigation", "reception_detail", "reception_route",
    "routing_act", "stats", "termination_docx",
]

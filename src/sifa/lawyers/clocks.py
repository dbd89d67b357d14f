"""The time limits of the licensing matters (律师法 2017), with their legal basis. The complaints' clocks are the
core kit's (`workflow.KIT`): `lawyers.complaint_acceptance`, `lawyers.complaint_handling`, `lawyers.complaint_reply`,
each a district setting of the same key."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from sifa.core import clocks
from sifa.core.clocks import DAYS, Rule

REVIEW = "lawyers.preliminary_review"
CITY_DECISION = "lawyers.city_decision"

clocks.register(
    Rule(REVIEW, _("Preliminary review and report to the city bureau"), 20, DAYS,
         "律师法 第六条第二款、第十八条（受理申请的部门应当自受理之日起二十日内予以审查，并将审查意见和全部申请材料报送"
         "省级司法行政部门）", setting=REVIEW),
    Rule(CITY_DECISION, _("Decision of the city bureau"), 10, DAYS,
         "律师法 第六条第二款、第十八条（自收到报送材料之日起十日内予以审核，作出是否准予的决定）",
         note=_("The city bureau's period: the district follows it up.")),
)

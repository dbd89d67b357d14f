"""The time limits of community correction, with their legal basis (社区矫正法 2019, in force 2020-07-01).

The law counts these in days (日), not working days: calendar days, the last day moving past a rest day. The contact
standard of each classification level is district data (district.py) and is kept on each `Contact` row, not here.
"""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext_lazy as _

from sifa.core import clocks
from sifa.core.clocks import DAYS, Rule

LAW_FROM = date(2020, 7, 1)

REPORT_IN = "correction.report_in"
DOCUMENTS = "correction.documents"
COURT_RULING = "correction.court_ruling"

clocks.register(
    Rule(REPORT_IN, _("Reporting in to the correction agency"), 10, DAYS,
         "社区矫正法 第二十一条（自判决、裁定生效之日起十日内到执行地社区矫正机构报到；暂予监外执行的，自收到决定之日起十日内移送）",
         effective_from=LAW_FROM),
    Rule(DOCUMENTS, _("Legal documents from the deciding organ"), 10, DAYS,
         "社区矫正法 第二十条（决定机关应当自判决、裁定或者决定生效之日起五日内通知执行地社区矫正机构，并在十日内送达有关法律文书）",
         effective_from=LAW_FROM),
    Rule(COURT_RULING, _("The court's ruling on a revocation recommendation"), 30, DAYS,
         "社区矫正法 第四十八条第一款（人民法院应当在收到撤销缓刑、假释建议书后三十日内作出裁定）",
         effective_from=LAW_FROM),
)

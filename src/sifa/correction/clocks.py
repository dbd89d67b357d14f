"""The time limits of community correction, with their legal basis (社区矫正法 2019, in force 2020-07-01).

The law counts these in days (日), not working days: calendar days, the last day moving past a rest day. The contact
standard of each classification level is district data (district.py) and is kept on each `Contact` row, not here.
"""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext_lazy as _

from sifa.core import clocks
from sifa.core.clocks import DAYS, MONTHS, WORKING_DAYS, Rule

LAW_FROM = date(2020, 7, 1)

REPORT_IN = "correction.report_in"
DOCUMENTS = "correction.documents"
COURT_RULING = "correction.court_ruling"
ASSESSMENT = "correction.assessment"
ASSESSMENT_FAST = "correction.assessment_fast"
MONITORING = "correction.monitoring"

# 调查评估: the law (第十八条) sets no period; the 2020 实施办法 第十四条 (as remembered, not yet checked against its text:
# DOMAIN-2 has no entry) gives ten working days, five in the fast-track procedure. Both are district settings, so that
# the bureau can correct them without a release.
ASSESSMENT_BASIS = ("社区矫正法 第十八条（社区矫正决定机关可以委托社区矫正机构进行调查评估）；社区矫正法实施办法（2020）第十四条"
                    "（自收到调查评估委托函及所附材料之日起{n}个工作日内完成调查评估，提交评估意见{fast}）")

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
clocks.register(
    Rule(ASSESSMENT, _("Pre-sentence assessment opinion"), 10, WORKING_DAYS,
         ASSESSMENT_BASIS.format(n="十", fast=""), effective_from=LAW_FROM, setting="correction.assessment_days",
         note="实施办法的期限待依原文核实"),
    Rule(ASSESSMENT_FAST, _("Pre-sentence assessment opinion (fast-track procedure)"), 5, WORKING_DAYS,
         ASSESSMENT_BASIS.format(n="五", fast="；适用刑事案件速裁程序的"), effective_from=LAW_FROM,
         setting="correction.assessment_fast_days", note="实施办法的期限待依原文核实"),
    Rule(MONITORING, _("Period of electronic monitoring"), 3, MONTHS,
         "社区矫正法 第二十九条第二款（使用电子定位装置的期限不得超过三个月；期限届满后经评估仍有必要继续使用的，经过批准，"
         "期限可以延长，每次不得超过三个月）", effective_from=LAW_FROM),
)

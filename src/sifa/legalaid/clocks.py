"""The time limits of legal aid, with their legal basis (法律援助法 2021, in force 2022-01-01).

法律援助法 does not say whether its "日" are working or calendar days (DOMAIN-2 §5: still U, leaning to calendar
days; the 2012 程序规定 used working days, Shanghai's 2020 rules ten working days, now overridden by the national
seven days). The rules below count calendar days by default (the last day moving past a rest day, 民事诉讼法
第八十五条); a district that reads them otherwise registers a version in WORKING_DAYS from a date.

Time for supplementing materials: FYZ 43 ¶2 says only "一次性告知…视为撤回申请"; the exclusion of that time from
the review period is in the 2012 程序规定 第十三条 (2023 text: U). The centre's practice is kept: the request
pauses the decision clock, and the materials (or the deemed withdrawal) end the pause.
"""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext_lazy as _

from sifa.core import clocks
from sifa.core.clocks import DAYS, WORKING_DAYS, Rule

LAW_FROM = date(2022, 1, 1)

DECISION = "legalaid.decision"
ASSIGNMENT = "legalaid.assignment"
NOTIFIED_ASSIGNMENT = "legalaid.notified_assignment"
MATERIALS = "legalaid.materials"
OBJECTION = "legalaid.objection"
CALLBACK = "legalaid.callback"

clocks.register(
    Rule(DECISION, _("Review and decision on the application"), 7, DAYS,
         "法律援助法 第四十三条第一款（自收到法律援助申请之日起七日内进行审查，作出是否给予法律援助的决定）",
         effective_from=LAW_FROM,
         note=_("Calendar days by default (the law does not say; DOMAIN-2 §5). Paused while the applicant "
                "supplements materials (2012 程序规定 第十三条; practice).")),
    Rule(ASSIGNMENT, _("Assignment after the grant"), 3, DAYS,
         "法律援助法 第四十三条第一款（决定给予法律援助的，应当自作出决定之日起三日内指派法律援助人员）",
         effective_from=LAW_FROM),
    Rule(NOTIFIED_ASSIGNMENT, _("Assignment of a lawyer on notification"), 3, DAYS,
         "法律援助法 第三十六条（法律援助机构收到通知后，应当在三日内指派律师并通知人民法院、人民检察院、公安机关）",
         effective_from=LAW_FROM),
    Rule(MATERIALS, _("Supplement of materials by the applicant"), 10, DAYS,
         "法律援助法 第四十三条第二款（一次性告知需要补充的材料；未按要求补充的，视为撤回申请）",
         effective_from=LAW_FROM, max_extension=10, extension_basis="法律援助法 第四十三条第二款",
         note=_("The law sets no period: the one-time notice names the day; ten days is the centre's default.")),
    Rule(OBJECTION, _("Decision on an objection"), 5, DAYS,
         "法律援助法 第四十九条第二款（司法行政部门应当自收到异议之日起五日内进行审查）",
         effective_from=LAW_FROM,
         note=_("法律援助条例 第十九条 said five working days; the law of 2021 prevails.")),
    Rule(CALLBACK, _("Callback of a consultation"), 2, WORKING_DAYS,
         "12348 公共法律服务热线工作规范（区默认：回访请求两个工作日内回复）",
         note=_("A district default: the law sets no period for callbacks.")),
)

"""The time limits of the people's supervisors' draws.

Neither 《人民监督员选任管理办法》 (司发〔2021〕7号) nor the procuratorate's rules seen so far (DOMAIN-2 §10) fix a
period for the bureau's draw or for the procuratorate's answer to an opinion: both are the district's defaults
(tag U), marked as such on every clock, to be replaced by the rule the district agrees with its procuratorate.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from sifa.core import clocks
from sifa.core.clocks import WORKING_DAYS, Rule

DRAW = "supervisors.draw"
ANSWER = "supervisors.answer"

clocks.register(
    Rule(DRAW, _("Draw of supervisors for a request"), 3, WORKING_DAYS,
         "人民监督员选任管理办法（司发〔2021〕7号）第三条、第四条（司法行政机关负责抽选）；区司法局与区检察院三方对接机制（区默认：收到邀请后三个工作日内完成抽选）",
         note=_("A district default: no national rule fixes the period (DOMAIN-2 §10, U).")),
    Rule(ANSWER, _("The procuratorate's answer to the supervisors' opinions"), 15, WORKING_DAYS,
         "《人民检察院办案活动接受人民监督员监督的规定》（2019）：对人民监督员的意见建议应当研究处理并及时反馈（区默认：十五个工作日）",
         note=_("A district default agreed with the procuratorate: the rule says 'promptly' (U).")),
)

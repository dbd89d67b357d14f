"""The time limits of governance work. No statute sets them: 《法治政府建设与责任落实督察工作规定》 (中办发〔2019〕)
leaves the rectification period to the inspection's opinion, and the observation-point scheme of the district
(《普陀区关于建立"基层法治观察点"和"基层法治观察员"的工作方案》) sets the reply to an observation. The defaults
below are the district's practice; a rectification item whose opinion names a longer period is extended with
the approver's name and the reason (up to the maximum)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from sifa.core import clocks
from sifa.core.clocks import DAYS, WORKING_DAYS, Rule

RECTIFICATION = "governance.rectification"
OBSERVATION_REPLY = "governance.observation_reply"

clocks.register(
    Rule(RECTIFICATION, _("Rectification of an inspection finding"), 30, DAYS,
         "《法治政府建设与责任落实督察工作规定》（督察对象应当在规定期限内整改并报告整改情况；区默认：整改通知之日起三十日）",
         max_extension=60, extension_basis="督察意见确定的整改期限（经依法治区办负责人批准延长）",
         note=_("A district default: the inspection's opinion sets the period.")),
    Rule(OBSERVATION_REPLY, _("Reply to an observation"), 15, WORKING_DAYS,
         "《普陀区关于建立“基层法治观察点”和“基层法治观察员”的工作方案》（区默认：收到观察意见之日起十五个工作日内反馈）",
         note=_("A district default: the scheme of the observation points sets the period.")),
)

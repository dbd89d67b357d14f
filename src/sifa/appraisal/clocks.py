"""The time limit of a rectification proposal (the district's own: the proposal names the day; 30 days by
default, a district setting). The complaints' clocks are the core kit's (`workflow.KIT`)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from sifa.core import clocks
from sifa.core.clocks import DAYS, Rule

RECTIFICATION = "appraisal.rectification"

clocks.register(
    Rule(RECTIFICATION, _("Rectification by the institution"), 30, DAYS,
         "《司法鉴定机构登记管理办法》第三十八条、《上海市司法鉴定管理条例》：司法行政部门对鉴定机构进行监督检查，"
         "发现问题的，提出整改建议并跟踪落实（整改期限由建议书载明，区默认三十日）", setting=RECTIFICATION,
         note=_("A district setting: the proposal names the period.")),
)

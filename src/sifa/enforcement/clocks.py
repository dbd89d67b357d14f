"""The time limits of enforcement supervision and of the government's legal affairs, with their basis.

Shanghai's rules on enforcement certificates (上海市行政执法证管理) have no public text (DOMAIN §3, DOMAIN-2 §3:
still U), nor do the district's rules on rectification and on the review of the government's agreements: each
limit below is the district's default, on the working-day calendar, and a district registers its own version
from a date when its rules say otherwise.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from sifa.core import clocks
from sifa.core.clocks import WORKING_DAYS, Rule

CERTIFICATE_REVIEW = "enforcement.certificate_review"
RECTIFICATION = "enforcement.rectification"
AGREEMENT_REVIEW = "enforcement.agreement_review"

clocks.register(
    Rule(CERTIFICATE_REVIEW, _("Review of a certificate application"), 20, WORKING_DAYS,
         "区默认：自收到执法证申请之日起二十个工作日内审核完毕（上海市行政执法证件管理规定未见公开文本，"
         "参照《中华人民共和国行政许可法》第四十二条的审查期限）",
         note=_("A district default: the Shanghai rule on certificates has no public text (DOMAIN-2 §3).")),
    Rule(RECTIFICATION, _("Rectification after a case-file evaluation"), 30, WORKING_DAYS,
         "区默认：被评查单位自收到整改通知书之日起三十个工作日内完成整改并书面报告（《中华人民共和国行政处罚法》"
         "第七十五条：行政机关应当建立健全对行政处罚的监督制度）",
         note=_("A district default: the law sets no period for rectification.")),
    Rule(AGREEMENT_REVIEW, _("Legal review of an agreement of the district government"), 5, WORKING_DAYS,
         "区默认：区政府协议送审后五个工作日内出具法律审核意见（区政府合同管理规定）",
         note=_("A district default: the district's rule on government contracts.")),
)

"""The time limits of notarisation, with their legal basis.

- Issue: 15 working days from acceptance (公证法 第三十条; 公证程序规则 第三十五条). The time needed for force majeure,
  supplementary materials or verification is not counted: those steps pause the clock, and the party is told
  (程序规则 第三十五条第二款 "并应当及时告知当事人", DOMAIN-2 §6).
- Acceptance of an online application: the law sets no period; the district's default is 2 working days (a
  district value, `notary.district.ONLINE_ACCEPTANCE_DAYS`, read when the rule is registered).
- Review (复查): 30 days from the request, extendable by at most 30 days (公证程序规则 第六十四条, as the rules are
  usually quoted; DOMAIN-2 §6 verifies the outcomes of 第六十三条 but not this period: marked in the note).
"""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext_lazy as _

from sifa.core import clocks
from sifa.core.clocks import DAYS, WORKING_DAYS, Rule

LAW_FROM = date(2018, 1, 1)  # 公证法 as amended 2017-09-01, in force 2018-01-01

ISSUE = "notary.issue"
ACCEPTANCE = "notary.acceptance"
REVIEW = "notary.review"

clocks.register(
    Rule(ISSUE, _("Issue of the certificate"), 15, WORKING_DAYS,
         "《公证法》第三十条、《公证程序规则》第三十五条（自受理公证申请之日起十五个工作日内出具公证书；因不可抗力、补充证明材料"
         "或者需要核实有关情况的，所需时间不计算在期限内）",
         effective_from=LAW_FROM,
         note=_("Paused while materials are supplemented, facts verified or force majeure lasts; the party is told.")),
    Rule(ACCEPTANCE, _("Acceptance of an online application"), 2, WORKING_DAYS,
         "区公证处网上申请工作规范（区默认：网上申请两个工作日内作出是否受理的答复）",
         note=_("A district default: the law sets no period for deciding on an online application.")),
    Rule(REVIEW, _("Review (复查) of a certificate"), 30, DAYS,
         "《公证法》第三十九条；《公证程序规则》第六十四条（自收到复查申请之日起三十日内完成复查，作出复查处理决定）",
         effective_from=LAW_FROM, max_extension=30, extension_basis="《公证程序规则》第六十四条",
         note=_("The period of the procedure rules as usually quoted; not verified against the 2020 text.")),
)

"""The statutory time limits of dispute resolution, registered with `core.clocks`.

- Court referrals (特邀调解): a dispute the court delegates before filing (委派调解) is mediated within 30 days;
  one it entrusts after filing (委托调解) within 15 days (ordinary procedure) or 7 days (simplified). The period
  runs from the day the mediation organisation signs for the court's materials; when both parties agree it may
  be extended without limit (最高人民法院关于人民法院特邀调解的规定 第二十七条, in force 2016-07-01).
  `core.clocks.extend` needs a ceiling, so the rule carries one year as the administrative ceiling of all
  extensions of one case; the law itself sets none.
- Judicial confirmation (司法确认): both parties jointly apply within 30 days of the agreement taking effect
  (人民调解法 第三十三条; 民事诉讼法 第二百零五条 from the 2023 revision, in force 2024-01-01).
  People's mediation has no statutory period of its own, so no other clock runs on it.
"""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext_lazy as _

from sifa.core import clocks
from sifa.core.clocks import DAYS, Rule

from .models import ReferralKind

DELEGATED = "mediation.court_delegated"
ENTRUSTED_ORDINARY = "mediation.court_entrusted_ordinary"
ENTRUSTED_SIMPLIFIED = "mediation.court_entrusted_simplified"
CONFIRMATION = "mediation.judicial_confirmation"

SPECIAL_MEDIATION = "最高人民法院关于人民法院特邀调解的规定 第二十七条"
EXTENSION_BASIS = "最高人民法院关于人民法院特邀调解的规定 第二十七条（双方当事人同意延长）"
IN_FORCE_2016 = date(2016, 7, 1)
EXTENSION_CEILING = 365

COURT_RULE = {
    ReferralKind.DELEGATED: DELEGATED,
    ReferralKind.ENTRUSTED_ORDINARY: ENTRUSTED_ORDINARY,
    ReferralKind.ENTRUSTED_SIMPLIFIED: ENTRUSTED_SIMPLIFIED,
}

clocks.register(
    Rule(DELEGATED, _("Court-delegated mediation period"), 30, DAYS, SPECIAL_MEDIATION + "第一款",
         effective_from=IN_FORCE_2016, max_extension=EXTENSION_CEILING, extension_basis=EXTENSION_BASIS),
    Rule(ENTRUSTED_ORDINARY, _("Court-entrusted mediation period (ordinary procedure)"), 15, DAYS,
         SPECIAL_MEDIATION + "第二款", effective_from=IN_FORCE_2016, max_extension=EXTENSION_CEILING,
         extension_basis=EXTENSION_BASIS),
    Rule(ENTRUSTED_SIMPLIFIED, _("Court-entrusted mediation period (simplified procedure)"), 7, DAYS,
         SPECIAL_MEDIATION + "第二款", effective_from=IN_FORCE_2016, max_extension=EXTENSION_CEILING,
         extension_basis=EXTENSION_BASIS),
    Rule(CONFIRMATION, _("Joint application for judicial confirmation"), 30, DAYS, "人民调解法 第三十三条",
         effective_from=date(2011, 1, 1), effective_to=date(2023, 12, 31)),
    Rule(CONFIRMATION, _("Joint application for judicial confirmation"), 30, DAYS,
         "人民调解法 第三十三条；民事诉讼法 第二百零五条", effective_from=date(2024, 1, 1)),
)

"""The time limits of enforcement supervision and of the government's legal affairs, with their basis.

Shanghai's rules on enforcement certificates (上海市行政执法证管理) have no public text (DOMAIN §3, DOMAIN-2 §3:
still U), nor do the district's rules on rectification and on the review of the government's agreements: each
limit below is the district's default, on the working-day calendar, and a district registers its own version
from a date when its rules say otherwise.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from sifa.core import clocks
from sifa.core.clocks import DAYS, WORKING_DAYS, Rule

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

# --- legality review and filing review ----------------------------------------------------------------------------
# The texts that set these periods — 《重大行政决策程序暂行条例》(国务院令第713号), 《法规规章备案条例》 and Shanghai's
# rules on normative documents (上海市行政规范性文件管理规定) — are not in the bureau's law collection (/work/shared/law,
# DOMAIN.md, DOMAIN-2.md: none of them quoted). Each length is therefore a district setting (core.district, key =
# the rule's key) with the default below, labelled 区默认 with the source it follows; check them against the texts
# before go-live.

LEGALITY_DECISION = "enforcement.legality_decision"
LEGALITY_DOCUMENT = "enforcement.legality_document"
FILING_REPORT = "enforcement.filing_report"
FILING_REVIEW = "enforcement.filing_review"
FILING_CORRECTION = "enforcement.filing_correction"
FILING_REVOCATION = "enforcement.filing_revocation"

UNVERIFIED = _("A district setting with a default: the text that sets it is not in the law collection (U).")

clocks.register(
    Rule(LEGALITY_DECISION, _("Legality review of a draft major administrative decision"), 7, WORKING_DAYS,
         "区默认：七个工作日（《重大行政决策程序暂行条例》第二十八条：送请合法性审查，应当保证必要的审查时间，一般不少于"
         "七个工作日；条例文本未收入本系统法规库，待核）", note=UNVERIFIED, setting=LEGALITY_DECISION),
    Rule(LEGALITY_DOCUMENT, _("Legality review of a draft normative document"), 7, WORKING_DAYS,
         "区默认：七个工作日（本市行政规范性文件合法性审核的规定未收入本系统法规库，待核）", note=UNVERIFIED,
         setting=LEGALITY_DOCUMENT),
    Rule(FILING_REPORT, _("Filing of a normative document after its publication"), 30, DAYS,
         "区默认：自公布之日起三十日内报送备案（参照《法规规章备案条例》第三条；本市规范性文件备案规定未收入本系统法规库，待核）",
         note=UNVERIFIED, setting=FILING_REPORT),
    Rule(FILING_REVIEW, _("Filing review of a normative document"), 30, DAYS,
         "区默认：自收到备案之日起三十日内审查完毕；情况复杂的，经批准可以延长，延长不超过二十日（本市规范性文件备案审查"
         "规定未收入本系统法规库，待核）", max_extension=20,
         extension_basis="区默认：延长期限不超过二十日", note=UNVERIFIED, setting=FILING_REVIEW),
    Rule(FILING_CORRECTION, _("Self-correction of a normative document ordered"), 30, DAYS,
         "区默认：制定机关自收到纠正通知之日起三十日内自行纠正并报告（本市规范性文件备案审查规定未收入本系统法规库，待核）",
         note=UNVERIFIED, setting=FILING_CORRECTION),
    Rule(FILING_REVOCATION, _("Revocation of a normative document not corrected"), 60, DAYS,
         "区默认：逾期不纠正的，自纠正期限届满之日起六十日内提请区人民政府予以撤销（本市规范性文件备案审查规定未收入本系统"
         "法规库，待核）", note=UNVERIFIED, setting=FILING_REVOCATION),
)

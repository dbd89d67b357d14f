"""The procedures of the lawyers' line: licensing matters and complaints.

Licensing (律师法 第六条、第十八条; in Shanghai the 区 bureau accepts and reviews, the 市 bureau decides): accepted by
the district, reviewed within 20 days of acceptance and reported with the review opinion and all the materials
to the city bureau, which decides within 10 days of receiving them. The district records the city's decision.

Complaints (律师法 第五十二条; 沪司行规〔2021〕1号): the core complaints kit, with the district's periods.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from sifa.core import complaints, numbering
from sifa.core.clocks import DAYS, WORKING_DAYS
from sifa.core.complaints import Period
from sifa.core.workflow import Close, Meet, Start, StepError, Transition, Workflow

from . import clocks, forms
from .models import LawyerComplaint, LicensingMatter, Opinion
from .models import LicensingState as S

HANDLE = "lawyers.handle_licensingmatter"
COMPLAINTS = "lawyers.handle_lawyercomplaint"
LAW = "《中华人民共和国律师法》"

NUMBER_FORMATS = {"case": "{prefix}律许〔{year}〕{n}号", "review_opinion": "{prefix}律初〔{year}〕{n}号"}


def _issue(case, kind: str, *, on, by, ref=None) -> str:
    number = numbering.take(kind=f"lawyers.{kind}", unit=case.unit, year=on.year, default_format=NUMBER_FORMATS[kind])
    case.report_number = number
    return number


def _report(case, data, *, on, by):
    from sifa.core import clocks as core_clocks

    case.opinion, case.opinion_text = data["opinion"], data["opinion_text"].strip()
    if case.opinion == Opinion.DISAGREE and not case.opinion_text:
        raise StepError(gettext_lazy("An opinion recommending refusal gives its reasons."), field="opinion_text")
    d = core_clocks.current(case, clocks.REVIEW)
    case.reported_on, case.reported_in_time = on, (on <= d.due) if d else None


def _decided(case, data, *, on, by):
    if not (data.get("decision_number") or "").strip():
        raise StepError(gettext_lazy("Give the number of the city bureau's decision or certificate."),
                        field="decision_number")
    case.decided_on, case.decision_number = on, data["decision_number"].strip()


T = Transition
LICENSING = Workflow(states=S, model=LicensingMatter, event_prefix="lawyers.licensing", issue=_issue,
                     url_name="lawyers:matter_action", transitions=[
    T("report", gettext_lazy("Report the preliminary review to the city bureau"), (S.RECEIVED,), S.REPORTED, HANDLE,
      "《律师法》第六条第二款、第十八条：受理申请的部门应当自受理之日起二十日内予以审查，并将审查意见和全部申请材料报送"
      "省、自治区、直辖市人民政府司法行政部门",
      clocks=(Meet(clocks.REVIEW), Start(clocks.CITY_DECISION)), form=forms.ReportForm, effect=_report,
      document="review_opinion", event="reported", not_before=(("received_on", gettext_lazy("the acceptance")),)),
    T("approved", gettext_lazy("Record the city bureau's approval"), (S.REPORTED,), S.APPROVED, HANDLE,
      "《律师法》第六条第二款、第十八条：自收到报送材料之日起十日内予以审核，作出是否准予的决定",
      clocks=(Close(clocks.CITY_DECISION, reason="市局作出决定"),), form=forms.DecisionForm, effect=_decided,
      closes=True, event="approved", not_before=(("reported_on", gettext_lazy("the report")),)),
    T("refused", gettext_lazy("Record the city bureau's refusal"), (S.REPORTED,), S.REFUSED, HANDLE,
      "《律师法》第六条第二款、第十八条：不准予的，向申请人书面说明理由",
      clocks=(Close(clocks.CITY_DECISION, reason="市局作出决定"),), form=forms.DecisionForm, effect=_decided,
      closes=True, event="refused", not_before=(("reported_on", gettext_lazy("the report")),)),
    T("withdraw", gettext_lazy("Record the withdrawal of the application"), (S.RECEIVED,), S.WITHDRAWN, HANDLE,
      "《行政许可法》：申请人撤回申请的，终止办理", clocks=(Close(reason="申请人撤回申请"),), closes=True,
      event="withdrawn", not_before=(("received_on", gettext_lazy("the acceptance")),)),
])

COMPLAINT_RULES = "《关于加强律师和律师事务所违法违规行为投诉处理和惩戒工作的实施办法》（沪司行规〔2021〕1号）"
KIT = complaints.Kit(
    line="lawyers", model=LawyerComplaint, permission=COMPLAINTS, url_name="lawyers:complaint_action",
    label="律师投诉", law=COMPLAINT_RULES,
    acceptance=Period(10, WORKING_DAYS, "《律师法》第五十二条；" + COMPLAINT_RULES + "：收到投诉之日起十个工作日内审查决定是否受理"
                      "（区默认；沪规定期限待核，DOMAIN-2 §8）",
                      note=gettext_lazy("A district setting: the Shanghai rules' own period is still unconfirmed.")),
    handling=Period(60, DAYS, COMPLAINT_RULES + "：自受理之日起六十日内调查处理完毕（区默认）", max_extension=30,
                    extension_basis="情况复杂的，经负责人批准可以延长，延长期限不超过三十日（区默认）"),
    reply=Period(7, WORKING_DAYS, COMPLAINT_RULES + "：作出处理决定之日起七个工作日内书面答复投诉人（区默认）"),
)
COMPLAINTS_WORKFLOW = KIT.workflow

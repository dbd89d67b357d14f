"""The procedures of forensic appraisal: complaints (the core kit, 司法鉴定执业活动投诉处理办法 2019) and
rectification proposals (整改建议书) followed up until the institution has rectified."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from sifa.core import clocks as core_clocks
from sifa.core import complaints, numbering
from sifa.core.clocks import DAYS, WORKING_DAYS
from sifa.core.complaints import Period
from sifa.core.workflow import Close, StepError, Transition, Workflow

from . import clocks, forms
from .models import AppraisalComplaint, RectificationProposal
from .models import ProposalState as S

PROPOSALS = "appraisal.handle_rectificationproposal"
COMPLAINTS = "appraisal.handle_appraisalcomplaint"
RULES = "《司法鉴定执业活动投诉处理办法》（司法部令第144号，2019）"

NUMBER_FORMATS = {"case": "{prefix}鉴整〔{year}〕{n}号"}


def _follow_up(case, data, *, on, by):
    note = data["note"].strip()
    case.follow_up = (case.follow_up + "\n" if case.follow_up else "") + f"{on:%Y-%m-%d} {note}"


def _rectified(case, data, *, on, by):
    if not data["note"].strip():
        raise StepError(gettext_lazy("Say how the institution rectified."), field="note")
    _follow_up(case, data, on=on, by=by)
    d = core_clocks.current(case, clocks.RECTIFICATION)
    case.rectified_on, case.rectified_in_time = on, (on <= d.due) if d else None


T = Transition
PROPOSAL_WORKFLOW = Workflow(states=S, model=RectificationProposal, event_prefix="appraisal.proposal",
                             url_name="appraisal:proposal_action", transitions=[
    T("follow_up", gettext_lazy("Record a follow-up"), (S.ISSUED,), None, PROPOSALS,
      "跟踪机构落实整改", form=forms.FollowUpForm, effect=_follow_up, event="followed_up",
      not_before=(("issued_on", gettext_lazy("the proposal")),)),
    T("close", gettext_lazy("Close: the institution has rectified"), (S.ISSUED,), S.RECTIFIED, PROPOSALS,
      "整改落实到位，经复查后销号", clocks=(Close(clocks.RECTIFICATION, reason="整改完成"),),
      form=forms.FollowUpForm, effect=_rectified, closes=True, event="rectified",
      not_before=(("issued_on", gettext_lazy("the proposal")),)),
])

KIT = complaints.Kit(
    line="appraisal", model=AppraisalComplaint, permission=COMPLAINTS, url_name="appraisal:complaint_action",
    label="司法鉴定投诉", law=RULES,
    acceptance=Period(7, WORKING_DAYS, RULES + "：收到投诉之日起七个工作日内作出是否受理的决定（期限待核，DOMAIN-2 §7；区设置）"),
    handling=Period(60, DAYS, RULES + "：自受理之日起六十日内办结（期限待核；区设置）", max_extension=30,
                    extension_basis="情况复杂的，经负责人批准可以延长，延长期限不超过三十日（区设置）"),
    reply=Period(7, WORKING_DAYS, "自作出处理决定之日起七个工作日内，将处理结果书面告知投诉人、被投诉人"),
)


def proposal_number(case, on) -> str:
    return numbering.take(kind="appraisal.proposal", unit=case.unit, year=on.year, default_format=NUMBER_FORMATS["case"])

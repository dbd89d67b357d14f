"""The procedure of a petition or a 12345 work order, read top to bottom against 信访工作条例 (2022) and
上海市信访条例.

A petition is accepted with a written notice within 15 days (第二十三条; 上海 第三十六条) or referred to the channel
the law provides (第三十一条 (一)至(四)); accepted, it is answered within 60 days, extended by at most 30 with the
head's approval (第三十四条); a complaint or demand is answered with a 信访处理意见书 (第三十二条: support, explain,
not support). The petitioner may ask for 复查 within 30 days of the answer, and then for 复核 (第三十五条、第三十六条),
each answered within 30 days. A hotline work order runs on the hotline's own limit (working days, by kind); it may be
returned (退单) as not the bureau's; its return visit (回访) records satisfaction, and an order reopened after a
dissatisfied visit rejoins the queue with a new clock.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sifa.core import appointments, numbering, referrals
from sifa.core import clocks as core_clocks
from sifa.core.appointments import AppointmentState
from sifa.core.workflow import (
    Cancel,
    Close,
    Extend,
    Meet,
    Pause,
    Resume,
    Start,
    StepError,
    Transition,
    Workflow,
)

from . import clocks, district, forms
from .models import Channel, Kind, Petition
from .models import State as S

HEARING = "petitions_hearing"
# 信访工作条例 第三十一条第（六）项、第三十六条第二款: 复核 may hold a hearing; its time is not counted in the limit
appointments.register_kind(HEARING, gettext_lazy("Petition hearing (信访听证)"))

HANDLE = "petitions.handle_petition"
APPROVE = "petitions.approve_extension"
XF = "《信访工作条例》"
SH = "《上海市信访条例》"


def main_rule(case) -> str:
    """The clock an order is answered against: the hotline's by kind, or the 60 days of 第三十四条."""
    return clocks.hotline(district.hotline_days(case.hotline_kind)) if case.is_hotline else clocks.HANDLE


def _not_hotline(case, on: date) -> str | None:
    return _("a hotline work order has no notice of acceptance: it is answered on the hotline") \
        if case.is_hotline else None


def _hotline_only(case, on: date) -> str | None:
    return None if case.is_hotline else _("only a hotline work order is returned to the hotline")


def _within_30_days(attr: str, what):
    def guard(case, on: date) -> str | None:
        start = getattr(case, attr)
        if start and on > start + timedelta(days=30):
            return _("the request must come within 30 days of %(what)s (%(day)s)") % {"what": what, "day": start}
        return None
    return guard


def _transferred_only(case, on: date) -> str | None:
    return None if case.channel == Channel.TRANSFERRED else \
        _("only a matter transferred or assigned by a petitions office or a higher body can be objected to")


def _complaint_only(case, on: date) -> str | None:
    if case.is_hotline or case.kind != Kind.COMPLAINT:
        return _("only a complaint or demand is settled by a mediation or settlement agreement (Art 33)")
    return None


def _not_settled(case, on: date) -> str | None:
    return _("the matter was settled by agreement (Art 33): there is no handling opinion to review") \
        if case.agreement else None


def _in_time(case, rule: str, on: date) -> bool | None:
    d = core_clocks.current(case, rule)
    return None if d is None else on <= d.due


def _accept(case, data, *, on, by):
    case.accepted_on = on
    if data.get("division"):
        case.division = data["division"]


def _refer(case, data, *, on, by):
    case.route, case.referral_note = data["route"], data["referral_note"].strip()
    if data.get("to_line"):  # a matter of one of the bureau's own procedures goes to that line (core.referrals)
        referrals.refer(case, to_line=data["to_line"], reason=case.referral_note, on=on, by=by)


def _object(case, data, *, on, by):
    case.objected_on, case.objection_reason = on, data["reason"].strip()
    case.objection_in_time = _in_time(case, clocks.OBJECTION, on)


def _objection_answer(agreed: bool):
    def effect(case, data, *, on, by):
        if case.objected_on and on < case.objected_on:
            raise StepError(_("The answer comes after the objection."), field="on")
        case.objection_decided_on, case.objection_agreed = on, agreed
        case.objection_note = data["note"].strip()
    return effect


def _hearing(case, data, *, on, by):
    appointments.schedule(case, kind=HEARING, at=data["at"], place=data["place"], by=by,
                          participants=data.get("participants", ""), on=on)


def _hearing_held(case, data, *, on, by):
    appt = appointments.for_case(case).filter(kind=HEARING).exclude(state=AppointmentState.CANCELLED).last()
    if appt is None:
        raise StepError(_("No hearing is scheduled."))
    if appt.state == AppointmentState.SCHEDULED:  # (it may have been recorded as held on the case's appointments)
        appointments.record_held(appt, held_on=on, outcome=data["outcome"], by=by, expected_version=appt.version)


def _settle(case, data, *, on, by):
    case.agreement, case.other_party = data["agreement"], data["other_party"].strip()
    case.agreement_terms = data["agreement_terms"].strip()
    case.reply, case.answered_on = case.agreement_terms, on
    case.answered_in_time = _in_time(case, main_rule(case), on)


def _return(case, data, *, on, by):
    case.returned_on, case.return_reason = on, data["reason"].strip()


def _answer(case, data, *, on, by):
    case.opinion, case.reply, case.answered_on = data.get("opinion") or "", data["reply"].strip(), on
    case.answered_in_time = _in_time(case, main_rule(case), on)


def _visit(case, data, *, on, by):
    if not case.answered_on or on < case.answered_on:
        raise StepError(_("The return visit follows the answer."), field="on")
    case.visited_on, case.satisfaction = on, data["satisfaction"]


def _reopen(case, data, *, on, by):
    case.reopened += 1
    case.answered_on = case.answered_in_time = case.visited_on = None
    case.satisfaction = ""
    case.closed_on = None


def _request_review(case, data, *, on, by):
    case.review_requested_on = on
    case.closed_on = None


def _review(case, data, *, on, by):
    case.review_opinion, case.reviewed_on = data["opinion"].strip(), on


def _request_second_review(case, data, *, on, by):
    case.second_review_requested_on = on
    case.closed_on = None


def _second_review(case, data, *, on, by):
    case.second_review_opinion, case.second_reviewed_on = data["opinion"].strip(), on


NUMBER_FORMATS = {"case": "{prefix}信〔{year}〕{n}号", "acceptance_notice": "{prefix}信告〔{year}〕{n}号",
                  "opinion": "{prefix}信处〔{year}〕{n}号", "review_opinion": "{prefix}信复查〔{year}〕{n}号",
                  "agreement": "{prefix}信调〔{year}〕{n}号"}
NUMBER_FIELDS = {"acceptance_notice": "notice_number", "opinion": "opinion_number", "review_opinion": "review_number",
                 "agreement": "agreement_number"}


def issue(case, kind: str, *, on, by, ref=None) -> str:
    if kind == "opinion" and case.is_hotline:
        return ""  # a hotline order is answered on the hotline's system, without a 信访处理意见书
    number = numbering.take(kind=f"petitions.{kind}", unit=case.unit, year=on.year,
                            default_format=NUMBER_FORMATS[kind])
    setattr(case, NUMBER_FIELDS[kind], number)
    return number


T = Transition
OPEN_WORK = (S.ACCEPTED,)

WORKFLOW = Workflow(states=S, model=Petition, event_prefix="petitions", issue=issue, url_name="petitions:action",
                    transitions=[
    T("accept", gettext_lazy("Accept and notify the petitioner"), (S.REGISTERED,), S.ACCEPTED, HANDLE,
      XF + "第二十三条（属于本机关职权范围的，告知信访人接收情况以及处理途径和程序）；" + SH + "第三十六条（十五日内告知）",
      clocks=(Meet(clocks.NOTICE), Cancel(clocks.OBJECTION, reason="已受理，未提出异议"), Start(clocks.HANDLE)),
      guards=(_not_hotline,), form=forms.AcceptForm,
      effect=_accept, document="acceptance_notice", event="accepted",
      not_before=(("received_on", gettext_lazy("the receipt")),)),
    T("object", gettext_lazy("Raise a jurisdiction objection (管辖异议)"), (S.REGISTERED,), S.OBJECTED, HANDLE,
      XF + "第二十三条第三款：转送、交办的信访事项不属于本机关职权范围的，自收到之日起5个工作日内提出异议，并详细说明理由",
      clocks=(Meet(clocks.OBJECTION),), guards=(_transferred_only,), form=forms.ObjectionForm, effect=_object,
      event="objected", not_before=(("received_on", gettext_lazy("the receipt")),)),
    T("objection_agreed", gettext_lazy("Objection agreed: hand the materials back"), (S.OBJECTED,), S.HANDED_BACK,
      HANDLE, XF + "第二十三条第三款：经转送、交办的信访部门或者上级机关、单位核实同意后，交还相关材料",
      clocks=(Close(reason="异议经核实同意，交还材料"),), form=forms.ObjectionAnswerForm, effect=_objection_answer(True),
      closes=True, event="objection_agreed"),
    T("objection_refused", gettext_lazy("Objection not agreed: the matter stays here"), (S.OBJECTED,), S.REGISTERED,
      HANDLE, XF + "第二十三条第三款：转送、交办的信访部门或者上级机关、单位核实不同意的，由本机关依法处理",
      form=forms.ObjectionAnswerForm, effect=_objection_answer(False), event="objection_refused"),
    T("take_order", gettext_lazy("Take the work order in hand"), (S.REGISTERED,), S.ACCEPTED, HANDLE,
      "沪府办〔2018〕62号：承办单位签收工单", guards=(_hotline_only,), form=forms.AcceptForm, effect=_accept,
      event="order_taken", not_before=(("received_on", gettext_lazy("the receipt")),)),
    T("refer", gettext_lazy("Refer to its legal channel"), (S.REGISTERED,), S.REFERRED, HANDLE,
      XF + "第三十一条第（一）项至第（四）项（诉讼、仲裁、行政复议等程序处理的，导入相应程序）；第二十三条（告知信访人向有权处理的机关、单位提出）",
      clocks=(Close(clocks.NOTICE, reason="导入相应程序"),), form=forms.ReferForm, effect=_refer,
      document="acceptance_notice", closes=True, event="referred",
      not_before=(("received_on", gettext_lazy("the receipt")),)),
    T("return_order", gettext_lazy("Return the work order (退单)"), (S.REGISTERED, S.ACCEPTED), S.RETURNED, HANDLE,
      "沪府办〔2018〕62号：非本单位职责的工单，说明理由后退单", clocks=(Close(reason="退单"),), guards=(_hotline_only,),
      form=forms.ReturnForm, effect=_return, closes=True, event="returned",
      not_before=(("received_on", gettext_lazy("the receipt")),)),
    T("extend", gettext_lazy("Extend the time limit (head's approval)"), OPEN_WORK, None, APPROVE,
      XF + "第三十四条：情况复杂的，经本机关、单位负责人批准，可以适当延长办理期限，但延长期限不得超过30日，并告知信访人延期理由",
      clocks=(Extend(main_rule, note=gettext_lazy("the time limit for the answer")),), form=forms.ExtendForm,
      event="extended"),
    T("answer", gettext_lazy("Answer (handling opinion)"), OPEN_WORK, S.ANSWERED, HANDLE,
      XF + "第二十九条至第三十二条（信访处理意见书：支持、解释说明、不予支持）；第三十四条",
      clocks=(Close(main_rule, reason="办结"),), form=forms.AnswerForm, effect=_answer, document="opinion",
      closes=True, event="answered", not_before=(("accepted_on", gettext_lazy("the acceptance")),)),
    T("settle", gettext_lazy("Record a mediation or settlement agreement"), OPEN_WORK, S.ANSWERED, HANDLE,
      XF + "第三十三条：处理申诉求决类事项过程中，经争议双方当事人同意进行调解或者引导和解；达成一致意见的，制作调解协议书或者和解协议书",
      clocks=(Close(main_rule, reason="调解、和解结案"),), guards=(_complaint_only,), form=forms.AgreementForm,
      effect=_settle, document="agreement", closes=True, event="settled",
      not_before=(("accepted_on", gettext_lazy("the acceptance")),)),
    T("visit", gettext_lazy("Record the return visit (回访)"), (S.ANSWERED,), None, HANDLE,
      "沪府办〔2018〕62号：办结后回访，记录满意度", form=forms.VisitForm, effect=_visit, event="visited"),
    T("reopen", gettext_lazy("Reopen (back to the queue)"), (S.ANSWERED,), S.ACCEPTED, HANDLE,
      "沪府办〔2018〕62号：回访不满意的工单重新办理", clocks=(Start(main_rule, note=gettext_lazy("a new time limit")),),
      form=forms.ReopenForm, effect=_reopen, event="reopened"),
    T("request_review", gettext_lazy("Record a request for review (复查)"), (S.ANSWERED,), S.REVIEW_REQUESTED, HANDLE,
      XF + "第三十五条：自收到书面答复之日起30日内请求复查", clocks=(Start(clocks.REVIEW),),
      guards=(_not_hotline, _not_settled, _within_30_days("answered_on", gettext_lazy("the answer"))),
      form=forms.ReviewRequestForm, effect=_request_review, event="review_requested",
      not_before=(("answered_on", gettext_lazy("the answer")),)),
    T("review", gettext_lazy("Give the review opinion (复查意见书)"), (S.REVIEW_REQUESTED,), S.REVIEWED, HANDLE,
      XF + "第三十五条；" + SH + "第三十九条：30日内提出复查意见，并予以书面答复",
      clocks=(Meet(clocks.REVIEW),), form=forms.ReviewForm, effect=_review, document="review_opinion", closes=True,
      event="reviewed", not_before=(("review_requested_on", gettext_lazy("the request for re-examination")),)),
    T("request_second_review", gettext_lazy("Record a request for second review (复核)"), (S.REVIEWED,),
      S.SECOND_REVIEW_REQUESTED, HANDLE, XF + "第三十六条：自收到复查书面答复之日起30日内请求复核",
      clocks=(Start(clocks.SECOND_REVIEW),), guards=(_within_30_days("reviewed_on", gettext_lazy("the review")),),
      form=forms.ReviewRequestForm, effect=_request_second_review, event="second_review_requested",
      not_before=(("reviewed_on", gettext_lazy("the review")),)),
    T("hearing", gettext_lazy("Hold a hearing for the second review (复核听证)"), (S.SECOND_REVIEW_REQUESTED,),
      S.SECOND_REVIEW_HEARING, HANDLE,
      XF + "第三十六条第二款：复核机关可以按照第三十一条第六项的规定举行听证；听证所需时间不计算在复核期限内",
      clocks=(Pause(clocks.SECOND_REVIEW, reason="复核听证（听证所需时间不计算在期限内）"),), form=forms.HearingForm,
      effect=_hearing, event="hearing_scheduled",
      not_before=(("second_review_requested_on", gettext_lazy("the request for re-examination")),)),
    T("hearing_held", gettext_lazy("Record the hearing as held"), (S.SECOND_REVIEW_HEARING,), S.SECOND_REVIEW_REQUESTED,
      HANDLE, XF + "第三十六条第二款：听证所需时间不计算在期限内；听证结束，复核期限继续计算",
      clocks=(Resume(clocks.SECOND_REVIEW),), form=forms.HearingHeldForm, effect=_hearing_held, event="hearing_held"),
    T("second_review", gettext_lazy("Record the second review opinion (复核)"), (S.SECOND_REVIEW_REQUESTED,),
      S.SECOND_REVIEWED, HANDLE,
      XF + "第三十六条：30日内提出复核意见；信访人以同一事实和理由提出的，不再受理",
      clocks=(Meet(clocks.SECOND_REVIEW),), form=forms.ReviewForm, effect=_second_review, closes=True,
      event="second_reviewed", not_before=(("second_review_requested_on", gettext_lazy("the request for re-examination")),)),
])

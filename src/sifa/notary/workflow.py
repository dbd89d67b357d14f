"""The procedure of notarisation, read top to bottom against 公证法 (2017) and 公证程序规则 (2020).

An application is received at the window or online; an online one is accepted (受理) or refused within the
district's acceptance period; acceptance starts the 15 working days to issue the certificate (第三十条), which
stop while materials are supplemented, facts verified or force majeure lasts (the party is told, 程序规则 第三十五条
第二款). The office issues the certificate (第三十二条), or does not handle the matter on a ground of 第三十一条
(the decision in writing, with the refund of the fee as the cause warrants), or the party withdraws. An issued
certificate may be reviewed (复查) at the request of a party or an interested person: upheld, corrected, or, if
its content is unlawful or untrue, revoked, announced and void from the start (第三十九条).
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sifa.core import clocks as core_clocks
from sifa.core import numbering
from sifa.core.workflow import Close, Extend, Meet, Pause, Resume, Start, StepError, Transition, Workflow

from . import clocks, district, forms
from .models import Notarisation, Refund, ReviewOutcome
from .models import State as S

HANDLE = "notary.handle_notarisation"
APPROVE = "notary.approve_notarisation_refusal"  # the office head (公证机构负责人)
OPEN = (S.ACCEPTED, S.PAUSED)
BEFORE_ISSUE = (S.APPLIED, S.ACCEPTED, S.PAUSED)


# --- effects ------------------------------------------------------------------------------------------------

def _accept(case, data, *, on, by):
    case.accepted_on = on
    case.notary = (data.get("notary") or case.notary).strip()
    if data.get("fee") is not None:
        case.fee = data["fee"]
    elif case.fee is None:
        case.fee = district.fee_of(case.matter)


def _pause(case, data, *, on, by):
    case.pause_reason, case.paused_on = data["reason"].strip(), on


def _issue(case, data, *, on, by):
    d = core_clocks.current(case, clocks.ISSUE)
    case.issued_on = on
    case.issued_in_time = None if d is None else on <= d.due


def _name(by) -> str:
    return ((by.get_full_name() if hasattr(by, "get_full_name") else "") or getattr(by, "username", "")).strip()


def _report_refusal(case, data, *, on, by):
    """The notary's report (公证员报告): the ground of 第三十一条 and the reasons, for the head to approve."""
    reasons = (data.get("refusal_reasons") or "").strip()
    if not reasons:
        raise StepError(_("A refusal gives its reasons in writing."), field="refusal_reasons")
    case.refusal_ground, case.refusal_reasons = data["refusal_ground"], reasons
    case.refusal_reported_on, case.refusal_reporter = on, _name(by) or case.notary
    case.refusal_approved_on, case.refusal_approver, case.refusal_approval_note = None, "", ""


def _approve_refusal(case, data, *, on, by):
    case.refusal_approved_on, case.refusal_approver = on, _name(by)
    case.refusal_approval_note = (data.get("note") or "").strip()


def _return_refusal(case, data, *, on, by):
    """The head does not approve: the application goes back to where it stood (its clock was never stopped)."""
    note = (data.get("note") or "").strip()
    if not note:
        raise StepError(_("Say why the refusal is not approved."), field="note")
    clock = core_clocks.current(case, clocks.ISSUE)
    case.state = S.PAUSED if clock is not None and clock.state == "paused" else (
        S.ACCEPTED if case.accepted_on else S.APPLIED)
    case.refusal_approval_note = note
    case.refusal_reported_on, case.refusal_approved_on = None, None


def _refund(case, data, *, on, kind_field: str = "refund"):
    """The refund of the fee (公证程序规则: 根据不予办理的原因及责任退还部分或者全部收费): none, part or all."""
    kind = data.get(kind_field) or Refund.NONE
    amount = data.get("refund_amount")
    fee = case.fee or Decimal("0")
    if kind == Refund.FULL:
        amount = fee
    elif kind == Refund.NONE:
        amount = Decimal("0")
    elif amount is None or amount <= 0:
        raise StepError(_("Give the amount refunded."), field="refund_amount")
    if amount > fee:
        raise StepError(_("The refund cannot exceed the fee charged (%(fee)s yuan).") % {"fee": fee},
                        field="refund_amount")
    case.refund, case.refund_amount = kind, amount
    case.refunded_on = on if amount else None


def _refuse(case, data, *, on, by):
    """The written notice to the party (书面告知), after the head's approval, with the refund."""
    case.refused_on = on
    _refund(case, data, on=on)


def _withdraw(case, data, *, on, by):
    case.withdrawal_reason = data["withdrawal_reason"].strip()
    if case.fee:
        _refund(case, data, on=on)


def _fee(case, data, *, on, by):
    case.fee = data["fee"]


def _request_review(case, data, *, on, by):
    case.review_requested_on, case.review_requester = on, data["review_requester"].strip()
    case.review_grounds = data["review_grounds"].strip()
    case.review_outcome, case.review_decided_on, case.review_reasons = "", None, ""


def _decide_review(outcome: str):
    def effect(case, data, *, on, by):
        case.review_outcome, case.review_decided_on = outcome, on
        case.review_reasons = data["review_reasons"].strip()
        if outcome == ReviewOutcome.REVOKED:  # 撤销并公告: the announcement is numbered with the decision
            issue(case, "revocation_notice", on=on, by=by)
    return effect


def _pause_reason(case, data) -> str:
    return (data or {}).get("reason", "")


# --- documents and numbers: taken once, in the step's transaction ------------------------------------------

NUMBER_FORMATS = {
    "case": "{prefix}受〔{year}〕{n}号",
    "acceptance_notice": "{prefix}受通〔{year}〕{n}号",
    "certificate": "（{year}）{prefix}字第{n}号",
    "refusal_decision": "{prefix}不办〔{year}〕{n}号",
    "supplement_notice": "{prefix}补通〔{year}〕{n}号",
    "review_decision": "{prefix}复查〔{year}〕{n}号",
    "revocation_notice": "{prefix}撤告〔{year}〕{n}号",
}
NUMBER_FIELDS = {"acceptance_notice": "acceptance_number", "certificate": "certificate_number",
                 "refusal_decision": "refusal_number", "supplement_notice": "supplement_number",
                 "review_decision": "review_decision_number", "revocation_notice": "revocation_number"}


def issue(case, kind: str, *, on, by, ref=None) -> str:
    number = numbering.take(kind=f"notary.{kind}", unit=case.unit, year=on.year, default_format=NUMBER_FORMATS[kind])
    setattr(case, NUMBER_FIELDS[kind], number)
    return number


T = Transition
I = clocks.ISSUE  # noqa: E741 - the issue clock, read as in the table
GZ = "《公证法》"

WORKFLOW = Workflow(states=S, model=Notarisation, event_prefix="notary", issue=issue, url_name="notary:action",
                    transitions=[
    # --- acceptance (受理) ------------------------------------------------------------------------------------
    T("accept", gettext_lazy("Accept the application"), (S.APPLIED,), S.ACCEPTED, HANDLE,
      GZ + "第二十五条（向住所地、经常居住地、行为地或者事实发生地的公证机构提出）、第二十七条（受理后告知法律意义和可能产生的法律后果）；"
      "第三十条（自受理之日起计算十五个工作日）",
      clocks=(Meet(clocks.ACCEPTANCE, missing_ok=True), Start(I)), form=forms.AcceptForm, effect=_accept,
      document="acceptance_notice", event="accepted", not_before=(("received_on", gettext_lazy("the receipt")),)),
    # --- time not counted (第三十条但书) ------------------------------------------------------------------------
    T("request_supplement", gettext_lazy("Ask for supplementary materials"), (S.ACCEPTED,), S.PAUSED, HANDLE,
      GZ + "第二十七条第一款（证明材料不充分的，可以要求补充）、第三十条（补充证明材料所需时间不计算在期限内）；"
      "《公证程序规则》第三十五条第二款（并应当及时告知当事人）",
      clocks=(Pause(I, reason=_pause_reason, note=gettext_lazy("supplementary materials")),), form=forms.PauseForm,
      effect=_pause, document="supplement_notice", event="supplement_requested", not_before=(("accepted_on", gettext_lazy("the acceptance")),)),
    T("start_verification", gettext_lazy("Verify the facts"), (S.ACCEPTED,), S.PAUSED, HANDLE,
      GZ + "第二十九条（公证机构可以核实或者委托异地公证机构核实）、第三十条（需要核实有关情况的，所需时间不计算在期限内）",
      clocks=(Pause(I, reason=_pause_reason, note=gettext_lazy("verification")),), form=forms.PauseForm,
      effect=_pause, event="verification_started", not_before=(("accepted_on", gettext_lazy("the acceptance")),)),
    T("pause_force_majeure", gettext_lazy("Record force majeure"), (S.ACCEPTED,), S.PAUSED, HANDLE,
      GZ + "第三十条（因不可抗力所需时间不计算在期限内）",
      clocks=(Pause(I, reason=_pause_reason, note=gettext_lazy("force majeure")),), form=forms.PauseForm,
      effect=_pause, event="force_majeure", not_before=(("accepted_on", gettext_lazy("the acceptance")),)),
    T("resume", gettext_lazy("Resume: materials in, verification done"), (S.PAUSED,), S.ACCEPTED, HANDLE,
      GZ + "第三十条", clocks=(Resume(I),), event="resumed"),
    # --- the outcome --------------------------------------------------------------------------------------------
    T("issue", gettext_lazy("Issue the certificate"), (S.ACCEPTED,), S.ISSUED, HANDLE,
      GZ + "第三十条（材料真实、合法、充分，事项真实、合法的，出具公证书）、第三十二条（公证书自出具之日起生效）",
      clocks=(Meet(I),), form=forms.IssueForm, effect=_issue, document="certificate", closes=True, event="issued",
      not_before=(("accepted_on", gettext_lazy("the acceptance")),)),
    # --- refusal (不予办理, 第三十一条): the notary reports, the head approves, the party is told in writing ------
    T("report_refusal", gettext_lazy("Report a refusal to the head (公证员报告)"), BEFORE_ISSUE, S.REFUSAL_REPORTED,
      HANDLE, GZ + "第三十一条（有下列情形之一的，公证机构不予办理公证）；《公证程序规则》（承办公证员拟不予办理的，报公证机构负责人审批）",
      clocks="出证期限继续计算", form=forms.RefusalReportForm, effect=_report_refusal, event="refusal_reported",
      not_before=(("received_on", gettext_lazy("the receipt")),)),
    T("approve_refusal", gettext_lazy("Approve the refusal (负责人审批)"), (S.REFUSAL_REPORTED,), S.REFUSAL_APPROVED,
      APPROVE, "《公证程序规则》（不予办理公证的，由承办公证员写出书面报告，报公证机构负责人审批）",
      form=forms.RefusalApprovalForm, effect=_approve_refusal, event="refusal_approved",
      not_before=(("refusal_reported_on", gettext_lazy("the notary's report")),)),
    T("return_refusal", gettext_lazy("Do not approve the refusal"), (S.REFUSAL_REPORTED,), None, APPROVE,
      "《公证程序规则》（公证机构负责人审批；不同意的，退回承办公证员继续办理）", clocks="出证期限继续计算",
      form=forms.RefusalReturnForm, effect=_return_refusal, event="refusal_returned",
      not_before=(("refusal_reported_on", gettext_lazy("the notary's report")),)),
    T("refuse", gettext_lazy("Notify the refusal in writing (书面告知)"), (S.REFUSAL_APPROVED,), S.REFUSED, HANDLE,
      GZ + "第三十一条；《公证程序规则》（不予办理公证的，书面通知当事人或者其代理人；根据不予办理的原因及责任，退还部分或者"
      "全部收费）",
      clocks=(Close(clocks.ACCEPTANCE, reason="不予办理公证"),), form=forms.RefuseForm, effect=_refuse,
      document="refusal_decision", closes=True, event="refused",
      not_before=(("refusal_approved_on", gettext_lazy("the approval")),)),
    T("withdraw", gettext_lazy("Record the withdrawal"), BEFORE_ISSUE, S.WITHDRAWN, HANDLE,
      "《公证程序规则》（当事人撤回公证申请的，终止公证）",
      clocks=(Close(reason="当事人撤回公证申请"),), form=forms.WithdrawForm, effect=_withdraw, closes=True,
      event="withdrawn", not_before=(("received_on", gettext_lazy("the receipt")),)),
    # --- review (复查, 第三十九条) --------------------------------------------------------------------------------
    T("request_review", gettext_lazy("Record a request for review (复查)"), (S.ISSUED,), S.UNDER_REVIEW, HANDLE,
      GZ + "第三十九条（当事人、公证事项的利害关系人认为公证书有错误的，可以向出具该公证书的公证机构提出复查）",
      clocks=(Start(clocks.REVIEW),), form=forms.ReviewRequestForm, effect=_request_review,
      event="review_requested", not_before=(("issued_on", gettext_lazy("the issue")),)),
    T("record_fee", gettext_lazy("Record the fee charged"), (S.APPLIED, S.ACCEPTED, S.PAUSED), None, HANDLE,
      "《公证法》第三十四条（当事人应当按照规定支付公证费）；《公证程序规则》（公证费按收费标准收取）",
      form=forms.FeeForm, effect=_fee, event="fee_recorded"),
    T("extend_review", gettext_lazy("Extend the review"), (S.UNDER_REVIEW,), None, HANDLE,
      "《公证程序规则》第六十四条（特殊情况下复查期限可以适当延长，但延长的期限不得超过三十日）",
      clocks=(Extend(clocks.REVIEW),), form=forms.ExtendForm, event="review_extended"),
    T("uphold", gettext_lazy("Uphold the certificate"), (S.UNDER_REVIEW,), S.ISSUED, HANDLE,
      "《公证程序规则》第六十三条（公证书无错误的，维持）", clocks=(Meet(clocks.REVIEW),),
      form=forms.ReviewDecisionForm, effect=_decide_review(ReviewOutcome.UPHELD), document="review_decision", event="review_upheld",
      not_before=(("review_requested_on", gettext_lazy("the request")),)),
    T("correct", gettext_lazy("Correct the certificate"), (S.UNDER_REVIEW,), S.ISSUED, HANDLE,
      GZ + "第三十九条（公证书有其他错误的，公证机构应当予以更正）；《公证程序规则》第六十三条",
      clocks=(Meet(clocks.REVIEW),), form=forms.ReviewDecisionForm,
      effect=_decide_review(ReviewOutcome.CORRECTED), document="review_decision", event="review_corrected",
      not_before=(("review_requested_on", gettext_lazy("the request")),)),
    T("revoke", gettext_lazy("Revoke the certificate"), (S.UNDER_REVIEW,), S.REVOKED, HANDLE,
      GZ + "第三十九条（公证书的内容违法或者与事实不符的，公证机构应当撤销该公证书并予以公告，该公证书自始无效）",
      clocks=(Meet(clocks.REVIEW),), form=forms.ReviewDecisionForm, effect=_decide_review(ReviewOutcome.REVOKED),
      document="review_decision", closes=True, event="revoked", not_before=(("review_requested_on", gettext_lazy("the request")),)),
])

"""The procedure of legal aid, read top to bottom against 法律援助法 (2021) and 法律援助条例 (2003).

One table: each transition names its source states, its target (None: a step within the state), who may take it,
its legal basis, its guards (each saying why it refuses), what it does to the clocks, its form and the document
it issues. core.workflow executes it; the effects below are the writes particular to legal aid.

An application is reviewed and decided within 7 days of receipt (第四十三条); a notified case (第三十六条) arrives
granted, to be assigned within 3 days; a grant is assigned within 3 days of the decision; a refusal or a
termination may be objected to at the justice bureau, which decides within 5 days (第四十九条).
"""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sifa.core import clocks as core_clocks
from sifa.core import numbering
from sifa.core.workflow import Close, Extend, Meet, Pause, Resume, Start, StepError, Transition, Workflow

from . import clocks, evaluation, forms, rotation
from .hardship import Inputs, assess, standard_on
from .models import (
    Decision,
    Evaluation,
    HardshipCheck,
    HardshipResult,
    LegalAidCase,
    Objection,
    ObjectionOutcome,
    ProgressReport,
    Source,
)
from .models import State as S

HANDLE = "legalaid.handle_legalaidcase"
OBJECTIONS = "legalaid.decide_objection"
REVIEW = (S.RECEIVED, S.MATERIALS_REQUESTED)


def assignment_rule(case) -> str:
    """3 days from the grant (第四十三条) or from the notice (第三十六条)."""
    return clocks.NOTIFIED_ASSIGNMENT if case.source == Source.NOTIFICATION else clocks.ASSIGNMENT


# --- guards: each returns why the case may not take the step now (None: it may) --------------------------------

def _application_only(case, on: date) -> str | None:
    if case.source != Source.APPLICATION:
        return _("a notified case needs no review: it is assigned on the notice")
    return None


def _materials_not_yet_requested(case, on: date) -> str | None:
    if case.materials_requested:
        return _("the one-time notice of the materials was already given (Art 43 ¶2 allows one notice)")
    return None


def _materials_period_over(case, on: date) -> str | None:
    d = core_clocks.current(case, clocks.MATERIALS)
    if d is not None and on <= d.due:
        return _("the applicant has until %(due)s to supplement the materials") % {"due": d.due}
    return None


def latest_check(case) -> HardshipCheck | None:
    return case.checks.order_by("-checked_on", "-pk").first() if case.pk else None


def _hardship_shown(case, on: date) -> str | None:
    check = latest_check(case)
    if check is None:
        return _("no economic-hardship check is recorded (Art 41, 42): record one first")
    if check.result not in (HardshipResult.ELIGIBLE, HardshipResult.EXEMPT):
        return _("the latest economic-hardship check (%(on)s) does not show hardship or an exemption: "
                 "%(why)s") % {"on": check.checked_on, "why": check.explanation}
    return None


def _firm_assigned(case, on: date) -> str | None:
    return None if case.law_firm_id else _("no law firm has been assigned yet")


# --- effects: the writes particular to legal aid ---------------------------------------------------------------

def _in_time(case, rule: str, on: date) -> bool | None:
    """Whether an act on `on` meets the open clock of `rule` in time (as `clocks.meet` will count it)."""
    d = core_clocks.current(case, rule)
    if d is None:
        return None
    pauses = list(d.pauses)
    if pauses and not pauses[-1].get("to"):
        pauses[-1] = {**pauses[-1], "to": max(on.isoformat(), pauses[-1]["from"])}
    due = core_clocks.compute_due(unit=d.count_unit, length=d.length, start=d.start, pauses=pauses,
                                  extension_days=sum(e["days"] for e in d.extensions))
    return on <= due


def _record_check(case, data, *, on, by):
    inputs = Inputs(method=data["method"], exempt_ground=data.get("exempt_ground") or "",
                    household_size=data.get("household_size"),
                    household_monthly_income=data.get("household_monthly_income"),
                    property_within_limit=data.get("property_within_limit"),
                    pledge_signed=bool(data.get("pledge_signed")))
    standard = standard_on(case.received_on)
    result = assess(inputs, standard)
    return HardshipCheck.objects.create(
        case=case, checked_on=on, method=inputs.method, exempt_ground=inputs.exempt_ground,
        household_size=inputs.household_size, household_monthly_income=inputs.household_monthly_income,
        property_within_limit=inputs.property_within_limit, pledge_signed=inputs.pledge_signed, standard=standard,
        income_per_capita=result.income_per_capita, result=result.result, missing=result.missing,
        explanation=result.explanation, checked_by=by)


def _request_materials(case, data, *, on, by):
    case.materials_requested = data["materials"]
    rule = core_clocks.rule_for(clocks.MATERIALS, on)
    case.materials_due = core_clocks.compute_due(rule=rule, start=on)


def _extend_materials(case, data, *, on, by):
    d = core_clocks.current(case, clocks.MATERIALS)
    if d is None:
        raise StepError(_("The period for the materials is not running."))
    case.materials_due = core_clocks.compute_due(
        unit=d.count_unit, length=d.length, start=d.start, pauses=d.pauses,
        extension_days=sum(e["days"] for e in d.extensions) + int(data["days"]))


def _decide(decision: str):
    def effect(case, data, *, on, by):
        case.decision, case.decided_on = decision, on
        case.decided_in_time = _in_time(case, clocks.DECISION, on)
        if decision == Decision.REFUSED:
            reasons = (data.get("refusal_reasons") or "").strip()
            if not reasons:
                raise StepError(_("A refusal must give its reasons in writing (Art 43 ¶1)."), field="refusal_reasons")
            case.refusal_ground, case.refusal_reasons = data["refusal_ground"], reasons
        else:
            case.accepted_on = on
            case.service_form = data.get("service_form") or case.service_form
            case.provisional_ground = data.get("provisional_ground", "")
    return effect


def _assign(case, data, *, on, by):
    case.law_firm, case.lawyer = data["law_firm"], data["lawyer"].strip()
    case.assigned_on = on
    case.assigned_in_time = _in_time(case, assignment_rule(case), on)


def _rotate(case, data, *, on, by):
    choice = rotation.choose(case)
    if choice.lawyer is None:
        why = "；".join(f"{s['lawyer']}：{s['reason']}" for s in choice.skipped)
        raise StepError(_("No lawyer on the roster is free to take this case.") + (f"（{why}）" if why else ""))
    lawyer = choice.lawyer
    case.roster_lawyer, case.law_firm, case.lawyer = lawyer, lawyer.law_firm, lawyer.name
    case.rotation_skipped = choice.skipped
    case.assigned_on = on
    case.assigned_in_time = _in_time(case, assignment_rule(case), on)
    lawyer.last_assigned_on = max(on, lawyer.last_assigned_on or on)
    lawyer.save(update_fields=["last_assigned_on"])
    return choice


def _report(case, data, *, on, by):
    return ProgressReport.objects.create(case=case, reported_on=on, stage=data.get("stage", ""),
                                         note=data["note"], recorded_by=by)


def _close(case, data, *, on, by):
    case.outcome = data["outcome"].strip()


def _letter(case, data, *, on, by):
    case.handling_organ, case.letter_sent_on = data["handling_organ"].strip(), on


def _letter_not_yet_sent(case, on: date) -> str | None:
    return _("the letter was sent already (%(n)s)") % {"n": case.letter_number} if case.letter_number else None


def _not_reviewed(case, on: date) -> str | None:
    return _("the closing review is done") if Evaluation.objects.filter(case=case).exists() else None


def _sheet_and_rate(case, on: date) -> str | None:
    day = case.closed_on or on
    if evaluation.sheet_on(day) is None:
        return _("no evaluation sheet is in force on %(day)s: enter the district's sheet first") % {"day": day}
    if evaluation.rate_on(case.service_form, day) is None:
        return _("no subsidy rate for %(form)s is in force on %(day)s: enter the district's tariff first") % {
            "form": case.get_service_form_display(), "day": day}
    return None


def _reviewed_not_approved(case, on: date) -> str | None:
    e = Evaluation.objects.filter(case=case).first()
    if e is None:
        return _("the closing review is not done yet")
    if e.approved_on:
        return _("the subsidy was approved on %(on)s") % {"on": e.approved_on}
    return None


def _review(case, data, *, on, by):
    day = case.closed_on
    if on < day:
        raise StepError(_("The review cannot precede the closing (%(on)s).") % {"on": day}, field="on")
    sheet, rate = evaluation.sheet_on(day), evaluation.rate_on(case.service_form, day)
    try:
        result = evaluation.assess(sheet, rate, data.get("scores") or {})
    except ValueError as exc:
        raise StepError(_("Give a score within its maximum for every item of the sheet.")) from exc
    return Evaluation.objects.create(
        case=case, reviewed_on=on, sheet=sheet, scores=result.scores, total=result.total, grade=result.grade,
        opinion=data["opinion"].strip(), rate=rate, subsidy=result.subsidy, subsidy_explanation=result.explanation,
        reviewed_by=by if getattr(by, "pk", None) else None)


def _approve(case, data, *, on, by):
    e = Evaluation.objects.select_for_update().get(case=case)
    if on < e.reviewed_on:
        raise StepError(_("The approval cannot precede the review (%(on)s).") % {"on": e.reviewed_on}, field="on")
    e.approved_on, e.approved_by = on, by if getattr(by, "pk", None) else None
    e.save(update_fields=["approved_on", "approved_by"])
    return e


def _terminate(case, data, *, on, by):
    case.termination_ground = data["termination_ground"]
    case.termination_reasons = data["termination_reasons"].strip()


def _object(against: str):
    def effect(case, data, *, on, by):
        if case.closed_on and on < case.closed_on:
            raise StepError(_("The objection cannot precede the decision (%(on)s).") % {"on": case.closed_on},
                            field="on")
        case.closed_on = None
        return Objection.objects.create(case=case, against=against, received_on=on, grounds=data["grounds"])
    return effect


def _decide_objection(outcome: str):
    def effect(case, data, *, on, by):
        objection = case.objections.filter(outcome="").order_by("-pk").first()
        if objection is None:
            raise StepError(_("There is no objection to decide."))
        if on < objection.received_on:
            raise StepError(_("The decision cannot precede the objection (%(on)s).") % {"on": objection.received_on},
                            field="on")
        objection.outcome, objection.decided_on, objection.reasons = outcome, on, data["reasons"].strip()
        objection.save()
        if outcome == ObjectionOutcome.UPHELD:
            case.closed_on = on
        elif objection.against == S.REFUSED:  # the centre corrects its refusal: aid is granted
            case.decision, case.decided_on, case.accepted_on = Decision.GRANTED, on, on
        return objection
    return effect


# --- documents: numbered once, here, in the step's transaction; rendered from the case on download ------------

NUMBER_FORMATS = {
    "case": "{prefix}〔{year}〕{n}号",
    "materials_notice": "{prefix}补字〔{year}〕{n}号",
    "grant_decision": "{prefix}给字〔{year}〕{n}号",
    "refusal_decision": "{prefix}不字〔{year}〕{n}号",
    "assignment_notice": "{prefix}指字〔{year}〕{n}号",
    "termination_decision": "{prefix}终字〔{year}〕{n}号",
    "aid_letter": "{prefix}函字〔{year}〕{n}号",
    "closing_review": "{prefix}审字〔{year}〕{n}号",
    "subsidy_approval": "{prefix}补贴字〔{year}〕{n}号",
}
NUMBER_FIELDS = {"materials_notice": "materials_notice_number", "grant_decision": "decision_number", "refusal_decision": "decision_number",
                 "assignment_notice": "assignment_number", "termination_decision": "termination_number",
                 "aid_letter": "letter_number", "closing_review": "review_number", "subsidy_approval": "subsidy_number"}


def issue(case, kind: str, *, on, by, ref=None) -> str:
    number = numbering.take(kind=f"legalaid.{kind}", unit=case.unit, year=on.year, default_format=NUMBER_FORMATS[kind])
    setattr(case, NUMBER_FIELDS[kind], number)
    return number


T = Transition
D = clocks.DECISION

WORKFLOW = Workflow(states=S, model=LegalAidCase, event_prefix="legalaid", issue=issue, url_name="legalaid:action",
                    transitions=[
    # --- review of an application (审查) ----------------------------------------------------------------------
    T("check_hardship", gettext_lazy("Check economic hardship"), REVIEW, None, HANDLE,
      "《法律援助法》第三十四条、第四十一条（如实说明，信息共享查询或者个人诚信承诺）、第四十二条（免予核查）、第三十二条（不受经济困难条件限制）",
      guards=(_application_only,), form=forms.HardshipForm, effect=_record_check, event="hardship_checked",
      not_before=(("received_on", gettext_lazy("the receipt")),),
      summary=lambda case, data, check: f"{case.number}: {check.get_result_display()}"),
    T("request_materials", gettext_lazy("Request materials (one-time notice)"), (S.RECEIVED,), S.MATERIALS_REQUESTED,
      HANDLE, "《法律援助法》第四十三条第二款：申请材料不齐全的，一次性告知需要补充的材料或者要求作出说明",
      clocks=(Pause(D, reason="补充材料、作出说明", note=gettext_lazy("supplementing materials")),
              Start(clocks.MATERIALS)),
      guards=(_application_only, _materials_not_yet_requested), form=forms.MaterialsForm,
      effect=_request_materials, document="materials_notice", event="materials_requested",
      not_before=(("received_on", gettext_lazy("the receipt")),)),
    T("extend_materials", gettext_lazy("Extend the period for the materials"), (S.MATERIALS_REQUESTED,), None, HANDLE,
      "《法律援助法》第四十三条第二款；申请人有正当理由的，中心可以延长补充期限（本中心规定，最多十日）",
      clocks=(Extend(clocks.MATERIALS),), form=forms.ExtendForm, effect=_extend_materials,
      event="materials_extended"),
    T("receive_materials", gettext_lazy("Record the materials received"), (S.MATERIALS_REQUESTED,), S.RECEIVED,
      HANDLE, "《法律援助法》第四十三条第二款", clocks=(Meet(clocks.MATERIALS), Resume(D)), event="materials_received"),
    T("deem_withdrawn", gettext_lazy("Deem the application withdrawn"), (S.MATERIALS_REQUESTED,), S.WITHDRAWN,
      HANDLE, "《法律援助法》第四十三条第二款：申请人未按要求补充材料或者作出说明的，视为撤回申请",
      clocks=(Close(reason="视为撤回申请"),), guards=(_materials_period_over,), closes=True, event="withdrawn"),
    T("grant", gettext_lazy("Grant legal aid"), (S.RECEIVED,), S.GRANTED, HANDLE,
      "《法律援助法》第四十三条第一款：自收到申请之日起七日内作出给予法律援助的决定",
      clocks=(Meet(D), Start(clocks.ASSIGNMENT)), guards=(_application_only, _hardship_shown),
      form=forms.GrantForm, effect=_decide(Decision.GRANTED), document="grant_decision", event="granted"),
    T("provide_provisionally", gettext_lazy("Provide legal aid provisionally"), REVIEW, S.GRANTED, HANDLE,
      "《法律援助法》第四十四条：距法定时效或者期限届满不足七日等情形，可以决定先行提供法律援助；受援人应当及时补办手续、补充材料",
      clocks=(Meet(clocks.MATERIALS, missing_ok=True), Meet(D), Start(clocks.ASSIGNMENT)),
      guards=(_application_only,), form=forms.ProvisionalForm, effect=_decide(Decision.PROVISIONAL),
      document="grant_decision", event="provisional"),
    T("refuse", gettext_lazy("Refuse legal aid"), (S.RECEIVED,), S.REFUSED, HANDLE,
      "《法律援助法》第四十三条第一款：决定不给予法律援助的，应当书面告知申请人，并说明理由",
      clocks=(Meet(D),), guards=(_application_only,), form=forms.RefuseForm, effect=_decide(Decision.REFUSED),
      document="refusal_decision", closes=True, event="refused"),
    # --- assignment and handling (指派、办理) ---------------------------------------------------------------------
    T("assign", gettext_lazy("Assign a law firm and lawyer"), (S.GRANTED,), S.ASSIGNED, HANDLE,
      "《法律援助法》第四十三条第一款（决定之日起三日内指派）、第三十六条（收到通知后三日内指派律师并通知办案机关）；《法律援助条例》第二十一条",
      clocks=(Meet(assignment_rule, note=gettext_lazy("the assignment period")),), form=forms.AssignForm,
      effect=_assign, document="assignment_notice", event="assigned",
      not_before=(("received_on", gettext_lazy("the receipt")),)),
    T("assign_by_rotation", gettext_lazy("Assign the next lawyer of the roster"), (S.GRANTED,), S.ASSIGNED, HANDLE,
      "《法律援助法》第四十三条第一款、第三十六条（三日内指派）；《律师法》第三十九条（不得为双方当事人代理、不得代理有利益冲突的事务）",
      clocks=(Meet(assignment_rule, note=gettext_lazy("the assignment period")),), effect=_rotate,
      document="assignment_notice", event="assigned",
      not_before=(("received_on", gettext_lazy("the receipt")),),
      summary=lambda case, data, choice: f"{case.number}: {case.lawyer}" + (
          f"（跳过 {len(choice.skipped)} 人）" if choice.skipped else "")),
    T("report_progress", gettext_lazy("Record a progress report"), (S.ASSIGNED,), None, HANDLE,
      "《法律援助法》第四十六条第二款：法律援助人员应当按照规定向受援人通报法律援助事项办理情况",
      form=forms.ProgressForm, effect=_report, event="progress_reported",
      not_before=(("assigned_on", gettext_lazy("the assignment")),)),
    T("send_letter", gettext_lazy("Send the legal-aid letter to the handling organ"), (S.ASSIGNED,), None, HANDLE,
      "《法律援助法》第三十六条（指派律师并通知人民法院、人民检察院、公安机关）；《法律援助条例》第二十一条（承办人员名单回复人民法院）；《律师法》第三十三条（凭法律援助公函会见）",
      guards=(_letter_not_yet_sent,), form=forms.LetterForm, effect=_letter, document="aid_letter",
      event="letter_sent", not_before=(("assigned_on", gettext_lazy("the assignment")),)),
    T("close", gettext_lazy("Close the case"), (S.ASSIGNED,), S.CLOSED, HANDLE,
      "《法律援助法》第五十条：办理结束后报告，提交法律文书副本或者复印件、办理情况报告；《法律援助条例》第二十四条",
      clocks=(Close(reason="结案"),), form=forms.CloseForm, effect=_close, closes=True, event="closed",
      not_before=(("assigned_on", gettext_lazy("the assignment")),)),
    T("terminate", gettext_lazy("Terminate legal aid"), (S.ASSIGNED,), S.TERMINATED, HANDLE,
      "《法律援助法》第四十八条：法律援助机构应当作出终止法律援助的决定",
      clocks=(Close(reason="终止法律援助"),), form=forms.TerminateForm, effect=_terminate,
      document="termination_decision", closes=True, event="terminated",
      not_before=(("assigned_on", gettext_lazy("the assignment")),)),
    # --- after the closing: review, quality and subsidy (结案审查、质量评估、补贴, 第五十条、第五十二条、第五十九条) ---------
    T("review_closing", gettext_lazy("Review the closed case and score its quality"), (S.CLOSED,), None, HANDLE,
      "《法律援助法》第五十条（结案材料）、第五十九条（质量监督：案卷检查、征询意见、回访受援人）、第五十二条（补贴标准）",
      guards=(_not_reviewed, _sheet_and_rate), form=forms.ReviewForm, effect=_review, document="closing_review",
      event="closing_reviewed", summary=lambda case, data, e: f"{case.number}: {e.total} {e.get_grade_display()} ¥{e.subsidy}"),
    T("approve_subsidy", gettext_lazy("Approve the case subsidy"), (S.CLOSED,), None, HANDLE,
      "《法律援助法》第五十二条第一款：法律援助机构应当依照有关规定及时向法律援助人员支付法律援助补贴",
      guards=(_reviewed_not_approved,), effect=_approve, document="subsidy_approval", event="subsidy_approved",
      summary=lambda case, data, e: f"{case.number}: ¥{e.subsidy}"),
    # --- objections at the justice bureau (异议, 第四十九条) ------------------------------------------------------
    T("object_to_refusal", gettext_lazy("Record an objection to the refusal"), (S.REFUSED,), S.REFUSAL_OBJECTED,
      OBJECTIONS, "《法律援助法》第四十九条第一款：对不予法律援助的决定有异议的，可以向设立该法律援助机构的司法行政部门提出",
      clocks=(Start(clocks.OBJECTION),), form=forms.ObjectionForm, effect=_object(S.REFUSED),
      event="objection_received"),
    T("object_to_termination", gettext_lazy("Record an objection to the termination"), (S.TERMINATED,),
      S.TERMINATION_OBJECTED, OBJECTIONS,
      "《法律援助法》第四十九条第一款：对终止法律援助的决定有异议的，可以向司法行政部门提出",
      clocks=(Start(clocks.OBJECTION),), form=forms.ObjectionForm, effect=_object(S.TERMINATED),
      event="objection_received"),
    T("uphold_refusal", gettext_lazy("Uphold the refusal"), (S.REFUSAL_OBJECTED,), S.REFUSED, OBJECTIONS,
      "《法律援助法》第四十九条第二款：自收到异议之日起五日内审查，作出维持法律援助机构决定的决定；第三款：不服的，可以依法申请行政复议或者提起行政诉讼",
      clocks=(Meet(clocks.OBJECTION),), form=forms.ObjectionDecisionForm,
      effect=_decide_objection(ObjectionOutcome.UPHELD), event="objection_upheld"),
    T("correct_refusal", gettext_lazy("Order the centre to grant legal aid"), (S.REFUSAL_OBJECTED,), S.GRANTED,
      OBJECTIONS, "《法律援助法》第四十九条第二款：责令法律援助机构改正；《法律援助条例》第十九条",
      clocks=(Meet(clocks.OBJECTION), Start(clocks.ASSIGNMENT)), form=forms.ObjectionDecisionForm,
      effect=_decide_objection(ObjectionOutcome.CORRECTED), event="objection_corrected"),
    T("uphold_termination", gettext_lazy("Uphold the termination"), (S.TERMINATION_OBJECTED,), S.TERMINATED,
      OBJECTIONS, "《法律援助法》第四十九条第二款、第三款", clocks=(Meet(clocks.OBJECTION),),
      form=forms.ObjectionDecisionForm, effect=_decide_objection(ObjectionOutcome.UPHELD), event="objection_upheld"),
    T("correct_termination", gettext_lazy("Order the centre to resume legal aid"), (S.TERMINATION_OBJECTED,),
      S.ASSIGNED, OBJECTIONS, "《法律援助法》第四十九条第二款：责令法律援助机构改正",
      clocks=(Meet(clocks.OBJECTION),), guards=(_firm_assigned,), form=forms.ObjectionDecisionForm,
      effect=_decide_objection(ObjectionOutcome.CORRECTED), event="objection_corrected"),
])

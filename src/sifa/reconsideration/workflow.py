"""The procedure of administrative reconsideration, read top to bottom against the law.

The legal bases cite 行政复议法 (2023 revision, in force 2024-01-01; applications received earlier follow the
2017 text, cited "2017年修正本") and 行政复议法实施条例 (2007), in Chinese. Each transition names its source
states and target (None: a step that does not change the state), who may take it, its legal basis, the
conditions beyond the state (guards, each saying why it refuses), the dates it may not precede, its form, the
line's own writes (`effect`, in services.py), the clocks it moves (as data: core executes them), the document
it issues and its audit code. Where the two texts of the law differ, a clock effect says so with `when=`.

Core runs the table: `WORKFLOW.run(app, "accept", by=, on=, data={...}, expected_version=)`; the action pages,
the case page's actions and the daily sweep (deemed acceptance) go through it too.
"""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sifa.core import clocks as core_clocks
from sifa.core.clock_effects import Replace
from sifa.core.workflow import Cancel, Close, Extend, Meet, Pause, Resume, Start, Transition, Workflow

from . import forms, services
from .clocks import (
    ACCEPTANCE_REVIEW,
    CORRECTION,
    DECISION_ORDINARY,
    DECISION_SIMPLIFIED,
    SUSPENSION_TERMINATION,
    answer_rule,
    copy_rule,
    decision_rule,
)
from .models import Application, Outcome, Procedure
from .models import DocumentKind as Doc
from .models import State as S

HANDLE = "reconsideration.handle_application"
APPROVE = "reconsideration.approve_application"
PRE = (S.RECEIVED, S.CORRECTION_REQUESTED)
OPEN_AFTER_ACCEPTANCE = (S.HEARING, S.SUSPENDED)

RECEIPT = (("received_on", gettext_lazy("the receipt of the application")),)
ACCEPTANCE = (("accepted_on", gettext_lazy("the acceptance")),)


# --- the rules that depend on the case ------------------------------------------------------------------

def decision(case) -> str:
    return decision_rule(case.procedure)  # 60 days; simplified procedure 30 (第六十二条)


def copy(case) -> str:
    return copy_rule(case.procedure)  # 7 working days; simplified 3 (第四十八条、第五十四条)


def answer(case) -> str:
    return answer_rule(case.procedure)  # 10 working days; simplified 5


def law_2023(case, data) -> bool:
    return case.follows_2023_law


def law_2017(case, data) -> bool:
    return not case.follows_2023_law


def excludes_time(procedure: str):
    """An on-site inspection or an appraisal stops the decision period of the case's procedure (实施条例 第三十四条
    第三款、第三十七条); a plain investigation does not."""
    return lambda case, data: data["_excludes_time"] and case.procedure == procedure


def excluded_time(case, data) -> str:
    return data["_pause_reason"]


EXCLUDED = gettext_lazy("inspection or appraisal")


def outcome_label(case, data) -> str:
    return str(Outcome(case.outcome).label)


DECISION_PERIOD = gettext_lazy("the decision period")
COPY_PERIOD = gettext_lazy("the copy to the respondent")
ANSWER_PERIOD = gettext_lazy("the respondent's answer")
# A concluded case meets its decision period and stops every other clock. (The rule is given as a function of the
# case: core's Close cannot yet name a rule key whose label is translated lazily.)
CONCLUDES = Close(decision, reason=outcome_label, note=DECISION_PERIOD)


# --- guards: conditions beyond the state, each returning why it refuses (None: allowed) -------------------

def review_lapsed(case, on: date) -> str | None:
    d = core_clocks.current(case, ACCEPTANCE_REVIEW)
    if d is not None and d.state != "paused" and on > d.due:
        return _("the review period ended on %(due)s; the application is deemed accepted from that day "
                 "(FY 30 ¶3)") % {"due": d.due}
    return None


def review_running(case, on: date) -> str | None:
    d = core_clocks.current(case, ACCEPTANCE_REVIEW)
    if d is None or d.state == "paused" or on <= d.due:
        return _("the review period runs until %(due)s; only after it ends is the application deemed "
                 "accepted") % {"due": d.due if d else "—"}
    return None


def correction_not_lapsed(case, on: date) -> str | None:
    d = core_clocks.current(case, CORRECTION)
    if d is not None and on <= d.due:
        return _("the applicant has until %(due)s to correct the application") % {"due": d.due}
    return None


def simplified_only(case, on: date) -> str | None:
    if case.procedure != Procedure.SIMPLIFIED:
        return _("the case is already under the ordinary procedure")
    return None


def ordinary_only(case, on: date) -> str | None:
    if case.procedure == Procedure.SIMPLIFIED:
        return _("the simplified procedure's 30-day period cannot be extended (FY 62 ¶2); switch to the "
                 "ordinary procedure first")
    return None


def copy_not_sent(case, on: date) -> str | None:
    return _("the copy was already sent on %(on)s") % {"on": case.copy_sent_on} if case.copy_sent_on else None


def answer_pending(case, on: date) -> str | None:
    if not case.copy_sent_on:
        return _("the copy of the application has not been sent to the respondent yet")
    if case.answer_received_on:
        return _("the answer was already recorded on %(on)s") % {"on": case.answer_received_on}
    return None


def no_open_investigation(case, on: date) -> str | None:
    if any(i.ended_on is None for i in case.investigations.all()):
        return _("an investigation is still open; end it first")
    return None


def open_investigation(case, on: date) -> str | None:
    if not any(i.ended_on is None for i in case.investigations.all()):
        return _("no investigation is open")
    return None


def suspended_for_mediation_if_suspended(case, on: date) -> str | None:
    if case.state == S.SUSPENDED:
        current = case.suspensions.filter(resumed_on__isnull=True).order_by("-pk").first()
        if current is None or current.ground != "6":
            return _("a suspended case can be concluded by mediation only when suspended for mediation "
                     "(ground ⑥)")
    return None


def heard_if_major(case, on: date) -> str | None:
    if case.major and case.follows_2023_law and not case.hearings.filter(kind="hearing", state="held").exists():
        return _("a major, difficult or complex case must be heard in a hearing first (FY 50 ¶1)")
    return None


def committee_if_major(case, on: date) -> str | None:
    if case.major and case.follows_2023_law and not case.committee_reviews.exclude(opinion="").exists():
        return _("a major, difficult or complex case needs the committee's opinion first (FY 52 ¶2)")
    return None


# --- the table -------------------------------------------------------------------------------------------

T = Transition
WORKFLOW = Workflow(states=S, model=Application, event_prefix="reconsideration", url_name="reconsideration:action",
                    issue=services.issue, transitions=[
    # --- acceptance review (受理审查) -------------------------------------------------------------------
    T("request_correction", gettext_lazy("Request correction"), (S.RECEIVED,), S.CORRECTION_REQUESTED, HANDLE,
      "《行政复议法》第三十一条第一款（《行政复议法实施条例》第二十九条）：收到申请之日起五个工作日内书面通知补正，一次性载明需要补正的事项",
      guards=(review_lapsed,), not_before=RECEIPT, form=forms.RequestCorrectionForm,
      effect=services.write_correction_request, document=Doc.CORRECTION_NOTICE, event="correction_requested",
      summary=lambda c, d, r: d["items"],
      clocks=(Pause(ACCEPTANCE_REVIEW, reason=gettext_lazy("correction requested")), Start(CORRECTION))),
    T("extend_correction", gettext_lazy("Extend the correction period"), (S.CORRECTION_REQUESTED,), None, HANDLE,
      "《行政复议法》第三十一条第二款：有正当理由的，可以延长合理的补正期限",
      form=forms.ExtendForm, event="correction_extended", summary=lambda c, d, r: d["reason"],
      clocks=(Extend(CORRECTION),)),
    T("receive_correction", gettext_lazy("Record the corrected materials"), (S.CORRECTION_REQUESTED,), S.RECEIVED,
      HANDLE, "《行政复议法》第三十一条第三款：收到补正材料后，依照第三十条的规定处理（2017年修正本：补正时间不计入审查期限，《行政复议法实施条例》第二十九条）",
      effect=services.write_correction_received, event="correction_received",
      clocks=(Meet(CORRECTION),
              Cancel(ACCEPTANCE_REVIEW, reason=gettext_lazy("review runs again from the corrected materials"),
                     when=law_2023, note=gettext_lazy("2023 law")),
              Start(ACCEPTANCE_REVIEW, when=law_2023, note=gettext_lazy("2023 law")),
              Resume(ACCEPTANCE_REVIEW, when=law_2017, note=gettext_lazy("2017 law")))),
    T("correction_lapsed", gettext_lazy("Record that no correction came"), (S.CORRECTION_REQUESTED,), S.ABANDONED,
      HANDLE, "《行政复议法》第三十一条第二款（《行政复议法实施条例》第二十九条）：无正当理由逾期不补正的，视为放弃行政复议申请",
      guards=(correction_not_lapsed,), effect=services.write_abandoned, closes=True, event="abandoned",
      clocks=(Close(reason=gettext_lazy("deemed abandoned")),)),
    T("resolve_before_acceptance", gettext_lazy("Record resolution before acceptance"), PRE,
      S.PRE_ACCEPTANCE_RESOLVED, HANDLE, "《行政复议法》第五条（调解）；受理前化解为本地工作惯例",
      not_before=RECEIPT, form=forms.ResolveForm, effect=services.write_resolution, closes=True,
      event="resolved_before_acceptance", summary=lambda c, d, r: d["note"],
      clocks=(Close(reason=gettext_lazy("resolved before acceptance")),)),
    T("accept", gettext_lazy("Accept"), (S.RECEIVED,), S.HEARING, HANDLE,
      "《行政复议法》第三十条第一款（2017年修正本第十七条）；简易程序：第五十三条",
      guards=(review_lapsed,), not_before=RECEIPT, form=forms.AcceptForm, effect=services.write_acceptance,
      document=Doc.ACCEPTANCE_NOTICE, event="accepted",
      clocks=(Meet(ACCEPTANCE_REVIEW), Start(decision, note=DECISION_PERIOD), Start(copy, note=COPY_PERIOD))),
    T("not_accept", gettext_lazy("Decide not to accept"), (S.RECEIVED,), S.NOT_ACCEPTED, HANDLE,
      "《行政复议法》第三十条第二款（2017年修正本第十七条第一款）：在审查期限内决定，说明理由，并告知有管辖权的机关",
      guards=(review_lapsed,), not_before=RECEIPT, form=forms.NotAcceptForm, effect=services.write_non_acceptance,
      closes=True, document=Doc.NON_ACCEPTANCE, event="not_accepted", summary=lambda c, d, r: d["reasons"],
      clocks=(Meet(ACCEPTANCE_REVIEW), Close(reason=gettext_lazy("not accepted")))),
    # Taken by the daily sweep (services.reconsideration_deem_accepted_due), never by hand: accepted under the
    # ordinary procedure from the day the review period ended (2023 law) or from the day of receipt (2017 law).
    T("deem_accepted", gettext_lazy("Deemed accepted"), (S.RECEIVED,), S.HEARING, HANDLE,
      "《行政复议法》第三十条第三款（2017年修正本第十七条第二款）：审查期限届满未作出不予受理决定的，视为受理",
      guards=(review_running,), effect=services.write_deemed_acceptance, manual=False, event="deemed_accepted",
      clocks=(Meet(ACCEPTANCE_REVIEW, at="_review_due"), Start(DECISION_ORDINARY, at="accepted_on"),
              Start(copy, at="accepted_on", note=COPY_PERIOD))),
    # --- after acceptance (审理) ---------------------------------------------------------------------------
    T("switch_to_ordinary", gettext_lazy("Switch to the ordinary procedure"), (S.HEARING,), None, APPROVE,
      "《行政复议法》第五十五条：经行政复议机构负责人批准",
      guards=(simplified_only,), form=forms.ReasonForm, effect=services.write_ordinary_procedure,
      event="switched_to_ordinary", summary=lambda c, d, r: d["reason"],
      clocks=(Replace(DECISION_SIMPLIFIED, DECISION_ORDINARY, at="accepted_on"),)),
    T("send_copy", gettext_lazy("Send the copy to the respondent"), (S.HEARING,), None, HANDLE,
      "《行政复议法》第四十八条、第五十四条（2017年修正本第二十三条）",
      guards=(copy_not_sent,), not_before=ACCEPTANCE, form=forms.SendCopyForm, effect=services.write_copy_sent,
      event="copy_sent",
      clocks=(Meet(copy, missing_ok=True, note=COPY_PERIOD), Start(answer, at="copy_received_on", note=ANSWER_PERIOD))),
    T("record_answer", gettext_lazy("Record the respondent's answer"), (S.HEARING,), None, HANDLE,
      "《行政复议法》第四十八条、第五十四条；逾期不答复的，依照第七十条",
      guards=(answer_pending,), not_before=(("copy_received_on", gettext_lazy("the respondent's receipt of the copy")),),
      effect=services.write_answer, event="answer_received",
      clocks=(Meet(answer, missing_ok=True, note=ANSWER_PERIOD),)),
    T("extend_decision", gettext_lazy("Extend the decision period"), (S.HEARING, S.SUSPENDED), None, APPROVE,
      "《行政复议法》第六十二条第一款（2017年修正本第三十一条）：经行政复议机构负责人批准，延长不得超过三十日，书面告知当事人",
      guards=(ordinary_only,), form=forms.ExtendForm, event="decision_extended", summary=lambda c, d, r: d["reason"],
      clocks=(Extend(DECISION_ORDINARY),)),
    T("start_investigation", gettext_lazy("Start an investigation, inspection or appraisal"), (S.HEARING,), None,
      HANDLE, "《行政复议法》第四十四条至第四十六条；《行政复议法实施条例》第三十三条、第三十四条、第三十七条（现场勘验、鉴定的时间不计入审理期限）",
      guards=(no_open_investigation,), not_before=ACCEPTANCE, form=forms.InvestigationStartForm,
      effect=services.write_investigation_start, event="investigation_started",
      summary=lambda c, d, r: r.get_kind_display(),
      clocks=(Pause(DECISION_ORDINARY, reason=excluded_time, when=excludes_time(Procedure.ORDINARY), note=EXCLUDED),
              Pause(DECISION_SIMPLIFIED, reason=excluded_time, when=excludes_time(Procedure.SIMPLIFIED),
                    note=EXCLUDED))),
    T("end_investigation", gettext_lazy("End the investigation"), (S.HEARING,), None, HANDLE,
      "《行政复议法实施条例》第三十四条第三款、第三十七条",
      guards=(open_investigation,), form=forms.InvestigationEndForm, effect=services.write_investigation_end,
      event="investigation_ended", summary=lambda c, d, r: r.get_kind_display(),
      clocks=(Resume(DECISION_ORDINARY, when=excludes_time(Procedure.ORDINARY), note=EXCLUDED),
              Resume(DECISION_SIMPLIFIED, when=excludes_time(Procedure.SIMPLIFIED), note=EXCLUDED))),
    T("schedule_hearing", gettext_lazy("Schedule a hearing"), (S.HEARING,), None, HANDLE,
      "《行政复议法》第五十条（听证主持人一名、听证员二名以上、记录员一名）、第五十一条（听证五个工作日前书面通知）",
      form=forms.ScheduleHearingForm, effect=services.write_hearing_schedule, document=Doc.HEARING_NOTICE,
      event="hearing_scheduled", summary=lambda c, d, r: str(d["scheduled_for"])),
    T("record_hearing", gettext_lazy("Record a hearing or an interview"), (S.HEARING,), None, HANDLE,
      "《行政复议法》第四十九条（听取意见）、第五十条第三款（听证笔录）、第五十一条第三款（被申请人负责人参加听证）",
      not_before=ACCEPTANCE, form=forms.RecordHearingForm, effect=services.write_hearing_record,
      event="hearing_held", summary=lambda c, d, r: f"{r.get_kind_display()} {r.held_on}"),
    T("refer_to_committee", gettext_lazy("Refer to the committee"), (S.HEARING,), None, HANDLE,
      "《行政复议法》第五十二条第二款：案情重大、疑难、复杂或者专业性、技术性较强的案件",
      form=forms.ReferForm, effect=services.write_committee_referral, event="referred_to_committee",
      summary=lambda c, d, r: str(d["meeting"])),
    T("suspend", gettext_lazy("Suspend"), (S.HEARING,), S.SUSPENDED, HANDLE,
      "《行政复议法》第三十九条（《行政复议法实施条例》第四十一条）：法定中止情形，书面告知当事人；第一、二、四项情形满六十日的，依照第四十一条第五项终止",
      not_before=ACCEPTANCE, form=forms.SuspendForm, effect=services.write_suspension,
      document=Doc.SUSPENSION_NOTICE, event="suspended", summary=lambda c, d, r: r.get_ground_display(),
      clocks=(Pause(decision, reason=lambda c, d: f"中止：{d['_suspension'].get_ground_display()}", note=DECISION_PERIOD),
              Start(SUSPENSION_TERMINATION, when=lambda c, d: d["_suspension"].may_lead_to_termination))),
    T("resume", gettext_lazy("Resume"), (S.SUSPENDED,), S.HEARING, HANDLE,
      "《行政复议法》第三十九条第二款、第三款：中止的原因消除后恢复审理，书面告知当事人",
      effect=services.write_resumption, document=Doc.RESUMPTION_NOTICE, event="resumed",
      clocks=(Resume(decision, note=DECISION_PERIOD), Meet(SUSPENSION_TERMINATION, missing_ok=True))),
    T("terminate", gettext_lazy("Terminate"), OPEN_AFTER_ACCEPTANCE, S.TERMINATED, HANDLE,
      "《行政复议法》第四十一条（《行政复议法实施条例》第四十二条）",
      not_before=ACCEPTANCE, form=forms.TerminateForm, effect=services.write_termination, closes=True,
      document=Doc.TERMINATION, event="terminated", summary=lambda c, d, r: d.get("note") or str(c), clocks=(CONCLUDES,)),
    T("withdraw", gettext_lazy("Approve withdrawal or settlement"), OPEN_AFTER_ACCEPTANCE, S.TERMINATED, HANDLE,
      "《行政复议法》第四十一条第一项、第七十四条（《行政复议法实施条例》第三十八条、第四十条、第四十二条）",
      not_before=ACCEPTANCE, form=forms.WithdrawForm, effect=services.write_withdrawal, closes=True,
      document=Doc.TERMINATION, event="withdrawn", summary=lambda c, d, r: d.get("note") or str(c), clocks=(CONCLUDES,)),
    T("mediate", gettext_lazy("Conclude by mediation"), OPEN_AFTER_ACCEPTANCE, S.MEDIATED, HANDLE,
      "《行政复议法》第五条、第七十三条：调解书经当事人签字并加盖印章",
      guards=(suspended_for_mediation_if_suspended,), not_before=ACCEPTANCE, form=forms.MediateForm,
      effect=services.write_mediation, closes=True, document=Doc.MEDIATION, event="mediated",
      summary=lambda c, d, r: d["terms"], clocks=(CONCLUDES,)),
    T("decide", gettext_lazy("Decide"), (S.HEARING,), S.DECIDED, HANDLE,
      "《行政复议法》第六十一条至第七十二条（2017年修正本第二十八条、第三十一条）；驳回申请：第三十三条",
      guards=(no_open_investigation, heard_if_major, committee_if_major), not_before=ACCEPTANCE,
      form=forms.DecideForm, effect=services.write_decision, closes=True, document=Doc.DECISION, event="decided",
      clocks=(CONCLUDES,)),
    T("serve", gettext_lazy("Record service of the decision"), (S.DECIDED,), S.SERVED, HANDLE,
      "《行政复议法》第七十五条第二款（决定书送达即发生法律效力）、第八十八条（送达参照民事诉讼法）",
      not_before=(("concluded_on", gettext_lazy("the decision")),), form=forms.ServeForm,
      effect=services.write_service, event="served", summary=lambda c, d, r: d["method"]),
    # --- at any open stage --------------------------------------------------------------------------------
    T("assign", gettext_lazy("Assign the handler"), (*PRE, *OPEN_AFTER_ACCEPTANCE), None, APPROVE,
      "《行政复议法》第三十六条第一款：行政复议机构指定案件承办人员",
      form=forms.AssignForm, effect=services.write_handler, event="assigned",
      summary=lambda c, d, r: str(d["handler"])),
    T("add_party", gettext_lazy("Add a party"), (*PRE, *OPEN_AFTER_ACCEPTANCE), None, HANDLE,
      "《行政复议法》第十四条至第十七条（第三人、代理人）",
      form=forms.AddPartyForm, effect=services.write_party, event="party_added", summary=lambda c, d, r: str(r)),
])

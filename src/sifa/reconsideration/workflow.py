"""The procedure of administrative reconsideration, read top to bottom against the law.

The legal bases cite 行政复议法 (2023 revision, in force 2024-01-01; applications received earlier follow the
2017 text, cited "2017年修正本") and 行政复议法实施条例 (2007), in Chinese: the forms show them; the clock notes
cite them as FY, FY2017 and FYSL. Each transition names its source states, target (None: a step that does not
change the state), the permission it needs, its legal basis and what it does to the clocks. The conditions beyond the state (a guard) are listed after the table, each saying why it refuses.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sifa.core import clocks as core_clocks
from sifa.core.workflow import Transition, TransitionNotAllowed, Workflow

from . import clocks
from .models import Procedure
from .models import State as S

HANDLE = "reconsideration.handle_application"
APPROVE = "reconsideration.approve_application"
PRE = (S.RECEIVED, S.CORRECTION_REQUESTED)
OPEN_AFTER_ACCEPTANCE = (S.HEARING, S.SUSPENDED)

T = Transition
WORKFLOW = Workflow(states=S, transitions=[
    # --- acceptance review (受理审查) -------------------------------------------------------------------
    T("request_correction", gettext_lazy("Request correction"), (S.RECEIVED,), S.CORRECTION_REQUESTED, HANDLE,
      "《行政复议法》第三十一条第一款（《行政复议法实施条例》第二十九条）：收到申请之日起五个工作日内书面通知补正，一次性载明需要补正的事项",
      "pauses the acceptance review; starts the applicant's 10-working-day correction period"),
    T("extend_correction", gettext_lazy("Extend the correction period"), (S.CORRECTION_REQUESTED,), None, HANDLE,
      "《行政复议法》第三十一条第二款：有正当理由的，可以延长合理的补正期限", "extends the correction period"),
    T("receive_correction", gettext_lazy("Record the corrected materials"), (S.CORRECTION_REQUESTED,), S.RECEIVED,
      HANDLE, "《行政复议法》第三十一条第三款：收到补正材料后，依照第三十条的规定处理",
      "meets the correction period; the review runs again from the materials (FY2017: resumes)"),
    T("correction_lapsed", gettext_lazy("Record that no correction came"), (S.CORRECTION_REQUESTED,), S.ABANDONED,
      HANDLE, "《行政复议法》第三十一条第二款（《行政复议法实施条例》第二十九条）：无正当理由逾期不补正的，视为放弃行政复议申请",
      "closes every clock"),
    T("resolve_before_acceptance", gettext_lazy("Record resolution before acceptance"), PRE,
      S.PRE_ACCEPTANCE_RESOLVED, HANDLE, "《行政复议法》第五条（调解）；受理前化解为本地工作惯例",
      "closes every clock"),
    T("accept", gettext_lazy("Accept"), (S.RECEIVED,), S.HEARING, HANDLE,
      "《行政复议法》第三十条第一款（2017年修正本第十七条）；简易程序：第五十三条",
      "meets the review; starts the decision period (60 days, simplified 30: FY 62) and the copy to the "
      "respondent (7 / 3 working days: FY 48, 54)"),
    T("not_accept", gettext_lazy("Decide not to accept"), (S.RECEIVED,), S.NOT_ACCEPTED, HANDLE,
      "《行政复议法》第三十条第二款（2017年修正本第十七条第一款）：在审查期限内决定，说明理由，并告知有管辖权的机关",
      "meets the review; closes every clock"),
    T("deem_accepted", gettext_lazy("Deemed accepted"), (S.RECEIVED,), S.HEARING, HANDLE,
      "《行政复议法》第三十条第三款（2017年修正本第十七条第二款）：审查期限届满未作出不予受理决定的，视为受理",
      "taken by the daily run when the review period has ended; starts the ordinary decision period"),
    # --- after acceptance (审理) ---------------------------------------------------------------------------
    T("switch_to_ordinary", gettext_lazy("Switch to the ordinary procedure"), (S.HEARING,), None, APPROVE,
      "《行政复议法》第五十五条：经行政复议机构负责人批准",
      "replaces the 30-day decision period by the 60-day one from acceptance, keeping the excluded time"),
    T("send_copy", gettext_lazy("Send the copy to the respondent"), (S.HEARING,), None, HANDLE,
      "《行政复议法》第四十八条、第五十四条（2017年修正本第二十三条）",
      "meets the copy period; starts the respondent's answer (10 / 5 working days)"),
    T("record_answer", gettext_lazy("Record the respondent's answer"), (S.HEARING,), None, HANDLE,
      "《行政复议法》第四十八条、第五十四条；逾期不答复的，依照第七十条", "meets the answer period"),
    T("extend_decision", gettext_lazy("Extend the decision period"), (S.HEARING, S.SUSPENDED), None, APPROVE,
      "《行政复议法》第六十二条第一款（2017年修正本第三十一条）：经行政复议机构负责人批准，延长不得超过三十日，书面告知当事人",
      "extends the decision period"),
    T("start_investigation", gettext_lazy("Start an investigation, inspection or appraisal"), (S.HEARING,), None,
      HANDLE, "《行政复议法》第四十四条至第四十六条；《行政复议法实施条例》第三十三条、第三十四条、第三十七条",
      "on-site inspection and appraisal pause the decision period (FYSL 34 ¶3, 37)"),
    T("end_investigation", gettext_lazy("End the investigation"), (S.HEARING,), None, HANDLE,
      "《行政复议法实施条例》第三十四条第三款、第三十七条", "resumes the decision period"),
    T("schedule_hearing", gettext_lazy("Schedule a hearing"), (S.HEARING,), None, HANDLE,
      "《行政复议法》第五十条（听证主持人一名、听证员二名以上、记录员一名）、第五十一条（听证五个工作日前书面通知）", ""),
    T("record_hearing", gettext_lazy("Record a hearing or an interview"), (S.HEARING,), None, HANDLE,
      "《行政复议法》第四十九条（听取意见）、第五十条第三款（听证笔录）、第五十一条第三款（被申请人负责人参加听证）", ""),
    T("refer_to_committee", gettext_lazy("Refer to the committee"), (S.HEARING,), None, HANDLE,
      "《行政复议法》第五十二条第二款：案情重大、疑难、复杂或者专业性、技术性较强的案件", ""),
    T("suspend", gettext_lazy("Suspend"), (S.HEARING,), S.SUSPENDED, HANDLE,
      "《行政复议法》第三十九条（《行政复议法实施条例》第四十一条）：法定中止情形，书面告知当事人",
      "pauses the decision period (practice, U); grounds ①②④ start the 60-day termination period (FY 41(5))"),
    T("resume", gettext_lazy("Resume"), (S.SUSPENDED,), S.HEARING, HANDLE,
      "《行政复议法》第三十九条第二款、第三款：中止的原因消除后恢复审理，书面告知当事人",
      "resumes the decision period; stops the termination period"),
    T("terminate", gettext_lazy("Terminate"), OPEN_AFTER_ACCEPTANCE, S.TERMINATED, HANDLE,
      "《行政复议法》第四十一条（《行政复议法实施条例》第四十二条）", "closes every clock"),
    T("withdraw", gettext_lazy("Approve withdrawal or settlement"), OPEN_AFTER_ACCEPTANCE, S.TERMINATED, HANDLE,
      "《行政复议法》第四十一条第一项、第七十四条（《行政复议法实施条例》第三十八条、第四十条、第四十二条）", "closes every clock"),
    T("mediate", gettext_lazy("Conclude by mediation"), OPEN_AFTER_ACCEPTANCE, S.MEDIATED, HANDLE,
      "《行政复议法》第五条、第七十三条：调解书经当事人签字并加盖印章", "meets the decision period"),
    T("decide", gettext_lazy("Decide"), (S.HEARING,), S.DECIDED, HANDLE,
      "《行政复议法》第六十一条至第七十二条（2017年修正本第二十八条、第三十一条）；驳回申请：第三十三条", "meets the decision period; closes every clock"),
    T("serve", gettext_lazy("Record service of the decision"), (S.DECIDED,), S.SERVED, HANDLE,
      "《行政复议法》第七十五条第二款（决定书送达即发生法律效力）、第八十八条（送达参照民事诉讼法）", ""),
    # --- at any open stage --------------------------------------------------------------------------------
    T("assign", gettext_lazy("Assign the handler"), (*PRE, *OPEN_AFTER_ACCEPTANCE), None, APPROVE,
      "《行政复议法》第三十六条第一款：行政复议机构指定案件承办人员", "moves the case's clocks to the handler"),
    T("add_party", gettext_lazy("Add a party"), (*PRE, *OPEN_AFTER_ACCEPTANCE), None, HANDLE,
      "《行政复议法》第十四条至第十七条（第三人、代理人）", ""),
])


# --- guards: conditions beyond the state, each returning why it refuses (None: allowed) -------------------

def _review_clock(case):
    return core_clocks.current(case, clocks.ACCEPTANCE_REVIEW)


def _review_lapsed(case, on: date) -> str | None:
    d = _review_clock(case)
    if d is not None and d.state != "paused" and on > d.due:
        return _("the review period ended on %(due)s; the application is deemed accepted from that day "
                 "(FY 30 ¶3)") % {"due": d.due}
    return None


def _review_running(case, on: date) -> str | None:
    d = _review_clock(case)
    if d is None or d.state == "paused" or on <= d.due:
        return _("the review period runs until %(due)s; only after it ends is the application deemed "
                 "accepted") % {"due": d.due if d else "—"}
    return None


def _correction_not_lapsed(case, on: date) -> str | None:
    d = core_clocks.current(case, clocks.CORRECTION)
    if d is not None and on <= d.due:
        return _("the applicant has until %(due)s to correct the application") % {"due": d.due}
    return None


def _simplified_only(case, on: date) -> str | None:
    if case.procedure != Procedure.SIMPLIFIED:
        return _("the case is already under the ordinary procedure")
    return None


def _ordinary_only(case, on: date) -> str | None:
    if case.procedure == Procedure.SIMPLIFIED:
        return _("the simplified procedure's 30-day period cannot be extended (FY 62 ¶2); switch to the "
                 "ordinary procedure first")
    return None


def _copy_not_sent(case, on: date) -> str | None:
    return _("the copy was already sent on %(on)s") % {"on": case.copy_sent_on} if case.copy_sent_on else None


def _answer_pending(case, on: date) -> str | None:
    if not case.copy_sent_on:
        return _("the copy of the application has not been sent to the respondent yet")
    if case.answer_received_on:
        return _("the answer was already recorded on %(on)s") % {"on": case.answer_received_on}
    return None


def _no_open_investigation(case, on: date) -> str | None:
    if any(i.ended_on is None for i in case.investigations.all()):
        return _("an investigation is still open; end it first")
    return None


def _open_investigation(case, on: date) -> str | None:
    if not any(i.ended_on is None for i in case.investigations.all()):
        return _("no investigation is open")
    return None


def _not_suspended_for_mediation(case, on: date) -> str | None:
    if case.state == "suspended":
        current = case.suspensions.filter(resumed_on__isnull=True).order_by("-pk").first()
        if current is None or current.ground != "6":
            return _("a suspended case can be concluded by mediation only when suspended for mediation "
                     "(ground ⑥)")
    return None


def _heard_if_major(case, on: date) -> str | None:
    if case.major and case.follows_2023_law and not case.hearings.filter(kind="hearing", state="held").exists():
        return _("a major, difficult or complex case must be heard in a hearing first (FY 50 ¶1)")
    return None


def _committee_if_major(case, on: date) -> str | None:
    if (case.major and case.follows_2023_law
            and not case.committee_reviews.exclude(opinion="").exists()):
        return _("a major, difficult or complex case needs the committee's opinion first (FY 52 ¶2)")
    return None


GUARDS: dict[str, tuple[Callable[[object, date], str | None], ...]] = {
    "request_correction": (_review_lapsed,),
    "accept": (_review_lapsed,),
    "not_accept": (_review_lapsed,),
    "deem_accepted": (_review_running,),
    "correction_lapsed": (_correction_not_lapsed,),
    "switch_to_ordinary": (_simplified_only,),
    "extend_decision": (_ordinary_only,),
    "send_copy": (_copy_not_sent,),
    "record_answer": (_answer_pending,),
    "start_investigation": (_no_open_investigation,),
    "end_investigation": (_open_investigation,),
    "decide": (_no_open_investigation, _heard_if_major, _committee_if_major),
    "mediate": (_not_suspended_for_mediation,),
}


def check(case, name: str, user=None, on: date | None = None) -> Transition:
    """The transition if the case may take it on `on`; else TransitionNotAllowed saying why."""
    t = WORKFLOW.check(case, name, user)
    on = on or timezone.localdate()
    for guard in GUARDS.get(name, ()):
        reason = guard(case, on)
        if reason:
            raise TransitionNotAllowed(_("“%(action)s” cannot be done: %(reason)s") % {
                "action": t.label, "reason": reason})
    return t


def apply(case, name: str, user=None, on: date | None = None) -> Transition:
    t = check(case, name, user, on)
    if t.target is not None:
        case.state = t.target
    return t


def available(case, user, on: date | None = None) -> list[Transition]:
    """What the user may do in the case now (state, permission and every guard passing)."""
    on = on or timezone.localdate()
    out = []
    for t in WORKFLOW.available(case, user):
        if t.name == "deem_accepted":
            continue  # taken by the daily run, never by hand
        if not any(g(case, on) for g in GUARDS.get(t.name, ())):
            out.append(t)
    return out

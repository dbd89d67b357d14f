"""The procedure of administrative reconsideration, read top to bottom against the law.

FY = 行政复议法 (2023 revision, in force 2024-01-01; applications received earlier follow the 2017 text,
cited "FY2017"); FYSL = 行政复议法实施条例 (2007). Each transition names its source states, target (None: a
step that does not change the state), the permission it needs, its legal basis and what it does to the
clocks. The conditions beyond the state (a guard) are listed after the table, each saying why it refuses.
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
      "FY 31 ¶1 (FYSL 29): written notice within 5 working days of receipt, all items at once",
      "pauses the acceptance review; starts the applicant's 10-working-day correction period"),
    T("extend_correction", gettext_lazy("Extend the correction period"), (S.CORRECTION_REQUESTED,), None, HANDLE,
      "FY 31 ¶2: a justified reason allows a reasonable extension", "extends the correction period"),
    T("receive_correction", gettext_lazy("Record the corrected materials"), (S.CORRECTION_REQUESTED,), S.RECEIVED,
      HANDLE, "FY 31 ¶3: the materials are reviewed again under Art 30",
      "meets the correction period; the review runs again from the materials (FY2017: resumes)"),
    T("correction_lapsed", gettext_lazy("Record that no correction came"), (S.CORRECTION_REQUESTED,), S.ABANDONED,
      HANDLE, "FY 31 ¶2 (FYSL 29): no correction in time without reason → deemed abandoned",
      "closes every clock"),
    T("resolve_before_acceptance", gettext_lazy("Record resolution before acceptance"), PRE,
      S.PRE_ACCEPTANCE_RESOLVED, HANDLE, "FY 5 (mediation); local practice of pre-acceptance resolution (U)",
      "closes every clock"),
    T("accept", gettext_lazy("Accept"), (S.RECEIVED,), S.HEARING, HANDLE,
      "FY 30 ¶1 (FY2017 17); simplified procedure FY 53",
      "meets the review; starts the decision period (60 days, simplified 30: FY 62) and the copy to the "
      "respondent (7 / 3 working days: FY 48, 54)"),
    T("not_accept", gettext_lazy("Decide not to accept"), (S.RECEIVED,), S.NOT_ACCEPTED, HANDLE,
      "FY 30 ¶2 (FY2017 17 ¶1): within the review period, with reasons and the competent authority",
      "meets the review; closes every clock"),
    T("deem_accepted", gettext_lazy("Deemed accepted"), (S.RECEIVED,), S.HEARING, HANDLE,
      "FY 30 ¶3 (FY2017 17 ¶2): no refusal within the review period",
      "taken by the daily run when the review period has ended; starts the ordinary decision period"),
    # --- after acceptance (审理) ---------------------------------------------------------------------------
    T("switch_to_ordinary", gettext_lazy("Switch to the ordinary procedure"), (S.HEARING,), None, APPROVE,
      "FY 55: approved by the head of the reconsideration office",
      "replaces the 30-day decision period by the 60-day one from acceptance, keeping the excluded time"),
    T("send_copy", gettext_lazy("Send the copy to the respondent"), (S.HEARING,), None, HANDLE,
      "FY 48, 54 (FY2017 23)", "meets the copy period; starts the respondent's answer (10 / 5 working days)"),
    T("record_answer", gettext_lazy("Record the respondent's answer"), (S.HEARING,), None, HANDLE,
      "FY 48, 54; no answer in time → FY 70", "meets the answer period"),
    T("extend_decision", gettext_lazy("Extend the decision period"), (S.HEARING, S.SUSPENDED), None, APPROVE,
      "FY 62 ¶1 (FY2017 31): approved by the head of the office, at most 30 days, parties told in writing",
      "extends the decision period"),
    T("start_investigation", gettext_lazy("Start an investigation, inspection or appraisal"), (S.HEARING,), None,
      HANDLE, "FY 44–46; FYSL 33, 34, 37",
      "on-site inspection and appraisal pause the decision period (FYSL 34 ¶3, 37)"),
    T("end_investigation", gettext_lazy("End the investigation"), (S.HEARING,), None, HANDLE,
      "FYSL 34 ¶3, 37", "resumes the decision period"),
    T("schedule_hearing", gettext_lazy("Schedule a hearing"), (S.HEARING,), None, HANDLE,
      "FY 50 (panel: 1 presiding, ≥2 officers, 1 clerk), FY 51 (written notice ≥5 working days ahead)", ""),
    T("record_hearing", gettext_lazy("Record a hearing or an interview"), (S.HEARING,), None, HANDLE,
      "FY 49 (hearing the parties), FY 50 ¶3 (hearing record), FY 51 ¶3 (the respondent's head)", ""),
    T("refer_to_committee", gettext_lazy("Refer to the committee"), (S.HEARING,), None, HANDLE,
      "FY 52 ¶2: major, difficult, complex or technical cases", ""),
    T("suspend", gettext_lazy("Suspend"), (S.HEARING,), S.SUSPENDED, HANDLE,
      "FY 39 (FYSL 41): the ten grounds; the parties told in writing",
      "pauses the decision period (practice, U); grounds ①②④ start the 60-day termination period (FY 41(5))"),
    T("resume", gettext_lazy("Resume"), (S.SUSPENDED,), S.HEARING, HANDLE,
      "FY 39 ¶2, ¶3: resume once the cause is gone, the parties told in writing",
      "resumes the decision period; stops the termination period"),
    T("terminate", gettext_lazy("Terminate"), OPEN_AFTER_ACCEPTANCE, S.TERMINATED, HANDLE,
      "FY 41 (FYSL 42)", "closes every clock"),
    T("withdraw", gettext_lazy("Approve withdrawal or settlement"), OPEN_AFTER_ACCEPTANCE, S.TERMINATED, HANDLE,
      "FY 41(1), 74 (FYSL 38, 40, 42)", "closes every clock"),
    T("mediate", gettext_lazy("Conclude by mediation"), OPEN_AFTER_ACCEPTANCE, S.MEDIATED, HANDLE,
      "FY 5, 73: a mediation document signed by the parties and sealed", "meets the decision period"),
    T("decide", gettext_lazy("Decide"), (S.HEARING,), S.DECIDED, HANDLE,
      "FY 61–72 (FY2017 28, 31); dismissal FY 33", "meets the decision period; closes every clock"),
    T("serve", gettext_lazy("Record service of the decision"), (S.DECIDED,), S.SERVED, HANDLE,
      "FY 75 ¶2 (the decision takes effect on service), FY 88 (service as in civil procedure)", ""),
    # --- at any open stage --------------------------------------------------------------------------------
    T("assign", gettext_lazy("Assign the handler"), (*PRE, *OPEN_AFTER_ACCEPTANCE), None, APPROVE,
      "FY 36 ¶1: the office designates the staff handling the case", "moves the case's clocks to the handler"),
    T("add_party", gettext_lazy("Add a party"), (*PRE, *OPEN_AFTER_ACCEPTANCE), None, HANDLE,
      "FY 14–17 (third parties, representatives)", ""),
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

"""The procedure of a suit, as the administrative litigation law sets it, read top to bottom; then the reply to a
judicial suggestion and the district government's part in a city-level reconsideration.

A suit is one court proceeding (first instance, appeal or retrial). It opens when the bureau receives the
copy of the complaint, appeal or retrial application, and the answer clock starts; it ends when the
court's decision becomes final, or is appealed (the appeal is the next suit in the chain). Core executes
these tables (`sifa.core.workflow`): each row's guards, dates, writes (`effect`, in services.py), clocks and
audit event, in one transaction.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from sifa.core import clocks
from sifa.core.workflow import Cancel, Close, Meet, Start, Transition, Workflow

from . import forms, services
from .clocks import ANSWER_RULE, CITY_REPLY, suggestion_rule
from .models import (
    CityReconsideration,
    CityReconsiderationState,
    Instance,
    JudicialSuggestion,
    OutcomeKind,
    SuggestionState,
    Suit,
    SuitState,
)

S = SuitState
CHANGE = "litigation.change_suit"
RECEIVED = (("received_on", _("the day the copy was received")),)


def answer_rule(suit: Suit) -> str:
    """The answer clock of the suit's instance (解释 第一百零八条、第一百一十一条)."""
    return ANSWER_RULE[suit.tier]


def appeal_rule(suit: Suit) -> str | None:
    """15 days for a judgment, 10 for a ruling (行政诉讼法 第八十五条): chosen by the decision's outcome."""
    return suit.decision.outcome.appeal_days_rule


def decision_step(suit: Suit, outcome) -> str:
    """A first-instance judgment or ruling may be appealed ("decide"); every other decision is final at once."""
    return "decide" if suit.tier == Instance.FIRST and outcome.kind != OutcomeKind.MEDIATION else "decide_final"


def not_in_future(case, on) -> str | None:
    return gettext("This date is in the future.") if on > timezone.localdate() else None


def first_instance(suit, on) -> str | None:
    return None if suit.tier == Instance.FIRST else gettext(
        "a decision on appeal or retrial is final at once: record it as a decision that is final at once.")


def appeal_period_over(suit, on) -> str | None:
    """A first-instance decision becomes final only once its appeal period has run out (第八十五条)."""
    d = clocks.current(suit, appeal_rule(suit))
    if d is not None and on <= d.due:
        return gettext("The appeal period runs until %(due)s; the decision becomes final only after that day.") % {
            "due": d.due}
    return None


def agency_answers(suit: Suit, data) -> bool:
    """The agency that appealed answers nothing: only the other side's appeal is served on it to answer."""
    return not (suit.tier == Instance.APPEAL and suit.previous.appealed_by == "defendant")


def _outcome_reason(case, data) -> str:
    return str(case.decision.outcome)


suit_workflow = Workflow(states=SuitState, model=Suit, event_prefix="litigation", url_name="litigation:act",
                         transitions=[
    Transition("register", _("Register the suit"), ("*",), S.SERVED, "litigation.add_suit", manual=False,
               basis="《行政诉讼法》第六十七条第一款；《行政诉讼法解释》第一百零八条、第一百一十一条",
               clocks=(Start(answer_rule, when=agency_answers),),
               event="litigation.suit.registered"),
    Transition("answer", _("Record the answer"), (S.SERVED,), S.ANSWERED, CHANGE,
               basis="《行政诉讼法》第六十七条第一款、第三十四条", guards=(not_in_future,), not_before=RECEIVED,
               form=forms.AnswerForm, effect=services.answer, event="litigation.suit.answered",
               clocks=(Meet(answer_rule, missing_ok=True, note=_("the answer clock")),)),
    Transition("schedule_hearing", _("Schedule the court session"), (S.SERVED, S.ANSWERED), None, CHANGE,
               basis="《负责人出庭应诉规定》第五条：出庭通知书应当在开庭三日前送达",
               form=forms.HearingScheduleForm, effect=services.hearing_schedule, event="litigation.hearing.scheduled"),
    Transition("record_hearing", _("Record a hearing"), (S.SERVED, S.ANSWERED), None, CHANGE,
               basis="《行政诉讼法》第三条第三款；《负责人出庭应诉规定》第二条、第八条、第十条；《行政诉讼法解释》第一百三十二条",
               guards=(not_in_future,), not_before=RECEIVED, form=forms.HearingRecordForm,
               effect=services.hearing_record, event="litigation.hearing.held"),
    Transition("coordinate", _("Record a coordination effort"), (S.SERVED, S.ANSWERED, S.DECIDED), None, CHANGE,
               basis="《行政诉讼法》第六十条（调解）、第六十二条（撤诉）", guards=(not_in_future,),
               form=forms.CoordinationForm, effect=services.coordination_record, event="litigation.coordination.recorded"),
    Transition("decide", _("Record the court's decision"), (S.SERVED, S.ANSWERED), S.DECIDED, CHANGE,
               basis="《行政诉讼法》第六十九条至第七十八条、第八十五条",
               guards=(first_instance, not_in_future), not_before=RECEIVED, form=forms.DecideForm,
               effect=services.decide, event="litigation.suit.decided", summary=services.decision_summary,
               clocks=(Cancel(answer_rule, reason=_outcome_reason, note=_("the answer clock")),
                       Start(appeal_rule, at="served_on",
                             note=_("the appeal clock (15 days for a judgment, 10 for a ruling, from service)")))),
    Transition("decide_final", _("Record a decision that is final at once"), (S.SERVED, S.ANSWERED), S.FINAL, CHANGE,
               basis="《行政诉讼法》第八十五条（仅第一审判决、裁定可上诉）、第六十条（调解书）",
               guards=(not_in_future,), not_before=RECEIVED, form=forms.FinalDecisionForm,
               effect=services.decide_final, event="litigation.suit.decided", summary=services.decision_summary, closes=True,
               clocks=(Close(reason=_outcome_reason),)),
    Transition("withdraw", _("Record the withdrawal"), (S.SERVED, S.ANSWERED), S.FINAL, CHANGE,
               basis="《行政诉讼法》第六十二条", guards=(not_in_future,), not_before=RECEIVED,
               form=forms.WithdrawForm, effect=services.withdraw, event="litigation.suit.withdrawn", closes=True,
               clocks=(Close(reason=_outcome_reason),)),
    Transition("appeal", _("Record an appeal"), (S.DECIDED,), S.APPEALED, CHANGE,
               basis="《行政诉讼法》第八十五条", guards=(not_in_future,),
               not_before=(("concluded_on", _("the court's decision")),), form=forms.AppealForm, effect=services.appeal,
               event="litigation.suit.appealed", closes=True,
               clocks=(Meet(appeal_rule, missing_ok=True, note=_("the appeal clock")),)),
    Transition("finalise", _("Record that the decision became final"), (S.DECIDED,), S.FINAL, CHANGE,
               basis="《行政诉讼法》第八十五条：逾期不提起上诉的，第一审判决或者裁定发生法律效力",
               guards=(appeal_period_over,), form=forms.FinaliseForm, event="litigation.suit.final", closes=True,
               clocks=(Cancel(appeal_rule, reason=_("no appeal"), note=_("the appeal clock")),)),
    Transition("reassign", _("Change the handler"), (S.SERVED, S.ANSWERED, S.DECIDED), None, CHANGE,
               form=forms.ReassignForm, effect=services.reassign, event="litigation.suit.reassigned"),
])

suggestion_workflow = Workflow(states=SuggestionState, model=JudicialSuggestion, event_prefix="litigation",
                               url_name="litigation:suggestion_act", transitions=[
    Transition("register", _("Register a judicial suggestion"), ("*",), SuggestionState.RECEIVED,
               "litigation.add_judicialsuggestion", manual=False, event="litigation.suggestion.registered",
               basis="《行政诉讼法》第九十六条第四项；《行政诉讼法解释》第一百四十九条第四款",
               clocks=(Start(lambda item: suggestion_rule(item.kind), note=_("the reply clock")),)),
    Transition("reply", _("Record the reply"), (SuggestionState.RECEIVED,), SuggestionState.REPLIED,
               "litigation.change_judicialsuggestion", guards=(not_in_future,),
               not_before=(("received_on", _("the day the suggestion was received")),),
               basis="《行政诉讼法》第九十六条第四项；《行政诉讼法解释》第一百四十九条第四款",
               form=forms.SuggestionReplyForm, effect=services.suggestion_reply, event="litigation.suggestion.replied",
               closes=True, clocks=(Meet(lambda item: item.kind.rule_key, missing_ok=True, note=_("the reply clock")),)),
])

C = CityReconsiderationState
city_workflow = Workflow(states=CityReconsiderationState, model=CityReconsideration, event_prefix="litigation",
                         url_name="litigation:city_act", transitions=[
    Transition("register", _("Register a city-level reconsideration"), ("*",), C.RECEIVED,
               "litigation.add_cityreconsideration", manual=False, event="litigation.city.registered",
               basis="《行政复议法》第四十八条", clocks=(Start(CITY_REPLY),)),
    Transition("reply", _("Record the reply"), (C.RECEIVED,), C.REPLIED, "litigation.change_cityreconsideration",
               basis="《行政复议法》第四十八条", guards=(not_in_future,), not_before=RECEIVED,
               form=forms.CityReplyForm, effect=services.city_reply, event="litigation.city.replied",
               clocks=(Meet(CITY_REPLY, missing_ok=True),)),
    Transition("decide", _("Record the decision"), (C.RECEIVED, C.REPLIED), C.DECIDED,
               "litigation.change_cityreconsideration", basis="《行政复议法》第六十三条至第六十九条",
               guards=(not_in_future,), not_before=RECEIVED, form=forms.CityDecideForm, effect=services.city_decide,
               event="litigation.city.decided", summary=lambda case, data, result: case.get_outcome_display(), closes=True,
               clocks=(Close(reason=lambda case, data: case.get_outcome_display()),)),
])

"""The procedure of a suit, as the administrative litigation law sets it, read top to bottom.

A suit is one court proceeding (first instance, appeal or retrial). It opens when the bureau receives the
copy of the complaint, appeal or retrial application, and the answer clock starts; it ends when the
court's decision becomes final, or is appealed (the appeal is the next suit in the chain).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from sifa.core.workflow import Transition, Workflow

from .models import CityReconsiderationState, SuggestionState, SuitState

S = SuitState
CHANGE = "litigation.change_suit"

suit_workflow = Workflow(states=SuitState, transitions=[
    Transition("register", _("Register the suit"), ("*",), S.SERVED, "litigation.add_suit",
               basis="《行政诉讼法》第六十七条第一款；《行政诉讼法解释》第一百零八条、第一百一十一条",
               clocks="starts the answer clock: 15 days from service of the copy"),
    Transition("answer", _("Record the answer"), (S.SERVED,), S.ANSWERED, CHANGE,
               basis="《行政诉讼法》第六十七条第一款、第三十四条",
               clocks="meets the answer clock"),
    Transition("schedule_hearing", _("Schedule a hearing"), (S.SERVED, S.ANSWERED), None, CHANGE,
               basis="《负责人出庭应诉规定》第五条：出庭通知书应当在开庭三日前送达"),
    Transition("record_hearing", _("Record a hearing"), (S.SERVED, S.ANSWERED), None, CHANGE,
               basis="《行政诉讼法》第三条第三款；《负责人出庭应诉规定》第二条、第八条、第十条；《行政诉讼法解释》第一百三十二条"),
    Transition("coordinate", _("Record a coordination effort"), (S.SERVED, S.ANSWERED, S.DECIDED), None, CHANGE,
               basis="《行政诉讼法》第六十条（调解）、第六十二条（撤诉）"),
    Transition("decide", _("Record the court's decision"), (S.SERVED, S.ANSWERED), S.DECIDED, CHANGE,
               basis="《行政诉讼法》第六十九条至第七十八条、第八十五条、第八十九条",
               clocks="closes the answer clock; a first-instance judgment or ruling starts the appeal clock "
                      "(15 days for a judgment, 10 for a ruling, from service); other decisions are final at once"),
    Transition("decide_final", _("Record the court's final decision"), (S.SERVED, S.ANSWERED), S.FINAL, CHANGE,
               basis="《行政诉讼法》第八十五条（仅第一审裁判可上诉）、第六十条（调解书）",
               clocks="closes the answer clock: a decision on appeal or retrial, and a mediation statement, "
                      "are final at once"),
    Transition("withdraw", _("Record the withdrawal"), (S.SERVED, S.ANSWERED), S.FINAL, CHANGE,
               basis="《行政诉讼法》第六十二条", clocks="closes every clock"),
    Transition("appeal", _("Record an appeal"), (S.DECIDED,), S.APPEALED, CHANGE,
               basis="《行政诉讼法》第八十五条", clocks="meets the appeal clock"),
    Transition("finalise", _("Record that the decision became final"), (S.DECIDED,), S.FINAL, CHANGE,
               basis="《行政诉讼法》第八十五条：逾期不提起上诉的，第一审判决或者裁定发生法律效力",
               clocks="closes the appeal clock (only once it has run out)"),
    Transition("reassign", _("Change the handler"), (S.SERVED, S.ANSWERED, S.DECIDED), None, CHANGE),
])

suggestion_workflow = Workflow(states=SuggestionState, transitions=[
    Transition("reply", _("Record the reply"), (SuggestionState.RECEIVED,), SuggestionState.REPLIED,
               "litigation.change_judicialsuggestion",
               basis="《行政诉讼法》第九十六条第四项；《行政诉讼法解释》第一百四十九条第四款",
               clocks="meets the reply clock"),
])

city_workflow = Workflow(states=CityReconsiderationState, transitions=[
    Transition("reply", _("Record the reply"), (CityReconsiderationState.RECEIVED,),
               CityReconsiderationState.REPLIED, "litigation.change_cityreconsideration",
               basis="《行政复议法》第四十八条", clocks="meets the reply clock"),
    Transition("decide", _("Record the decision"),
               (CityReconsiderationState.RECEIVED, CityReconsiderationState.REPLIED),
               CityReconsiderationState.DECIDED, "litigation.change_cityreconsideration",
               basis="《行政复议法》第六十三条至第六十九条", clocks="closes the reply clock"),
])

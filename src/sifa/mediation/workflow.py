"""The procedure of people's mediation (人民调解法 第四章、第五章) and of court-referred mediation
(最高人民法院关于人民法院特邀调解的规定), as a table to read against the law, top to bottom.

    registered ─accept─▶ accepted ─hold_session─▶ mediating ─agree─▶ agreed ─perform─▶ performed
        │                   └──────────agree (at the first sitting)───────▶ │   └──breach──▶ breached
        └─refuse/withdraw───┴──refuse/fail/withdraw──┴─fail/withdraw─▶ refused | failed | withdrawn

Steps that do not change the state: the joint application for judicial confirmation and the court's ruling,
a report to the police, the extension of a court's mediation period, and the return of the result to the court.
The centres' joint reception has its own small table below.
"""

from __future__ import annotations

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from sifa.core.workflow import Transition, Workflow

from .models import AgreementForm, Confirmation
from .models import DisputeState as S
from .models import ReceptionState as R

# --- guards: each returns why the dispute may not take the step, or None --------------------------------------

def referred_by_a_court(d):
    return None if d.court_id else gettext("the dispute was not referred by a court")


def not_yet_returned(d):
    return None if d.court_returned_on is None else gettext("the result was already returned to the court")


def written_agreement(d):
    a = d.agreement
    return None if a is not None and a.form == AgreementForm.WRITTEN else gettext(
        "judicial confirmation needs a written agreement")


def no_pending_application(d):
    a = d.agreement
    return None if a is not None and a.confirmation in (Confirmation.NONE, Confirmation.INVALID) else gettext(
        "an application for judicial confirmation is already recorded")


def application_recorded(d):
    a = d.agreement
    return None if a is not None and a.confirmation == Confirmation.APPLIED else gettext(
        "no joint application for judicial confirmation is recorded")


def ruled_invalid(d):
    a = d.agreement
    return None if a is not None and a.confirmation == Confirmation.INVALID else gettext(
        "the court has not ruled the agreement invalid")

CHANGE = "mediation.change_dispute"
ANY_OPEN = (S.REGISTERED, S.ACCEPTED, S.MEDIATING)
AFTER_AGREEMENT = (S.AGREED, S.PERFORMED, S.BREACHED)

WORKFLOW = Workflow(states=S, transitions=[
    Transition("accept", _("Accept for mediation"), (S.REGISTERED,), S.ACCEPTED, CHANGE,
               basis="人民调解法 第十七条、第十八条；特邀调解规定 第二十七条第三款",
               clocks="court referrals: starts the court's mediation period (30, 15 or 7 days) on the day the "
                      "materials are signed for"),
    Transition("refuse", _("Record a party's refusal"), (S.REGISTERED, S.ACCEPTED), S.REFUSED, CHANGE,
               basis="人民调解法 第十七条（一方明确拒绝调解的，不得调解）、第二十三条第二项",
               clocks="closes every open clock"),
    Transition("hold_session", _("Record a mediation session"), (S.ACCEPTED, S.MEDIATING), S.MEDIATING, CHANGE,
               basis="人民调解法 第十九条至第二十二条、第二十七条"),
    # An agreement may be reached at the first sitting (当场调解), so from acceptance as well as after sessions.
    Transition("agree", _("Record the agreement"), (S.ACCEPTED, S.MEDIATING), S.AGREED, CHANGE,
               basis="人民调解法 第二十八条至第三十条；特邀调解规定 第十九条、第二十三条、第二十四条",
               clocks="meets the court's mediation period; starts the 30-day window for judicial confirmation "
                      "when the parties intend to apply"),
    Transition("fail", _("End mediation without agreement"), (S.ACCEPTED, S.MEDIATING), S.FAILED, CHANGE,
               basis="人民调解法 第二十六条（告知仲裁、行政、司法途径）；特邀调解规定 第二十六条",
               clocks="meets the court's mediation period"),
    Transition("withdraw", _("Record a withdrawal"), ANY_OPEN, S.WITHDRAWN, CHANGE,
               basis="人民调解法 第二十三条第二项（要求终止调解）", clocks="closes every open clock"),
    Transition("perform", _("Record that the agreement was performed"), (S.AGREED,), S.PERFORMED, CHANGE,
               basis="人民调解法 第三十一条（监督履行）"),
    Transition("breach", _("Record that the agreement was not performed"), (S.AGREED,), S.BREACHED, CHANGE,
               basis="人民调解法 第三十一条、第三十二条"),
    Transition("apply_confirmation", _("Record the joint application for judicial confirmation"),
               AFTER_AGREEMENT, None, CHANGE, basis="人民调解法 第三十三条；民事诉讼法 第二百零五条",
               clocks="meets the 30-day window", guards=(written_agreement, no_pending_application)),
    Transition("confirmation_ruling", _("Record the court's ruling on confirmation"), AFTER_AGREEMENT, None, CHANGE,
               basis="人民调解法 第三十三条第二款、第三款；民事诉讼法 第二百零六条", guards=(application_recorded,)),
    Transition("remediate", _("Mediate again after the agreement was ruled invalid"), (S.AGREED, S.BREACHED),
               S.MEDIATING, CHANGE, basis="人民调解法 第三十三条第三款", guards=(ruled_invalid,)),
    Transition("report_to_police", _("Report a risk to the police"),
               (*ANY_OPEN, S.AGREED, S.BREACHED, S.FAILED), None, CHANGE, basis="人民调解法 第二十五条"),
    Transition("extend_period", _("Extend the court's mediation period (both parties agree)"),
               (S.ACCEPTED, S.MEDIATING), None, CHANGE, basis="特邀调解规定 第二十七条",
               clocks="extends the court's mediation period", guards=(referred_by_a_court,)),
    Transition("return_to_court", _("Return the result to the court"),
               (*AFTER_AGREEMENT, S.FAILED, S.REFUSED, S.WITHDRAWN), None, CHANGE,
               basis="特邀调解规定 第十九条（协议提交法院备案）、第二十一条（未达成协议的移送法院立案）、第二十六条第二款",
               guards=(referred_by_a_court, not_yet_returned)),
])

RECEPTION_CHANGE = "mediation.change_reception"

# A reception's state follows its routings (services._reception_sync); this table says where each step may be taken.
RECEPTION_WORKFLOW = Workflow(states=R, transitions=[
    Transition("route", _("Route to a handling agency or committee"), (R.REGISTERED, R.ROUTED, R.HANDLING, R.UNRESOLVED),
               None, RECEPTION_CHANGE, basis="联合接待、分流办理（一站式解纷）"),
    Transition("routing_accept", _("Record the handler's acceptance"), (R.ROUTED, R.HANDLING, R.RESOLVED, R.UNRESOLVED),
               None, RECEPTION_CHANGE),
    Transition("routing_decline", _("Record that the handler declined"), (R.ROUTED, R.HANDLING), None,
               RECEPTION_CHANGE),
    Transition("routing_result", _("Record the handler's result"), (R.HANDLING, R.RESOLVED, R.UNRESOLVED), None,
               RECEPTION_CHANGE),
])

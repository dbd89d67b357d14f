"""The procedure of people's mediation (人民调解法 第四章、第五章) and of court-referred mediation
(最高人民法院关于人民法院特邀调解的规定), as a table to read against the law, top to bottom: each step with its
legal basis, its form, its guards, what it does to the clocks (as data, applied by `core.workflow`) and the
writes particular to the line (`services`).

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

from sifa.core.workflow import Cancel, Close, Extend, Meet, Start, Transition, Workflow

from . import clocks as rules
from .models import AgreementForm, Confirmation, Dispute
from .models import DisputeState as S
from .models import ReceptionState as R
from .services import agreements, disputes, receptions

# --- guards: each returns why the dispute may not take the step on `on`, or None --------------------------------

def referred_by_a_court(d, on):
    return None if d.court_id else gettext("the dispute was not referred by a court")


def not_yet_returned(d, on):
    return None if d.court_returned_on is None else gettext("the result was already returned to the court")


def written_agreement(d, on):
    a = d.agreement
    return None if a is not None and a.form == AgreementForm.WRITTEN else gettext(
        "judicial confirmation needs a written agreement")


def no_pending_application(d, on):
    a = d.agreement
    return None if a is not None and a.confirmation in (Confirmation.NONE, Confirmation.INVALID) else gettext(
        "an application for judicial confirmation is already recorded")


def application_recorded(d, on):
    a = d.agreement
    return None if a is not None and a.confirmation == Confirmation.APPLIED else gettext(
        "no joint application for judicial confirmation is recorded")


def ruled_invalid(d, on):
    a = d.agreement
    return None if a is not None and a.confirmation == Confirmation.INVALID else gettext(
        "the court has not ruled the agreement invalid")


# --- the clocks: a court referral's mediation period (30, 15 or 7 days by the kind of referral) ------------------

def court_period(d) -> str:
    return rules.COURT_RULE.get(d.referral_kind, rules.DELEGATED)


def court_referral(d, data) -> bool:
    return bool(d.court_id)


def seeks_confirmation(d, data) -> bool:
    return bool(data.get("seek_confirmation"))


def confirmation_not_applied(d, data) -> bool:
    a = d.agreement
    return a is not None and a.confirmation == Confirmation.NONE


COURT_PERIOD = _("the court's mediation period (30, 15 or 7 days)")
WHEN_SEEKING = _("when the parties intend to apply for judicial confirmation")
WHEN_NOT_APPLIED = _("when no application was made")

CHANGE = "mediation.change_dispute"
ANY_OPEN = (S.REGISTERED, S.ACCEPTED, S.MEDIATING)
AFTER_AGREEMENT = (S.AGREED, S.PERFORMED, S.BREACHED)
REGISTRATION = ("opened_on", _("the registration"))
ACCEPTANCE = ("accepted_on", _("the acceptance"))
F = "sifa.mediation.forms."

WORKFLOW = Workflow(states=S, model=Dispute, event_prefix="mediation", url_name="mediation:act", transitions=[
    Transition("accept", _("Accept for mediation"), (S.REGISTERED,), S.ACCEPTED, CHANGE,
               basis="人民调解法 第十七条、第十八条；特邀调解规定 第二十七条第三款", form=F + "AcceptForm",
               not_before=(REGISTRATION,), effect=disputes.accept, event="mediation.dispute.accepted",
               # the day the materials are signed for starts the court's period
               clocks=(Start(court_period, when=court_referral, note=COURT_PERIOD),)),
    Transition("refuse", _("Record a party's refusal"), (S.REGISTERED, S.ACCEPTED), S.REFUSED, CHANGE,
               basis="人民调解法 第十七条（一方明确拒绝调解的，不得调解）、第二十三条第二项", form=F + "RefuseForm",
               not_before=(REGISTRATION,), effect=disputes.refuse, event="mediation.dispute.refused", closes=True,
               clocks=(Close(reason=_("A party refused mediation")),)),
    Transition("hold_session", _("Record a mediation session"), (S.ACCEPTED, S.MEDIATING), S.MEDIATING, CHANGE,
               basis="人民调解法 第十九条至第二十二条、第二十七条", form=F + "SessionForm",
               not_before=(ACCEPTANCE,), effect=disputes.hold_session, event="mediation.dispute.session",
               summary=lambda d, data, s: f"{s.held_on} {s.place}"),
    # An agreement may be reached at the first sitting (当场调解), so from acceptance as well as after sessions.
    Transition("agree", _("Record the agreement"), (S.ACCEPTED, S.MEDIATING), S.AGREED, CHANGE,
               basis="人民调解法 第二十八条至第三十条；特邀调解规定 第十九条、第二十三条、第二十四条", form=F + "AgreeForm",
               not_before=(ACCEPTANCE,), effect=agreements.agree, event="mediation.dispute.agreed", closes=True,
               summary=lambda d, data, a: a.number or str(AgreementForm(a.form).label),
               clocks=(Meet(court_period, when=court_referral, missing_ok=True, note=COURT_PERIOD),
                       Start(rules.CONFIRMATION, when=seeks_confirmation, note=WHEN_SEEKING))),
    Transition("fail", _("End mediation without agreement"), (S.ACCEPTED, S.MEDIATING), S.FAILED, CHANGE,
               basis="人民调解法 第二十六条（告知仲裁、行政、司法途径）；特邀调解规定 第二十六条", form=F + "FailForm",
               not_before=(ACCEPTANCE,), effect=disputes.fail, event="mediation.dispute.failed", closes=True,
               clocks=(Meet(court_period, when=court_referral, missing_ok=True, note=COURT_PERIOD),)),
    Transition("withdraw", _("Record a withdrawal"), ANY_OPEN, S.WITHDRAWN, CHANGE,
               basis="人民调解法 第二十三条第二项（要求终止调解）", form=F + "WithdrawForm",
               not_before=(REGISTRATION,), effect=disputes.withdraw, event="mediation.dispute.withdrawn", closes=True,
               clocks=(Close(reason=_("Withdrawn")),)),
    Transition("perform", _("Record that the agreement was performed"), (S.AGREED,), S.PERFORMED, CHANGE,
               basis="人民调解法 第三十一条（监督履行）", form=F + "PerformanceForm",
               effect=agreements.performed, event="mediation.dispute.performed",
               clocks=(Cancel(rules.CONFIRMATION, when=confirmation_not_applied, reason=_("Agreement performed"),
                              note=WHEN_NOT_APPLIED),)),
    Transition("breach", _("Record that the agreement was not performed"), (S.AGREED,), S.BREACHED, CHANGE,
               basis="人民调解法 第三十一条、第三十二条", form=F + "PerformanceForm",
               effect=agreements.breached, event="mediation.dispute.breached"),
    Transition("apply_confirmation", _("Record the joint application for judicial confirmation"),
               AFTER_AGREEMENT, None, CHANGE, basis="人民调解法 第三十三条；民事诉讼法 第二百零五条",
               form=F + "ConfirmationApplyForm", guards=(written_agreement, no_pending_application),
               effect=agreements.apply_confirmation, event="mediation.dispute.confirmation_applied",
               summary=lambda d, data, a: str(a.confirmation_court),
               clocks=(Meet(rules.CONFIRMATION, missing_ok=True),)),
    Transition("confirmation_ruling", _("Record the court's ruling on confirmation"), AFTER_AGREEMENT, None, CHANGE,
               basis="人民调解法 第三十三条第二款、第三款；民事诉讼法 第二百零六条", form=F + "ConfirmationRulingForm",
               guards=(application_recorded,), effect=agreements.record_confirmation,
               event="mediation.dispute.confirmation_ruled"),
    Transition("remediate", _("Mediate again after the agreement was ruled invalid"), (S.AGREED, S.BREACHED),
               S.MEDIATING, CHANGE, basis="人民调解法 第三十三条第三款", form=F + "RemediateForm",
               guards=(ruled_invalid,), effect=agreements.remediate, event="mediation.dispute.remediating"),
    Transition("report_to_police", _("Report a risk to the police"),
               (*ANY_OPEN, S.AGREED, S.BREACHED, S.FAILED), None, CHANGE, basis="人民调解法 第二十五条",
               form=F + "PoliceForm", not_before=(REGISTRATION,), effect=disputes.report_to_police,
               event="mediation.dispute.reported_to_police", summary=lambda d, data, r: str(r.police_unit)),
    Transition("extend_period", _("Extend the court's mediation period (both parties agree)"),
               (S.ACCEPTED, S.MEDIATING), None, CHANGE, basis="特邀调解规定 第二十七条", form=F + "ExtendForm",
               guards=(referred_by_a_court,), event="mediation.dispute.period_extended",
               clocks=(Extend(court_period, days="days", note=COURT_PERIOD,
                              reason=lambda d, data: data.get("reason") or gettext("Both parties agree to extend")),)),
    Transition("return_to_court", _("Return the result to the court"),
               (*AFTER_AGREEMENT, S.FAILED, S.REFUSED, S.WITHDRAWN), None, CHANGE,
               basis="特邀调解规定 第十九条（协议提交法院备案）、第二十一条（未达成协议的移送法院立案）、第二十六条第二款",
               form=F + "ReturnForm", guards=(referred_by_a_court, not_yet_returned),
               not_before=(("closed_on", _("the end of mediation")),), effect=disputes.return_to_court,
               event="mediation.dispute.returned_to_court", summary=lambda d, data, r: str(d.court)),
])

RECEPTION_CHANGE = "mediation.change_reception"

# A reception's state follows its routings (services.reception_state); each step writes a routing and derives it.
RECEPTION_WORKFLOW = Workflow(states=R, event_prefix="mediation", transitions=[
    Transition("route", _("Route to a handling agency or committee"), (R.REGISTERED, R.ROUTED, R.HANDLING, R.UNRESOLVED),
               None, RECEPTION_CHANGE, basis="联合接待、分流办理（一站式解纷）", form=F + "RouteForm",
               not_before=(("opened_on", _("the reception")),), effect=receptions.route,
               event="mediation.reception.routed", summary=lambda r, data, routing: str(routing.handler_unit)),
    Transition("routing_accept", _("Record the handler's acceptance"), (R.ROUTED, R.HANDLING, R.RESOLVED, R.UNRESOLVED),
               None, RECEPTION_CHANGE, form=F + "RoutingAcceptForm", effect=receptions.accept,
               event="mediation.reception.routing_accepted",
               summary=lambda r, data, routing: str(routing.handler_unit)),
    Transition("routing_decline", _("Record that the handler declined"), (R.ROUTED, R.HANDLING), None,
               RECEPTION_CHANGE, form=F + "RoutingDeclineForm", effect=receptions.decline,
               event="mediation.reception.routing_declined",
               summary=lambda r, data, routing: str(routing.handler_unit)),
    Transition("routing_result", _("Record the handler's result"), (R.HANDLING, R.RESOLVED, R.UNRESOLVED), None,
               RECEPTION_CHANGE, form=F + "RoutingResultForm", effect=receptions.result,
               event="mediation.reception.result", summary=lambda r, data, routing: str(routing.handler_unit)),
])

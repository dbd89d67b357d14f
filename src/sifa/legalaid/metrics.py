"""The official figures of legal aid and the 12348 line, each with its definition, computed as SQL aggregates.

Seed (普陀区司法局 2022, 1–10 月): 法援中心共办理法律援助案件 1659 件，接待来访咨询群众 5234 人，接答"12348"法律咨询
专线电话 8527 个. Definitions:

- `legalaid.cases` (办理法律援助案件): cases **accepted** in the period — an application granted (or aid provided
  provisionally, 第四十四条) by the day of that decision, a notified case by the day the notice was received (第三十六条).
  It splits by source (application + notification) and by matter type (刑事 + 民事 + 行政 + 国家赔偿 + 非诉), both
  checked as equations.
- Consultations count **records** by the day of the consultation: `walk_in` the visitors received at the window
  (one record a visitor), `calls_12348` the 12348 calls answered.
- A decision is within time when it met the 7-day review clock (pauses for materials excluded); an assignment
  when it met its 3-day clock.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sifa.core.metrics import Count, Equation, MetricSet, Rate, register

from .models import ConsultationChannel, Decision, Grade, MatterType, Source, State

C = "legalaid.LegalAidCase"
K = "legalaid.Consultation"
S = "legalaid.DutyShift"
H = "legalaid.DutyHelp"
FYZ = "法律援助法"
TYPE_LABELS = {
    MatterType.CRIMINAL: _("Criminal cases"), MatterType.CIVIL: _("Civil cases"),
    MatterType.ADMINISTRATIVE: _("Administrative cases"), MatterType.STATE_COMPENSATION: _("State compensation cases"),
    MatterType.NON_LITIGATION: _("Non-litigation cases"),
}

METRICS = MetricSet(
    line="legalaid", label=_("Legal aid"), order=40, list_url_name="legalaid:list",
    columns={
        C: ["number", "unit__name", "source", "matter_type", "service_form", "state", "received_on", "accepted_on",
            "decided_on", "assigned_on", "closed_on"],
        K: ["unit__name", "channel", "category", "consulted_on", "referral", "callback_requested"],
        S: ["unit__name", "place__name", "on", "period", "served"],
        H: ["shift__unit__name", "shift__place__name", "shift__on", "kind", "category", "persons"],
    },
    breakdowns=[("matter_type", _("Matter type")), ("source", _("Source")), ("service_form", _("Form of service"))],
    metrics=[
        Count("legalaid.cases", _("Legal-aid cases handled"), model=C, date_field="accepted_on",
              basis=FYZ + " 第三十六条、第四十三条、第四十四条",
              definition=_("Applications granted (or aid provided provisionally) in the period, by the day of the "
                           "decision, and notified cases received in the period.")),
        Count("legalaid.cases_application", _("Cases on application"), model=C, date_field="accepted_on",
              q=Q(source=Source.APPLICATION), definition=_("Cases accepted in the period on an application.")),
        Count("legalaid.cases_notification", _("Cases on notification"), model=C, date_field="accepted_on",
              q=Q(source=Source.NOTIFICATION),
              definition=_("Cases accepted in the period on a notice of a court, procuratorate or police.")),
        *[Count(f"legalaid.cases_{code.value}", label, model=C, date_field="accepted_on", q=Q(matter_type=code),
                definition=_("Cases accepted in the period whose matter is of this type."))
          for code, label in TYPE_LABELS.items()],
        Count("legalaid.applications", _("Applications received"), model=C, date_field="received_on",
              q=Q(source=Source.APPLICATION), basis=FYZ + " 第三十八条",
              definition=_("Applications for legal aid received in the period.")),
        Count("legalaid.decided", _("Applications decided"), model=C, date_field="decided_on",
              q=~Q(decision=""), definition=_("Applications granted, provided provisionally or refused in the "
                                              "period.")),
        Count("legalaid.decided_in_time", _("Decisions within the time limit"), model=C, date_field="decided_on",
              q=Q(decided_in_time=True), basis=FYZ + " 第四十三条",
              definition=_("Decisions of the period taken within the 7-day review period.")),
        Rate("legalaid.decided_in_time_rate", _("Share of decisions within the time limit"),
             numerator="legalaid.decided_in_time", denominator="legalaid.decided", decimals=1,
             definition=_("Decisions within the time limit ÷ decisions of the period, in per cent.")),
        Count("legalaid.refused", _("Refusals"), model=C, date_field="decided_on", q=Q(decision=Decision.REFUSED),
              basis=FYZ + " 第四十三条", definition=_("Applications refused in the period.")),
        Count("legalaid.provisional", _("Provisional aid"), model=C, date_field="decided_on",
              q=Q(decision=Decision.PROVISIONAL), basis=FYZ + " 第四十四条",
              definition=_("Applications for which aid was provided provisionally in the period.")),
        Count("legalaid.assigned", _("Assignments"), model=C, date_field="assigned_on",
              definition=_("Cases assigned to a law firm and lawyer in the period.")),
        Count("legalaid.assigned_in_time", _("Assignments within the time limit"), model=C,
              date_field="assigned_on", q=Q(assigned_in_time=True), basis=FYZ + " 第三十六条、第四十三条",
              definition=_("Assignments of the period made within 3 days of the grant or the notice.")),
        Count("legalaid.closed", _("Cases closed"), model=C, date_field="closed_on", q=Q(state=State.CLOSED),
              basis=FYZ + " 第五十条", definition=_("Cases closed (结案) in the period.")),
        Count("legalaid.terminated", _("Legal aid terminated"), model=C, date_field="closed_on",
              q=Q(state__in=[State.TERMINATED, State.TERMINATION_OBJECTED]), basis=FYZ + " 第四十八条",
              definition=_("Cases in which legal aid was terminated in the period.")),
        Count("legalaid.reviewed", _("Closed cases reviewed"), model=C, date_field="evaluation__reviewed_on",
              basis=FYZ + " 第五十九条", definition=_("Closed cases reviewed and scored in the period.")),
        *[Count(f"legalaid.reviewed_{grade.value}", label, model=C, date_field="evaluation__reviewed_on",
                q=Q(evaluation__grade=grade), basis=FYZ + " 第五十九条",
                definition=_("Closed cases reviewed in the period whose quality was given this grade."))
          for grade, label in ((Grade.GOOD, _("Reviewed cases graded good")),
                               (Grade.PASS, _("Reviewed cases graded pass")),
                               (Grade.FAIL, _("Reviewed cases graded fail")))],
        Count("legalaid.subsidies_approved", _("Case subsidies approved"), model=C,
              date_field="evaluation__approved_on", basis=FYZ + " 第五十二条",
              definition=_("Cases whose subsidy was approved in the period.")),
        Count("legalaid.subsidy_approved_amount", _("Case subsidies approved (amount)"), model=C,
              date_field="evaluation__approved_on", sum_field="evaluation__subsidy", unit_label="元",
              basis=FYZ + " 第五十二条",
              definition=_("The sum of the subsidies approved in the period, each computed at its closing review "
                           "from the tariff in force and the quality grade.")),
        Count("legalaid.subsidy_reviewed_amount", _("Case subsidies computed at review (amount)"), model=C,
              date_field="evaluation__reviewed_on", sum_field="evaluation__subsidy", unit_label="元",
              basis=FYZ + " 第五十二条",
              definition=_("The sum of the subsidies computed at the closing reviews of the period, approved or "
                           "not yet.")),
        Count("legalaid.duty_shifts", _("Duty shifts served"), model=S, date_field="on", q=Q(served=True),
              unit_label="次", basis=FYZ + " 第十四条、第三十条",
              definition=_("Half-days or days a duty lawyer served at the centre, a justice office, a court, a "
                           "procuratorate or a detention centre in the period.")),
        Count("legalaid.duty_shifts_missed", _("Duty shifts missed"), model=S, date_field="on", q=Q(served=False),
              unit_label="次", definition=_("Scheduled duties of the period that the lawyer did not serve.")),
        Count("legalaid.duty_helped", _("Persons helped by duty lawyers"), model=H, date_field="shift__on",
              sum_field="persons", unit_field="shift__unit", unit_label="人次", basis=FYZ + " 第三十条",
              definition=_("Persons given legal help by duty lawyers during the period's duties.")),
        Count("legalaid.consultations", _("Consultations"), model=K, date_field="consulted_on", unit_label="人次",
              basis=FYZ + " 第二十三条", definition=_("Consultations on every channel in the period.")),
        Count("legalaid.walk_in", _("Walk-in consultation visitors"), model=K, date_field="consulted_on",
              q=Q(channel=ConsultationChannel.WALK_IN), unit_label="人",
              definition=_("Visitors received for consultation at the window in the period.")),
        Count("legalaid.calls_12348", _("12348 calls answered"), model=K, date_field="consulted_on",
              q=Q(channel=ConsultationChannel.CALL_12348), unit_label="个",
              definition=_("Calls to the 12348 legal-consultation line answered in the period.")),
        Count("legalaid.online", _("Online consultations"), model=K, date_field="consulted_on",
              q=Q(channel=ConsultationChannel.ONLINE), unit_label="人次",
              definition=_("Consultations answered online in the period.")),
        Count("legalaid.letters", _("Letters answered"), model=K, date_field="consulted_on",
              q=Q(channel=ConsultationChannel.LETTER), unit_label="件",
              definition=_("Consultations by letter answered in the period.")),
        Count("legalaid.callbacks", _("Callbacks requested"), model=K, date_field="consulted_on",
              q=Q(callback_requested=True), unit_label="次",
              definition=_("Consultations of the period after which a callback was requested.")),
        Count("legalaid.callbacks_in_time", _("Callbacks made in time"), model=K, date_field="consulted_on",
              q=Q(callback_in_time=True), unit_label="次",
              definition=_("Callbacks of the period's consultations made within the time limit.")),
    ],
    equations=[
        Equation(_("cases = on application + on notification"), "legalaid.cases",
                 ("legalaid.cases_application", "legalaid.cases_notification")),
        Equation(_("cases = the sum over matter types"), "legalaid.cases",
                 tuple(f"legalaid.cases_{code.value}" for code in TYPE_LABELS)),
        Equation(_("reviewed = good + pass + fail"), "legalaid.reviewed",
                 ("legalaid.reviewed_good", "legalaid.reviewed_pass", "legalaid.reviewed_fail")),
        Equation(_("consultations = the sum over channels"), "legalaid.consultations",
                 ("legalaid.walk_in", "legalaid.calls_12348", "legalaid.online", "legalaid.letters")),
    ],
)
register(METRICS)

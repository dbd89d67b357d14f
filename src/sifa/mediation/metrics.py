"""The official figures of dispute resolution, each with its definition, computed as SQL aggregates.

Definitions (seed report 2022-01-01..10-31: 受理纠纷 6996 起, 调解成功 6759 起, 成功率 96.61%; 解纷中心 受理 154 件,
调解成功 87 件; 诉前调解 启动 2915 件, 成功 2619 件; 排查 22 次; 司法部录用 17 篇, 《上海法治报》刊登 8 篇):

- The three tracks are counted apart. `mediation.accepted` / `.successful` are the disputes of **people's mediation**
  (track "people": the committees' own disputes, whatever their source — a party's application, own initiative,
  referrals by the police or agencies, a centre's routing, a screening campaign). Court referrals (诉前调解, track
  "prelitigation") are counted only in `prelitigation_started` / `_successful`, and administrative disputes
  (行政争议调解委员会) only in `administrative_*`: the seed reports the first separately and the second is not
  people's mediation.
- The centres' figures count **matters received at the joint reception** (联合接待), whoever handles them. A matter
  routed to a mediation committee is also a dispute of that committee, so it is in `mediation.accepted` too: the
  centre figures are a separate view of the same work, not a part to add.
- Figures are flows of the period, each dated by its act: accepted by the day of acceptance; successful by the day
  the (first) agreement took effect, whenever the dispute was accepted; a centre matter by the day a handler
  accepted it and the day one resolved it. The success rate is successful ÷ accepted in the same period, as a
  percentage to two decimals (half up); disputes still being mediated stay in the denominator (DOMAIN §4 leaves
  this open: this is how the seed's 96.61 = 6759 ÷ 6996 reads).
- Risk cases averted: disputes with a risk flag (防止民转刑, 防止群体性上访) settled by agreement in the period.
- Excellent cases: `cases_selected` counts cases selected by the Ministry of Justice (司法部) in the period;
  `cases_published` cases published in the period, wherever.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sifa.core.metrics import Count, MetricSet, Rate, register

from .models import Selector, Track

D = "mediation.Dispute"
PEOPLE = Q(track=Track.PEOPLE)
PRE = Q(track=Track.PRELITIGATION)
ADM = Q(track=Track.ADMINISTRATIVE)
RISK = Q(risk_criminal=True) | Q(risk_group_petition=True)
TJ = "人民调解法"
TY = "最高人民法院关于人民法院特邀调解的规定"

METRICS = MetricSet(
    line="mediation", label=_("Dispute resolution"), order=30, list_url_name="mediation:list",
    columns={
        D: ["number", "unit__name", "track", "dispute_type__name", "source", "state", "accepted_on", "agreed_on",
            "closed_on"],
        "mediation.PoliceReport": ["dispute__number", "dispute__unit__name", "police_unit__name", "reported_on",
                                   "risk"],
        "mediation.Reception": ["number", "unit__name", "dispute_type__name", "state", "accepted_on", "resolved_on",
                                "successful"],
        "mediation.Campaign": ["unit__name", "held_on", "ended_on", "method"],
        "mediation.CampaignFinding": ["campaign__unit__name", "found_on", "sector__name", "dispute_type__name",
                                      "state", "handling_unit__name"],
        "mediation.ExcellentCase": ["dispute__number", "unit__name", "submitted_on", "selected_by", "selected_on",
                                    "published_on"],
    },
    breakdowns=[("dispute_type__name", _("Dispute type")), ("source", _("Source")), ("unit__name", _("Mediation organisation"))],
    metrics=[
        Count("mediation.accepted", _("Disputes accepted (people's mediation)"), model=D, date_field="accepted_on",
              q=PEOPLE, unit_label="起", basis=TJ + " 第十七条",
              definition=_("Disputes of people's mediation accepted in the period, by the day of acceptance.")),
        Count("mediation.successful", _("Disputes settled (people's mediation)"), model=D, date_field="agreed_on",
              q=PEOPLE, unit_label="起", basis=TJ + " 第二十八条至第三十条",
              definition=_("Disputes of people's mediation whose (first) agreement, written or oral, took effect in "
                           "the period.")),
        Rate("mediation.success_rate", _("Mediation success rate"), numerator="mediation.successful",
             denominator="mediation.accepted", decimals=2,
             definition=_("Disputes settled ÷ disputes accepted in the period, as a percentage to two decimals.")),
        Count("mediation.failed", _("Mediations ended without agreement"), model=D, date_field="closed_on",
              q=PEOPLE & Q(state__in=["failed", "withdrawn"]), unit_label="起", basis=TJ + " 第二十六条",
              definition=_("Disputes of people's mediation that failed or were withdrawn in the period.")),
        Count("mediation.amount_involved", _("Amount involved in disputes accepted"), model=D,
              date_field="accepted_on", q=PEOPLE, sum_field="amount_involved", unit_label="元",
              definition=_("Sum of the amounts involved in the disputes of people's mediation accepted in the period.")),
        Count("mediation.amount_agreed", _("Amount involved in agreements"), model=D, date_field="agreed_on",
              q=PEOPLE, sum_field="amount_involved", unit_label="元",
              definition=_("Sum of the amounts involved in the disputes of people's mediation settled in the period "
                           "(协议涉及金额).")),
        Count("mediation.risk_averted", _("Risk cases averted"), model=D, date_field="agreed_on", q=PEOPLE & RISK,
              unit_label="起",
              definition=_("Disputes of people's mediation flagged at risk of turning criminal or of a group petition "
                           "and settled by agreement in the period.")),
        Count("mediation.criminal_risk_averted", _("Civil disputes kept from turning criminal"), model=D,
              date_field="agreed_on", q=PEOPLE & Q(risk_criminal=True), unit_label="起",
              definition=_("Disputes flagged 防止民转刑 and settled in the period.")),
        Count("mediation.criminal_risk_persons", _("Persons in disputes kept from turning criminal"), model=D,
              date_field="agreed_on", q=PEOPLE & Q(risk_criminal=True), sum_field="persons", unit_label="人",
              definition=_("Persons involved in the disputes flagged 防止民转刑 and settled in the period.")),
        Count("mediation.group_petition_averted", _("Group petitions averted"), model=D, date_field="agreed_on",
              q=PEOPLE & Q(risk_group_petition=True), unit_label="起",
              definition=_("Disputes flagged 防止群体性上访 and settled in the period.")),
        Count("mediation.group_petition_persons", _("Persons in group petitions averted"), model=D,
              date_field="agreed_on", q=PEOPLE & Q(risk_group_petition=True), sum_field="persons", unit_label="人",
              definition=_("Persons involved in the disputes flagged 防止群体性上访 and settled in the period.")),
        Count("mediation.police_reports", _("Risks reported to the police"), model="mediation.PoliceReport",
              date_field="reported_on", unit_field="dispute__unit", unit_label="次", basis=TJ + " 第二十五条",
              definition=_("Reports to the police of disputes that could lead to a public-order or criminal case.")),
        Count("mediation.centre_accepted", _("Matters accepted at the dispute centres"), model="mediation.Reception",
              date_field="accepted_on", unit_label="件",
              definition=_("Matters received at a centre's joint reception and accepted by a handler in the period.")),
        Count("mediation.centre_successful", _("Matters resolved at the dispute centres"),
              model="mediation.Reception", date_field="resolved_on", q=Q(successful=True), unit_label="件",
              definition=_("Matters of the joint reception that a handler resolved in the period.")),
        Count("mediation.prelitigation_started", _("Pre-litigation mediations started"), model=D,
              date_field="accepted_on", q=PRE, unit_label="件", basis=TY + " 第二十七条",
              definition=_("Court referrals whose materials were signed for in the period (the mediation period "
                           "starts).")),
        Count("mediation.prelitigation_successful", _("Pre-litigation mediations successful"), model=D,
              date_field="agreed_on", q=PRE, unit_label="件", basis=TY + " 第十九条",
              definition=_("Court referrals settled by agreement in the period.")),
        Rate("mediation.prelitigation_success_rate", _("Pre-litigation success rate"),
             numerator="mediation.prelitigation_successful", denominator="mediation.prelitigation_started",
             decimals=2, definition=_("Successful ÷ started in the period, as a percentage to two decimals.")),
        Count("mediation.administrative_accepted", _("Administrative disputes accepted"), model=D,
              date_field="accepted_on", q=ADM, unit_label="件",
              definition=_("Administrative disputes accepted for mediation in the period.")),
        Count("mediation.administrative_successful", _("Administrative disputes settled"), model=D,
              date_field="agreed_on", q=ADM, unit_label="件",
              definition=_("Administrative disputes settled by agreement in the period.")),
        Count("mediation.campaigns", _("Screening campaigns held"), model="mediation.Campaign", date_field="held_on",
              unit_label="次", definition=_("Screening campaigns that began in the period.")),
        Count("mediation.campaign_findings", _("Disputes and risks found in screening"),
              model="mediation.CampaignFinding", date_field="found_on", unit_field="campaign__unit", unit_label="件",
              definition=_("Findings recorded by screening campaigns in the period.")),
        Count("mediation.cases_selected", _("Excellent cases selected by the Ministry of Justice"),
              model="mediation.ExcellentCase", date_field="selected_on", q=Q(selected_by=Selector.MINISTRY),
              unit_label="篇", definition=_("Cases the Ministry of Justice (司法部) selected in the period.")),
        Count("mediation.cases_published", _("Excellent cases published"), model="mediation.ExcellentCase",
              date_field="published_on", unit_label="篇",
              definition=_("Cases published in the period, wherever published.")),
    ],
)
register(METRICS)

# Which list shows the rows behind a figure: disputes on the dispute list; the others on their own pages.
LIST_FOR_MODEL = {
    "mediation.dispute": "mediation:list",
    "mediation.policereport": "mediation:list",
    "mediation.reception": "mediation:centre",
    "mediation.campaign": "mediation:campaigns",
    "mediation.campaignfinding": "mediation:campaigns",
    "mediation.excellentcase": "mediation:cases",
}

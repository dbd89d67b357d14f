"""The official figures of notarisation, each with its definition, computed as SQL aggregates.

Seed (普陀区司法局 2022, 1–10 月): 共受理公证 7741 件，其中民事类公证占 89%；已累计受理线上"一次都不跑"公证申请 843 件.
Definitions:

- `notary.accepted` (受理公证): applications accepted (受理) in the period, by the day of acceptance; it splits by
  matter group (国内民事 + 国内经济 + 涉外), checked as an equation. The group is stored on the application when it
  is registered (`notary.district`).
- `notary.civil_share`: accepted civil ÷ accepted, in whole per cent (the seed's 89%).
- `notary.online`: applications accepted in the period that came in online with no visit ("一次都不跑");
  `notary.online_one_visit` those online with at most one visit ("最多跑一次").
- `notary.issued_in_time`: certificates issued in the period within 15 working days of acceptance, the time for
  supplements, verification and force majeure not counted (公证法 第三十条).
"""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sifa.core.metrics import Count, Equation, MetricSet, Rate, register

from .models import Channel, Group, ReviewOutcome, State

N = "notary.Notarisation"
M = "notary.MonthlyTotal"  # an office's months imported as totals (never also as single applications)
GZ = "《公证法》"
GROUP_LABELS = {Group.CIVIL: _("Domestic civil notarisations accepted"),
                Group.ECONOMIC: _("Domestic economic notarisations accepted"),
                Group.FOREIGN: _("Foreign-related notarisations accepted")}

METRICS = MetricSet(
    line="notary", label=_("Notarisation"), order=45, list_url_name="notary:list",
    columns={N: ["number", "unit__name", "matter", "group", "channel", "state", "received_on", "accepted_on",
                 "issued_on", "refused_on"]},
    breakdowns=[("group", _("Matter group")), ("matter", _("Notarial matter")), ("channel", _("Channel"))],
    metrics=[
        Count("notary.accepted", _("Notarisations accepted"), model=N, date_field="accepted_on",
              basis=GZ + "第十一条、第二十五条", plus=("notary.monthly_accepted",),
              definition=_("Applications accepted (受理) in the period, by the day of acceptance.")),
        *[Count(f"notary.accepted_{code.value}", label, model=N, date_field="accepted_on", q=Q(group=code),
                plus=(f"notary.monthly_accepted_{code.value}",),
                definition=_("Applications accepted in the period whose matter is of this group."))
          for code, label in GROUP_LABELS.items()],
        Rate("notary.civil_share", _("Share of civil notarisations"), numerator="notary.accepted_civil",
             denominator="notary.accepted", decimals=0,
             definition=_("Civil notarisations accepted ÷ notarisations accepted, in whole per cent.")),
        Count("notary.online", _("Online applications, no visit (一次都不跑)"), model=N, date_field="accepted_on",
              q=Q(channel=Channel.ZERO_VISIT), plus=("notary.monthly_online",),
              definition=_("Applications accepted in the period that came in online to be completed without a "
                           "visit.")),
        Count("notary.online_one_visit", _("Online applications, at most one visit (最多跑一次)"), model=N,
              date_field="accepted_on", q=Q(channel=Channel.ONE_VISIT), plus=("notary.monthly_one_visit",),
              definition=_("Applications accepted in the period that came in online to be completed with at most "
                           "one visit.")),
        Count("notary.received", _("Applications received"), model=N, date_field="received_on",
              definition=_("Applications received in the period, on every channel.")),
        Count("notary.issued", _("Certificates issued"), model=N, date_field="issued_on", basis=GZ + "第三十条",
              plus=("notary.monthly_issued",),
              definition=_("Certificates issued in the period.")),
        Count("notary.issued_in_time", _("Certificates issued within 15 working days"), model=N,
              date_field="issued_on", q=Q(issued_in_time=True), basis=GZ + "第三十条",
              definition=_("Certificates of the period issued within 15 working days of acceptance, the time for "
                           "supplements, verification and force majeure not counted.")),
        Rate("notary.issued_in_time_rate", _("Share issued within 15 working days"),
             numerator="notary.issued_in_time", denominator="notary.issued", decimals=1,
             definition=_("Certificates issued in time ÷ certificates issued, in per cent.")),
        Count("notary.refused", _("Notarisations refused"), model=N, date_field="refused_on",
              q=Q(state=State.REFUSED), basis=GZ + "第三十一条", plus=("notary.monthly_refused",),
              definition=_("Applications the office decided not to handle in the period.")),
        Count("notary.fees", _("Notarial fees charged"), model=N, date_field="accepted_on", sum_field="fee",
              unit_label="元", basis=GZ + "第三十四条", plus=("notary.monthly_fees",),
              definition=_("Fees charged on the applications accepted in the period, in yuan.")),
        Count("notary.refunds", _("Notarial fees refunded"), model=N, date_field="refunded_on",
              sum_field="refund_amount", unit_label="元",
              definition=_("Fees refunded in the period on refusals and withdrawals, in yuan.")),
        Count("notary.reviews", _("Reviews (复查) decided"), model=N, date_field="review_decided_on",
              q=~Q(review_outcome=""), basis=GZ + "第三十九条",
              definition=_("Requests for review of a certificate decided in the period.")),
        Count("notary.revoked", _("Certificates revoked"), model=N, date_field="review_decided_on",
              q=Q(review_outcome=ReviewOutcome.REVOKED), basis=GZ + "第三十九条",
              definition=_("Certificates revoked on review in the period (void from the start).")),
        # the months of offices imported as totals (the monthly-totals import), added to the figures above
        Count("notary.monthly_accepted", _("Accepted, from monthly totals"), model=M, date_field="month",
              sum_field="accepted", definition=_("Applications accepted in the months imported as totals.")),
        *[Count(f"notary.monthly_accepted_{code.value}", _("Accepted of the group, from monthly totals"), model=M,
                date_field="month", sum_field="accepted", q=Q(group=code),
                definition=_("Applications of this group accepted in the months imported as totals."))
          for code in GROUP_LABELS],
        Count("notary.monthly_online", _("Online without a visit, from monthly totals"), model=M, date_field="month",
              sum_field="online", definition=_("Online applications without a visit in the months imported as "
                                                "totals.")),
        Count("notary.monthly_one_visit", _("Online with at most one visit, from monthly totals"), model=M,
              date_field="month", sum_field="one_visit",
              definition=_("Online applications with at most one visit in the months imported as totals.")),
        Count("notary.monthly_issued", _("Issued, from monthly totals"), model=M, date_field="month",
              sum_field="issued", definition=_("Certificates issued in the months imported as totals.")),
        Count("notary.monthly_refused", _("Refused, from monthly totals"), model=M, date_field="month",
              sum_field="refused", definition=_("Applications refused in the months imported as totals.")),
        Count("notary.monthly_fees", _("Fees, from monthly totals"), model=M, date_field="month", sum_field="fees",
              unit_label="元", definition=_("Fees charged in the months imported as totals, in yuan.")),
    ],
    equations=[
        Equation(_("accepted = civil + economic + foreign-related"), "notary.accepted",
                 tuple(f"notary.accepted_{code.value}" for code in GROUP_LABELS)),
    ],
)
register(METRICS)

"""The figures of petitions and 12345 work orders, each with its definition, computed as SQL aggregates.

The seed (普陀区 2022) says "做好本系统信访及'12345'市民服务热线的接答及协调督办工作" without figures. Definitions:
received by the day of receipt, split by kind (第二十九条至第三十一条: the equation) and by channel (hotline orders);
answered by the day of the answer, on time when the answer met its clock (60 days with any extension, or the hotline's
limit); satisfaction from the return visits of the period (满意 + 基本满意 over all visits).
"""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sifa.core.metrics import Count, Equation, MetricSet, Rate, register

from .models import Channel, Kind, Satisfaction, State

P = "petitions.Petition"
XF = "信访工作条例"

METRICS = MetricSet(
    line="petitions", label=_("Petitions and 12345"), order=120, list_url_name="petitions:list",
    columns={P: ["number", "unit__name", "channel", "kind", "hotline_kind", "state", "received_on", "answered_on",
                 "satisfaction"]},
    breakdowns=[("kind", _("Kind")), ("channel", _("Channel"))],
    metrics=[
        Count("petitions.received", _("Petitions and work orders received"), model=P, date_field="received_on",
              basis=XF + " 第二十三条", definition=_("Petitions and hotline work orders registered in the period.")),
        Count("petitions.suggestions", _("Suggestions and opinions"), model=P, date_field="received_on",
              q=Q(kind=Kind.SUGGESTION), basis=XF + " 第二十九条",
              definition=_("Received in the period, classified as suggestions or opinions.")),
        Count("petitions.accusations", _("Reports and accusations"), model=P, date_field="received_on",
              q=Q(kind=Kind.ACCUSATION), basis=XF + " 第三十条",
              definition=_("Received in the period, classified as reports or accusations.")),
        Count("petitions.complaints", _("Complaints and demands"), model=P, date_field="received_on",
              q=Q(kind=Kind.COMPLAINT), basis=XF + " 第三十一条",
              definition=_("Received in the period, classified as complaints or demands.")),
        Count("petitions.hotline_orders", _("12345 work orders"), model=P, date_field="received_on",
              q=Q(channel=Channel.HOTLINE), definition=_("Hotline work orders dispatched to the bureau in the period.")),
        Count("petitions.referred", _("Referred to their legal channel"), model=P, date_field="closed_on",
              q=Q(state=State.REFERRED), basis=XF + " 第三十一条",
              definition=_("Matters referred in the period to litigation, reconsideration, arbitration or another "
                           "procedure.")),
        Count("petitions.returned", _("Work orders returned"), model=P, date_field="returned_on",
              definition=_("Hotline work orders returned (退单) in the period.")),
        Count("petitions.answered", _("Answered"), model=P, date_field="answered_on",
              definition=_("Petitions and work orders answered in the period.")),
        Count("petitions.answered_on_time", _("Answered on time"), model=P, date_field="answered_on",
              q=Q(answered_in_time=True), basis=XF + " 第三十四条",
              definition=_("Answers of the period given within their time limit.")),
        Rate("petitions.on_time_rate", _("Share answered on time"), numerator="petitions.answered_on_time",
             denominator="petitions.answered", decimals=1,
             definition=_("Answered on time ÷ answered, in per cent.")),
        Count("petitions.visited", _("Return visits"), model=P, date_field="visited_on",
              definition=_("Return visits (回访) made in the period.")),
        Count("petitions.satisfied", _("Satisfied or basically satisfied"), model=P, date_field="visited_on",
              q=Q(satisfaction__in=[Satisfaction.SATISFIED, Satisfaction.BASICALLY]),
              definition=_("Return visits of the period with the answer found satisfactory or basically so.")),
        Rate("petitions.satisfaction_rate", _("Satisfaction rate"), numerator="petitions.satisfied",
             denominator="petitions.visited", decimals=1,
             definition=_("Satisfied or basically satisfied ÷ return visits, in per cent.")),
        Count("petitions.reviewed", _("Review opinions (复查)"), model=P, date_field="reviewed_on",
              basis=XF + " 第三十五条", definition=_("Review opinions given in the period.")),
    ],
    equations=[Equation(_("received = suggestions + accusations + complaints"), "petitions.received",
                        ("petitions.suggestions", "petitions.accusations", "petitions.complaints"))],
)
register(METRICS)

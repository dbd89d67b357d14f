"""The figures of the people's supervisors' line, each with its definition, computed as SQL aggregates.

The seed (普陀区 2022) names the mechanism only ("建立人民监督员二级抽选三方对接机制"), without figures. Definitions:

- `supervisors.selected`: supervisors whose term began in the period (the pool's intake; a new pool was selected
  after the 2021 revision, so for a term's first year this is the pool);
- `supervisors.requests`: the procuratorate's requests received; `supervisors.draws`: draws run;
- `supervisors.served`: requests whose activity was held with the drawn supervisors (by the day held);
- `supervisors.participation`: supervisors' attendances at activities (人次), `supervisors.declined` the declines;
- `supervisors.opinions`: opinions given; `supervisors.answered`: requests the procuratorate answered.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sifa.core.metrics import Count, MetricSet, Rate, register

from .models import SeatStatus

R = "supervisors.DrawRequest"
P = "supervisors.Supervisor"
S = "supervisors.Seat"
BASIS = "人民监督员选任管理办法（司发〔2021〕7号）"

METRICS = MetricSet(
    line="supervisors", label=_("People's supervisors"), order=110, list_url_name="supervisors:list",
    columns={R: ["number", "unit__name", "procuratorate__name", "activity_kind", "state", "received_on",
                 "drawn_on", "held_on", "answered_on"]},
    breakdowns=[("activity_kind", _("Activity"))],
    metrics=[
        Count("supervisors.selected", _("Supervisors selected into the pool"), model=P, date_field="selected_on",
              unit_label="人", basis=BASIS + " 第十一条至第十三条",
              definition=_("Supervisors whose first term began in the period.")),
        Count("supervisors.requests", _("Requests for supervisors received"), model=R, date_field="received_on",
              definition=_("The procuratorate's requests for supervisors received in the period.")),
        Count("supervisors.draws", _("Draws run"), model=R, date_field="drawn_on", unit_label="次",
              definition=_("Random draws run in the period, each with its published listing and seed.")),
        Count("supervisors.served", _("Requests served"), model=R, date_field="held_on",
              definition=_("Requests whose activity was held in the period with the supervisors drawn.")),
        Count("supervisors.answered", _("Opinions answered by the procuratorate"), model=R, date_field="answered_on",
              definition=_("Requests whose supervisors' opinions the procuratorate answered in the period.")),
        Count("supervisors.participation", _("Attendances of supervisors"), model=S, date_field="activity_on",
              q=Q(status=SeatStatus.ATTENDED), unit_field="request__unit", unit_label="人次",
              definition=_("Supervisors present at activities held in the period.")),
        Count("supervisors.absences", _("Absences"), model=S, date_field="activity_on",
              q=Q(status=SeatStatus.ABSENT), unit_field="request__unit", unit_label="人次",
              definition=_("Confirmed supervisors absent from activities of the period.")),
        Count("supervisors.declined", _("Invitations declined"), model=S, date_field="activity_on",
              q=Q(status=SeatStatus.DECLINED), unit_field="request__unit", unit_label="人次",
              definition=_("Drawn supervisors who declined, replaced by the next reserve.")),
        Count("supervisors.opinions", _("Opinions given"), model=S, date_field="activity_on",
              q=~Q(opinion=""), unit_field="request__unit",
              definition=_("Opinions given by supervisors at activities of the period.")),
        Rate("supervisors.attendance_rate", _("Attendance rate"), numerator="supervisors.participation",
             denominator="supervisors.invited_and_confirmed", decimals=1,
             definition=_("Attendances ÷ (attendances + absences), in per cent.")),
        Count("supervisors.invited_and_confirmed", _("Confirmed for activities held"), model=S,
              date_field="activity_on", q=Q(status__in=[SeatStatus.ATTENDED, SeatStatus.ABSENT]),
              unit_field="request__unit", unit_label="人次",
              definition=_("Confirmed supervisors of the activities held in the period, present or absent.")),
    ],
)
register(METRICS)

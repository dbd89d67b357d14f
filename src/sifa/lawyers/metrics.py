"""The official figures of the lawyers' line, each with its definition, computed as SQL aggregates.

Seed (普陀区司法局 2022): "2022年前三季度共办理行政许可646件，办理律师投诉106件". Definitions:

- `lawyers.licensing` (办理行政许可): licensing matters **accepted** by the district in the period (受理, the day the
  20-day review starts), whatever came of them; it splits by matter (an equation holds it).
- `lawyers.complaints` (办理律师投诉): complaints **received** in the period, on every channel; the kit's figures
  (`core.complaints.Kit.metrics`) follow them to acceptance, conclusion, reply and outcome.
- `lawyers.firms_inspected`, `lawyers.lawyers_assessed`: annual inspections and assessments filed in the period.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sifa.core.metrics import Count, Equation, MetricSet, register

from .models import LicensingState, MatterKind
from .workflow import KIT

M = "lawyers.LicensingMatter"
LS = "律师法"

by_kind = [Count(f"lawyers.licensing_{k.value}", k.label, model=M, date_field="received_on", q=Q(kind=k.value),
                 basis=LS + " 第六条、第十八条、第二十一条",
                 definition=_("Licensing matters of this kind accepted in the period."))
           for k in MatterKind]
complaint_metrics, complaint_equations = KIT.metrics(model="lawyers.LawyerComplaint", basis=LS + " 第五十二条")

METRICS = MetricSet(
    line="lawyers", label=_("Lawyers"), order=50, list_url_name="lawyers:list",
    columns={M: ["number", "unit__name", "kind", "state", "received_on", "reported_on", "decided_on"],
             "lawyers.LawyerComplaint": ["number", "unit__name", "channel", "state", "received_on", "accepted_on",
                                         "outcome", "concluded_on", "replied_on"]},
    metrics=[
        Count("lawyers.licensing", _("Licensing matters handled"), model=M, date_field="received_on",
              basis=LS + " 第六条、第十八条",
              definition=_("Licensing matters of lawyers and law firms accepted by the district in the period.")),
        *by_kind,
        Count("lawyers.licensing_reported", _("Preliminary reviews reported to the city"), model=M,
              date_field="reported_on", definition=_("Matters reported to the city bureau in the period.")),
        Count("lawyers.licensing_reported_in_time", _("Reported within 20 days"), model=M, date_field="reported_on",
              q=Q(reported_in_time=True), basis=LS + " 第六条第二款",
              definition=_("Matters of the period reported within the 20-day review period.")),
        Count("lawyers.licensing_approved", _("Approved by the city"), model=M, date_field="decided_on",
              q=Q(state=LicensingState.APPROVED), definition=_("Matters the city bureau approved in the period.")),
        *complaint_metrics,
        Count("lawyers.firms_inspected", _("Firms' annual inspections filed"), model="lawyers.FirmInspection",
              date_field="assessed_on", unit_field="firm__supervised_by", basis=LS + " 第二十四条",
              definition=_("Annual inspections of law firms filed in the period.")),
        Count("lawyers.lawyers_assessed", _("Lawyers' annual assessments filed"), model="lawyers.LawyerAssessment",
              date_field="assessed_on", unit_field="lawyer__institution__supervised_by", basis=LS + " 第二十四条",
              definition=_("Annual assessments of lawyers filed in the period.")),
    ],
    equations=[Equation(_("licensing matters = the sum over matters"), "lawyers.licensing",
                        tuple(m.key for m in by_kind)), *complaint_equations],
)
register(METRICS)

"""The official figures of forensic appraisal, each with its definition, computed as SQL aggregates.

Seed (普陀区司法局 2022): "全区司法鉴定机构累计受理鉴定委托事项1.6万件"; "截至11月2日，累计处理投诉等案件249件，办结率及
回复率均为100%"; "向鉴定机构出具2份整改建议书"; "两家鉴定机构均获评A级信用". Definitions:

- `appraisal.commissions`: the sum of the commissions accepted that the institutions reported for the months
  in the period (a month counts when its first day falls in the period).
- `appraisal.complaints` and the rates: the core complaints kit's (received in the period; concluded or answered
  by now ÷ received, whole per cent).
- `appraisal.proposals`: rectification proposals issued in the period; `appraisal.grade_a`: credit grades A
  recorded in the period.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sifa.core.metrics import Count, MetricSet, register

from .models import Grade, ProposalState
from .workflow import KIT

R = "appraisal.CommissionReport"
P = "appraisal.RectificationProposal"
complaint_metrics, complaint_equations = KIT.metrics(model="appraisal.AppraisalComplaint",
                                                     basis="司法鉴定执业活动投诉处理办法")

METRICS = MetricSet(
    line="appraisal", label=_("Forensic appraisal"), order=60, list_url_name="appraisal:list",
    columns={P: ["number", "unit__name", "institution__name", "state", "issued_on", "rectified_on"],
             "appraisal.AppraisalComplaint": ["number", "unit__name", "channel", "state", "received_on",
                                              "accepted_on", "outcome", "concluded_on", "replied_on"]},
    metrics=[
        Count("appraisal.commissions", _("Commissions accepted"), model=R, date_field="month", sum_field="accepted",
              unit_field="institution__supervised_by", basis="司法鉴定程序通则 第十三条",
              definition=_("Commissions accepted by the district's institutions in the months of the period, as "
                           "they reported them.")),
        Count("appraisal.completed", _("Appraisals completed"), model=R, date_field="month", sum_field="completed",
              unit_field="institution__supervised_by", basis="司法鉴定程序通则 第二十八条",
              definition=_("Appraisals completed in the months of the period, as reported.")),
        Count("appraisal.completed_late", _("Completed over the time limit"), model=R, date_field="month",
              sum_field="completed_late", unit_field="institution__supervised_by", basis="司法鉴定程序通则 第二十八条",
              definition=_("Appraisals completed after their 30 working days (and extension), as reported.")),
        *complaint_metrics,
        Count("appraisal.proposals", _("Rectification proposals issued"), model=P, date_field="issued_on",
              definition=_("Rectification proposals issued to institutions in the period.")),
        Count("appraisal.proposals_rectified", _("Rectification proposals closed"), model=P,
              date_field="issued_on", q=Q(state=ProposalState.RECTIFIED),
              definition=_("Proposals of the period whose rectification has been confirmed.")),
        Count("appraisal.grade_a", _("Institutions graded A"), model="appraisal.CreditGrade", date_field="assessed_on",
              q=Q(result=Grade.A), unit_field="institution__supervised_by", unit_label="家",
              definition=_("Credit grades A given to institutions in the period.")),
        Count("appraisal.graded", _("Institutions graded"), model="appraisal.CreditGrade", date_field="assessed_on",
              unit_field="institution__supervised_by", unit_label="家",
              definition=_("Credit grades given to institutions in the period.")),
    ],
    equations=complaint_equations,
)
register(METRICS)

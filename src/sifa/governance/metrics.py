"""The figures of rule-of-law governance, each counted from the records by the day named.

Seed (普陀区司法局 2022, 1–10 月): "到区文旅局等7家执法单位开展行政执法专项法治督察"; "5个依法治市调研课题被市委依法治市办
立项"; "建立首批25家基层法治观察点…形成全区'20+5'基层法治观察工作网络". Definitions:

- `governance.agencies_inspected`: inspections of administrative enforcement (行政执法专项法治督察) made in the period,
  by the day of the visit. A unit is inspected once per campaign (a unique constraint), so within a campaign the
  inspections are the units.
- `governance.topics_approved`: research topics approved by the city in the period, by the day of approval.
- `governance.points`: observation points established in the period (= grassroots + specialised: "20+5").
"""

from __future__ import annotations

from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from sifa.core.metrics import Count, Equation, MetricSet, Rate, register

from .models import InspectionKind, PointKind, TopicStatus

T = "governance.Task"
I = "governance.Inspection"  # noqa: E741
F_ = "governance.Finding"
P = "governance.ObservationPoint"
O = "governance.Observation"  # noqa: E741
R = "governance.ResearchTopic"
A = "governance.Assessment"
DUCHA = "《法治政府建设与责任落实督察工作规定》"

METRICS = MetricSet(
    line="governance", label=_("Rule-of-law governance"), order=60, list_url_name="governance:figure",
    columns={
        T: ["code", "title", "responsible__name", "due_on", "done_on"],
        I: ["number", "campaign", "kind", "inspected__name", "visited_on", "reported_on", "state", "closed_on"],
        F_: ["inspection__number", "inspection__inspected__name", "notified_on", "rectified_on", "rectified_in_time"],
        P: ["name", "kind", "street__name", "established_on"],
        O: ["point__name", "subject", "submitted_on", "replied_on"],
        R: ["title", "lead__name", "status", "approved_on", "approved_by"],
        A: ["scheme__title", "assessed__name", "scored_on", "total", "vetoed", "passed", "rank"],
    },
    breakdowns=[("kind", _("Kind")), ("inspected__name", _("Inspected unit")), ("responsible__name",
                                                                            _("Responsible unit"))],
    metrics=[
        Count("governance.tasks_due", _("Tasks due"), model=T, date_field="due_on", unit_label="项",
              definition=_("Tasks of the task list due in the period.")),
        Count("governance.tasks_done_on_time", _("Tasks done on time"), model=T, date_field="due_on",
              q=Q(done_on__isnull=False, done_on__lte=F("due_on")), unit_label="项",
              definition=_("Tasks due in the period that were reported done by their due date.")),
        Rate("governance.tasks_on_time_rate", _("Share of tasks done on time"),
             numerator="governance.tasks_done_on_time", denominator="governance.tasks_due", decimals=1,
             definition=_("Tasks done on time ÷ tasks due in the period, in per cent.")),
        Count("governance.inspections", _("Inspections"), model=I, date_field="visited_on", unit_label="次",
              basis=DUCHA, definition=_("Inspections (法治督察) of units made in the period, by the day of the visit.")),
        Count("governance.agencies_inspected", _("Enforcement agencies inspected"), model=I,
              date_field="visited_on", q=Q(kind=InspectionKind.ENFORCEMENT), unit_label="家", basis=DUCHA,
              definition=_("Special inspections of administrative enforcement made in the period: one per unit and "
                           "campaign, so the enforcement agencies inspected.")),
        Count("governance.findings", _("Findings notified for rectification"), model=F_, date_field="notified_on",
              unit_label="项", basis=DUCHA,
              definition=_("Problems found and notified for rectification in the period.")),
        Count("governance.rectifications_closed", _("Rectifications closed"), model=F_, date_field="rectified_on",
              unit_label="项", definition=_("Rectification items closed (accepted) in the period.")),
        Count("governance.rectifications_on_time", _("Rectifications closed in time"), model=F_,
              date_field="rectified_on", q=Q(rectified_in_time=True), unit_label="项",
              definition=_("Rectification items closed in the period within their time limit.")),
        Count("governance.points", _("Observation points established"), model=P, date_field="established_on",
              unit_label="家", definition=_("Grassroots rule-of-law observation points established in the period.")),
        Count("governance.points_grassroots", _("Grassroots observation points"), model=P,
              date_field="established_on", q=Q(kind=PointKind.GRASSROOTS), unit_label="家",
              definition=_("Observation points in the streets' and towns' communities established in the period.")),
        Count("governance.points_specialised", _("Specialised observation points"), model=P,
              date_field="established_on", q=Q(kind=PointKind.SPECIALISED), unit_label="家",
              definition=_("Observation points in associations, enterprises and schools established in the period.")),
        Count("governance.observations", _("Observations submitted"), model=O, date_field="submitted_on",
              unit_label="条", definition=_("Observations received from the points in the period.")),
        Count("governance.observations_replied", _("Observations replied"), model=O, date_field="replied_on",
              unit_label="条", definition=_("Observations replied to in the period.")),
        Count("governance.topics_approved", _("Research topics approved by the city"), model=R,
              date_field="approved_on", q=Q(status__in=[TopicStatus.APPROVED, TopicStatus.CONCLUDED]),
              unit_label="个", definition=_("Research topics approved (立项) by the city's office in the period.")),
        Count("governance.assessed", _("Units assessed"), model=A, date_field="scored_on", unit_label="家",
              definition=_("Units whose assessment of rule-of-law building the bureau scored in the period.")),
        Count("governance.assessments_passed", _("Units passing the assessment"), model=A, date_field="scored_on",
              q=Q(passed=True), unit_label="家",
              definition=_("Units scored in the period with at least the pass mark and no veto item applying.")),
    ],
    equations=[
        Equation(_("points = grassroots + specialised"), "governance.points",
                 ("governance.points_grassroots", "governance.points_specialised")),
    ],
)
register(METRICS)

"""The procedures of governance as `core.workflow` tables: the inspection (法治督察) with its findings and their
rectification clocks, and the research topic (调研课题). Core runs them: the case page offers what the table allows
(`WORKFLOW.available`), each action has its page (`core.steps.step_view`), and the services of services.py are
thin callers of `run`, so the demo, the pages and the tests take the same path.

The rectification clocks run on the findings (each item its own 整改期限), not on the inspection: the steps that
move them do so in their effect, and the table says so in words."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from sifa.core.workflow import Transition, Workflow

from . import forms, services
from .models import Inspection, InspectionState, ResearchTopic, TopicStatus

S = InspectionState
EDIT_INSPECTION = "governance.change_inspection"
EDIT_TOPIC = "governance.change_researchtopic"
BASIS = "《法治政府建设与责任落实督察工作规定》（中办发〔2019〕）"


def _has_findings(case, on):
    return None if case.findings.exists() else str(_("no finding is recorded: issue the report that closes it"))


def _has_no_findings(case, on):
    return str(_("findings are recorded: issue the report with the rectification notice")) if case.findings.exists() \
        else None


def _open_findings(case, on):
    return None if case.findings.filter(rectified_on__isnull=True).exists() else str(_("no rectification item is open"))


INSPECTION = Workflow(
    states=InspectionState, model=Inspection, url_name="governance:inspection_action", event_prefix="governance",
    transitions=[
        Transition("add_finding", _("Record an inspection finding"), (S.OPEN,), None, EDIT_INSPECTION,
                   basis=BASIS + "第二十五条（督察发现的问题）", form=forms.FindingStepForm,
                   effect=services.finding_add_effect, event="governance.finding.added",
                   summary=lambda case, data, result: data.get("problem", "")),
        Transition("report", _("Issue the report and the rectification notice"), (S.OPEN,), S.RECTIFYING,
                   EDIT_INSPECTION, basis=BASIS + "第二十六条（督察报告、整改通知）", guards=(_has_findings,),
                   not_before=(("visited_on", _("the inspection")),), effect=services.inspection_report_effect,
                   clocks="每个整改事项的整改期限自整改通知之日起计算", event="governance.inspection.reported",
                   date_label=_("Report issued on"), summary=lambda case, data, result: case.report_number),
        Transition("report_closing", _("Issue the report (no finding)"), (S.OPEN,), S.CLOSED, EDIT_INSPECTION,
                   basis=BASIS + "第二十六条", guards=(_has_no_findings,),
                   not_before=(("visited_on", _("the inspection")),), effect=services.inspection_report_effect,
                   closes=True, event="governance.inspection.reported", date_label=_("Report issued on"),
                   summary=lambda case, data, result: case.report_number),
        Transition("extend", _("Extend a rectification period"), (S.RECTIFYING,), None, EDIT_INSPECTION,
                   basis="督察意见确定的整改期限（经依法治区办负责人批准延长，累计不超过六十日）",
                   guards=(_open_findings,), form=forms.ExtendStepForm, effect=services.finding_extend_effect,
                   clocks="延长所选整改事项的整改期限",
                   event="governance.finding.extended", date_label=_("Extension approved on"),
                   summary=lambda case, data, result: data.get("reason", "")),
        Transition("close_finding", _("Close a rectification item"), (S.RECTIFYING,), None, EDIT_INSPECTION,
                   basis=BASIS + "第二十七条（整改报告、销号）", guards=(_open_findings,),
                   form=forms.CloseStepForm, effect=services.finding_close_effect,
                   not_before=(("reported_on", _("the rectification notice")),),
                   clocks="所选整改事项的整改期限结束；最后一项销号时督察办结",
                   event="governance.finding.closed", date_label=_("Rectification closed on"),
                   summary=lambda case, data, result: data.get("outcome", "")),
    ])

T = TopicStatus
TOPIC_BASIS = "市委依法治市办年度法治调研课题立项通知"

TOPIC = Workflow(
    states=TopicStatus, model=ResearchTopic, url_name="governance:topic_action", event_prefix="governance",
    transitions=[
        Transition("approve", _("Record the topic's approval"), (T.PROPOSED,), T.APPROVED, EDIT_TOPIC,
                   basis=TOPIC_BASIS, form=forms.ApproveStepForm, effect=services.topic_approve_effect,
                   not_before=(("proposed_on", _("the topic's proposal")),), event="governance.topic.decided",
                   date_label=_("Topic approved on"), summary=lambda case, data, result: str(T.APPROVED.label)),
        Transition("reject", _("Record that the topic was not approved"), (T.PROPOSED,), T.NOT_APPROVED, EDIT_TOPIC,
                   basis=TOPIC_BASIS, not_before=(("proposed_on", _("the topic's proposal")),),
                   event="governance.topic.decided", summary=lambda case, data, result: str(T.NOT_APPROVED.label)),
        Transition("conclude", _("Record the topic's conclusion"), (T.APPROVED,), T.CONCLUDED, EDIT_TOPIC,
                   basis=TOPIC_BASIS + "（结题验收）", effect=services.topic_conclude_effect,
                   not_before=(("approved_on", _("the approval of the topic")),), event="governance.topic.decided",
                   date_label=_("Topic concluded on"), summary=lambda case, data, result: str(T.CONCLUDED.label)),
    ])

WORKFLOW = INSPECTION

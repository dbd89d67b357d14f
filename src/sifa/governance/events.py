"""The names of governance's event codes (core.events)."""

from django.utils.translation import gettext_lazy as _

from sifa.core.events import register_all

register_all({
    "governance.task.created": _("Task added to the year's list"),
    "governance.task.reported": _("Progress reported on a task"),
    "governance.inspection.registered": _("Inspection registered"),
    "governance.finding.added": _("Finding recorded"),
    "governance.inspection.reported": _("Inspection report issued"),
    "governance.finding.extended": _("Rectification period extended"),
    "governance.finding.closed": _("Rectification closed"),
    "governance.inspection.closed": _("Inspection closed"),
    "governance.point.established": _("Observation point established"),
    "governance.observer.appointed": _("Observer appointed"),
    "governance.observation.submitted": _("Observation submitted"),
    "governance.observation.replied": _("Observation replied"),
    "governance.topic.proposed": _("Research topic proposed"),
    "governance.topic.decided": _("Decision on a research topic recorded"),
    "governance.scheme.published": _("Assessment scheme published"),
    "governance.assessment.opened": _("Unit put under assessment"),
    "governance.assessment.self_assessed": _("Self-assessment submitted"),
    "governance.assessment.scored": _("Assessment scored by the bureau"),
    "governance.assessment.recomputed": _("Assessment results recomputed"),
    "governance.document.downloaded": _("Governance document downloaded"),
    "governance.exported": _("Governance list exported"),
})

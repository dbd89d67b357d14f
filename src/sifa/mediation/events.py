"""The names of mediation's event codes (core.events): what its timelines and the audit log read."""

from django.utils.translation import gettext_lazy as _

from sifa.core.events import register_all

register_all({
    "mediation.dispute.registered": _("Dispute registered"),
    "mediation.dispute.imported": _("Dispute imported"),
    "mediation.dispute.accepted": _("Dispute accepted"),
    "mediation.dispute.refused": _("Dispute not accepted"),
    "mediation.dispute.session": _("Mediation session held"),
    "mediation.dispute.period_extended": _("Mediation period extended"),
    "mediation.dispute.agreed": _("Agreement reached"),
    "mediation.dispute.failed": _("Mediation failed"),
    "mediation.dispute.withdrawn": _("Dispute withdrawn"),
    "mediation.dispute.performed": _("Agreement performed"),
    "mediation.dispute.breached": _("Agreement not performed"),
    "mediation.dispute.confirmation_applied": _("Judicial confirmation applied for"),
    "mediation.dispute.confirmation_ruled": _("Judicial confirmation ruled"),
    "mediation.dispute.remediating": _("Remediation under way"),
    "mediation.dispute.reported_to_police": _("Reported to the police"),
    "mediation.dispute.returned_to_court": _("Returned to the court"),
    "mediation.reception.registered": _("Visit registered"),
    "mediation.reception.routed": _("Visit routed"),
    "mediation.reception.routing_accepted": _("Routing accepted"),
    "mediation.reception.routing_declined": _("Routing declined"),
    "mediation.reception.result": _("Visit result recorded"),
    "mediation.campaign.created": _("Campaign created"),
    "mediation.campaign.finding": _("Campaign finding recorded"),
    "mediation.campaign.findings_registered": _("Campaign findings registered"),
    "mediation.case.submitted": _("Exemplary case submitted"),
    "mediation.case.selected": _("Exemplary case selected"),
    "mediation.case.published": _("Exemplary case published"),
    "mediation.centre.agency_stationed": _("Agency stationed at the centre"),
    "mediation.mediator.appointed": _("Mediator appointed"),
    "mediation.training.recorded": _("Training recorded"),
    "mediation.disputes.exported": _("Disputes exported"),
    "mediation.agreement.downloaded": _("Agreement downloaded"),
    "mediation.termination.downloaded": _("Termination notice downloaded"),
    "core.import.disputes": _("Disputes imported from a file"),
})

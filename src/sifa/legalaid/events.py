"""The names of legal aid's event codes (core.events): what its history and the audit log read."""

from django.utils.translation import gettext_lazy as _

from sifa.core.events import register_all

register_all({
    "legalaid.registered": _("Legal-aid application registered"),
    "legalaid.notified": _("Notification of a case registered"),
    "legalaid.imported": _("Legal-aid cases imported"),
    "legalaid.hardship_checked": _("Economic hardship checked"),
    "legalaid.materials_requested": _("Materials requested (one-time notice)"),
    "legalaid.materials_extended": _("Period for the materials extended"),
    "legalaid.materials_received": _("Materials received"),
    "legalaid.withdrawn": _("Application deemed withdrawn"),
    "legalaid.granted": _("Legal aid granted"),
    "legalaid.provisional": _("Legal aid provided provisionally"),
    "legalaid.refused": _("Legal aid refused"),
    "legalaid.assigned": _("Lawyer assigned"),
    "legalaid.progress_reported": _("Progress reported"),
    "legalaid.closed": _("Case closed"),
    "legalaid.letter_sent": _("Legal-aid letter sent to the handling organ"),
    "legalaid.closing_reviewed": _("Closed case reviewed and scored"),
    "legalaid.subsidy_approved": _("Case subsidy approved"),
    "legalaid.terminated": _("Legal aid terminated"),
    "legalaid.objection_received": _("Objection received"),
    "legalaid.objection_upheld": _("Objection decided: decision upheld"),
    "legalaid.objection_corrected": _("Objection decided: correction ordered"),
    "legalaid.document.downloaded": _("Legal-aid document downloaded"),
    "legalaid.exported": _("Legal-aid cases exported"),
    "legalaid.consultation.registered": _("Consultation registered"),
    "legalaid.consultations.imported": _("Consultations imported"),
    "legalaid.consultations.exported": _("Consultations exported"),
    "legalaid.callback.attempted": _("Callback attempted"),
    "legalaid.material.added": _("Application materials added"),
    "legalaid.material.downloaded": _("Application material downloaded"),
    "legalaid.subsidies.exported": _("Case subsidies exported"),
    "legalaid.duty.scheduled": _("Duty scheduled"),
    "legalaid.duty.recorded": _("Duty recorded"),
    "legalaid.duty.cancelled": _("Duty taken off the schedule"),
    "legalaid.duty.help": _("Help by a duty lawyer recorded"),
    "legalaid.duty.exported": _("Duty schedule exported"),
    "core.import.consultations": _("Consultations imported from a file"),
})

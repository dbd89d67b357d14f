"""The names of enforcement supervision's event codes (core.events): what its history and the audit log read."""

from django.utils.translation import gettext_lazy as _

from sifa.core.events import register_all

register_all({
    "enforcement.officer_registered": _("Enforcement officer registered"),
    "enforcement.officer_flagged": _("Officer's status for the annual review recorded"),
    "enforcement.officers.imported": _("Officers imported from an agency's list"),
    "core.import.officers": _("Officers imported from a file"),
    "enforcement.registered": _("Certificate application registered"),
    "enforcement.imported": _("Certificate applications imported"),
    "enforcement.exam_recorded": _("Training and exam recorded"),
    "enforcement.issued": _("Enforcement certificate issued"),
    "enforcement.cancelled": _("Certificate cancelled"),
    "enforcement.refused": _("Certificate application refused"),
    "enforcement.document.downloaded": _("Enforcement-supervision document downloaded"),
    "enforcement.exported": _("Enforcement-supervision list exported"),
    "enforcement.campaign_created": _("Case-file evaluation campaign created"),
    "enforcement.files_drawn": _("Case files drawn"),
    "enforcement.file_scored": _("Case file scored"),
    "enforcement.bulletin_issued": _("Evaluation bulletin issued"),
    "enforcement.rectification_notified": _("Rectification notified"),
    "enforcement.rectification_closed": _("Rectification closed"),
    "enforcement.work_assigned": _("Legal-adviser work item assigned"),
    "enforcement.work_delivered": _("Legal adviser's opinion delivered"),
    "enforcement.agreement_received": _("Agreement received for review"),
    "enforcement.agreement_reviewed": _("Agreement reviewed"),
    "enforcement.legality_received": _("Draft received for the legality review"),
    "enforcement.legality_reviewed": _("Legality review opinion issued"),
    "enforcement.filing_received": _("Normative document filed"),
    "enforcement.filing_extended": _("Filing review extended"),
    "enforcement.filing_reviewed": _("Filing review concluded"),
    "enforcement.filing_corrected": _("Normative document corrected by its issuing body"),
    "enforcement.filing_not_corrected": _("Correction period of a normative document ran out"),
    "enforcement.filing_revoked": _("Normative document revoked"),
    "enforcement.sheet_saved": _("Scoring sheet saved"),
})

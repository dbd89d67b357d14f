"""The names of notarisation's event codes (core.events): what its history and the audit log read."""

from django.utils.translation import gettext_lazy as _

from sifa.core.events import register_all

register_all({
    "notary.registered": _("Notarisation application registered"),
    "notary.imported": _("Notarisations imported"),
    "notary.accepted": _("Notarisation accepted"),
    "notary.supplement_requested": _("Supplementary materials requested"),
    "notary.verification_started": _("Verification started"),
    "notary.force_majeure": _("Force majeure recorded"),
    "notary.resumed": _("Notarisation resumed"),
    "notary.issued": _("Certificate issued"),
    "notary.refused": _("Notarisation refused"),
    "notary.withdrawn": _("Application withdrawn"),
    "notary.review_requested": _("Review requested"),
    "notary.review_extended": _("Review extended"),
    "notary.review_upheld": _("Review decided: certificate upheld"),
    "notary.review_corrected": _("Review decided: certificate corrected"),
    "notary.revoked": _("Certificate revoked"),
    "notary.document.downloaded": _("Notarisation document downloaded"),
    "notary.exported": _("Notarisations exported"),
    "core.import.notarisations": _("Notarisations imported from a file"),
    "core.import.notary-monthly": _("Monthly totals of notarisations imported from a file"),
    "notary.monthly_imported": _("Monthly total of notarisations imported"),
    "notary.monthly_replaced": _("Monthly total of notarisations replaced"),
    "notary.refusal_reported": _("Refusal reported to the office head"),
    "notary.refusal_approved": _("Refusal approved by the office head"),
    "notary.refusal_returned": _("Refusal not approved, returned to the notary"),
    "notary.fee_recorded": _("Notarial fee recorded"),
    "notary.roster_saved": _("Notary entered in the roster"),
    "notary.assessed": _("Notary's annual assessment recorded"),
})

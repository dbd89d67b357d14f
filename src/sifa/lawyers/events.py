"""The names of the lawyers' line's event codes (core.events). The complaint codes are the kit's
(`core.complaints.Kit`: `lawyers.complaint.*`)."""

from django.utils.translation import gettext_lazy as _

from sifa.core.events import register_all

register_all({
    "lawyers.firm.registered": _("Law firm entered in the register"),
    "lawyers.lawyer.registered": _("Lawyer entered in the register"),
    "lawyers.firm.status_changed": _("Status of a law firm changed"),
    "lawyers.lawyer.status_changed": _("Status of a lawyer changed"),
    "lawyers.firm.inspected": _("Annual inspection of a law firm filed"),
    "lawyers.lawyer.assessed": _("Annual assessment of a lawyer filed"),
    "lawyers.licensing.registered": _("Licensing matter accepted"),
    "lawyers.licensing.reported": _("Preliminary review reported to the city bureau"),
    "lawyers.licensing.approved": _("City bureau's approval recorded"),
    "lawyers.licensing.refused": _("City bureau's refusal recorded"),
    "lawyers.licensing.withdrawn": _("Licensing application withdrawn"),
    "lawyers.document.downloaded": _("Lawyers' document downloaded"),
    "lawyers.exported": _("Licensing matters exported"),
    "lawyers.penalty.decided": _("Penalty decision on a complaint recorded"),
    "lawyers.penalty.document.downloaded": _("Penalty decision downloaded"),
})

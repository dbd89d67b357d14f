"""The names of forensic appraisal's event codes (core.events); the complaint codes are the kit's."""

from django.utils.translation import gettext_lazy as _

from sifa.core.events import register_all

register_all({
    "appraisal.institution.registered": _("Appraisal institution entered in the register"),
    "appraisal.appraiser.registered": _("Appraiser entered in the register"),
    "appraisal.institution.status_changed": _("Status of an appraisal institution changed"),
    "appraisal.appraiser.status_changed": _("Status of an appraiser changed"),
    "appraisal.institution.graded": _("Credit grade of an institution recorded"),
    "appraisal.reports.imported": _("Monthly commission reports imported"),
    "appraisal.proposal.issued": _("Rectification proposal issued"),
    "appraisal.proposal.followed_up": _("Rectification followed up"),
    "appraisal.proposal.rectified": _("Rectification confirmed and closed"),
    "appraisal.document.downloaded": _("Appraisal document downloaded"),
    "appraisal.patrol.run": _("Online patrol of the institutions run"),
    "appraisal.warning.closed": _("Patrol warning handled and closed"),
    "appraisal.white_paper.downloaded": _("Complaints white paper generated"),
    "core.import.appraisal_reports": _("Monthly commission reports imported from a file"),
})

"""The names of the reports app's event codes (core.events): what the audit log reads."""

from django.utils.translation import gettext_lazy as _

from sifa.core.events import register_all

register_all({
    "reports.annual.created": _("Annual report created"),
    "reports.annual.updated": _("Annual report updated"),
    "reports.annual.numbered": _("Annual report numbered"),
    "reports.annual.downloaded": _("Annual report downloaded"),
    "reports.section.added": _("Report section added"),
    "reports.section.updated": _("Report section updated"),
    "reports.section.deleted": _("Report section deleted"),
    "reports.template.uploaded": _("Report template uploaded"),
    "reports.template.downloaded": _("Report template downloaded"),
    "reports.bulletin.downloaded": _("Bulletin downloaded"),
    "reports.statistics.exported": _("Statistics exported"),
})

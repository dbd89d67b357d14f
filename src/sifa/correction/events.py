"""The names of community correction's event codes (core.events): what its history and the audit log read."""

from django.utils.translation import gettext_lazy as _

from sifa.core.events import register_all

register_all({
    "correction.notified": _("Registered the notice of a person under correction"),
    "correction.reported_in": _("Recorded the report-in"),
    "correction.announced": _("Announced the correction"),
    "correction.level_changed": _("Changed the classification level"),
    "correction.contact_met": _("Recorded a contact"),
    "correction.sanction_decided": _("Decided a commendation or sanction"),
    "correction.leave_decided": _("Decided a leave request"),
    "correction.ended": _("Ended the correction"),
    "correction.terminated": _("Terminated the correction"),
    "correction.imported": _("Imported a person under correction"),
    "correction.viewed": _("Viewed the file of a person under correction"),
    "correction.document.downloaded": _("Downloaded a correction document"),
    "correction.exported": _("Exported persons under correction"),
    "correction.session.recorded": _("Recorded an education session"),
    "correction.sessions.imported": _("Imported education sessions"),
    "correction.learning.imported": _("Imported online learning hours"),
    "correction.checkins.imported": _("Imported check-ins"),
    "correction.release.notified": _("Registered a release notice"),
    "correction.release.handed_over": _("Recorded a hand-over"),
})

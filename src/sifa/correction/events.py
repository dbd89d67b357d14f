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
    "correction.release.followed_up": _("Recorded a resettlement follow-up"),
    "correction.release.reoffended": _("Recorded a re-offence"),
    "correction.team_set": _("Set the correction team"),
    "correction.search_closed": _("Recorded the result of a search"),
    "correction.transferred": _("Changed the place of execution within the district"),
    "correction.transferred_out": _("Changed the place of execution out of the district"),
    "correction.monitoring_approved": _("Approved electronic monitoring"),
    "correction.monitoring_removed": _("Removed electronic monitoring"),
    "correction.arrest_decided": _("Recorded the court's arrest decision"),
    "correction.court_ruled": _("Recorded the court's ruling on a revocation"),
    "correction.swept": _("Swept the contacts for loss of contact"),
    "correction.assessment.registered": _("Registered a commission to assess"),
    "correction.assessment.submitted": _("Submitted the assessment opinion"),
    "correction.assessment.withdrawn": _("Recorded the withdrawal of a commission"),
    "correction.assessment.viewed": _("Viewed a pre-sentence assessment"),
    "correction.assessment.exported": _("Exported pre-sentence assessments"),
})

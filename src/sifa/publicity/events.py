"""The names of publicity's event codes (core.events)."""

from django.utils.translation import gettext_lazy as _

from sifa.core.events import register_all

register_all({
    "publicity.study_list.published": _("Leaders' study list published"),
    "publicity.study_session.recorded": _("Leaders' study session recorded"),
    "publicity.responsibility.filed": _("Responsibility list filed"),
    "publicity.responsibility.reviewed": _("Member unit's performance reviewed"),
    "publicity.activity.registered": _("Publicity activity registered"),
    "publicity.activity.participants": _("Participants recorded"),
    "publicity.entries.added": _("Contest entries registered"),
    "publicity.prizes.awarded": _("Contest prizes awarded"),
    "publicity.views.imported": _("Online views imported"),
    "publicity.project.nominated": _("Publicity project nominated"),
    "publicity.project.scored": _("Publicity project scored"),
    "publicity.project.selected": _("Best publicity project selected"),
    "publicity.document.downloaded": _("Publicity document downloaded"),
    "publicity.exported": _("Publicity list exported"),
    "core.import.online_views": _("Online views imported from a platform export"),
})

"""The names of litigation's event codes (core.events): what its timelines and the audit log read."""

from django.utils.translation import gettext_lazy as _

from sifa.core.events import register_all

register_all({
    "litigation.suit.registered": _("Suit registered"),
    "litigation.suit.answered": _("Defence submitted"),
    "litigation.suit.decided": _("Judgment recorded"),
    "litigation.suit.appealed": _("Appeal recorded"),
    "litigation.suit.final": _("Judgment became final"),
    "litigation.suit.withdrawn": _("Suit withdrawn"),
    "litigation.suit.reassigned": _("Suit reassigned"),
    "litigation.hearing.scheduled": _("Court hearing scheduled"),
    "litigation.hearing.held": _("Court hearing held"),
    "litigation.coordination.recorded": _("Coordination recorded"),
    "litigation.city.registered": _("City-level case registered"),
    "litigation.city.replied": _("City-level case replied"),
    "litigation.city.decided": _("City-level case decided"),
    "litigation.suggestion.registered": _("Judicial suggestion registered"),
    "litigation.suggestion.replied": _("Judicial suggestion replied"),
    "litigation.session.recorded": _("Joint session recorded"),
    "litigation.suits.exported": _("Suits exported"),
    "litigation.answer.downloaded": _("Defence downloaded"),
    "litigation.appearance.downloaded": _("Appearance notice downloaded"),
})

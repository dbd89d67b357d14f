"""The names of the supervisors' line's event codes (core.events)."""

from django.utils.translation import gettext_lazy as _

from sifa.core.events import register_all

register_all({
    "supervisors.selected": _("Supervisor selected into the pool"),
    "supervisors.term_renewed": _("Supervisor's term renewed"),
    "supervisors.trained": _("Supervisor's training recorded"),
    "supervisors.assessed": _("Supervisor's annual assessment recorded"),
    "supervisors.removed": _("Supervisor removed"),
    "supervisors.requested": _("Request for supervisors received"),
    "supervisors.prepared": _("Candidate listing fixed and published"),
    "supervisors.drawn": _("Supervisors drawn"),
    "supervisors.confirmed": _("Supervisor confirmed"),
    "supervisors.declined": _("Supervisor declined; next reserve invited"),
    "supervisors.held": _("Supervision activity held"),
    "supervisors.opinion_recorded": _("Supervisor's opinion recorded"),
    "supervisors.answered": _("Procuratorate's answer recorded"),
    "supervisors.cancelled": _("Request cancelled"),
    "supervisors.document.downloaded": _("Draw record downloaded"),
    "supervisors.exported": _("Draw requests exported"),
    "supervisors.pool_exported": _("The pool of supervisors exported"),
    "supervisors.verified": _("Draw verified"),
    "supervisors.eligibility_checked": _("Eligibility (Art 10) checked"),
    "core.import.supervisors": _("People's supervisors imported from the city's list"),
})

"""The names of the petitions line's event codes (core.events)."""

from django.utils.translation import gettext_lazy as _

from sifa.core.events import register_all

register_all({
    "petitions.registered": _("Petition or work order registered"),
    "petitions.accepted": _("Petition accepted, petitioner notified"),
    "petitions.objected": _("Jurisdiction objection raised"),
    "petitions.objection_agreed": _("Objection agreed, materials handed back"),
    "petitions.objection_refused": _("Objection not agreed, the matter stays"),
    "petitions.hearing_scheduled": _("Second review hearing scheduled, time limit paused"),
    "petitions.hearing_held": _("Second review hearing held, time limit resumed"),
    "petitions.settled": _("Settled by a mediation or settlement agreement"),
    "petitions.order_taken": _("Work order taken in hand"),
    "petitions.referred": _("Referred to its legal channel"),
    "petitions.returned": _("Work order returned (退单)"),
    "petitions.extended": _("Time limit extended"),
    "petitions.answered": _("Answered"),
    "petitions.visited": _("Return visit recorded"),
    "petitions.reopened": _("Reopened, back in the queue"),
    "petitions.review_requested": _("Review (复查) requested"),
    "petitions.reviewed": _("Review opinion given"),
    "petitions.second_review_requested": _("Second review (复核) requested"),
    "petitions.second_reviewed": _("Second review opinion recorded"),
    "petitions.document.downloaded": _("Petition document downloaded"),
    "petitions.exported": _("Petitions exported"),
    "core.import.orders": _("12345 work orders imported from a file"),
})

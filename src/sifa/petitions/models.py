"""Petitions (信访) and 12345 hotline work orders assigned to the bureau: the data and its invariants.

A `Petition` is one matter: a letter, visit, online or telephone petition under 信访工作条例 (2022) and
上海市信访条例, or a work order of the 12345 citizens' hotline dispatched to the bureau. It is classified
(建议意见/检举控告/申诉求决, 条例 第二十九条至第三十一条), routed by the district's rules (`RoutingRule`: which division
handles it, or which legal channel it belongs to, 第三十一条), and followed by its clocks: the notice of acceptance
(15 days), the handling (60 days, extension ≤30), 复查 and 复核 (30 days each), or the hotline's own limit in
working days by kind of order (district data). Its states map onto Open311's open/closed with a finer sub-status.
"""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sifa.core.cases import Case
from sifa.core.locking import Versioned


class State(models.TextChoices):
    REGISTERED = "registered", _("Registered, to be accepted")
    OBJECTED = "objected", _("Jurisdiction objection raised")
    HANDED_BACK = "handed_back", _("Objection agreed, materials handed back")
    ACCEPTED = "accepted", _("Accepted, in hand")
    REFERRED = "referred", _("Referred to its legal channel")
    RETURNED = "returned", _("Returned to the hotline")
    ANSWERED = "answered", pgettext_lazy("petition", "Answered")
    REVIEW_REQUESTED = "review_requested", _("Review (复查) requested")
    REVIEWED = "reviewed", _("Review (复查) answered")
    SECOND_REVIEW_REQUESTED = "second_review_requested", _("Second review (复核) requested")
    SECOND_REVIEW_HEARING = "second_review_hearing", _("Second review hearing (复核听证)")
    SECOND_REVIEWED = "second_reviewed", _("Second review (复核) answered")


# Open311 GeoReport v2: `status` is open or closed; `status_notes` carries the sub-status.
OPEN311 = {
    State.REGISTERED: "open", State.ACCEPTED: "open", State.REVIEW_REQUESTED: "open",
    State.SECOND_REVIEW_REQUESTED: "open", State.OBJECTED: "open", State.SECOND_REVIEW_HEARING: "open",
    State.HANDED_BACK: "closed", State.REFERRED: "closed", State.RETURNED: "closed",
    State.ANSWERED: "closed", State.REVIEWED: "closed", State.SECOND_REVIEWED: "closed",
}
OPEN = tuple(s for s, v in OPEN311.items() if v == "open")


class Channel(models.TextChoices):
    LETTER = "letter", _("Letter")
    VISIT = "visit", _("Visit in person")
    ONLINE = "online", pgettext_lazy("petition channel", "Online")
    PHONE = "phone", _("Telephone")
    HOTLINE = "hotline", _("12345 hotline work order")
    TRANSFERRED = "transferred", _("Transferred by the petitions office")


class Kind(models.TextChoices):
    """信访工作条例 第二十九条至第三十一条."""

    SUGGESTION = "suggestion", _("Suggestion or opinion")
    ACCUSATION = "accusation", _("Report or accusation")
    COMPLAINT = "complaint", _("Complaint or demand")


class HotlineKind(models.TextChoices):
    """The kinds of 12345 work orders, each with its limit in working days (district data)."""

    CONSULTATION = "consultation", _("Consultation")
    HELP = "help", _("Request for help")
    COMPLAINT = "complaint", pgettext_lazy("hotline", "Complaint")
    SUGGESTION = "suggestion", pgettext_lazy("hotline", "Suggestion")
    SUPERVISION = "supervision", _("Supervision item")
    COMPLEX = "complex", _("Complex matter")


class Route(models.TextChoices):
    """Where a matter is handled (第三十一条): here, or in the channel the law provides."""

    HANDLE = "handle", _("Handled by the bureau")
    LITIGATION = "litigation", _("Litigation or procuratorial procedure")
    RECONSIDERATION = "reconsideration", _("Administrative reconsideration")
    ARBITRATION = "arbitration", _("Arbitration")
    ADMINISTRATIVE = "administrative", _("Other administrative procedure")
    OTHER_AGENCY = "other_agency", _("Another competent body")


class Opinion(models.TextChoices):
    """信访处理意见书 (第三十二条)."""

    SUPPORT = "support", _("Request supported")
    EXPLAIN = "explain", _("Explained (reasonable, without legal basis)")
    REJECT = "reject", _("Request not supported")


class Agreement(models.TextChoices):
    """信访工作条例 第三十三条: a complaint or demand settled by mediation or by the parties' own settlement."""

    MEDIATION = "mediation", _("Mediation agreement (调解协议书)")
    SETTLEMENT = "settlement", _("Settlement agreement (和解协议书)")


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", _("Satisfied")
    BASICALLY = "basically", _("Basically satisfied")
    DISSATISFIED = "dissatisfied", _("Dissatisfied")


class RoutingRule(Versioned):
    """A routing rule (district data, edited in the admin): a matter of this kind (any, if blank) whose subject or
    content holds the keyword (any, if blank) goes to the route and division; the lowest priority number wins."""

    priority = models.PositiveSmallIntegerField(_("priority"), default=100)
    kind = models.CharField(pgettext_lazy("petition", "kind"), max_length=12, choices=Kind.choices, blank=True)
    keyword = models.CharField(_("keyword"), max_length=40, blank=True)
    route = models.CharField(_("route"), max_length=16, choices=Route.choices, default=Route.HANDLE)
    division = models.ForeignKey("core.Unit", verbose_name=_("division"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    active = models.BooleanField(_("active"), default=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("routing rule")
        verbose_name_plural = _("routing rules")
        ordering = ["priority", "pk"]

    def __str__(self) -> str:
        return f"{self.priority} {self.keyword or '*'} → {self.get_route_display()}"


class Petition(Case):
    states = State

    channel = models.CharField(pgettext_lazy("petition", "channel"), max_length=12, choices=Channel.choices,
                               db_index=True)
    external_id = models.CharField(_("work order number"), max_length=60, blank=True)
    kind = models.CharField(pgettext_lazy("petition", "kind"), max_length=12, choices=Kind.choices, db_index=True)
    hotline_kind = models.CharField(_("hotline order kind"), max_length=12, choices=HotlineKind.choices, blank=True)
    petitioner = models.ForeignKey("core.Party", verbose_name=_("petitioner"), on_delete=models.PROTECT,
                                   related_name="+")
    subject = models.CharField(_("subject"), max_length=200)
    content = models.TextField(_("content"))
    received_on = models.DateField(_("received on"), db_index=True)
    route = models.CharField(_("route"), max_length=16, choices=Route.choices, default=Route.HANDLE)
    division = models.ForeignKey("core.Unit", verbose_name=_("division"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    routing_rule = models.ForeignKey(RoutingRule, verbose_name=_("routing rule"), null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    accepted_on = models.DateField(_("accepted on"), null=True, blank=True, db_index=True)
    notice_number = models.CharField(_("notice number"), max_length=60, blank=True)
    referral_note = models.TextField(_("where referred and why"), blank=True)
    returned_on = models.DateField(_("returned on"), null=True, blank=True, db_index=True)
    return_reason = models.CharField(_("reason for returning"), max_length=200, blank=True)
    opinion = models.CharField(_("handling opinion"), max_length=10, choices=Opinion.choices, blank=True)
    reply = models.TextField(_("reply"), blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True, db_index=True)
    answered_in_time = models.BooleanField(_("answered within the time limit"), null=True, blank=True)
    opinion_number = models.CharField(_("handling opinion number"), max_length=60, blank=True)
    visited_on = models.DateField(_("return visit on"), null=True, blank=True, db_index=True)
    satisfaction = models.CharField(_("satisfaction"), max_length=12, choices=Satisfaction.choices, blank=True)
    reopened = models.PositiveSmallIntegerField(_("times reopened"), default=0)
    review_requested_on = models.DateField(_("review requested on"), null=True, blank=True)
    review_opinion = models.TextField(_("re-examination opinion"), blank=True)
    reviewed_on = models.DateField(_("re-examined on"), null=True, blank=True, db_index=True)
    review_number = models.CharField(_("re-examination opinion number"), max_length=60, blank=True)
    second_review_requested_on = models.DateField(_("second review requested on"), null=True, blank=True)
    second_review_opinion = models.TextField(_("second review opinion"), blank=True)
    second_reviewed_on = models.DateField(_("second review answered on"), null=True, blank=True)
    objected_on = models.DateField(_("jurisdiction objection raised on"), null=True, blank=True)
    objection_reason = models.TextField(_("reasons of the jurisdiction objection"), blank=True)
    objection_in_time = models.BooleanField(_("objection within 5 working days"), null=True, blank=True)
    objection_decided_on = models.DateField(_("objection decided on"), null=True, blank=True)
    objection_agreed = models.BooleanField(_("objection agreed"), null=True, blank=True)
    objection_note = models.CharField(_("transferring office's answer"), max_length=200, blank=True)
    agreement = models.CharField(_("kind of agreement"), max_length=12, choices=Agreement.choices, blank=True)
    other_party = models.CharField(_("other party to the agreement"), max_length=100, blank=True)
    agreement_terms = models.TextField(_("terms agreed"), blank=True)
    agreement_number = models.CharField(_("agreement number"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("petition or work order")
        verbose_name_plural = _("petitions and work orders")
        permissions = [("handle_petition", _("Can accept, route and answer petitions and work orders")),
                       ("approve_extension", _("Can approve the extension of a petition's time limit"))]
        constraints = [models.UniqueConstraint(fields=["channel", "external_id"], condition=~models.Q(external_id=""),
                                               name="petitions_order_once")]

    def __str__(self) -> str:
        return f"{self.number} {self.subject}".strip()

    def get_absolute_url(self) -> str:
        return reverse("petitions:detail", args=[self.pk])

    def get_state_display(self) -> str:
        try:
            return str(State(self.state).label)
        except ValueError:
            return self.state

    @property
    def is_hotline(self) -> bool:
        return self.channel == Channel.HOTLINE

    @property
    def open311_status(self) -> str:
        return OPEN311.get(self.state, "open")

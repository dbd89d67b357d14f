"""Dispute resolution (矛盾纠纷多元化解): people's mediation, court-referred (pre-litigation) mediation,
administrative-dispute mediation, the one-stop dispute centres' joint reception, screening campaigns and the
library of excellent cases.

Organisations are core Units: mediation committees (kind mediation_committee: per street `PT-TWH-<street>`,
trade committees such as `PT-YHTJ` 医患 and `PT-XZTJ` 行政争议调解委员会) and dispute centres (kind
dispute_centre, `PT-JFZX-<street>`). What belongs to this line only (mediators, their training, the agencies
stationed at a centre) lives here.

Data only: every change goes through `services.py`.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from sifa.core.cases import Case
from sifa.core.locking import Versioned
from sifa.core.models import Category
from sifa.core.models.scoping import ScopedManager

# --- configurable tables (DOMAIN §4: categories tagged V2/U are data, seeded by a data migration) -----------


class DisputeType(Category):
    """A dispute type of the statistics (纠纷类型): the 15 categories of DOMAIN §4, editable in the admin."""

    class Meta(Category.Meta):
        verbose_name = _("dispute type")
        verbose_name_plural = _("dispute types")


class Sector(Category):
    """A sector a screening campaign covers (消费, 医疗, 劳动, 企业经营 ...), editable in the admin."""

    class Meta(Category.Meta):
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")


# --- organisations ------------------------------------------------------------------------------------------


class Mediator(Versioned):
    """A people's mediator (人民调解员, 人民调解法 第十三条) of a committee; a chief mediator (首席人民调解员)."""

    unit = models.ForeignKey("core.Unit", verbose_name=_("mediation committee"), on_delete=models.PROTECT,
                             related_name="+")
    name = models.CharField(_("name"), max_length=60)
    user = models.ForeignKey("core.User", verbose_name=_("user account"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")
    is_chief = models.BooleanField(_("chief mediator"), default=False)
    speciality = models.CharField(_("speciality"), max_length=60, blank=True)
    appointed_on = models.DateField(_("appointed on"), null=True, blank=True)
    active = models.BooleanField(_("active"), default=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("mediator")
        verbose_name_plural = _("mediators")
        ordering = ["unit", "-is_chief", "name", "pk"]

    def __str__(self) -> str:
        return self.name


class MediatorTraining(models.Model):
    """A training a mediator attended (人民调解法 第十四条第二款: 定期业务培训)."""

    mediator = models.ForeignKey(Mediator, verbose_name=_("mediator"), on_delete=models.CASCADE,
                                 related_name="trainings")
    title = models.CharField(_("training"), max_length=120)
    held_on = models.DateField(_("held on"))
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=1, default=0)
    organiser = models.CharField(_("organiser"), max_length=80, blank=True)

    scope_field = "mediator__unit"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("mediator training")
        verbose_name_plural = _("mediator trainings")
        ordering = ["-held_on", "pk"]

    def __str__(self) -> str:
        return f"{self.title} ({self.held_on})"


class CentreAgency(Versioned):
    """An agency that stations staff at a one-stop dispute centre (靠谱解纷中心)."""

    centre = models.ForeignKey("core.Unit", verbose_name=_("dispute centre"), on_delete=models.PROTECT,
                               related_name="+")
    agency = models.ForeignKey("core.Unit", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+")
    since = models.DateField(_("stationed since"))
    staff = models.CharField(_("staff stationed"), max_length=120, blank=True)
    active = models.BooleanField(_("active"), default=True)

    scope_field = "centre"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("agency stationed at a centre")
        verbose_name_plural = _("agencies stationed at centres")
        ordering = ["centre_id", "agency__sort", "pk"]
        constraints = [models.UniqueConstraint(fields=["centre", "agency"], name="med_uniq_centre_agency")]

    def __str__(self) -> str:
        return f"{self.centre} · {self.agency}"


# --- disputes -----------------------------------------------------------------------------------------------


class Track(models.TextChoices):
    PEOPLE = "people", _("People's mediation")
    PRELITIGATION = "prelitigation", _("Pre-litigation mediation")
    ADMINISTRATIVE = "administrative", _("Administrative-dispute mediation")


class Source(models.TextChoices):
    APPLICATION = "application", _("A party's application")
    INITIATIVE = "initiative", _("Own initiative")
    POLICE = "police", _("Referred by the police")
    COURT = "court", _("Referred by a court")
    AGENCY = "agency", _("Referred by an agency")
    CENTRE = "centre", _("Routed by a dispute centre")
    SCREENING = "screening", _("Found in screening")


class DisputeState(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    ACCEPTED = "accepted", _("Accepted")
    REFUSED = "refused", _("Refused by a party")
    MEDIATING = "mediating", _("Mediating")
    AGREED = "agreed", _("Agreement reached")
    PERFORMED = "performed", _("Agreement performed")
    BREACHED = "breached", _("Agreement breached")
    FAILED = "failed", _("Mediation failed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


OPEN_STATES = (DisputeState.REGISTERED, DisputeState.ACCEPTED, DisputeState.MEDIATING)
SUCCESS_STATES = (DisputeState.AGREED, DisputeState.PERFORMED, DisputeState.BREACHED)


class AgreementForm(models.TextChoices):
    WRITTEN = "written", _("Written agreement (调解协议书)")
    ORAL = "oral", _("Oral agreement (recorded)")


class ReferralKind(models.TextChoices):
    DELEGATED = "delegated", _("Delegated before filing (委派调解)")
    ENTRUSTED_ORDINARY = "entrusted_ordinary", _("Entrusted after filing, ordinary procedure (委托调解)")
    ENTRUSTED_SIMPLIFIED = "entrusted_simplified", _("Entrusted after filing, simplified procedure (委托调解)")


class CourtResult(models.TextChoices):
    SUCCESS = "success", _("Agreement sent to the court")
    FAILURE = "failure", _("No agreement: back to the court for filing")


class OtherRoute(models.TextChoices):
    ARBITRATION = "arbitration", _("Arbitration")
    ADMINISTRATIVE = "administrative", _("Administrative route")
    COURT = "court", _("Court")


class Dispute(Case):
    """A dispute (纠纷): `opened_on` is the day it was registered (登记), `unit` the organisation handling it."""

    track = models.CharField(_("track"), max_length=20, choices=Track.choices, default=Track.PEOPLE)
    dispute_type = models.ForeignKey(DisputeType, verbose_name=_("dispute type"), on_delete=models.PROTECT,
                                     related_name="+")
    source = models.CharField(_("source"), max_length=20, choices=Source.choices, default=Source.APPLICATION)
    summary = models.TextField(_("summary of the dispute"), blank=True)
    amount_involved = models.DecimalField(_("amount involved (yuan)"), max_digits=14, decimal_places=2, default=0)
    persons = models.PositiveIntegerField(_("persons involved"), default=2)
    risk_criminal = models.BooleanField(_("risk of turning criminal (防止民转刑)"), default=False)
    risk_group_petition = models.BooleanField(_("risk of a group petition (群体性上访)"), default=False)
    mediators = models.ManyToManyField(Mediator, verbose_name=_("mediators"), blank=True, related_name="disputes")
    parties = models.ManyToManyField("core.Party", verbose_name=_("parties"), through="DisputeParty",
                                     related_name="+")

    accepted_on = models.DateField(_("accepted on"), null=True, blank=True, db_index=True)
    agreed_on = models.DateField(_("agreement reached on"), null=True, blank=True, db_index=True)
    agreement_form = models.CharField(_("agreement form"), max_length=10, choices=AgreementForm.choices, blank=True)
    other_routes = models.JSONField(_("other routes explained"), default=list, blank=True)
    conclusion_note = models.TextField(_("conclusion note"), blank=True)

    # court referrals (诉前调解 / 委托调解)
    court = models.ForeignKey("core.Unit", verbose_name=_("referring court"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+")
    court_reference = models.CharField(_("court's reference"), max_length=60, blank=True, db_index=True)
    referral_kind = models.CharField(_("referral kind"), max_length=24, choices=ReferralKind.choices, blank=True)
    referred_on = models.DateField(_("referred on"), null=True, blank=True)
    court_returned_on = models.DateField(_("result returned to the court on"), null=True, blank=True)
    court_result = models.CharField(_("result returned"), max_length=10, choices=CourtResult.choices, blank=True)

    # administrative disputes (行政争议调解)
    agency = models.ForeignKey("core.Unit", verbose_name=_("administrative agency"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("dispute")
        verbose_name_plural = _("disputes")
        permissions = [("view_mediation_statistics", _("Can read the mediation statistics"))]
        # Chosen for the list's filters at city scale (issue 7 §10): the scope is a unit subtree; the list is
        # ordered by (opened_on, id) and filtered by state; the statistics count by the act's date.
        indexes = [
            models.Index(fields=["unit", "state", "opened_on", "id"], name="med_dsp_unit_state_open"),
            models.Index(fields=["unit", "opened_on", "id"], name="med_dsp_unit_open"),
            models.Index(fields=["opened_on", "id"], name="med_dsp_open"),
            models.Index(fields=["state", "opened_on", "id"], name="med_dsp_state_open"),
            models.Index(fields=["track", "accepted_on"], name="med_dsp_track_accepted"),
            models.Index(fields=["track", "agreed_on"], name="med_dsp_track_agreed"),
            models.Index(fields=["opened_on", "id"], name="med_dsp_risk_open",
                         condition=Q(risk_criminal=True) | Q(risk_group_petition=True)),
        ]

    def __str__(self) -> str:
        return self.number or f"#{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("mediation:detail", args=[self.pk])

    def get_state_display(self) -> str:
        """The state's label (Case.state is a plain field: each line has its own states)."""
        try:
            return str(DisputeState(self.state).label)
        except ValueError:
            return self.state

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    @property
    def successful(self) -> bool:
        return self.state in SUCCESS_STATES

    @property
    def other_routes_display(self) -> str:
        return "、".join(str(OtherRoute(r).label) for r in self.other_routes if r in OtherRoute.values)

    @property
    def agreement(self):
        """The current agreement (the latest), from the prefetched agreements when there are any."""
        rows = list(self.agreements.all())
        return rows[-1] if rows else None


class PartyRole(models.TextChoices):
    APPLICANT = "applicant", _("Applicant")
    RESPONDENT = "respondent", _("Other party")


class DisputeParty(models.Model):
    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="dispute_parties")
    party = models.ForeignKey("core.Party", verbose_name=_("party"), on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("role in the case"), max_length=12, choices=PartyRole.choices, default=PartyRole.APPLICANT)

    class Meta:
        verbose_name = _("party to a dispute")
        verbose_name_plural = _("parties to disputes")
        ordering = ["dispute_id", "role", "pk"]

    def __str__(self) -> str:
        return f"{self.party} ({self.get_role_display()})"


class MediationSession(models.Model):
    """A mediation session with its record (人民调解法 第二十七条: 记录调解情况)."""

    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="sessions")
    held_on = models.DateField(_("held on"))
    place = models.CharField(_("place"), max_length=120, blank=True)
    public = models.BooleanField(_("held in public"), default=False)
    mediators = models.ManyToManyField(Mediator, verbose_name=_("mediators"), blank=True, related_name="+")
    record = models.TextField(_("mediation record"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("mediation session")
        verbose_name_plural = _("mediation sessions")
        ordering = ["dispute_id", "held_on", "pk"]

    def __str__(self) -> str:
        return f"{self.dispute} · {self.held_on}"


class Performance(models.TextChoices):
    PENDING = "pending", _("Being followed")
    PERFORMED = "performed", _("Performed")
    BREACHED = "breached", _("Breached")


class Confirmation(models.TextChoices):
    NONE = "", _("Not applied for")
    APPLIED = "applied", _("Applied for")
    CONFIRMED = "confirmed", _("Confirmed valid")
    INVALID = "invalid", _("Ruled invalid")


class Agreement(models.Model):
    """The mediation agreement (人民调解法 第二十八条至第三十三条), written (numbered 调解协议书) or oral. A dispute
    has one, or a second one after the court ruled the first invalid and the parties mediated again."""

    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="agreements")
    form = models.CharField(_("form"), max_length=10, choices=AgreementForm.choices)
    number = models.CharField(_("agreement number"), max_length=60, blank=True)
    agreed_on = models.DateField(_("effective on"))
    facts = models.TextField(_("main facts and matters in dispute"), blank=True)
    terms = models.TextField(_("terms agreed"))
    performance_method = models.CharField(_("manner and time of performance"), max_length=200, blank=True)
    performance_due = models.DateField(_("to be performed by"), null=True, blank=True)
    seek_confirmation = models.BooleanField(_("parties intend to apply for judicial confirmation"), default=False)
    performance = models.CharField(_("performance"), max_length=10, choices=Performance.choices,
                                   default=Performance.PENDING)
    performance_on = models.DateField(_("performance recorded on"), null=True, blank=True)
    performance_note = models.CharField(_("performance note"), max_length=200, blank=True)
    confirmation = models.CharField(_("judicial confirmation"), max_length=10, choices=Confirmation.choices,
                                    default=Confirmation.NONE, blank=True)
    confirmation_court = models.ForeignKey("core.Unit", verbose_name=_("confirming court"), null=True, blank=True,
                                           on_delete=models.PROTECT, related_name="+")
    confirmation_applied_on = models.DateField(_("applied for confirmation on"), null=True, blank=True)
    confirmation_decided_on = models.DateField(_("court ruled on"), null=True, blank=True)
    confirmation_reference = models.CharField(_("court's ruling reference"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("mediation agreement")
        verbose_name_plural = _("mediation agreements")
        ordering = ["dispute_id", "pk"]

    def __str__(self) -> str:
        return self.number or str(self.get_form_display())


class RiskKind(models.TextChoices):
    CRIMINAL = "criminal", _("Risk of a criminal case")
    PUBLIC_ORDER = "public_order", _("Risk of a public-order incident")


class PoliceReport(models.Model):
    """A dispute reported to the police because it may turn into a public-order or criminal case (人民调解法 第二十五条)."""

    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="police_reports")
    reported_on = models.DateField(_("reported on"))
    police_unit = models.ForeignKey("core.Unit", verbose_name=_("police unit"), on_delete=models.PROTECT,
                                    related_name="+")
    risk = models.CharField(_("risk"), max_length=16, choices=RiskKind.choices)
    note = models.TextField(_("measures and note"), blank=True)

    scope_field = "dispute__unit"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("report to the police")
        verbose_name_plural = _("reports to the police")
        ordering = ["dispute_id", "reported_on", "pk"]

    def __str__(self) -> str:
        return f"{self.dispute} · {self.reported_on}"


# --- the centres' joint reception (联合接待) -----------------------------------------------------------------


class ReceptionState(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    ROUTED = "routed", _("Routed")
    HANDLING = "handling", _("Being handled")
    RESOLVED = "resolved", _("Resolved")
    UNRESOLVED = "unresolved", _("Not resolved")


class Reception(Case):
    """A visitor's matter received once at a one-stop dispute centre (`unit`, kind dispute_centre), then routed
    to the agencies or committees that handle it. `opened_on` is the day of the visit."""

    visitor = models.ForeignKey("core.Party", verbose_name=_("visitor"), on_delete=models.PROTECT, related_name="+")
    dispute_type = models.ForeignKey(DisputeType, verbose_name=_("dispute type"), on_delete=models.PROTECT,
                                     related_name="+")
    subject = models.TextField(_("the matter"))
    persons = models.PositiveIntegerField(_("persons involved"), default=1)
    accepted_on = models.DateField(_("accepted on"), null=True, blank=True, db_index=True)
    resolved_on = models.DateField(_("resolved on"), null=True, blank=True, db_index=True)
    successful = models.BooleanField(_("resolved successfully"), default=False)

    class Meta:
        verbose_name = _("joint reception")
        verbose_name_plural = _("joint receptions")
        indexes = [models.Index(fields=["unit", "opened_on", "id"], name="med_rcp_unit_open")]

    def __str__(self) -> str:
        return self.number or f"#{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("mediation:reception", args=[self.pk])

    def get_state_display(self) -> str:
        try:
            return str(ReceptionState(self.state).label)
        except ValueError:
            return self.state


class RoutingState(models.TextChoices):
    ROUTED = "routed", _("Awaiting acceptance")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    SUCCEEDED = "succeeded", _("Resolved")
    FAILED = "failed", _("Not resolved")


class Routing(models.Model):
    """The matter routed to one handling agency or committee, with its acceptance and result."""

    reception = models.ForeignKey(Reception, on_delete=models.CASCADE, related_name="routings")
    handler_unit = models.ForeignKey("core.Unit", verbose_name=_("handled by"), on_delete=models.PROTECT,
                                     related_name="+")
    routed_on = models.DateField(_("routed on"))
    state = models.CharField(_("state"), max_length=12, choices=RoutingState.choices, default=RoutingState.ROUTED)
    accepted_on = models.DateField(_("accepted on"), null=True, blank=True)
    result_on = models.DateField(_("result on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    dispute = models.OneToOneField(Dispute, verbose_name=_("dispute"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="routing")

    scope_field = "reception__unit"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("routing")
        verbose_name_plural = _("routings")
        ordering = ["reception_id", "routed_on", "pk"]

    def __str__(self) -> str:
        return f"{self.reception} → {self.handler_unit}"

    @property
    def is_open(self) -> bool:
        return self.state in (RoutingState.ROUTED, RoutingState.ACCEPTED)


# --- screening campaigns (排查) -----------------------------------------------------------------------------


class CampaignMethod(models.TextChoices):
    DRAGNET = "dragnet", _("Dragnet screening (拉网式)")
    SAFETY_NET = "safety_net", _("Safety-net screening (兜底式)")
    SPECIAL = "special", _("Special screening (专项)")


class Campaign(models.Model):
    """A screening campaign for disputes (矛盾纠纷排查) organised by `unit`."""

    unit = models.ForeignKey("core.Unit", verbose_name=_("organised by"), on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("title"), max_length=120)
    held_on = models.DateField(_("held on"), db_index=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    method = models.CharField(_("method"), max_length=12, choices=CampaignMethod.choices,
                              default=CampaignMethod.DRAGNET)
    scope_units = models.ManyToManyField("core.Unit", verbose_name=_("units covered"), blank=True, related_name="+")
    sectors = models.ManyToManyField(Sector, verbose_name=_("sectors"), blank=True, related_name="campaigns")
    teams = models.TextField(_("teams"), blank=True)
    summary = models.TextField(_("summary"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("screening campaign")
        verbose_name_plural = _("screening campaigns")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("mediation:campaign", args=[self.pk])


class FindingState(models.TextChoices):
    PENDING = "pending", _("To be handled")
    DISPUTE = "dispute", _("Registered as a dispute")
    RESOLVED = "resolved", _("Resolved on the spot")
    MONITORING = "monitoring", _("Being monitored")


class CampaignFinding(models.Model):
    """A dispute or risk found in a campaign; registered as a dispute in one step."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="findings")
    found_on = models.DateField(_("found on"))
    location = models.CharField(_("where"), max_length=120, blank=True)
    sector = models.ForeignKey(Sector, verbose_name=_("sector"), null=True, blank=True, on_delete=models.PROTECT,
                               related_name="+")
    dispute_type = models.ForeignKey(DisputeType, verbose_name=_("dispute type"), on_delete=models.PROTECT,
                                     related_name="+")
    description = models.TextField(_("description"))
    party_names = models.CharField(_("parties"), max_length=200, blank=True,
                                   help_text=_("Names separated by commas; the first is the applicant."))
    persons = models.PositiveIntegerField(_("persons involved"), default=2)
    risk_criminal = models.BooleanField(_("risk of turning criminal (防止民转刑)"), default=False)
    risk_group_petition = models.BooleanField(_("risk of a group petition (群体性上访)"), default=False)
    handling_unit = models.ForeignKey("core.Unit", verbose_name=_("committee to handle it"),
                                      on_delete=models.PROTECT, related_name="+")
    state = models.CharField(_("state"), max_length=12, choices=FindingState.choices, default=FindingState.PENDING)
    dispute = models.OneToOneField(Dispute, verbose_name=_("dispute"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="finding")

    scope_field = "campaign__unit"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("campaign finding")
        verbose_name_plural = _("campaign findings")
        ordering = ["campaign_id", "found_on", "pk"]

    def __str__(self) -> str:
        return self.description[:40]


# --- the library of excellent cases -------------------------------------------------------------------------


class Selector(models.TextChoices):
    MINISTRY = "ministry", _("Ministry of Justice (司法部)")
    MUNICIPAL = "municipal", _("Municipal justice bureau")
    DISTRICT = "district", _("District justice bureau")


class ExcellentCase(Versioned):
    """An excellent mediation case submitted for selection, and where it was published (saved through
    `core.locking.save_versioned`: of two people recording at once, the second is refused)."""

    unit = models.ForeignKey("core.Unit", verbose_name=_("submitted by"), on_delete=models.PROTECT, related_name="+")
    dispute = models.ForeignKey(Dispute, verbose_name=_("dispute"), null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="+")
    title = models.CharField(_("title"), max_length=160)
    summary = models.TextField(_("summary"), blank=True)
    submitted_on = models.DateField(_("submitted on"))
    selected_by = models.CharField(_("selected by"), max_length=12, choices=Selector.choices, blank=True)
    selected_on = models.DateField(_("selected on"), null=True, blank=True, db_index=True)
    published_in = models.CharField(_("published in"), max_length=120, blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True, db_index=True)

    objects = ScopedManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("excellent case")
        verbose_name_plural = _("excellent cases")
        ordering = ["-submitted_on", "-pk"]

    def __str__(self) -> str:
        return self.title

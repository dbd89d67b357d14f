"""Notarisation (公证): the notary office's applications and their invariants.

A `Notarisation` is one application to the notary office for one matter (公证法 第十一条; the services of 第十二条
such as 提存): received at the window or online ("一次都不跑" / "最多跑一次"), accepted (受理), issued within 15 working
days of acceptance with the time for supplements, verification and force majeure not counted (第三十条), or
refused (不予办理) on one of the grounds of 第三十一条, or withdrawn. An issued certificate may be reviewed (复查) at the
request of a party or an interested person and then upheld, corrected or revoked (第三十九条).

The matter group (国内民事 / 国内经济 / 涉外) is stored on the application when it is registered: it follows from the
matter by the district's grouping (`notary.district`) unless the certificate is for use outside the mainland
(涉外，含港澳台), so a later change of the grouping does not rewrite the figures of past months.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sifa.core.cases import Case


class State(models.TextChoices):
    APPLIED = "applied", _("Applied, awaiting acceptance")
    ACCEPTED = "accepted", _("Accepted, in progress")
    PAUSED = "paused", pgettext_lazy("notarisation", "Paused (time not counted)")
    ISSUED = "issued", _("Certificate issued")
    REFUSAL_REPORTED = "refusal_reported", _("Refusal reported, awaiting the head's approval")
    REFUSAL_APPROVED = "refusal_approved", _("Refusal approved, to be notified in writing")
    REFUSED = "refused", _("Refused (not handled)")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    UNDER_REVIEW = "under_review", _("Under review (复查)")
    REVOKED = "revoked", _("Certificate revoked")


class Channel(models.TextChoices):
    WINDOW = "window", _("In person at the window")
    ZERO_VISIT = "zero_visit", _("Online, no visit (一次都不跑)")
    ONE_VISIT = "one_visit", _("Online, at most one visit (最多跑一次)")


ONLINE_CHANNELS = (Channel.ZERO_VISIT, Channel.ONE_VISIT)


class Matter(models.TextChoices):
    """公证法 第十一条 (the matters) and 第十二条 (the services counted with them)."""

    CONTRACT = "contract", _("(1) Contract")
    INHERITANCE = "inheritance", _("(2) Inheritance")
    ENTRUSTMENT = "entrustment", _("(3) Entrustment (power of attorney)")
    DECLARATION = "declaration", _("(3) Declaration")
    GIFT = "gift", _("(3) Gift")
    WILL = "will", _("(3) Will")
    PROPERTY_DIVISION = "property_division", _("(4) Division of property")
    BIDDING = "bidding", _("(5) Tendering and bidding, auction")
    MARITAL_STATUS = "marital_status", _("(6) Marital status")
    KINSHIP = "kinship", _("(6) Kinship")
    ADOPTION = "adoption", _("(6) Adoption")
    BIRTH = "birth", _("(7) Birth")
    LIVING = "living", _("(7) Being alive (生存)")
    DEATH = "death", _("(7) Death")
    IDENTITY = "identity", _("(7) Identity, experience, education, degree, post, title")
    CRIMINAL_RECORD = "criminal_record", _("(7) Criminal record or none")
    ARTICLES = "articles", _("(8) Articles of association")
    EVIDENCE = "evidence", _("(9) Preservation of evidence")
    CONFORMITY = "conformity", _("(10) Signature, seal, date; copy conforms to the original")
    OTHER = "other", _("(11) Other matter applied for")
    DEPOSIT = "deposit", _("Deposit (提存, Art 12)")
    CUSTODY = "custody", _("Safekeeping (保管, Art 12)")


# Matters the person must handle themselves (公证法 第二十六条): never a "no visit" application.
IN_PERSON_MATTERS = (Matter.WILL, Matter.LIVING, Matter.ADOPTION)


class Group(models.TextChoices):
    """The reporting split of notarisations (district data: DOMAIN.md §6 leaves it unverified)."""

    CIVIL = "civil", _("Domestic civil")
    ECONOMIC = "economic", _("Domestic economic")
    FOREIGN = "foreign", _("Foreign-related (incl. Hong Kong, Macao, Taiwan)")


class RefusalGround(models.TextChoices):
    """公证法 第三十一条: the office does not handle the notarisation."""

    NO_GUARDIAN = "1", _("(1) a person without full capacity applied without a guardian")
    NO_INTEREST = "2", _("(2) the party has no interest in the matter")
    APPRAISAL = "3", _("(3) the matter is a technical appraisal or valuation")
    DISPUTE = "4", _("(4) the parties dispute the matter")
    FALSE = "5", _("(5) facts invented or concealed, or false materials")
    INSUFFICIENT = "6", _("(6) materials insufficient or supplement refused")
    UNLAWFUL = "7", _("(7) the matter is untrue or unlawful")
    MORALS = "8", _("(8) the matter offends social morality")
    FEE = "9", _("(9) the fee was refused")


class Refund(models.TextChoices):
    NONE = "none", _("No refund")
    PART = "part", _("Partly refunded")
    FULL = "full", _("Wholly refunded")


class ReviewOutcome(models.TextChoices):
    UPHELD = "upheld", _("Certificate upheld")
    CORRECTED = "corrected", _("Certificate corrected")
    REVOKED = "revoked", _("Certificate revoked")


class Notarisation(Case):
    states = State

    applicant = models.ForeignKey("core.Party", verbose_name=_("applicant"), on_delete=models.PROTECT,
                                  related_name="+")
    matter = models.CharField(_("notarial matter"), max_length=24, choices=Matter.choices, db_index=True)
    group = models.CharField(_("matter group"), max_length=12, choices=Group.choices, db_index=True)
    for_use_abroad = models.BooleanField(_("for use outside the mainland"), default=False)
    purpose = models.CharField(_("purpose of the certificate"), max_length=200, blank=True)
    channel = models.CharField(pgettext_lazy("notarisation", "channel"), max_length=12, choices=Channel.choices,
                               db_index=True)
    received_on = models.DateField(_("received on"), db_index=True)
    receipt_number = models.CharField(_("receipt number"), max_length=24, unique=True, null=True, blank=True)
    external_id = models.CharField(_("number in the office's system"), max_length=60, blank=True, db_index=True)
    # acceptance (受理) starts the 15 working days (第三十条)
    accepted_on = models.DateField(_("accepted on"), null=True, blank=True, db_index=True)
    acceptance_number = models.CharField(_("acceptance notice number"), max_length=60, blank=True)
    notary = models.CharField(_("notary"), max_length=60, blank=True)
    # the pause last asked for (补充证明材料, 核实, 不可抗力)
    pause_reason = models.TextField(_("reason for the pause"), blank=True)
    paused_on = models.DateField(_("paused on"), null=True, blank=True)
    # issue (出具公证书)
    issued_on = models.DateField(_("issued on"), null=True, blank=True, db_index=True)
    issued_in_time = models.BooleanField(_("issued within 15 working days"), null=True, blank=True)
    certificate_number = models.CharField(_("certificate number"), max_length=60, blank=True)
    # refusal (不予办理, 第三十一条)
    refused_on = models.DateField(_("refused on"), null=True, blank=True, db_index=True)
    refusal_ground = models.CharField(_("ground of refusal"), max_length=2, choices=RefusalGround.choices,
                                      blank=True)
    refusal_reasons = models.TextField(_("reasons for the refusal"), blank=True)
    refund = models.CharField(_("fee refund"), max_length=8, choices=Refund.choices, blank=True)
    refusal_number = models.CharField(_("refusal decision number"), max_length=60, blank=True)
    # the three steps of a refusal: the notary's report, the head's approval, the written notice (DOMAIN-2 §6)
    refusal_reported_on = models.DateField(_("refusal reported on"), null=True, blank=True)
    refusal_reporter = models.CharField(_("refusal reported by"), max_length=60, blank=True)
    refusal_approved_on = models.DateField(_("refusal approved on"), null=True, blank=True)
    refusal_approver = models.CharField(_("refusal approved by"), max_length=60, blank=True)
    refusal_approval_note = models.TextField(_("head's opinion on the refusal"), blank=True)
    # the notice to the party when the clock stops for supplementary materials (程序规则 第三十五条第二款)
    supplement_number = models.CharField(_("supplement notice number"), max_length=60, blank=True)
    # fees (公证费) and their refund on refusal or termination
    fee = models.DecimalField(_("notarial fee charged"), max_digits=10, decimal_places=2, null=True, blank=True,
                              validators=[MinValueValidator(Decimal("0"))])
    refund_amount = models.DecimalField(_("fee refunded"), max_digits=10, decimal_places=2, null=True, blank=True,
                                        validators=[MinValueValidator(Decimal("0"))])
    refunded_on = models.DateField(_("fee refunded on"), null=True, blank=True, db_index=True)
    withdrawal_reason = models.CharField(_("reason for the withdrawal"), max_length=200, blank=True)
    # review (复查, 第三十九条)
    review_requested_on = models.DateField(_("review requested on"), null=True, blank=True)
    review_requester = models.CharField(_("review requested by"), max_length=120, blank=True)
    review_grounds = models.TextField(_("grounds of the review request"), blank=True)
    review_outcome = models.CharField(_("review outcome"), max_length=12, choices=ReviewOutcome.choices,
                                      blank=True, db_index=True)
    review_decided_on = models.DateField(_("review decided on"), null=True, blank=True, db_index=True)
    review_reasons = models.TextField(_("review findings"), blank=True)
    review_decision_number = models.CharField(_("review decision number"), max_length=60, blank=True)
    revocation_number = models.CharField(_("revocation announcement number"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("notarisation")
        verbose_name_plural = _("notarisations")
        permissions = [("handle_notarisation", _("Can handle notarisations")),
                       ("approve_notarisation_refusal", _("Can approve a refusal to notarise (office head)"))]
        indexes = [models.Index(fields=["unit", "accepted_on"])]

    def __str__(self) -> str:
        return f"{self.number} {self.get_matter_display()}"

    def get_absolute_url(self) -> str:
        return reverse("notary:detail", args=[self.pk])

    def get_state_display(self) -> str:
        try:
            return str(State(self.state).label)
        except ValueError:
            return self.state


class MonthlyTotal(models.Model):
    """One month's figures of one matter at an office whose business system exports no single applications (the
    monthly-totals import). The figures count these with the single applications (`notary.metrics`); an office's
    month is either in single applications or in totals, never both (the imports refuse the other), so nothing is
    counted twice."""

    unit = models.ForeignKey("core.Unit", verbose_name=_("notary office"), on_delete=models.PROTECT,
                             related_name="+")
    month = models.DateField(_("month"), db_index=True, help_text=_("The first day of the month."))
    matter = models.CharField(_("notarial matter"), max_length=24, choices=Matter.choices)
    for_use_abroad = models.BooleanField(_("for use outside the mainland"), default=False)
    group = models.CharField(_("matter group"), max_length=12, choices=Group.choices, db_index=True)
    accepted = models.PositiveIntegerField(_("applications accepted"), default=0)
    online = models.PositiveIntegerField(_("of which online, no visit"), default=0)
    one_visit = models.PositiveIntegerField(_("of which online, at most one visit"), default=0)
    issued = models.PositiveIntegerField(_("certificates issued"), default=0)
    refused = models.PositiveIntegerField(_("applications refused"), default=0)
    fees = models.DecimalField(_("fees charged"), max_digits=12, decimal_places=2, default=Decimal("0"))
    imported_at = models.DateTimeField(_("imported at"), auto_now=True)

    class Meta:
        verbose_name = _("monthly total of notarisations")
        verbose_name_plural = _("monthly totals of notarisations")
        constraints = [models.UniqueConstraint(fields=["unit", "month", "matter", "for_use_abroad"],
                                               name="notary_monthlytotal_one_per_matter")]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.get_matter_display()} {self.accepted}"


class Assessment(models.TextChoices):
    """年度考核 of a practising notary."""

    COMPETENT = "competent", _("Competent (称职)")
    BASIC = "basic", _("Basically competent (基本称职)")
    INCOMPETENT = "incompetent", _("Incompetent (不称职)")


class Notary(models.Model):
    """A notary of the office, with the number of the practice certificate (公证员执业证, 公证法 第十八条)."""

    unit = models.ForeignKey("core.Unit", verbose_name=_("notary office"), on_delete=models.PROTECT,
                             related_name="+")
    name = models.CharField(pgettext_lazy("person", "name"), max_length=60)
    certificate_number = models.CharField(_("practice certificate number"), max_length=30, unique=True)
    practising_since = models.DateField(_("practising since"), null=True, blank=True)
    active = models.BooleanField(_("practising"), default=True)

    class Meta:
        verbose_name = _("notary (person)")
        verbose_name_plural = _("roster of notaries")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name}（{self.certificate_number}）"

    @property
    def latest(self) -> str:
        """The latest annual assessment, "2025年 称职" (from the roster's annotation), or ""."""
        result = getattr(self, "latest_result", None)
        if not result:
            return ""
        return f"{self.latest_year}年 {Assessment(result).label}"


class NotaryAssessment(models.Model):
    notary = models.ForeignKey(Notary, verbose_name=_("notary (person)"), on_delete=models.CASCADE,
                               related_name="assessments")
    year = models.PositiveSmallIntegerField(_("assessment year"))
    result = models.CharField(_("assessment result"), max_length=12, choices=Assessment.choices)
    note = models.CharField(_("assessment note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("annual assessment")
        verbose_name_plural = _("annual assessments")
        constraints = [models.UniqueConstraint(fields=["notary", "year"], name="notary_assessment_one_per_year")]

    def __str__(self) -> str:
        return f"{self.notary} {self.year} {self.get_result_display()}"

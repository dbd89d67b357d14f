"""Law-enforcement supervision (行政执法监督) and the government's legal affairs (法律顾问): the data and its invariants.

Every record lies in the supervising unit (the bureau's 法治督察与执法监督科: `unit`, what scopes who sees it) and
names the district agency it concerns (`agency`).

- `CertificateApplication` (a case): an agency applies for one of its officers' enforcement certificate (执法证):
  new (新办), renewal (换证), cancellation (注销) or replacement of a lost one (遗失补办), with the officer's post and
  qualification; a new certificate needs the exam (score and the pass mark in force, both kept); the bureau
  reviews it within its time limit and issues the certificate with its number, or cancels it.
- `Officer`: the register of holders, per agency, with the flags the annual review (年审) reads.
- `EvaluationCampaign` (案卷评查): the agencies picked, the candidate files each declared, the seed of the draw
  (anyone re-runs it: `evaluation.draw`), the evaluators (each from an agency, never evaluating their own), the
  scoring sheet (data: veto items, sections with capped deductions), the files with their scores and grades,
  and the rectification items sent back to the agencies with their clock.
- `AdviserWorkItem` (法律顾问工作事项) and `AgreementReview` (协议审核).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sifa.core.cases import Case
from sifa.core.locking import Versioned
from sifa.core.models.scoping import ScopedManager


class ApplicationKind(models.TextChoices):
    NEW = "new", _("New certificate")
    RENEWAL = "renewal", _("Renewal")
    CANCELLATION = "cancellation", _("Cancellation")
    REPLACEMENT = "replacement", _("Replacement of a lost certificate")


ISSUING_KINDS = (ApplicationKind.NEW, ApplicationKind.RENEWAL, ApplicationKind.REPLACEMENT)


class State(models.TextChoices):
    RECEIVED = "received", pgettext_lazy("enforcement", "Under review")
    ISSUED = "issued", _("Enforcement certificate issued")
    CANCELLED = "cancelled", _("Certificate cancelled")
    REFUSED = "refused", pgettext_lazy("enforcement", "Refused")


class Qualification(models.TextChoices):
    """The officer's legal education or qualification (CF 58: first-time legal reviewers need the professional
    legal qualification)."""

    LEGAL_PROFESSION = "legal_profession", _("National legal professional qualification")
    LAW_DEGREE = "law_degree", _("Law degree")
    OTHER_DEGREE = "other_degree", _("Other degree with legal training")


class CertificateStatus(models.TextChoices):
    NONE = "", _("No certificate")
    VALID = "valid", _("Valid")
    CANCELLED = "cancelled", pgettext_lazy("certificate", "Cancelled")


class Officer(Versioned):
    """An enforcement officer of an agency: the register of holders (持证人员), searchable by agency, name and
    certificate number. The annual review lists holders off post, under investigation or sanctioned."""

    unit = models.ForeignKey("core.Unit", verbose_name=_("supervising unit"), on_delete=models.PROTECT,
                             related_name="+")
    agency = models.ForeignKey("core.Unit", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey("core.Party", verbose_name=_("person"), on_delete=models.PROTECT, related_name="+")
    staff_number = models.CharField(_("staff number at the agency"), max_length=40, blank=True)
    post = models.CharField(_("post"), max_length=80)
    qualification = models.CharField(_("qualification"), max_length=20, choices=Qualification.choices)
    certificate_number = models.CharField(_("enforcement certificate number"), max_length=40, blank=True, db_index=True)
    certificate_status = models.CharField(_("certificate status"), max_length=12, choices=CertificateStatus.choices,
                                          blank=True, default="", db_index=True)
    issued_on = models.DateField(_("certificate issued on"), null=True, blank=True)
    on_post = models.BooleanField(_("on an enforcement post"), default=True)
    under_investigation = models.BooleanField(_("under investigation"), default=False)
    sanctioned = models.BooleanField(_("sanctioned"), default=False)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("enforcement officer")
        verbose_name_plural = _("enforcement officers")
        ordering = ["agency__sort", "person__name", "pk"]
        constraints = [models.UniqueConstraint(fields=["unit", "certificate_number"],
                                               condition=~models.Q(certificate_number=""),
                                               name="enforcement_certificate_once")]
        indexes = [models.Index(fields=["agency", "certificate_status"], name="enforcement_holders")]

    def __str__(self) -> str:
        return f"{self.person.name} {self.certificate_number}".strip()

    def get_absolute_url(self) -> str:
        return reverse("enforcement:officer", args=[self.pk])


class CertificateApplication(Case):
    states = State

    kind = models.CharField(_("kind of application"), max_length=16, choices=ApplicationKind.choices, db_index=True)
    agency = models.ForeignKey("core.Unit", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+")
    officer = models.ForeignKey(Officer, verbose_name=_("officer"), on_delete=models.PROTECT,
                                related_name="applications")
    post = models.CharField(_("post"), max_length=80)
    qualification = models.CharField(_("qualification"), max_length=20, choices=Qualification.choices)
    received_on = models.DateField(_("received on"), db_index=True)
    reason = models.TextField(_("reason"), blank=True, help_text=_("Why a certificate is cancelled or replaced."))
    # training and the exam (新办): the score and the pass mark in force on the exam's day, both kept
    trained_on = models.DateField(_("training completed on"), null=True, blank=True)
    exam_on = models.DateField(_("exam taken on"), null=True, blank=True)
    exam_score = models.DecimalField(_("exam score"), max_digits=5, decimal_places=1, null=True, blank=True)
    pass_mark = models.DecimalField(_("pass mark"), max_digits=5, decimal_places=1, null=True, blank=True)
    # the review
    decided_on = models.DateField(pgettext_lazy("enforcement", "decided on"), null=True, blank=True, db_index=True)
    decided_in_time = models.BooleanField(_("reviewed within the time limit"), null=True, blank=True)
    opinion = models.TextField(_("audit opinion"), blank=True)
    opinion_number = models.CharField(_("review opinion number"), max_length=60, blank=True)
    certificate_number = models.CharField(_("enforcement certificate number"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("certificate application")
        verbose_name_plural = _("certificate applications")
        permissions = [("review_certificateapplication", _("Can review enforcement-certificate applications"))]
        indexes = [models.Index(fields=["unit", "state", "received_on"], name="enforcement_app_list")]

    def __str__(self) -> str:
        name = self.officer.person.name if self.officer_id else ""
        return f"{self.number or _('certificate application')} {name}".strip()

    def get_absolute_url(self) -> str:
        return reverse("enforcement:detail", args=[self.pk])

    def get_state_display(self) -> str:
        try:
            return str(State(self.state).label)
        except ValueError:
            return self.state

    @property
    def exam_passed(self) -> bool | None:
        if self.exam_score is None or self.pass_mark is None:
            return None
        return self.exam_score >= self.pass_mark


# --- case-file evaluation (案卷评查) ----------------------------------------------------------------------------

class ScoringSheet(Versioned):
    """The scoring sheet as data (DOMAIN §3): `vetoes` is a list of {"code", "label"} — any one found makes the
    file 不合格 at 0; `sections` a list of {"code", "label", "cap", "items": [{"code", "label", "points"}]} —
    deductions per defect, a section losing at most its cap; the score is 100 minus the capped deductions, never
    below 0. Grades: ≥ excellent_from 优秀, ≥ pass_from 合格, below 不合格.

    `unit` is the supervising unit that keeps the sheet (its page, enforcement:sheets); the installation's default
    (evaluation.DEFAULT_SHEET) has none and is not changed, only copied."""

    unit = models.ForeignKey("core.Unit", verbose_name=_("supervising unit"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("name"), max_length=120)
    vetoes = models.JSONField(_("veto items"), default=list)
    sections = models.JSONField(_("sections"), default=list)
    excellent_from = models.DecimalField(_("excellent from"), max_digits=5, decimal_places=1, default=90)
    pass_from = models.DecimalField(_("pass from"), max_digits=5, decimal_places=1, default=60)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("scoring sheet")
        verbose_name_plural = _("scoring sheets")

    def __str__(self) -> str:
        return self.name


class Grade(models.TextChoices):
    EXCELLENT = "excellent", _("Excellent")
    PASS = "pass", pgettext_lazy("grade", "Pass")
    FAIL = "fail", pgettext_lazy("grade", "Fail")


class EvaluationCampaign(Versioned):
    unit = models.ForeignKey("core.Unit", verbose_name=_("supervising unit"), on_delete=models.PROTECT,
                             related_name="+")
    name = models.CharField(_("name"), max_length=120)
    year = models.PositiveSmallIntegerField(_("year"))
    sheet = models.ForeignKey(ScoringSheet, verbose_name=_("scoring sheet"), on_delete=models.PROTECT,
                              related_name="+")
    files_per_agency = models.PositiveSmallIntegerField(_("files drawn per agency"), default=3)
    seed = models.CharField(_("seed of the draw"), max_length=64, blank=True)
    drawn_on = models.DateField(_("drawn on"), null=True, blank=True)
    started_on = models.DateField(_("started on"))
    reported_on = models.DateField(_("bulletin issued on"), null=True, blank=True, db_index=True)
    bulletin_number = models.CharField(_("bulletin number"), max_length=60, blank=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("case-file evaluation campaign")
        verbose_name_plural = _("case-file evaluation campaigns")
        ordering = ["-started_on", "-pk"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("enforcement:campaign", args=[self.pk])


class CampaignAgency(models.Model):
    """An agency picked for the campaign, with the candidate files it declared (the list the draw samples)."""

    campaign = models.ForeignKey(EvaluationCampaign, on_delete=models.CASCADE, related_name="agencies")
    agency = models.ForeignKey("core.Unit", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+")
    candidates = models.JSONField(_("candidate files"), default=list)
    score = models.DecimalField(_("unit score"), max_digits=5, decimal_places=1, null=True, blank=True)
    grade = models.CharField(_("grade"), max_length=12, choices=Grade.choices, blank=True)

    objects = ScopedManager()
    scope_field = "campaign__unit"

    class Meta:
        verbose_name = _("agency evaluated")
        verbose_name_plural = _("agencies evaluated")
        constraints = [models.UniqueConstraint(fields=["campaign", "agency"], name="enforcement_campaign_agency")]

    def __str__(self) -> str:
        return self.agency.name


class Evaluator(models.Model):
    campaign = models.ForeignKey(EvaluationCampaign, on_delete=models.CASCADE, related_name="evaluators")
    name = models.CharField(_("name"), max_length=60)
    agency = models.ForeignKey("core.Unit", verbose_name=_("own agency"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")

    objects = ScopedManager()
    scope_field = "campaign__unit"

    class Meta:
        verbose_name = _("evaluator")
        verbose_name_plural = _("evaluators")

    def __str__(self) -> str:
        return self.name


class EvaluatedFile(models.Model):
    campaign = models.ForeignKey(EvaluationCampaign, on_delete=models.CASCADE, related_name="files")
    agency = models.ForeignKey("core.Unit", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+")
    file_number = models.CharField(_("file number"), max_length=80)
    evaluator = models.ForeignKey(Evaluator, verbose_name=_("evaluator"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="files")
    evaluated_on = models.DateField(_("evaluated on"), null=True, blank=True, db_index=True)
    vetoes = models.JSONField(_("veto items found"), default=list, blank=True)
    deductions = models.JSONField(_("deductions"), default=dict, blank=True)
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=1, null=True, blank=True)
    grade = models.CharField(_("grade"), max_length=12, choices=Grade.choices, blank=True, db_index=True)
    findings = models.TextField(_("findings"), blank=True)
    # the three systems (三项制度, CF 39/47/58) as checks of the file
    disclosed = models.BooleanField(_("disclosed as required"), null=True, blank=True)
    recorded = models.BooleanField(_("whole process recorded"), null=True, blank=True)
    legally_reviewed = models.BooleanField(_("legal review before the decision"), null=True, blank=True)

    objects = ScopedManager()
    scope_field = "campaign__unit"

    class Meta:
        verbose_name = _("evaluated case file")
        verbose_name_plural = _("evaluated case files")
        ordering = ["campaign", "agency__sort", "file_number"]
        constraints = [models.UniqueConstraint(fields=["campaign", "agency", "file_number"],
                                               name="enforcement_file_once")]

    def __str__(self) -> str:
        return f"{self.agency.name} {self.file_number}"


class Rectification(Versioned):
    """A rectification item (整改) sent to an agency after an evaluation, with its clock until it is closed."""

    unit = models.ForeignKey("core.Unit", verbose_name=_("supervising unit"), on_delete=models.PROTECT,
                             related_name="+")
    campaign = models.ForeignKey(EvaluationCampaign, on_delete=models.PROTECT, related_name="rectifications")
    agency = models.ForeignKey("core.Unit", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+")
    findings = models.TextField(_("findings"))
    notified_on = models.DateField(_("notified on"), db_index=True)
    notice_number = models.CharField(_("notice number"), max_length=60, blank=True)
    due = models.DateField(_("due"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True, db_index=True)
    report = models.TextField(_("rectification report"), blank=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("rectification item")
        verbose_name_plural = _("rectification items")
        ordering = ["-notified_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.agency.name} {self.notice_number}".strip()

    def get_absolute_url(self) -> str:
        return reverse("enforcement:rectification", args=[self.pk])


# --- legal advisers (法律顾问) and agreement review (协议审核) -----------------------------------------------------

class WorkKind(models.TextChoices):
    DRAFTING = "drafting", _("Drafting and revising documents")
    DISPUTE = "dispute", _("Disputes and litigation")
    MEETING = "meeting", _("Meetings and hearings")
    CONSULTATION = "consultation", _("Legal consultation")


class AdviserWorkItem(Versioned):
    unit = models.ForeignKey("core.Unit", verbose_name=_("supervising unit"), on_delete=models.PROTECT,
                             related_name="+")
    adviser = models.CharField(_("legal adviser"), max_length=80)
    kind = models.CharField(_("kind of work"), max_length=16, choices=WorkKind.choices, db_index=True)
    subject = models.CharField(_("subject"), max_length=200)
    requested_by = models.ForeignKey("core.Unit", verbose_name=_("requested by"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    assigned_on = models.DateField(_("assigned on"), db_index=True)
    due = models.DateField(_("due"))
    delivered_on = models.DateField(_("opinion delivered on"), null=True, blank=True)
    opinion = models.TextField(_("opinion delivered"), blank=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("legal-adviser work item")
        verbose_name_plural = _("legal-adviser work items")
        ordering = ["-assigned_on", "-pk"]

    def __str__(self) -> str:
        return self.subject

    def get_absolute_url(self) -> str:
        return reverse("enforcement:work_item", args=[self.pk])


class AgreementReview(Versioned):
    unit = models.ForeignKey("core.Unit", verbose_name=_("supervising unit"), on_delete=models.PROTECT,
                             related_name="+")
    title = models.CharField(_("agreement"), max_length=200)
    counterparty = models.CharField(_("counterparty"), max_length=120)
    submitted_by = models.ForeignKey("core.Unit", verbose_name=_("submitted by"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    received_on = models.DateField(_("received on"), db_index=True)
    reviewed_on = models.DateField(_("audited on"), null=True, blank=True, db_index=True)
    opinion = models.TextField(_("audit opinion"), blank=True)
    opinion_number = models.CharField(_("review opinion number"), max_length=60, blank=True)
    working_days_taken = models.PositiveSmallIntegerField(_("working days taken"), null=True, blank=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("agreement review")
        verbose_name_plural = _("agreement reviews")
        ordering = ["-received_on", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("enforcement:agreement", args=[self.pk])


USER = settings.AUTH_USER_MODEL


# --- legality review (合法性审查) and filing review (备案审查) ----------------------------------------------------

class ReviewSubject(models.TextChoices):
    MAJOR_DECISION = "major_decision", _("Major administrative decision")
    NORMATIVE_DOCUMENT = "normative_document", _("Normative document")


class ReviewConclusion(models.TextChoices):
    LAWFUL = "lawful", _("Lawful: may be adopted")
    AMEND = "amend", _("Lawful once the amendments proposed are made")
    UNLAWFUL = "unlawful", _("Unlawful: not to be adopted as drafted")


class LegalityReview(Versioned):
    """A draft major administrative decision or normative document sent by its drafting body for the legality
    review (合法性审查) before it is adopted: the review clock runs from receipt; the opinion is numbered and issued
    as the 合法性审查意见书."""

    unit = models.ForeignKey("core.Unit", verbose_name=_("supervising unit"), on_delete=models.PROTECT,
                             related_name="+")
    subject = models.CharField(_("subject of the review"), max_length=20, choices=ReviewSubject.choices,
                               db_index=True)
    title = models.CharField(_("draft reviewed"), max_length=200)
    submitted_by = models.ForeignKey("core.Unit", verbose_name=_("drafting body"), on_delete=models.PROTECT,
                                     related_name="+")
    received_on = models.DateField(_("received on"), db_index=True)
    due = models.DateField(_("due"), null=True, blank=True)
    reviewed_on = models.DateField(_("opinion issued on"), null=True, blank=True, db_index=True)
    in_time = models.BooleanField(_("reviewed within the time limit"), null=True, blank=True)
    conclusion = models.CharField(_("conclusion of the review"), max_length=12, choices=ReviewConclusion.choices,
                                  blank=True, db_index=True)
    opinion = models.TextField(_("review opinion"), blank=True)
    opinion_number = models.CharField(_("review opinion number"), max_length=60, blank=True)
    working_days_taken = models.PositiveSmallIntegerField(_("working days taken"), null=True, blank=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("legality review")
        verbose_name_plural = _("legality reviews")
        ordering = ["-received_on", "-pk"]
        indexes = [models.Index(fields=["unit", "received_on"], name="enforcement_legality_list")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("enforcement:legality", args=[self.pk])


class FilingState(models.TextChoices):
    UNDER_REVIEW = "under_review", _("Filed, under review")
    CORRECTION = "correction", _("Ordered to correct itself")
    REVOCATION = "revocation", _("Not corrected: revocation pending")
    CLOSED = "closed", pgettext_lazy("filing", "Closed")


class FilingOutcome(models.TextChoices):
    NO_ISSUE = "no_issue", _("No problem found")
    CORRECTED = "corrected", _("Corrected by the issuing body")
    REVOKED = "revoked", _("Revoked")


class NormativeFiling(Versioned):
    """A normative document of a district agency or town filed with the district government for the filing review
    (备案审查): the report is due within a period of its publication; the review has its clock (extendable once
    within a cap); a problem found orders the issuing body to correct it within a period; a document not corrected is
    revoked within a period after that. Every length is a district setting (clocks.py)."""

    unit = models.ForeignKey("core.Unit", verbose_name=_("supervising unit"), on_delete=models.PROTECT,
                             related_name="+")
    title = models.CharField(_("normative document"), max_length=200)
    document_number = models.CharField(_("document number (文号)"), max_length=60)
    issued_by = models.ForeignKey("core.Unit", verbose_name=_("issuing body"), on_delete=models.PROTECT,
                                  related_name="+")
    published_on = models.DateField(pgettext_lazy("filing", "published on"), db_index=True)
    filed_on = models.DateField(_("filed on"), db_index=True)
    filed_in_time = models.BooleanField(_("filed within the time limit"), null=True, blank=True)
    state = models.CharField(pgettext_lazy("filing", "state"), max_length=16, choices=FilingState.choices,
                             default=FilingState.UNDER_REVIEW, db_index=True)
    reviewed_on = models.DateField(_("review concluded on"), null=True, blank=True, db_index=True)
    reviewed_in_time = models.BooleanField(_("reviewed within the time limit"), null=True, blank=True)
    problem_found = models.BooleanField(pgettext_lazy("filing", "problem found"), null=True, blank=True)
    opinion = models.TextField(_("filing review opinion"), blank=True)
    opinion_number = models.CharField(_("filing review opinion number"), max_length=60, blank=True)
    correction_due = models.DateField(_("correction due"), null=True, blank=True)
    corrected_on = models.DateField(_("corrected on"), null=True, blank=True)
    correction_note = models.TextField(_("how it was corrected"), blank=True)
    revocation_due = models.DateField(_("revocation due"), null=True, blank=True)
    revoked_on = models.DateField(_("revoked on"), null=True, blank=True)
    revocation_number = models.CharField(_("revocation decision number"), max_length=60, blank=True)
    outcome = models.CharField(pgettext_lazy("filing", "outcome"), max_length=12, choices=FilingOutcome.choices,
                               blank=True, db_index=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("filing of a normative document")
        verbose_name_plural = _("filings of normative documents")
        ordering = ["-filed_on", "-pk"]
        indexes = [models.Index(fields=["unit", "state", "filed_on"], name="enforcement_filing_list")]

    def __str__(self) -> str:
        return f"{self.title}（{self.document_number}）"

    def get_absolute_url(self) -> str:
        return reverse("enforcement:filing", args=[self.pk])

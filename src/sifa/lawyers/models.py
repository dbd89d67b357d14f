"""Lawyers (律师): the register of the district's law firms and lawyers, the licensing matters the district reviews
and reports to the city bureau (律师法 第六条、第十八条), the annual inspection (年度检查考核, 第二十四条) and the complaints
against lawyers and firms (第五十二条: the district bureau supervises and investigates).

The register and the complaint are the core kit's (`core.register`, `core.complaints`), extended here so that the
line owns its tables.
"""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sifa.core import complaints, register
from sifa.core.cases import Case
from sifa.core.models.scoping import ScopedManager


class FirmForm(models.TextChoices):
    PARTNERSHIP = "partnership", _("Partnership firm")
    INDIVIDUAL = "individual", _("Individual firm")
    STATE = "state", _("State-funded firm")


class LawFirm(register.Institution):
    form = models.CharField(_("form of the firm"), max_length=16, choices=FirmForm.choices,
                            default=FirmForm.PARTNERSHIP)

    class Meta:
        verbose_name = _("law firm")
        verbose_name_plural = _("law firms")
        ordering = ["name"]

    def get_absolute_url(self) -> str:
        return reverse("lawyers:firm", args=[self.pk])


class LawyerKind(models.TextChoices):
    FULL_TIME = "full_time", _("Full-time lawyer")
    PART_TIME = "part_time", _("Part-time lawyer")
    PUBLIC = "public", _("Public-sector lawyer")
    CORPORATE = "corporate", _("Corporate lawyer")


class Lawyer(register.Practitioner):
    institution = models.ForeignKey(LawFirm, verbose_name=_("law firm"), on_delete=models.PROTECT,
                                    related_name="practitioners")
    kind = models.CharField(_("kind of lawyer"), max_length=16, choices=LawyerKind.choices,
                            default=LawyerKind.FULL_TIME)

    class Meta:
        verbose_name = _("lawyer")
        verbose_name_plural = _("lawyers")
        ordering = ["name"]

    def get_absolute_url(self) -> str:
        return reverse("lawyers:lawyer", args=[self.pk])


class FirmStatusChange(register.StatusChange):
    firm = models.ForeignKey(LawFirm, on_delete=models.CASCADE, related_name="status_changes")

    class Meta(register.StatusChange.Meta):
        verbose_name = _("status change of a firm")


class LawyerStatusChange(register.StatusChange):
    lawyer = models.ForeignKey(Lawyer, on_delete=models.CASCADE, related_name="status_changes")

    class Meta(register.StatusChange.Meta):
        verbose_name = _("status change of a lawyer")


class InspectionResult(models.TextChoices):
    """律师事务所年度检查考核: 合格/不合格; 律师执业年度考核: 称职/基本称职/不称职."""

    PASSED = "合格", _("Passed")
    FAILED = "不合格", _("Failed the assessment")
    COMPETENT = "称职", _("Competent")
    BASICALLY = "基本称职", _("Basically competent")
    INCOMPETENT = "不称职", _("Not competent")


class FirmInspection(register.AnnualAssessment):
    firm = models.ForeignKey(LawFirm, on_delete=models.CASCADE, related_name="assessments")

    class Meta(register.AnnualAssessment.Meta):
        verbose_name = _("annual inspection of a firm")
        constraints = [models.UniqueConstraint(fields=["firm", "year"], name="lawyers_firm_inspection_once")]


class LawyerAssessment(register.AnnualAssessment):
    lawyer = models.ForeignKey(Lawyer, on_delete=models.CASCADE, related_name="assessments")

    class Meta(register.AnnualAssessment.Meta):
        verbose_name = _("annual assessment of a lawyer")
        constraints = [models.UniqueConstraint(fields=["lawyer", "year"], name="lawyers_assessment_once")]


# --- licensing matters (行政许可) --------------------------------------------------------------------------------

class MatterKind(models.TextChoices):
    LAWYER_LICENCE = "lawyer_licence", _("Lawyer's practice licence")
    LAWYER_CHANGE = "lawyer_change", _("Change of a lawyer's practice firm")
    LAWYER_CANCELLATION = "lawyer_cancellation", _("Cancellation of a lawyer's licence")
    FIRM_ESTABLISHMENT = "firm_establishment", _("Establishment of a law firm")
    FIRM_CHANGE = "firm_change", _("Change of a law firm")


class LicensingState(models.TextChoices):
    RECEIVED = "received", _("Accepted, under preliminary review")
    REPORTED = "reported", _("Reported to the city bureau")
    APPROVED = "approved", _("Approved by the city bureau")
    REFUSED = "refused", _("Refused by the city bureau")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Opinion(models.TextChoices):
    AGREE = "agree", _("Recommends approval")
    DISAGREE = "disagree", _("Recommends refusal")


class LicensingMatter(Case):
    states = LicensingState

    kind = models.CharField(_("matter"), max_length=24, choices=MatterKind.choices, db_index=True)
    applicant = models.CharField(_("applicant"), max_length=120)
    firm = models.ForeignKey(LawFirm, verbose_name=_("law firm"), null=True, blank=True, on_delete=models.PROTECT,
                             related_name="+")
    lawyer = models.ForeignKey(Lawyer, verbose_name=_("lawyer"), null=True, blank=True, on_delete=models.PROTECT,
                               related_name="+")
    received_on = models.DateField(_("accepted on"), db_index=True)
    opinion = models.CharField(_("preliminary review opinion"), max_length=16, choices=Opinion.choices, blank=True)
    opinion_text = models.TextField(_("reasons of the opinion"), blank=True)
    reported_on = models.DateField(_("reported to the city on"), null=True, blank=True, db_index=True)
    reported_in_time = models.BooleanField(_("reported within the review period"), null=True, blank=True)
    report_number = models.CharField(_("preliminary review number"), max_length=60, blank=True)
    decided_on = models.DateField(_("decided by the city on"), null=True, blank=True, db_index=True)
    decision_number = models.CharField(_("city decision or certificate number"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("licensing matter")
        verbose_name_plural = _("licensing matters")
        permissions = [("handle_licensingmatter", _("Can review licensing matters of lawyers and law firms"))]
        indexes = [models.Index(fields=["unit", "state", "received_on"], name="lawyers_licensing_list")]

    def __str__(self) -> str:
        return f"{self.number} {self.applicant}".strip()

    def get_absolute_url(self) -> str:
        return reverse("lawyers:matter", args=[self.pk])

    def get_state_display(self) -> str:
        try:
            return str(LicensingState(self.state).label)
        except ValueError:
            return self.state


class LawyerComplaint(complaints.Complaint):
    respondent_lawyer = models.ForeignKey(Lawyer, verbose_name=_("lawyer complained of"), null=True, blank=True,
                                          on_delete=models.PROTECT, related_name="complaints")
    respondent_firm = models.ForeignKey(LawFirm, verbose_name=_("law firm complained of"), on_delete=models.PROTECT,
                                        related_name="complaints")

    class Meta:
        verbose_name = pgettext_lazy("lawyers", "lawyer complaint")
        verbose_name_plural = pgettext_lazy("lawyers", "lawyer complaints")
        permissions = [("handle_lawyercomplaint", _("Can handle complaints against lawyers and law firms"))]
        indexes = [models.Index(fields=["unit", "state", "received_on"], name="lawyers_complaint_list")]

    def respondent_label(self) -> str:
        if self.respondent_lawyer_id:
            return f"{self.respondent_firm.name}{self.respondent_lawyer.name}律师"
        return self.respondent_firm.name

    def get_absolute_url(self) -> str:
        return reverse("lawyers:complaint", args=[self.pk])


class PenaltyDecision(models.Model):
    """The administrative penalty decided on a complaint (律师法 第四十七条至第五十条), with the discretion table's
    suggestion for the violation and its circumstances (`penalties`) and, where the decision departs from it, the
    reason. Its document is the 行政处罚决定书."""

    complaint = models.OneToOneField(LawyerComplaint, verbose_name=pgettext_lazy("lawyers", "lawyer complaint"),
                                     on_delete=models.PROTECT, related_name="penalty_decision")
    number = models.CharField(_("penalty decision number"), max_length=60, unique=True)
    violation = models.CharField(_("violation"), max_length=8)
    circumstance = models.CharField(_("circumstances"), max_length=10)
    facts = models.TextField(_("facts found"))
    suggested = models.CharField(_("suggested penalty"), max_length=200)
    penalty_kind = models.CharField(_("penalty decided"), max_length=16,
                                    choices=complaints.PenaltyKind.choices)
    fine = models.DecimalField(_("fine (yuan)"), max_digits=10, decimal_places=2, default=0)
    months = models.PositiveSmallIntegerField(_("months of suspension"), default=0)
    confiscated = models.DecimalField(_("illegal gains confiscated (yuan)"), max_digits=12, decimal_places=2, default=0)
    departure = models.CharField(_("departure from the suggestion"), max_length=200, blank=True)
    departure_reason = models.TextField(_("reason for the departure"), blank=True)
    decided_on = models.DateField(_("penalty decided on"), db_index=True)
    recorded_by = models.ForeignKey("core.User", verbose_name=_("recorded by"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")

    objects = ScopedManager()
    scope_field = "complaint__unit"

    class Meta:
        verbose_name = _("penalty decision")
        verbose_name_plural = _("penalty decisions")
        ordering = ["-decided_on", "-pk"]

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return reverse("lawyers:penalty", args=[self.pk])

"""Forensic appraisal (司法鉴定): the register of the district's appraisal institutions and appraisers, the
commissions each institution accepts (reported monthly), complaints against them (core complaints kit),
rectification proposals (整改建议书) followed up until the institution has rectified, and credit grades by year
(信用等级, 司法鉴定机构信用等级评估)."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sifa.core import complaints, register
from sifa.core.cases import Case
from sifa.core.models.scoping import ScopedManager


class AppraisalInstitution(register.Institution):
    class Meta:
        verbose_name = _("appraisal institution")
        verbose_name_plural = _("appraisal institutions")
        ordering = ["name"]

    def get_absolute_url(self) -> str:
        return reverse("appraisal:institution", args=[self.pk])


class Appraiser(register.Practitioner):
    institution = models.ForeignKey(AppraisalInstitution, verbose_name=_("appraisal institution"),
                                    on_delete=models.PROTECT, related_name="practitioners")

    class Meta:
        verbose_name = _("appraiser")
        verbose_name_plural = _("appraisers")
        ordering = ["name"]

    def get_absolute_url(self) -> str:
        return reverse("appraisal:appraiser", args=[self.pk])


class InstitutionStatusChange(register.StatusChange):
    institution = models.ForeignKey(AppraisalInstitution, on_delete=models.CASCADE, related_name="status_changes")

    class Meta(register.StatusChange.Meta):
        verbose_name = _("status change of an institution")


class AppraiserStatusChange(register.StatusChange):
    appraiser = models.ForeignKey(Appraiser, on_delete=models.CASCADE, related_name="status_changes")

    class Meta(register.StatusChange.Meta):
        verbose_name = _("status change of an appraiser")


class Grade(models.TextChoices):
    A = "A", _("Grade A")
    B = "B", _("Grade B")
    C = "C", _("Grade C")
    D = "D", _("Grade D")


class CreditGrade(register.AnnualAssessment):
    institution = models.ForeignKey(AppraisalInstitution, on_delete=models.CASCADE, related_name="assessments")

    class Meta(register.AnnualAssessment.Meta):
        verbose_name = _("credit grade")
        verbose_name_plural = _("credit grades")
        constraints = [models.UniqueConstraint(fields=["institution", "year"], name="appraisal_grade_once")]


class CommissionReport(models.Model):
    """One institution's commissions of one month, as it reports them (imported or entered)."""

    institution = models.ForeignKey(AppraisalInstitution, verbose_name=_("appraisal institution"),
                                    on_delete=models.PROTECT, related_name="reports")
    month = models.DateField(_("month"), help_text=_("The first day of the month reported."))
    accepted = models.PositiveIntegerField(_("commissions accepted"))
    completed = models.PositiveIntegerField(_("appraisals completed"), default=0)
    completed_late = models.PositiveIntegerField(_("completed over the time limit"), default=0)
    reported_on = models.DateField(_("reported on"))

    objects = ScopedManager()
    scope_field = "institution__supervised_by"

    class Meta:
        verbose_name = _("monthly commission report")
        verbose_name_plural = _("monthly commission reports")
        ordering = ["-month", "institution"]
        constraints = [models.UniqueConstraint(fields=["institution", "month"], name="appraisal_report_once"),
                       models.CheckConstraint(condition=models.Q(month__day=1), name="appraisal_report_month_start")]

    def __str__(self) -> str:
        return f"{self.institution} {self.month:%Y-%m}"


class AppraisalComplaint(complaints.Complaint):
    respondent_institution = models.ForeignKey(AppraisalInstitution, verbose_name=_("institution complained of"),
                                               on_delete=models.PROTECT, related_name="complaints")
    respondent_appraiser = models.ForeignKey(Appraiser, verbose_name=_("appraiser complained of"), null=True,
                                             blank=True, on_delete=models.PROTECT, related_name="complaints")

    class Meta:
        verbose_name = pgettext_lazy("appraisal", "appraisal complaint")
        verbose_name_plural = pgettext_lazy("appraisal", "appraisal complaints")
        permissions = [("handle_appraisalcomplaint", _("Can handle complaints against appraisal institutions"))]
        indexes = [models.Index(fields=["unit", "state", "received_on"], name="appraisal_complaint_list")]

    def respondent_label(self) -> str:
        if self.respondent_appraiser_id:
            return f"{self.respondent_institution.name}{self.respondent_appraiser.name}鉴定人"
        return self.respondent_institution.name

    def get_absolute_url(self) -> str:
        return reverse("appraisal:complaint", args=[self.pk])


class ProposalState(models.TextChoices):
    ISSUED = "issued", _("Issued, rectification under way")
    RECTIFIED = "rectified", _("Rectified and closed")


class RectificationProposal(Case):
    states = ProposalState

    institution = models.ForeignKey(AppraisalInstitution, verbose_name=_("appraisal institution"),
                                    on_delete=models.PROTECT, related_name="proposals")
    issued_on = models.DateField(_("issued on"), db_index=True)
    findings = models.TextField(_("problems found"))
    requirements = models.TextField(_("rectification required"))
    follow_up = models.TextField(_("follow-up notes"), blank=True)
    rectified_on = models.DateField(_("rectified on"), null=True, blank=True)
    rectified_in_time = models.BooleanField(_("rectified in time"), null=True, blank=True)

    class Meta:
        verbose_name = _("rectification proposal")
        verbose_name_plural = _("rectification proposals")
        permissions = [("handle_rectificationproposal", _("Can issue and follow up rectification proposals"))]

    def __str__(self) -> str:
        return f"{self.number} {self.institution.name if self.institution_id else ''}".strip()

    def get_absolute_url(self) -> str:
        return reverse("appraisal:proposal", args=[self.pk])

    def get_state_display(self) -> str:
        try:
            return str(ProposalState(self.state).label)
        except ValueError:
            return self.state


class PatrolRule(models.TextChoices):
    """The patrol's rules (网上巡查) over the institutions' records."""

    OVERDUE = "overdue", _("Appraisals completed over the time limit")
    SURGE = "surge", _("Surge in complaints")


class WarningState(models.TextChoices):
    OPEN = "open", _("Open, to be handled")
    CLOSED = "closed", _("Handled and closed")


class PatrolWarning(models.Model):
    """A warning the patrol raised against an institution for a month, handled by the division and closed with
    what was done (a talk, a proposal, nothing found)."""

    institution = models.ForeignKey(AppraisalInstitution, verbose_name=_("appraisal institution"),
                                    on_delete=models.PROTECT, related_name="warnings")
    rule = models.CharField(_("patrol rule"), max_length=12, choices=PatrolRule.choices)
    month = models.DateField(_("month"), help_text=_("The first day of the month reported."))
    detail = models.CharField(_("what the patrol found"), max_length=300)
    raised_on = models.DateField(_("raised on"), db_index=True)
    state = models.CharField(_("state of the warning"), max_length=8, choices=WarningState.choices,
                             default=WarningState.OPEN, db_index=True)
    handling = models.TextField(_("how the warning was handled"), blank=True)
    closed_on = models.DateField(_("warning closed on"), null=True, blank=True)
    closed_by = models.ForeignKey("core.User", verbose_name=_("closed by"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")

    objects = ScopedManager()
    scope_field = "institution__supervised_by"

    class Meta:
        verbose_name = _("patrol warning")
        verbose_name_plural = _("patrol warnings")
        ordering = ["state", "-month", "pk"]
        constraints = [models.UniqueConstraint(fields=["institution", "rule", "month"], name="appraisal_warning_once")]

    def __str__(self) -> str:
        return f"{self.institution} {self.month:%Y-%m} {self.get_rule_display()}"

    def get_absolute_url(self) -> str:
        return reverse("appraisal:warning", args=[self.pk])

"""The annual rule-of-law government report (法治政府建设情况报告): one per issuing unit and year, written by
staff section by section. Every change is kept (django-simple-history) and guarded by a version number
(optimistic locking through core.cases.save_case)."""

from __future__ import annotations

from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from sifa.core.models.scoping import ScopedManager


class AnnualReport(models.Model):
    year = models.PositiveIntegerField(_("year"))
    unit = models.ForeignKey("core.Unit", verbose_name=_("issuing unit"), on_delete=models.PROTECT,
                             related_name="+")
    scope = models.ForeignKey("core.Unit", verbose_name=_("figures for"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+",
                              help_text=_("The unit subtree whose records the figures count; empty: all units."))
    through = models.DateField(_("figures through"),
                               help_text=_("The figures run from 1 January of the year to this date."))
    issuer_mark = models.CharField(_("issuer mark"), max_length=60, help_text=_("e.g. 上海市普陀区司法局文件"))
    number = models.CharField(_("document number"), max_length=60, blank=True,
                              help_text=_("Taken from the unit's document number series when the report is numbered."))
    signer = models.CharField(_("signing officer"), max_length=30, blank=True)
    title = models.CharField(_("title"), max_length=200,
                             help_text=_("Use | to break the title into lines."))
    addressee = models.CharField(_("main addressee"), max_length=100, default="区政府")
    signature = models.CharField(_("signature"), max_length=60)
    dated = models.DateField(_("date of the document"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager()
    case_contents = False  # figures and prose: the statistics viewer reads the reports of their units
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("annual report")
        verbose_name_plural = _("annual reports")
        ordering = ["-year", "unit__path"]
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="uniq_annual_report_unit_year")]
        permissions = [("manage_templates", _("Can upload document templates"))]

    def __str__(self) -> str:
        return self.title.replace("|", "")

    @property
    def start(self) -> date:
        return date(self.year, 1, 1)

    @property
    def title_text(self) -> str:
        return self.title.replace("|", "\n")


class SectionLevel(models.IntegerChoices):
    OPENING = 0, _("Opening (no heading)")
    PART = 1, _("Part (一、)")
    SECTION = 2, _("Section (（一）)")


class ReportSection(models.Model):
    report = models.ForeignKey(AnnualReport, verbose_name=_("report"), on_delete=models.CASCADE,
                               related_name="sections")
    position = models.PositiveIntegerField(_("position"))
    level = models.PositiveSmallIntegerField(_("level"), choices=SectionLevel.choices, default=SectionLevel.SECTION)
    heading = models.CharField(_("heading"), max_length=200, blank=True)
    body = models.TextField(_("text"), blank=True,
                            help_text=_("One paragraph per line. Figures as placeholders: {{ reconsideration.received }}; "
                                        "a rate with other decimals: {{ litigation.appearance_rate:0 }}."))
    line = models.CharField(_("statistics of"), max_length=40, blank=True,
                            help_text=_("The business line whose generated statistics paragraph is offered."))
    version = models.PositiveIntegerField(_("version"), default=1)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("report section")
        verbose_name_plural = _("report sections")
        ordering = ["report_id", "position"]

    def __str__(self) -> str:
        return self.heading or str(_("Opening"))

    @property
    def paragraphs(self) -> list[str]:
        return [line.strip() for line in self.body.splitlines() if line.strip()]

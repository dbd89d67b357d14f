"""The register of regulated institutions and practitioners (律师事务所/律师, 公证处/公证员, 司法鉴定机构/鉴定人): abstract
bases that a line's own models extend, so that each line owns its tables and migrations.

- `Institution`: a regulated unit (law firm, notary office, appraisal institution) with its licence number, its
  practice areas (appraisal: 执业类别), its status, the core `Unit` it is, and the division that supervises it
  (`supervised_by`: its users see it).
- `Practitioner`: a regulated person with a licence number, the institution they practise in (the line's FK,
  named `institution`), practice areas and status.
- `StatusChange`: one row of the status history (practising, suspended, revoked, cancelled), with the day, the
  reason and the legal basis; a line's concrete model adds the FK to its institution or practitioner with
  `related_name="status_changes"`.
- `AnnualAssessment`: the result of one year's assessment (年度考核/年度检查, appraisal: 信用等级) of an institution or
  a practitioner; the concrete model adds the FK with `related_name="assessments"`.

The services `change_status` and `record_assessment` write through them in one transaction, version-checked
and audited; the line names the audit code's prefix.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import audit
from .locking import Versioned, save_versioned
from .models.scoping import ScopedManager
from .workflow import StepError


class Status(models.TextChoices):
    PRACTISING = "practising", gettext_lazy("Practising")
    SUSPENDED = "suspended", gettext_lazy("Practice suspended")
    REVOKED = "revoked", gettext_lazy("Licence revoked")
    CANCELLED = "cancelled", gettext_lazy("Licence cancelled")


class Registered(Versioned):
    """What an institution and a practitioner have in common."""

    name = models.CharField(gettext_lazy("name"), max_length=120)
    licence_number = models.CharField(gettext_lazy("licence number"), max_length=60, unique=True)
    practice_areas = models.JSONField(gettext_lazy("practice areas"), default=list, blank=True)
    status = models.CharField(gettext_lazy("status"), max_length=16, choices=Status.choices,
                              default=Status.PRACTISING, db_index=True)
    licensed_on = models.DateField(gettext_lazy("licensed on"), null=True, blank=True)

    objects = ScopedManager()

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    @property
    def practice_areas_text(self) -> str:
        return "、".join(self.practice_areas)


class Institution(Registered):
    """`unit`: the institution as a unit of the district (a law firm that legal aid assigns cases to);
    `supervised_by`: the bureau division that supervises it, whose users see it (`visible_to`)."""

    unit = models.OneToOneField("core.Unit", verbose_name=gettext_lazy("unit"), on_delete=models.PROTECT,
                                related_name="+")
    supervised_by = models.ForeignKey("core.Unit", verbose_name=gettext_lazy("supervised by"),
                                      on_delete=models.PROTECT, related_name="+")
    address = models.CharField(gettext_lazy("address"), max_length=200, blank=True)

    scope_field = "supervised_by"

    class Meta:
        abstract = True


class Practitioner(Registered):
    """The line adds `institution = ForeignKey(<its Institution>, related_name="practitioners")`."""

    scope_field = "institution__supervised_by"

    class Meta:
        abstract = True


class StatusChange(models.Model):
    status = models.CharField(gettext_lazy("status"), max_length=16, choices=Status.choices)
    on = models.DateField(gettext_lazy("from"))
    reason = models.CharField(gettext_lazy("reason"), max_length=200)
    basis = models.CharField(gettext_lazy("legal basis"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=gettext_lazy("recorded by"), null=True,
                                    blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        abstract = True
        ordering = ["on", "pk"]


class AnnualAssessment(models.Model):
    year = models.PositiveSmallIntegerField(gettext_lazy("year"))
    result = models.CharField(gettext_lazy("result"), max_length=40)
    assessed_on = models.DateField(gettext_lazy("assessed on"), db_index=True)
    note = models.CharField(gettext_lazy("note"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=gettext_lazy("recorded by"), null=True,
                                    blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        abstract = True
        ordering = ["-year", "pk"]


@transaction.atomic
def change_status(record: Registered, *, status: str, on: date, reason: str, by, basis: str = "",
                  expected_version: int | None = None, event: str) -> Registered:
    """Move an institution or a practitioner to a status from a day, keeping the history row with its reason."""
    if status not in Status.values:
        raise StepError(_("Unknown status."), field="status")
    if not reason.strip():
        raise StepError(_("Give the reason for the change."), field="reason")
    last = record.status_changes.order_by("-on", "-pk").first()
    if last is not None and on < last.on:
        raise StepError(_("The date %(on)s is before the last change of status (%(last)s).") % {
            "on": on, "last": last.on}, field="on")
    old = record.status
    record.status = status
    save_versioned(record, expected_version=expected_version, by=by)
    record.status_changes.create(status=status, on=on, reason=reason.strip(), basis=basis,
                                 recorded_by=by if getattr(by, "pk", None) else None)
    audit.record(by, event, record, summary=f"{record.name}: {Status(old).label} → {Status(status).label}",
                 payload={"from": old, "to": status, "on": on, "reason": reason.strip()})
    return record


@transaction.atomic
def record_assessment(record: Registered, *, year: int, result: str, on: date, by, note: str = "",
                      choices=None, event: str):
    """Record one year's assessment result of an institution or practitioner (one per year: a second is refused).
    `choices`: the results the line allows (None: any text)."""
    if choices is not None and result not in choices:
        raise StepError(_("Unknown result."), field="result")
    if on.year < year:
        raise StepError(_("The assessment of %(year)s cannot be recorded before that year ends.") % {"year": year},
                        field="on")
    if record.assessments.filter(year=year).exists():
        raise StepError(_("The assessment of %(year)s is recorded already.") % {"year": year}, field="year")
    row = record.assessments.create(year=year, result=result, assessed_on=on, note=note.strip(),
                                    recorded_by=by if getattr(by, "pk", None) else None)
    audit.record(by, event, record, summary=f"{record.name} {year}: {result}",
                 payload={"year": year, "result": result, "on": on})
    return row

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


# --- pages: editing the register, and the public look-up (added in session 8; the services above are unchanged) ---

from django import forms  # noqa: E402
from django.conf import settings as django_settings  # noqa: E402
from django.contrib import messages  # noqa: E402
from django.shortcuts import redirect, render  # noqa: E402
from django.utils import timezone  # noqa: E402


class StatusForm(forms.Form):
    """A change of practice status, with its day, reason and basis; `version` is the record's as the user saw it."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**31 - 1)
    status = forms.ChoiceField(label=gettext_lazy("New status"), choices=Status.choices)
    on = forms.DateField(label=gettext_lazy("Effective from"))
    reason = forms.CharField(label=gettext_lazy("Reason for the change"), max_length=200)
    basis = forms.CharField(label=gettext_lazy("Legal basis of the change"), max_length=200, required=False)

    def __init__(self, *args, record, **kwargs):
        kwargs.setdefault("initial", {}).update(version=record.version, on=timezone.localdate())
        super().__init__(*args, **kwargs)
        from .forms import DateInput

        self.fields["on"].widget = DateInput()
        self.record = record

    def clean_on(self):
        value = self.cleaned_data["on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("This date is in the future."))
        return value

    def clean_status(self):
        value = self.cleaned_data["status"]
        if value == self.record.status:
            raise forms.ValidationError(_("This is the present status already."))
        return value


class AssessmentForm(forms.Form):
    """One year's assessment result; `results` are the line's choices."""

    year = forms.IntegerField(label=gettext_lazy("Year assessed"), min_value=1990, max_value=2100)
    result = forms.ChoiceField(label=gettext_lazy("Assessment result"))
    on = forms.DateField(label=gettext_lazy("Assessed on"))
    note = forms.CharField(label=gettext_lazy("Note on the assessment"), max_length=200, required=False)

    def __init__(self, *args, results, **kwargs):
        today = timezone.localdate()
        kwargs.setdefault("initial", {}).update(year=today.year - 1, on=today)
        super().__init__(*args, **kwargs)
        from .forms import DateInput

        self.fields["result"].choices = list(results)
        self.fields["on"].widget = DateInput()

    def clean_on(self):
        value = self.cleaned_data["on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("This date is in the future."))
        return value


def edit_view(request, form, apply, *, record, title, tabs: str, success):
    """A register page that writes through a service: on a valid POST `apply(cleaned_data)`; a refusal lands on
    its field and the input is kept; success goes back to the record's page."""
    from .steps import add_error

    if request.method == "POST" and form.is_valid():
        try:
            apply(form.cleaned_data)
        except Exception as exc:
            if not add_error(form, exc):
                raise
        else:
            messages.success(request, success)
            return redirect(record)
    return render(request, "core/line_form.html", {"form": form, "title": title, "back": record.get_absolute_url(),
                                                   "tabs": tabs})


class LookupForm(forms.Form):
    """The public look-up: a whole name or a whole licence number (no partial matches: the register is not
    browsed name by name)."""

    query = forms.CharField(label=gettext_lazy("Whole name or whole licence number"), max_length=60, min_length=2)


def masked_licence(number: str) -> str:
    """A practitioner's licence number on a public page: its first four and last four digits."""
    return number if len(number) <= 8 else f"{number[:4]}{'*' * (len(number) - 8)}{number[-4:]}"


def public_lookup(request, *, practitioners, institutions, title, intro: str, scope: str):
    """The citizens' look-up of a line's register (POST, so that names stay out of URLs and logs): practitioners
    and institutions whose whole name or licence number is the query, with their institution, practice areas
    and status since its day; rate-limited per client address like the portal's look-ups
    (SIFA_PORTAL_LOOKUP_PER_ADDRESS, counted under `scope`)."""
    import math

    from django.db.models import Q

    from . import limits

    form = LookupForm(request.POST or None)
    people = places = None
    status = 200
    retry = None
    if request.method == "POST" and form.is_valid():
        q = form.cleaned_data["query"].strip()
        try:
            limits.take([(limits.Limit.of(scope, django_settings.SIFA_PORTAL_LOOKUP_PER_ADDRESS),
                          limits.client_address(request))])
        except limits.Refused as exc:
            form.add_error(None, _("Too many look-ups from your network address. Please try again in %(minutes)s "
                                   "minutes.") % {"minutes": math.ceil(exc.retry_after / 60)})
            status, retry = 429, exc.retry_after
        else:
            match = Q(name=q) | Q(licence_number=q)
            people = [_public(p, p.institution) for p in
                      practitioners.filter(match).select_related("institution").order_by("name", "pk")[:20]]
            places = [_public(i, None) for i in institutions.filter(match).order_by("name", "pk")[:20]]
    response = render(request, "core/register_lookup.html", {"form": form, "title": title, "intro": intro,
                                                             "people": people, "places": places})
    response.status_code = status
    if retry is not None:
        response["Retry-After"] = str(retry)
    response["Cache-Control"] = "no-store"
    return response


def _public(record, institution) -> dict:
    last = record.status_changes.order_by("-on", "-pk").first()
    return {"name": record.name, "licence": masked_licence(record.licence_number) if institution else
            record.licence_number, "institution": institution.name if institution else "",
            "address": (institution or record).address, "areas": record.practice_areas_text,
            "status": record.get_status_display(), "practising": record.status == Status.PRACTISING,
            "since": last.on if last else record.licensed_on}

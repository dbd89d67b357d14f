"""The forms of enforcement supervision: the step forms of the certificate procedure (core.steps.StepForm), the
registration forms and the list filters. Errors are said in the user's language on the field."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy, pgettext_lazy

from sifa.core.forms import LikelyDuplicateMixin, date_field
from sifa.core.models import Unit, UnitKind
from sifa.core.steps import StepForm
from sifa.core.validators import parse_id_number

from .models import (
    ApplicationKind,
    FilingOutcome,
    FilingState,
    Qualification,
    ReviewConclusion,
    ReviewSubject,
    State,
    WorkKind,
)


def _not_future(value):
    if value and value > timezone.localdate():
        raise ValidationError(gettext_lazy("This date is in the future."))
    return value


def agencies():
    return Unit.objects.filter(kind__in=[UnitKind.DISTRICT_AGENCY, UnitKind.PUBLIC_SECURITY], active=True).order_by(
        "sort", "name")


# --- step forms --------------------------------------------------------------------------------------------------

class ExamForm(StepForm):
    trained_on = date_field(gettext_lazy("Training completed on"), required=False)
    exam_score = forms.DecimalField(label=gettext_lazy("Exam score"), min_value=0, max_value=100, max_digits=5,
                                    decimal_places=1)


class OpinionForm(StepForm):
    opinion = forms.CharField(label=gettext_lazy("Audit opinion"), widget=forms.Textarea(attrs={"rows": 3}))


# --- registration ------------------------------------------------------------------------------------------------

class OfficerForm(LikelyDuplicateMixin, forms.Form):
    """Warns of an officer already in the register: the same ID number, or the same name at the same agency."""

    agency = forms.ModelChoiceField(label=gettext_lazy("Agency"), queryset=Unit.objects.none())
    name = forms.CharField(label=gettext_lazy("Name"), max_length=60)
    id_number = forms.CharField(label=gettext_lazy("ID number"), max_length=18, required=False)
    staff_number = forms.CharField(label=gettext_lazy("Staff number at the agency"), max_length=40, required=False)
    post = forms.CharField(label=gettext_lazy("Post"), max_length=80)
    qualification = forms.ChoiceField(label=gettext_lazy("Qualification"), choices=Qualification.choices)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["agency"].queryset = agencies()

    def likely_duplicates(self, data):
        from sifa.core.crypto import lookup_hash

        from .models import Officer

        if self.user is None:
            return []
        same = Q(agency=data.get("agency"), person__name=(data.get("name") or "").strip())
        if data.get("id_number"):
            same |= Q(person__id_number_hash=lookup_hash(data["id_number"]))
        return Officer.objects.visible_to(self.user).filter(same).select_related("person").order_by("-pk")

    def clean_id_number(self):
        value = self.cleaned_data["id_number"].strip().upper()
        if value:
            try:
                parse_id_number(value)
            except ValidationError as exc:
                raise ValidationError(exc.messages) from exc
        return value


class ApplicationForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Kind of application"), choices=ApplicationKind.choices)
    received_on = date_field(gettext_lazy("Received on"), validators=[_not_future])
    post = forms.CharField(label=gettext_lazy("Post"), max_length=80, required=False)
    qualification = forms.ChoiceField(label=gettext_lazy("Qualification"), required=False,
                                      choices=[("", "—"), *Qualification.choices])
    reason = forms.CharField(label=gettext_lazy("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
                             help_text=gettext_lazy("Required for a cancellation or a replacement."))


class FlagForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    on_post = forms.BooleanField(label=gettext_lazy("On an enforcement post"), required=False)
    under_investigation = forms.BooleanField(label=gettext_lazy("Under investigation"), required=False)
    sanctioned = forms.BooleanField(label=gettext_lazy("Sanctioned"), required=False)


class ApplicationFilterForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Search"), required=False)
    kind = forms.ChoiceField(label=gettext_lazy("Kind of application"), required=False,
                             choices=[("", "—"), *ApplicationKind.choices])
    state = forms.ChoiceField(label=gettext_lazy("State"), required=False, choices=[("", "—"), *State.choices])
    agency = forms.ModelChoiceField(label=gettext_lazy("Agency"), required=False, queryset=Unit.objects.none())
    due = forms.ChoiceField(label=gettext_lazy("Time limit"), required=False,
                            choices=[("", "—"), ("overdue", gettext_lazy("Overdue")),
                                     ("soon", gettext_lazy("Due soon"))])
    date_from = date_field(gettext_lazy("Received from"), required=False)
    date_to = date_field(gettext_lazy("Received to"), required=False)
    sort = forms.ChoiceField(label=gettext_lazy("Sort"), required=False,
                             choices=[("-received", gettext_lazy("Newest first")),
                                      ("received", gettext_lazy("Oldest first")),
                                      ("number", gettext_lazy("By case number")),
                                      ("-number", gettext_lazy("By case number, descending")),
                                      ("-decided", gettext_lazy("Latest decided first")),
                                      ("decided", gettext_lazy("Earliest decided first"))])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies()


class OfficerFilterForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Name or certificate number"), required=False)
    agency = forms.ModelChoiceField(label=gettext_lazy("Agency"), required=False, queryset=Unit.objects.none())
    status = forms.ChoiceField(label=gettext_lazy("Certificate status"), required=False,
                               choices=[("", "—"), ("valid", gettext_lazy("Valid")),
                                        ("cancelled", pgettext_lazy("certificate", "Cancelled"))])
    review = forms.BooleanField(label=gettext_lazy("Annual review: to cancel"), required=False)
    sort = forms.ChoiceField(label=gettext_lazy("Sort"), required=False,
                             choices=[("agency", gettext_lazy("By agency")), ("name", gettext_lazy("By officer's name")),
                                      ("-issued", gettext_lazy("Newest certificates first"))])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies()


# --- evaluation ---------------------------------------------------------------------------------------------------

class DrawForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    seed = forms.CharField(label=gettext_lazy("Seed of the draw"), max_length=64,
                           help_text=gettext_lazy("Recorded with the candidate lists: anyone re-runs the draw with it."))
    on = date_field(gettext_lazy("Date of the act"), validators=[_not_future])


class ScoreForm(forms.Form):
    on = date_field(gettext_lazy("Evaluated on"), validators=[_not_future])
    vetoes = forms.MultipleChoiceField(label=gettext_lazy("Veto items found"), required=False,
                                       widget=forms.CheckboxSelectMultiple)
    findings = forms.CharField(label=gettext_lazy("Findings"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    disclosed = forms.NullBooleanField(label=gettext_lazy("Disclosed as required"), required=False)
    recorded = forms.NullBooleanField(label=gettext_lazy("Whole process recorded"), required=False)
    legally_reviewed = forms.NullBooleanField(label=gettext_lazy("Legal review before the decision"), required=False)

    def __init__(self, *args, sheet, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["vetoes"].choices = [(v["code"], v["label"]) for v in sheet.vetoes]
        for section in sheet.sections:
            for item in section["items"]:
                self.fields[f"d_{item['code']}"] = forms.IntegerField(
                    label=f"{section['label']} · {item['label']}（−{item['points']}）", min_value=0, max_value=99,
                    required=False, initial=0)

    def deductions(self) -> dict:
        return {k[2:]: v for k, v in self.cleaned_data.items() if k.startswith("d_") and v}


class RectificationForm(forms.Form):
    agency = forms.ModelChoiceField(label=gettext_lazy("Agency"), queryset=Unit.objects.none())
    on = date_field(gettext_lazy("Notified on"), validators=[_not_future])
    findings = forms.CharField(label=gettext_lazy("Findings to rectify"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Unit.objects.filter(
            pk__in=campaign.agencies.values("agency")).order_by("sort")


class CloseForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    on = date_field(gettext_lazy("Date of the act"), validators=[_not_future])
    text = forms.CharField(label=gettext_lazy("Report or opinion"), widget=forms.Textarea(attrs={"rows": 4}))


class WorkItemForm(forms.Form):
    adviser = forms.CharField(label=gettext_lazy("Legal adviser"), max_length=80)
    kind = forms.ChoiceField(label=gettext_lazy("Kind of work"), choices=WorkKind.choices)
    subject = forms.CharField(label=gettext_lazy("Subject"), max_length=200)
    requested_by = forms.ModelChoiceField(label=gettext_lazy("Requested by"), required=False,
                                          queryset=Unit.objects.none())
    assigned_on = date_field(gettext_lazy("Assigned on"), validators=[_not_future])
    due = date_field(gettext_lazy("Due"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["requested_by"].queryset = Unit.objects.filter(active=True).order_by("sort")


class AgreementForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Agreement"), max_length=200)
    counterparty = forms.CharField(label=gettext_lazy("Counterparty"), max_length=120)
    submitted_by = forms.ModelChoiceField(label=gettext_lazy("Submitted by"), required=False,
                                          queryset=Unit.objects.none())
    received_on = date_field(gettext_lazy("Received on"), validators=[_not_future])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["submitted_by"].queryset = Unit.objects.filter(active=True).order_by("sort")





# --- legality review and filing review ----------------------------------------------------------------------------

class LegalityForm(LikelyDuplicateMixin, forms.Form):
    """Warns of the same draft of the same body still under review or received the same day."""

    subject = forms.ChoiceField(label=gettext_lazy("Subject of the review"), choices=ReviewSubject.choices)
    title = forms.CharField(label=gettext_lazy("Draft reviewed"), max_length=200)
    submitted_by = forms.ModelChoiceField(label=gettext_lazy("Drafting body"), queryset=Unit.objects.none())
    received_on = date_field(gettext_lazy("Received on"), validators=[_not_future])

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["submitted_by"].queryset = Unit.objects.filter(active=True).order_by("sort")

    def likely_duplicates(self, data):
        from .models import LegalityReview

        if self.user is None:
            return []
        return (LegalityReview.objects.visible_to(self.user)
                .filter(submitted_by=data.get("submitted_by"), title=(data.get("title") or "").strip())
                .filter(Q(reviewed_on__isnull=True) | Q(received_on=data.get("received_on"))).order_by("-pk"))


class LegalityOpinionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    on = date_field(gettext_lazy("Opinion issued on"), validators=[_not_future])
    conclusion = forms.ChoiceField(label=gettext_lazy("Conclusion of the review"), choices=ReviewConclusion.choices)
    opinion = forms.CharField(label=gettext_lazy("Review opinion"), widget=forms.Textarea(attrs={"rows": 5}))


class FilingForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Normative document"), max_length=200)
    document_number = forms.CharField(label=gettext_lazy("Document number (文号)"), max_length=60)
    issued_by = forms.ModelChoiceField(label=gettext_lazy("Issuing body"), queryset=Unit.objects.none())
    published_on = date_field(pgettext_lazy("filing", "Published on"), validators=[_not_future])
    filed_on = date_field(gettext_lazy("Filed on"), validators=[_not_future])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issued_by"].queryset = Unit.objects.filter(active=True).order_by("sort")


class FilingStepForm(forms.Form):
    """One form for the filing's steps; `step` says which fields it shows (FILING_STEP_FIELDS)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    on = date_field(gettext_lazy("Date of the act"), validators=[_not_future])
    days = forms.IntegerField(label=gettext_lazy("Days of extension"), min_value=1, max_value=60)
    problem_found = forms.TypedChoiceField(
        label=gettext_lazy("Result of the filing review"), coerce=lambda v: v == "1",
        choices=[("0", gettext_lazy("No problem found: filed")),
                 ("1", gettext_lazy("Problem found: order the issuing body to correct it"))])
    text = forms.CharField(label=gettext_lazy("Opinion, reason or note"), widget=forms.Textarea(attrs={"rows": 4}))
    decision_number = forms.CharField(label=gettext_lazy("Revocation decision number"), max_length=60)

    def __init__(self, *args, step: str, **kwargs):
        super().__init__(*args, **kwargs)
        keep = {"version", "on", *FILING_STEP_FIELDS[step]}
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]


FILING_STEP_FIELDS = {"extend": ("days", "text"), "review": ("problem_found", "text"), "corrected": ("text",),
                      "not_corrected": ("text",), "revoke": ("decision_number",)}


class SheetForm(forms.Form):
    """The scoring sheet as text (evaluation.parse_vetoes, parse_sections), checked by evaluation.check_sheet."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    name = forms.CharField(label=gettext_lazy("Name of the sheet"), max_length=120)
    vetoes = forms.CharField(
        label=gettext_lazy("Veto items"), required=False, widget=forms.Textarea(attrs={"rows": 9}),
        help_text=gettext_lazy("One a line: a code (lower-case letters, digits, _), a space, the item. Any one found "
                               "makes the file fail at 0."))
    sections = forms.CharField(
        label=gettext_lazy("Sections and their deduction items"), widget=forms.Textarea(attrs={"rows": 14}),
        help_text=gettext_lazy("A section line: code, name, cap (the most it loses; the caps add up to 100). Under "
                               "it, one item a line starting with “-”: code, name, points deducted per defect."))
    excellent_from = forms.DecimalField(label=gettext_lazy("Excellent from"), max_digits=5, decimal_places=1)
    pass_from = forms.DecimalField(label=gettext_lazy("Pass from"), max_digits=5, decimal_places=1)

    def clean_vetoes(self):
        from .evaluation import parse_vetoes

        value, errors = parse_vetoes(self.cleaned_data["vetoes"])
        if errors:
            raise ValidationError(errors)
        return value

    def clean_sections(self):
        from .evaluation import parse_sections

        value, errors = parse_sections(self.cleaned_data["sections"])
        if errors:
            raise ValidationError(errors)
        return value

    def clean(self):
        from .evaluation import check_sheet

        data = super().clean()
        if all(k in data for k in ("vetoes", "sections", "excellent_from", "pass_from")):
            for field, message in check_sheet(vetoes=data["vetoes"], sections=data["sections"],
                                              excellent_from=data["excellent_from"], pass_from=data["pass_from"]):
                self.add_error(field, message)
        return data


DUE_CHOICES = [("", "—"), ("overdue", gettext_lazy("Overdue")), ("soon", gettext_lazy("Due soon"))]


class LegalityFilterForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Search"), required=False)
    subject = forms.ChoiceField(label=gettext_lazy("Subject of the review"), required=False,
                                choices=[("", "—"), *ReviewSubject.choices])
    conclusion = forms.ChoiceField(label=gettext_lazy("Conclusion of the review"), required=False,
                                   choices=[("", "—"), *ReviewConclusion.choices])
    submitted_by = forms.ModelChoiceField(label=gettext_lazy("Drafting body"), required=False,
                                          queryset=Unit.objects.none())
    due = forms.ChoiceField(label=gettext_lazy("Time limit"), required=False, choices=DUE_CHOICES)
    open = forms.BooleanField(label=gettext_lazy("Open only"), required=False)
    sort = forms.ChoiceField(label=gettext_lazy("Sort"), required=False,
                             choices=[("-received", gettext_lazy("Newest first")),
                                      ("received", gettext_lazy("Oldest first")),
                                      ("due", gettext_lazy("By the day due"))])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["submitted_by"].queryset = Unit.objects.filter(active=True).order_by("sort")


class FilingFilterForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Title or document number"), required=False)
    state = forms.ChoiceField(label=pgettext_lazy("filing", "State"), required=False,
                              choices=[("", "—"), *FilingState.choices])
    outcome = forms.ChoiceField(label=pgettext_lazy("filing", "Outcome"), required=False,
                                choices=[("", "—"), *FilingOutcome.choices])
    issued_by = forms.ModelChoiceField(label=gettext_lazy("Issuing body"), required=False,
                                       queryset=Unit.objects.none())
    due = forms.ChoiceField(label=gettext_lazy("Time limit"), required=False, choices=DUE_CHOICES)
    late = forms.BooleanField(label=gettext_lazy("Filed late only"), required=False)
    date_from = date_field(gettext_lazy("Filed from"), required=False)
    date_to = date_field(gettext_lazy("Filed to"), required=False)
    sort = forms.ChoiceField(label=gettext_lazy("Sort"), required=False,
                             choices=[("-filed", gettext_lazy("Newest first")), ("filed", gettext_lazy("Oldest first")),
                                      ("published", gettext_lazy("By the day published"))])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issued_by"].queryset = Unit.objects.filter(active=True).order_by("sort")


class QuarterForm(forms.Form):
    year = forms.IntegerField(label=gettext_lazy("Year"), min_value=2000, max_value=2100)
    quarter = forms.ChoiceField(label=gettext_lazy("Quarter"), choices=[(str(q), str(q)) for q in (1, 2, 3, 4)])

"""The forms of enforcement supervision: the step forms of the certificate procedure (core.steps.StepForm), the
registration forms and the list filters. Errors are said in the user's language on the field."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy, pgettext_lazy

from sifa.core.forms import date_field
from sifa.core.models import Unit, UnitKind
from sifa.core.steps import StepForm
from sifa.core.validators import parse_id_number

from .models import ApplicationKind, Qualification, State, WorkKind


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

class OfficerForm(forms.Form):
    agency = forms.ModelChoiceField(label=gettext_lazy("Agency"), queryset=Unit.objects.none())
    name = forms.CharField(label=gettext_lazy("Name"), max_length=60)
    id_number = forms.CharField(label=gettext_lazy("ID number"), max_length=18, required=False)
    staff_number = forms.CharField(label=gettext_lazy("Staff number at the agency"), max_length=40, required=False)
    post = forms.CharField(label=gettext_lazy("Post"), max_length=80)
    qualification = forms.ChoiceField(label=gettext_lazy("Qualification"), choices=Qualification.choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies()

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
                                      ("received", gettext_lazy("Oldest first"))])

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




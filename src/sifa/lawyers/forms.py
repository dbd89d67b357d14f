"""The forms of the lawyers' line: the licensing steps, registration of a matter and of a complaint, the filters."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy, pgettext_lazy

from sifa.core.complaints import Channel, Outcome
from sifa.core.complaints import State as ComplaintState
from sifa.core.forms import date_field
from sifa.core.lists import Sorts
from sifa.core.steps import StepForm

from .models import LawFirm, Lawyer, LicensingState, MatterKind, Opinion

DUE = [("", "—"), ("overdue", gettext_lazy("Overdue")), ("soon", gettext_lazy("Due soon"))]
SORTS = Sorts({"-received": ("-received_on", "-pk"), "received": ("received_on", "pk"),
               "number": ("number", "pk")}, default="-received")
SORT_CHOICES = [("-received", gettext_lazy("Newest first")), ("received", gettext_lazy("Oldest first")),
                ("number", gettext_lazy("By number"))]


class ReportForm(StepForm):
    opinion = forms.ChoiceField(label=gettext_lazy("Preliminary review opinion"), choices=Opinion.choices)
    opinion_text = forms.CharField(label=gettext_lazy("Reasons of the opinion"), widget=forms.Textarea,
                                   required=False)


class DecisionForm(StepForm):
    decision_number = forms.CharField(label=gettext_lazy("City decision or certificate number"), max_length=60)


class MatterForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Matter"), choices=MatterKind.choices)
    applicant = forms.CharField(label=gettext_lazy("Applicant"), max_length=120)
    firm = forms.ModelChoiceField(label=gettext_lazy("Law firm"), queryset=LawFirm.objects.none(), required=False)
    received_on = date_field(gettext_lazy("Accepted on"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["firm"].queryset = LawFirm.objects.visible_to(user)


class ComplaintForm(forms.Form):
    received_on = date_field(pgettext_lazy("complaint", "Received on"))
    channel = forms.ChoiceField(label=pgettext_lazy("complaint", "Channel"), choices=Channel.choices)
    complainant = forms.CharField(label=pgettext_lazy("complaint", "Complainant"), max_length=120)
    complainant_address = forms.CharField(label=pgettext_lazy("complaint", "Complainant's address"), max_length=200,
                                          required=False)
    respondent_firm = forms.ModelChoiceField(label=gettext_lazy("Law firm complained of"),
                                             queryset=LawFirm.objects.none())
    respondent_lawyer = forms.ModelChoiceField(label=gettext_lazy("Lawyer complained of"),
                                               queryset=Lawyer.objects.none(), required=False)
    matter = forms.CharField(label=pgettext_lazy("complaint", "What is complained of"), widget=forms.Textarea)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["respondent_firm"].queryset = LawFirm.objects.visible_to(user)
        self.fields["respondent_lawyer"].queryset = Lawyer.objects.visible_to(user).select_related("institution")

    def clean(self):
        data = super().clean()
        lawyer, firm = data.get("respondent_lawyer"), data.get("respondent_firm")
        if lawyer and firm and lawyer.institution_id != firm.pk:
            self.add_error("respondent_lawyer", gettext_lazy("This lawyer does not practise in that firm."))
        return data


class MatterFilterForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Number or applicant"), required=False, max_length=60)
    kind = forms.ChoiceField(label=gettext_lazy("Matter"), required=False, choices=[("", "—"), *MatterKind.choices])
    state = forms.ChoiceField(label=gettext_lazy("State"), required=False,
                              choices=[("", "—"), *LicensingState.choices])
    due = forms.ChoiceField(label=gettext_lazy("Time limits"), required=False, choices=DUE)
    date_from = date_field(gettext_lazy("Accepted from"), required=False)
    date_to = date_field(gettext_lazy("Accepted to"), required=False)
    sort = forms.ChoiceField(label=gettext_lazy("Sort"), required=False, choices=SORT_CHOICES)


class ComplaintFilterForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Number or complainant"), required=False, max_length=60)
    state = forms.ChoiceField(label=gettext_lazy("State"), required=False,
                              choices=[("", "—"), *ComplaintState.choices])
    outcome = forms.ChoiceField(label=pgettext_lazy("complaint", "Outcome"), required=False,
                                choices=[("", "—"), *Outcome.choices])
    due = forms.ChoiceField(label=gettext_lazy("Time limits"), required=False, choices=DUE)
    date_from = date_field(gettext_lazy("Received from"), required=False)
    date_to = date_field(gettext_lazy("Received to"), required=False)
    sort = forms.ChoiceField(label=gettext_lazy("Sort"), required=False, choices=SORT_CHOICES)

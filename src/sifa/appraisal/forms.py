"""The forms of forensic appraisal: the proposal steps, registration of a complaint and of a proposal."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy

from sifa.core.complaint_views import RegisterForm
from sifa.core.forms import LikelyDuplicateMixin, date_field
from sifa.core.steps import StepForm

from .models import AppraisalInstitution


class FollowUpForm(StepForm):
    note = forms.CharField(label=gettext_lazy("What was found"), widget=forms.Textarea)


class ComplaintForm(LikelyDuplicateMixin, RegisterForm):
    def likely_duplicates(self, data):
        """A complaint by the same complainant against the same respondent, received the same day or still open."""
        from sifa.core.complaints import OPEN

        from .models import AppraisalComplaint

        if not data.get("complainant") or not data.get("respondent_institution") or not data.get("received_on"):
            return []
        return (AppraisalComplaint.objects.visible_to(self.user)
                .filter(complainant=data["complainant"].strip(), respondent_institution=data["respondent_institution"])
                .filter(Q(received_on=data["received_on"]) | Q(state__in=OPEN)).order_by("pk"))

    respondent_institution = forms.ModelChoiceField(label=gettext_lazy("Institution complained of"),
                                                    queryset=AppraisalInstitution.objects.none())

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["respondent_institution"].queryset = AppraisalInstitution.objects.visible_to(user)


class ProposalForm(forms.Form):
    institution = forms.ModelChoiceField(label=gettext_lazy("Appraisal institution"),
                                         queryset=AppraisalInstitution.objects.none())
    issued_on = date_field(gettext_lazy("Issued on"))
    findings = forms.CharField(label=gettext_lazy("Problems found"), widget=forms.Textarea)
    requirements = forms.CharField(label=gettext_lazy("Rectification required"), widget=forms.Textarea)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["institution"].queryset = AppraisalInstitution.objects.visible_to(user)


class CloseWarningForm(forms.Form):
    handling = forms.CharField(label=gettext_lazy("How the warning was handled"), widget=forms.Textarea)
    on = date_field(gettext_lazy("Warning closed on"))


class PeriodForm(forms.Form):
    start = date_field(gettext_lazy("From"))
    end = date_field(gettext_lazy("To"))

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            self.add_error("end", gettext_lazy("The end of the period is before its start."))
        return data

"""The forms of the lawyers' line: the licensing steps, registration of a matter and of a complaint, the filters."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy

from sifa.core.complaint_views import DUE, SORT_CHOICES, SORTS, RegisterForm
from sifa.core.complaints import PenaltyKind
from sifa.core.forms import LikelyDuplicateMixin, date_field
from sifa.core.steps import StepForm

from .models import LawFirm, Lawyer, LicensingState, MatterKind, Opinion
from .penalties import Circumstance, violation_choices

__all__ = ["DUE", "SORTS", "ComplaintForm", "DecisionForm", "MatterFilterForm", "MatterForm", "PenaltyForm", "ReportForm"]


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


class ComplaintForm(LikelyDuplicateMixin, RegisterForm):
    def likely_duplicates(self, data):
        """A complaint by the same complainant against the same respondent, received the same day or still open."""
        from sifa.core.complaints import OPEN

        from .models import LawyerComplaint

        if not data.get("complainant") or not data.get("respondent_firm") or not data.get("received_on"):
            return []
        return (LawyerComplaint.objects.visible_to(self.user)
                .filter(complainant=data["complainant"].strip(), respondent_firm=data["respondent_firm"])
                .filter(Q(received_on=data["received_on"]) | Q(state__in=OPEN)).order_by("pk"))

    respondent_firm = forms.ModelChoiceField(label=gettext_lazy("Law firm complained of"),
                                             queryset=LawFirm.objects.none())
    respondent_lawyer = forms.ModelChoiceField(label=gettext_lazy("Lawyer complained of"),
                                               queryset=Lawyer.objects.none(), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
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


class PenaltyForm(forms.Form):
    """The penalty decision of a complaint: the violation and circumstances (the discretion table suggests the
    penalty), the penalty decided and, when it departs from the suggestion, the reason."""

    violation = forms.ChoiceField(label=gettext_lazy("Violation"))
    circumstance = forms.ChoiceField(label=gettext_lazy("Circumstances"), choices=Circumstance.choices)
    facts = forms.CharField(label=gettext_lazy("Facts found"), widget=forms.Textarea)
    penalty_kind = forms.ChoiceField(label=gettext_lazy("Penalty decided"), choices=PenaltyKind.choices)
    fine = forms.DecimalField(label=gettext_lazy("Fine (yuan)"), min_value=0, max_digits=10, decimal_places=2,
                              required=False)
    months = forms.IntegerField(label=gettext_lazy("Months of suspension"), min_value=0, max_value=12,
                                required=False)
    confiscated = forms.DecimalField(label=gettext_lazy("Illegal gains confiscated (yuan)"), min_value=0,
                                     max_digits=12, decimal_places=2, required=False)
    departure_reason = forms.CharField(label=gettext_lazy("Reason for departing from the suggestion"),
                                       widget=forms.Textarea, required=False)
    on = date_field(gettext_lazy("Date of the penalty decision"))

    def __init__(self, *args, complaint, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["violation"].choices = violation_choices(None if complaint.respondent_lawyer_id else "firm")
        self.fields["penalty_kind"].initial = complaint.penalty_kind

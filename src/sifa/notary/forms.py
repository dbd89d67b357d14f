"""The forms of notarisation: the step forms of the procedure table (core.steps.StepForm), registration at the
window, the citizen's online application (the portal) and the list filters. Errors are said on the field."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from sifa.core.forms import date_field
from sifa.core.steps import StepForm
from sifa.core.validators import parse_id_number, validate_mobile

from .models import IN_PERSON_MATTERS, Assessment, Channel, Matter, Refund, RefusalGround, State


def _not_future(value):
    if value and value > timezone.localdate():
        raise ValidationError(gettext_lazy("This date is in the future."))
    return value


# --- step forms ---------------------------------------------------------------------------------------------

def _amount(label, *, required=False, help_text=""):
    return forms.DecimalField(label=label, required=required, min_value=0, max_digits=10, decimal_places=2,
                              help_text=help_text)


class AcceptForm(StepForm):
    notary = forms.CharField(label=gettext_lazy("Notary in charge"), max_length=60)
    fee = _amount(gettext_lazy("Notarial fee (yuan)"),
                  help_text=gettext_lazy("Empty: the district's fee for the matter."))


class FeeForm(StepForm):
    fee = _amount(gettext_lazy("Notarial fee (yuan)"), required=True)


class PauseForm(StepForm):
    reason = forms.CharField(label=gettext_lazy("What is needed, as the party will be told"),
                             widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=gettext_lazy("The time this takes is not counted in the 15 working days "
                                                    "(Art 30); the party is told."))


class IssueForm(StepForm):
    pass


class RefusalReportForm(StepForm):
    refusal_ground = forms.ChoiceField(label=gettext_lazy("Ground of refusal (Art 31)"),
                                       choices=RefusalGround.choices)
    refusal_reasons = forms.CharField(label=gettext_lazy("Reasons, as the party will read them"),
                                      widget=forms.Textarea(attrs={"rows": 4}))


class RefusalApprovalForm(StepForm):
    note = forms.CharField(label=gettext_lazy("Head's opinion"), required=False, max_length=500,
                           widget=forms.Textarea(attrs={"rows": 2}))


class RefusalReturnForm(StepForm):
    note = forms.CharField(label=gettext_lazy("Why the refusal is not approved"), max_length=500,
                           widget=forms.Textarea(attrs={"rows": 2}))


class _RefundFields(StepForm):
    refund = forms.ChoiceField(label=gettext_lazy("Fee refund"), choices=Refund.choices)
    refund_amount = _amount(gettext_lazy("Amount refunded (yuan)"),
                            help_text=gettext_lazy("Only for a partial refund; a full refund returns the whole fee."))


class RefuseForm(_RefundFields):
    pass


class WithdrawForm(_RefundFields):
    withdrawal_reason = forms.CharField(label=gettext_lazy("Reason for the withdrawal"), max_length=200)
    field_order = ["on", "withdrawal_reason", "refund", "refund_amount"]


class ReviewRequestForm(StepForm):
    review_requester = forms.CharField(label=gettext_lazy("Requested by (party or interested person)"),
                                       max_length=120)
    review_grounds = forms.CharField(label=gettext_lazy("What is said to be wrong"),
                                     widget=forms.Textarea(attrs={"rows": 3}))


class ReviewDecisionForm(StepForm):
    review_reasons = forms.CharField(label=gettext_lazy("Findings of the review"),
                                     widget=forms.Textarea(attrs={"rows": 3}))


# --- registration -------------------------------------------------------------------------------------------

class _ApplicantFields(forms.Form):
    name = forms.CharField(label=pgettext_lazy("person", "Name"), max_length=60)
    id_number = forms.CharField(label=gettext_lazy("Resident ID number"), max_length=18, required=False,
                                validators=[lambda v: parse_id_number(v.upper())])
    phone = forms.CharField(label=gettext_lazy("Mobile number"), max_length=20, required=False,
                            validators=[validate_mobile])
    matter = forms.ChoiceField(label=gettext_lazy("Notarial matter"), choices=Matter.choices)
    for_use_abroad = forms.BooleanField(label=gettext_lazy("For use outside the mainland (incl. HK, Macao, Taiwan)"),
                                        required=False)
    purpose = forms.CharField(label=gettext_lazy("Purpose of the certificate"), max_length=200, required=False)


class ApplicationForm(_ApplicantFields):
    received_on = date_field(gettext_lazy("Received on"), validators=[_not_future])
    channel = forms.ChoiceField(label=pgettext_lazy("notarisation", "Channel"), choices=Channel.choices)
    accept_now = forms.BooleanField(label=gettext_lazy("Accept at once (受理)"), required=False, initial=True)
    notary = forms.CharField(label=gettext_lazy("Notary in charge"), max_length=60, required=False)

    def clean(self):
        data = super().clean()
        if data.get("accept_now") and not (data.get("notary") or "").strip():
            self.add_error("notary", _("Name the notary who accepts the application."))
        return data


class OnlineApplicationForm(_ApplicantFields):
    """The citizen's application on the portal: the ID and mobile numbers are required (the progress look-up)."""

    channel = forms.ChoiceField(label=gettext_lazy("How you wish to complete it"),
                                choices=[(Channel.ZERO_VISIT, Channel.ZERO_VISIT.label),
                                         (Channel.ONE_VISIT, Channel.ONE_VISIT.label)])
    details = forms.CharField(label=gettext_lazy("What you need certified"), max_length=1000,
                              widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["id_number"].required = True
        self.fields["phone"].required = True

    def clean(self):
        data = super().clean()
        if data.get("channel") == Channel.ZERO_VISIT and data.get("matter") in IN_PERSON_MATTERS:
            self.add_error("channel", _("Wills, proof of life and adoption must be handled by the person in person "
                                        "(Notarization Law, Art 26): choose “at most one visit”."))
        return data

    def applicant_key(self) -> str:
        return (self.cleaned_data.get("id_number") or "").upper()


# --- filters ------------------------------------------------------------------------------------------------

SORT_CHOICES = [("-received", gettext_lazy("Newest first")), ("received", gettext_lazy("Oldest first")),
                ("-accepted", gettext_lazy("Accepted, newest first"))]
DUE_CHOICES = [("", gettext_lazy("Any")), ("overdue", gettext_lazy("Overdue")), ("soon", gettext_lazy("Due soon"))]


class FilterForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Number or name"), required=False, max_length=60)
    state = forms.ChoiceField(label=gettext_lazy("State"), required=False, choices=[("", "—"), *State.choices])
    matter = forms.ChoiceField(label=gettext_lazy("Notarial matter"), required=False,
                               choices=[("", "—"), *Matter.choices])
    group = forms.ChoiceField(label=gettext_lazy("Matter group"), required=False,
                              choices=[("", "—"), ("civil", gettext_lazy("Domestic civil")),
                                       ("economic", gettext_lazy("Domestic economic")),
                                       ("foreign", gettext_lazy("Foreign-related (incl. Hong Kong, Macao, Taiwan)"))])
    channel = forms.ChoiceField(label=pgettext_lazy("notarisation", "Channel"), required=False,
                                choices=[("", "—"), *Channel.choices])
    due = forms.ChoiceField(label=gettext_lazy("Time limits"), required=False, choices=DUE_CHOICES)
    date_from = date_field(gettext_lazy("Received from"), required=False)
    date_to = date_field(gettext_lazy("Received to"), required=False)
    sort = forms.ChoiceField(label=gettext_lazy("Sort"), required=False, choices=SORT_CHOICES)


class ExtendForm(StepForm):
    days = forms.IntegerField(label=gettext_lazy("Days to add"), min_value=1, max_value=30)
    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=200)


# --- the roster of notaries ---------------------------------------------------------------------------------

class NotaryForm(forms.Form):
    name = forms.CharField(label=pgettext_lazy("person", "Name"), max_length=60)
    certificate_number = forms.CharField(label=gettext_lazy("Practice certificate number"), max_length=30)
    practising_since = date_field(gettext_lazy("Practising since"), required=False, validators=[_not_future])
    active = forms.BooleanField(label=gettext_lazy("Practising"), required=False, initial=True)


class AssessmentForm(forms.Form):
    year = forms.IntegerField(label=gettext_lazy("Assessment year"), min_value=2000, max_value=2100)
    result = forms.ChoiceField(label=gettext_lazy("Assessment result"), choices=Assessment.choices)
    note = forms.CharField(label=gettext_lazy("Assessment note"), max_length=200, required=False)

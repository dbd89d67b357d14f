"""The forms of legal aid: the step forms of the procedure table (core.steps.StepForm), registration, the
consultation register and the list filters. Errors are said in the user's language on the field."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from sifa.core.forms import LikelyDuplicateMixin, date_field
from sifa.core.models import Unit, UnitKind
from sifa.core.steps import StepForm
from sifa.core.validators import parse_id_number, validate_mobile

from .models import (
    DUTY_PLACE_KINDS,
    Channel,
    ConsultationCategory,
    ConsultationChannel,
    DutyHelpKind,
    DutyPeriod,
    ExemptGround,
    Grade,
    HardshipMethod,
    MandatoryGround,
    MatterType,
    NotifyingOrgan,
    ProvisionalGround,
    Referral,
    RefusalGround,
    RosterLawyer,
    Satisfaction,
    ServiceForm,
    State,
    TerminationGround,
)
from .uploads import MaterialsField


def _not_future(value):
    if value and value > timezone.localdate():
        raise ValidationError(gettext_lazy("This date is in the future."))
    return value


# --- step forms (the procedure table's `form=`) -----------------------------------------------------------------

class HardshipForm(StepForm):
    method = forms.ChoiceField(label=gettext_lazy("How hardship is established"), choices=HardshipMethod.choices)
    exempt_ground = forms.ChoiceField(label=gettext_lazy("Exempt ground"), required=False,
                                      choices=[("", "—"), *ExemptGround.choices])
    household_size = forms.IntegerField(label=gettext_lazy("Household members"), required=False, min_value=1,
                                        max_value=30)
    household_monthly_income = forms.DecimalField(label=gettext_lazy("Household monthly disposable income (yuan)"),
                                                  required=False, min_value=0, max_digits=12, decimal_places=2)
    property_within_limit = forms.NullBooleanField(
        label=gettext_lazy("Property within the limit"), required=False,
        widget=forms.Select(choices=[("unknown", gettext_lazy("Not answered")), ("true", gettext_lazy("Yes")),
                                     ("false", gettext_lazy("No"))]))
    pledge_signed = forms.BooleanField(label=gettext_lazy("Integrity pledge signed (Art 41)"), required=False)

    def clean(self):
        data = super().clean()
        if data.get("method") == HardshipMethod.EXEMPT and not data.get("exempt_ground"):
            self.add_error("exempt_ground", _("Say on which ground the applicant is exempt."))
        return data


class MaterialsForm(StepForm):
    materials = forms.CharField(label=gettext_lazy("Materials to supplement or matters to explain"),
                                widget=forms.Textarea(attrs={"rows": 4}),
                                help_text=gettext_lazy("Everything at once: the law allows one notice only."))


class ExtendForm(StepForm):
    days = forms.IntegerField(label=gettext_lazy("Days to add"), min_value=1, max_value=10)
    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=200)


class GrantForm(StepForm):
    service_form = forms.ChoiceField(label=gettext_lazy("Form of service"), choices=ServiceForm.choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service_form"].initial = getattr(self.case, "service_form", None)


class ProvisionalForm(StepForm):
    provisional_ground = forms.ChoiceField(label=gettext_lazy("Ground for provisional aid"),
                                           choices=ProvisionalGround.choices)


class RefuseForm(StepForm):
    refusal_ground = forms.ChoiceField(label=gettext_lazy("Ground of refusal"), choices=RefusalGround.choices)
    refusal_reasons = forms.CharField(label=gettext_lazy("Reasons, as the applicant will read them"),
                                      widget=forms.Textarea(attrs={"rows": 4}))


class AssignForm(StepForm):
    law_firm = forms.ModelChoiceField(label=gettext_lazy("Law firm"), queryset=Unit.objects.none())
    lawyer = forms.CharField(label=gettext_lazy("Lawyer"), max_length=60)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["law_firm"].queryset = Unit.objects.filter(kind=UnitKind.LAW_FIRM, active=True).order_by("name")


class ProgressForm(StepForm):
    stage = forms.CharField(label=gettext_lazy("Stage"), max_length=60, required=False)
    note = forms.CharField(label=gettext_lazy("Report"), widget=forms.Textarea(attrs={"rows": 4}))


class CloseForm(StepForm):
    outcome = forms.CharField(label=gettext_lazy("Outcome and documents filed"), widget=forms.Textarea(attrs={"rows": 4}))


class LetterForm(StepForm):
    handling_organ = forms.CharField(label=gettext_lazy("Addressed to (the court, procuratorate, police or agency)"),
                                     max_length=120)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handling_organ"].initial = getattr(self.case, "handling_organ", "")


class ReviewForm(StepForm):
    """The closing review: one score per item of the sheet in force on the closing day, and the opinion."""

    opinion = forms.CharField(label=gettext_lazy("Review opinion"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        from .evaluation import sheet_on

        super().__init__(*args, **kwargs)
        day = getattr(self.case, "closed_on", None)
        self.sheet = sheet_on(day) if day else None
        for item in (self.sheet.items if self.sheet else []):
            self.fields[f"score_{item['code']}"] = forms.IntegerField(
                label=f"{item['label']}（{item['max']}）", min_value=0, max_value=int(item["max"]))
        self.order_fields([f for f in self.fields if f.startswith("score_")] + ["opinion", "on"])

    def clean(self):
        data = super().clean()
        data["scores"] = {k.removeprefix("score_"): v for k, v in data.items() if k.startswith("score_")}
        return data


class TerminateForm(StepForm):
    termination_ground = forms.ChoiceField(label=gettext_lazy("Ground of termination"),
                                           choices=TerminationGround.choices)
    termination_reasons = forms.CharField(label=gettext_lazy("Reasons"), widget=forms.Textarea(attrs={"rows": 3}))


class ObjectionForm(StepForm):
    grounds = forms.CharField(label=gettext_lazy("Grounds of the objection"), widget=forms.Textarea(attrs={"rows": 3}))


class ObjectionDecisionForm(StepForm):
    reasons = forms.CharField(label=gettext_lazy("Reasons"), widget=forms.Textarea(attrs={"rows": 3}))


# --- registration ---------------------------------------------------------------------------------------------

class _PersonFields(forms.Form):
    """The applicant or aided person: the numbers checked by core's validators, encrypted by the service."""

    name = forms.CharField(label=pgettext_lazy("person", "Name"), max_length=60)
    id_number = forms.CharField(label=gettext_lazy("Resident ID number"), max_length=18, required=False,
                                validators=[lambda v: parse_id_number(v.upper())])
    phone = forms.CharField(label=gettext_lazy("Mobile number"), max_length=20, required=False,
                            validators=[validate_mobile])
    address = forms.CharField(label=gettext_lazy("Address"), max_length=200, required=False)


class _LikelyDuplicate(LikelyDuplicateMixin):
    """Warn of a case already registered for the same person (by the whole ID number when given, else by the name)
    received the same day or still open (core.forms.LikelyDuplicateMixin)."""

    def __init__(self, *args, user=None, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def likely_duplicates(self, data):
        from sifa.core import crypto

        from .models import LegalAidCase
        from .selectors import OPEN

        if self.user is None or not data.get("name") or not data.get("received_on"):
            return []
        number = (data.get("id_number") or "").strip().upper()
        person = Q(applicant__id_number_hash=crypto.lookup_hash(number)) if number else \
            Q(applicant__name=data["name"].strip())
        return (LegalAidCase.objects.visible_to(self.user).filter(person)
                .filter(Q(received_on=data["received_on"]) | Q(state__in=OPEN)).order_by("-received_on", "-pk"))


class ApplicationForm(_LikelyDuplicate, _PersonFields):
    received_on = date_field(gettext_lazy("Received on"), validators=[_not_future])
    channel = forms.ChoiceField(label=pgettext_lazy("legal aid", "Channel"),
                                choices=[c for c in Channel.choices if c[0] != Channel.NOTICE])
    matter_type = forms.ChoiceField(label=gettext_lazy("Matter type"), choices=MatterType.choices)
    service_form = forms.ChoiceField(label=gettext_lazy("Form of service"), choices=ServiceForm.choices)
    matter = forms.CharField(label=pgettext_lazy("legal aid", "The matter"), widget=forms.Textarea(attrs={"rows": 4}))
    opposing_party = forms.CharField(label=gettext_lazy("Opposing party"), max_length=120, required=False)
    handling_organ = forms.CharField(label=gettext_lazy("Handling organ"), max_length=120, required=False)


class OnlineApplicationForm(_PersonFields):
    """A citizen's application on the portal (法律援助法 第三十八条; 一网通办): received the day it is sent."""

    matter_type = forms.ChoiceField(label=gettext_lazy("Matter type"), choices=MatterType.choices)
    service_form = forms.ChoiceField(label=gettext_lazy("Help needed"), choices=ServiceForm.choices,
                                     initial=ServiceForm.LITIGATION)
    matter = forms.CharField(label=gettext_lazy("What happened and what you ask for"), max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 5}))
    opposing_party = forms.CharField(label=gettext_lazy("Opposing party"), max_length=120, required=False)
    handling_organ = forms.CharField(label=gettext_lazy("Handling organ"), max_length=120, required=False,
                                     help_text=gettext_lazy("The court, arbitration body or agency, if the matter "
                                                            "is already before one."))
    materials = MaterialsField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("id_number", "phone"):
            self.fields[name].required = True
        self.fields["phone"].help_text = gettext_lazy("With the receipt number, it lets you follow your application.")

    def clean_id_number(self):
        return self.cleaned_data["id_number"].strip().upper()

    def applicant_key(self) -> str:
        """Who applies: the portal limits submissions per applicant."""
        return self.cleaned_data["id_number"]


class NotificationForm(_LikelyDuplicate, _PersonFields):
    received_on = date_field(gettext_lazy("Notice received on"), validators=[_not_future])
    notifying_organ = forms.ChoiceField(label=gettext_lazy("Notifying organ"), choices=NotifyingOrgan.choices)
    notifying_unit = forms.ModelChoiceField(label=gettext_lazy("Notifying body"), queryset=Unit.objects.none(),
                                            required=False)
    notice_number = forms.CharField(label=gettext_lazy("Notice number"), max_length=80)
    mandatory_ground = forms.ChoiceField(label=gettext_lazy("Ground for notification"),
                                         choices=MandatoryGround.choices)
    service_form = forms.ChoiceField(label=gettext_lazy("Form of service"), choices=[
        (ServiceForm.CRIMINAL_DEFENCE, ServiceForm.CRIMINAL_DEFENCE.label),
        (ServiceForm.CRIMINAL_REPRESENTATION, ServiceForm.CRIMINAL_REPRESENTATION.label)])
    matter = forms.CharField(label=gettext_lazy("Charge and stage"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["notifying_unit"].queryset = Unit.objects.filter(
            kind__in=[UnitKind.COURT, UnitKind.PROCURATORATE, UnitKind.PUBLIC_SECURITY]).order_by("path")


class ConsultationForm(forms.Form):
    consulted_on = date_field(gettext_lazy("Date"), validators=[_not_future])
    channel = forms.ChoiceField(label=pgettext_lazy("consultation", "Channel"), choices=ConsultationChannel.choices)
    name = forms.CharField(label=gettext_lazy("Name of the person"), max_length=60, required=False)
    persons = forms.IntegerField(label=gettext_lazy("Persons"), min_value=1, max_value=50, initial=1)
    category = forms.ChoiceField(label=gettext_lazy("Category"), choices=ConsultationCategory.choices)
    question = forms.CharField(label=gettext_lazy("Question"), widget=forms.Textarea(attrs={"rows": 3}))
    answer = forms.CharField(label=gettext_lazy("Answer given"), widget=forms.Textarea(attrs={"rows": 3}))
    referral = forms.ChoiceField(label=gettext_lazy("Referred to"), choices=Referral.choices, required=False)
    callback_requested = forms.BooleanField(label=gettext_lazy("Callback requested"), required=False)
    satisfaction = forms.ChoiceField(label=gettext_lazy("Satisfaction"), choices=Satisfaction.choices,
                                     required=False)


class CallbackForm(forms.Form):
    on = date_field(gettext_lazy("Date of the call"), validators=[_not_future])
    reached = forms.BooleanField(label=gettext_lazy("Reached the person"), required=False)
    satisfaction = forms.ChoiceField(label=gettext_lazy("Satisfaction"), choices=Satisfaction.choices,
                                     required=False)


# --- filters --------------------------------------------------------------------------------------------------

DUE_CHOICES = [("", gettext_lazy("Any")), ("overdue", gettext_lazy("Overdue")), ("soon", gettext_lazy("Due soon"))]


class CaseFilterForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Number, name, or whole ID or mobile number"), required=False,
                        max_length=60)
    state = forms.ChoiceField(label=gettext_lazy("State"), required=False, choices=[("", "—"), *State.choices])
    source = forms.ChoiceField(label=pgettext_lazy("legal aid", "Source"), required=False,
                               choices=[("", "—"), ("application", gettext_lazy("Application")),
                                        ("notification", gettext_lazy("Notification"))])
    matter_type = forms.ChoiceField(label=gettext_lazy("Matter type"), required=False,
                                    choices=[("", "—"), *MatterType.choices])
    mine = forms.BooleanField(label=gettext_lazy("Mine only"), required=False)
    due = forms.ChoiceField(label=gettext_lazy("Time limits"), required=False, choices=DUE_CHOICES)
    date_from = date_field(gettext_lazy("Received from"), required=False)
    date_to = date_field(gettext_lazy("Received to"), required=False)


class ConsultationFilterForm(forms.Form):
    channel = forms.ChoiceField(label=pgettext_lazy("consultation", "Channel"), required=False,
                                choices=[("", "—"), *ConsultationChannel.choices])
    category = forms.ChoiceField(label=gettext_lazy("Category"), required=False,
                                 choices=[("", "—"), *ConsultationCategory.choices])
    callback = forms.BooleanField(label=gettext_lazy("Callback open"), required=False)
    date_from = date_field(gettext_lazy("From"), required=False)
    date_to = date_field(gettext_lazy("To"), required=False)


# --- materials ------------------------------------------------------------------------------------------------

class MaterialForm(forms.Form):
    """The centre adds materials handed in at the window or sent after a notice for materials."""

    files = MaterialsField(required=True)
    description = forms.CharField(label=gettext_lazy("Description of the materials"), max_length=200, required=False)


class PortalMaterialsForm(forms.Form):
    """The applicant supplements materials from the progress page; `token` proves the look-up just made."""

    token = forms.CharField(widget=forms.HiddenInput, max_length=400)
    files = MaterialsField(required=True)


# --- the duty schedule ----------------------------------------------------------------------------------------

def duty_places():
    return Unit.objects.filter(kind__in=DUTY_PLACE_KINDS, active=True).order_by("path")


class DutyShiftForm(forms.Form):
    on = date_field(gettext_lazy("Duty date"))
    period = forms.ChoiceField(label=gettext_lazy("Duty period"), choices=DutyPeriod.choices)
    place = forms.ModelChoiceField(label=gettext_lazy("Duty place"), queryset=Unit.objects.none())
    lawyer = forms.ModelChoiceField(label=gettext_lazy("Duty lawyer"), queryset=RosterLawyer.objects.none())
    note = forms.CharField(label=gettext_lazy("Note"), max_length=200, required=False)

    def __init__(self, *args, centre=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"].queryset = duty_places()
        self.fields["lawyer"].queryset = RosterLawyer.objects.filter(unit=centre, active=True).select_related(
            "law_firm") if centre is not None else RosterLawyer.objects.none()


class DutyRecordForm(forms.Form):
    served = forms.TypedChoiceField(label=gettext_lazy("Duty served"), coerce=lambda v: v == "yes",
                                    choices=[("yes", gettext_lazy("Served")), ("no", gettext_lazy("Missed"))])
    note = forms.CharField(label=gettext_lazy("Note"), max_length=200, required=False)


class DutyHelpForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Help given"), choices=DutyHelpKind.choices)
    category = forms.ChoiceField(label=gettext_lazy("Category"), choices=ConsultationCategory.choices)
    persons = forms.IntegerField(label=gettext_lazy("Persons helped"), min_value=1, max_value=50, initial=1)
    note = forms.CharField(label=gettext_lazy("Note"), max_length=300, required=False)


DUTY_STATE_CHOICES = [("", "—"), ("planned", gettext_lazy("Not yet recorded")),
                      ("served", gettext_lazy("Served")), ("missed", gettext_lazy("Missed"))]


class DutyFilterForm(forms.Form):
    place = forms.ModelChoiceField(label=gettext_lazy("Duty place"), queryset=Unit.objects.none(), required=False)
    lawyer = forms.CharField(label=gettext_lazy("Lawyer"), max_length=60, required=False)
    status = forms.ChoiceField(label=gettext_lazy("Duty record"), required=False, choices=DUTY_STATE_CHOICES)
    date_from = date_field(gettext_lazy("From"), required=False)
    date_to = date_field(gettext_lazy("To"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"].queryset = duty_places()


class SubsidyFilterForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Case number or lawyer"), required=False, max_length=60)
    grade = forms.ChoiceField(label=pgettext_lazy("quality grade", "Grade"), required=False,
                              choices=[("", "—"), *Grade.choices])
    approval = forms.ChoiceField(label=gettext_lazy("Approval"), required=False,
                                 choices=[("", "—"), ("approved", pgettext_lazy("subsidy", "Approved")),
                                          ("pending", gettext_lazy("Awaiting approval"))])
    law_firm = forms.ModelChoiceField(label=gettext_lazy("Law firm"), required=False,
                                      queryset=Unit.objects.filter(kind=UnitKind.LAW_FIRM).order_by("path"))
    date_from = date_field(gettext_lazy("Reviewed from"), required=False)
    date_to = date_field(gettext_lazy("Reviewed to"), required=False)

"""The forms of the line: thin, validated here for shape, checked again by the services for the law."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sifa.core import lookups
from sifa.core.forms import LikelyDuplicateMixin, ModelChoiceField, ModelMultipleChoiceField, date_field
from sifa.core.models import Unit
from sifa.core.steps import StepForm
from sifa.core.validators import parse_id_number, validate_mobile

from . import selectors
from .models import (
    AgreementForm,
    CampaignMethod,
    Dispute,
    DisputeState,
    DisputeType,
    FindingState,
    Mediator,
    OtherRoute,
    PartyRole,
    ReceptionState,
    ReferralKind,
    RiskKind,
    Sector,
    Selector,
    Source,
    Track,
)


def active_types():
    return DisputeType.objects.active()


class UnitChoiceField(ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class UnitMultipleField(ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class MediatorField(ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        chief = str(_("chief")) if obj.is_chief else ""
        return f"{obj.name}{'（' + chief + '）' if chief else ''} · {obj.unit.short_name or obj.unit.name}"


# --- the list -----------------------------------------------------------------------------------------------

# The organisations a list is filtered by: a select for a district, a search box for a city's or a province's
# thousands (core.lookups).
ORGANISATIONS = lookups.register("mediation.organisations", lambda user: selectors.organisations(user=user),
                                 permission="mediation.view_dispute", key="code", search=("name", "short_name", "code"), label=lambda unit: unit.name)


class DisputeFilterForm(forms.Form):
    q = forms.CharField(label=_("Number or court reference"), required=False)
    state = forms.ChoiceField(label=_("State"), required=False, choices=[("", _("All"))] + DisputeState.choices)
    track = forms.ChoiceField(label=_("Track"), required=False, choices=[("", _("All"))] + Track.choices)
    dispute_type = ModelChoiceField(label=_("Dispute type"), required=False, queryset=DisputeType.objects.all(),
                                          empty_label=_("All"))
    source = forms.ChoiceField(label=_("Source"), required=False, choices=[("", _("All"))] + Source.choices)
    unit = lookups.LookupChoiceField(Unit.objects.none(), lookup=ORGANISATIONS, label=_("Mediation organisation"),
                                     required=False, empty_label=_("All"))
    date_from = date_field(_("Registered from"), required=False)
    date_to = date_field(_("Registered to"), required=False)
    risk = forms.ChoiceField(label=_("Risk"), required=False, choices=[
        ("", _("All")), ("any", _("Any risk flag")), ("criminal", _("Risk of turning criminal")),
        ("group_petition", _("Risk of a group petition"))])
    overdue = forms.BooleanField(label=_("Overdue clocks only"), required=False)
    sort = forms.ChoiceField(label=_("Sort"), required=False, choices=[
        ("-opened_on", _("Newest registered first")), ("opened_on", _("Oldest registered first")),
        ("-id", _("Last entered first"))])

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].scope(user)


# --- registration -------------------------------------------------------------------------------------------

class PartiesMixin(forms.Form):
    applicant = forms.CharField(label=_("Applicant"), max_length=120)
    applicant_id_number = forms.CharField(label=_("Applicant's ID number"), required=False, max_length=18)
    applicant_phone = forms.CharField(label=_("Applicant's mobile number"), required=False, max_length=20)
    respondents = forms.CharField(label=_("Other parties"), widget=forms.Textarea(attrs={"rows": 2}), required=False,
                                  help_text=_("One name a line."))

    def clean_applicant_id_number(self):
        value = self.cleaned_data["applicant_id_number"].strip().upper()
        if value:
            parse_id_number(value)
        return value

    def clean_applicant_phone(self):
        value = self.cleaned_data["applicant_phone"].strip()
        if value:
            validate_mobile(value)
        return value

    def respondent_names(self) -> list[str]:
        return [n.strip() for n in self.cleaned_data.get("respondents", "").splitlines() if n.strip()]


class DisputeForm(LikelyDuplicateMixin, PartiesMixin):
    unit = UnitChoiceField(label=_("Mediation committee"), queryset=Unit.objects.none())
    track = forms.ChoiceField(label=_("Track"), choices=[c for c in Track.choices if c[0] != Track.PRELITIGATION])
    dispute_type = ModelChoiceField(label=_("Dispute type"), queryset=DisputeType.objects.none())
    source = forms.ChoiceField(label=_("Source"), choices=[c for c in Source.choices if c[0] != Source.COURT])
    on = date_field(_("Registered on"), past=True)
    summary = forms.CharField(label=_("Summary of the dispute"), widget=forms.Textarea(attrs={"rows": 3}),
                              max_length=2000)
    amount_involved = forms.DecimalField(label=_("Amount involved (yuan)"), min_value=0, max_digits=14,
                                         decimal_places=2, initial=0)
    persons = forms.IntegerField(label=_("Persons involved"), min_value=1, initial=2)
    risk_criminal = forms.BooleanField(label=_("Risk of turning criminal (防止民转刑)"), required=False)
    risk_group_petition = forms.BooleanField(label=_("Risk of a group petition (群体性上访)"), required=False)
    mediators = MediatorField(label=_("Mediators"), queryset=Mediator.objects.none(), required=False)
    agency = UnitChoiceField(label=_("Administrative agency (administrative disputes)"), required=False,
                             queryset=Unit.objects.none())

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = selectors.committees(user=user)
        self.fields["dispute_type"].queryset = active_types()
        self.fields["mediators"].queryset = Mediator.objects.visible_to(user).filter(active=True).select_related("unit")
        self.fields["agency"].queryset = Unit.objects.filter(kind__in=["district_agency", "public_security"])
        self.fields["on"].initial = timezone.localdate()
        self.user = user

    def likely_duplicates(self, data):
        """A dispute registered the same day with the same applicant, in the organisations the user sees."""
        if not data.get("on") or not data.get("applicant"):
            return []
        return (Dispute.objects.visible_to(self.user)
                .filter(opened_on=data["on"], dispute_parties__role=PartyRole.APPLICANT,
                        dispute_parties__party__name=data["applicant"].strip())
                .distinct().order_by("pk"))


class PrelitigationForm(PartiesMixin):
    unit = UnitChoiceField(label=_("Mediation committee"), queryset=Unit.objects.none())
    court = UnitChoiceField(label=_("Referring court"), queryset=Unit.objects.none())
    court_reference = forms.CharField(label=_("Court's reference"), max_length=60)
    referral_kind = forms.ChoiceField(label=_("Referral kind"), choices=ReferralKind.choices)
    referred_on = date_field(_("Referred on"), past=True)
    on = date_field(_("Materials signed for on"), past=True)
    dispute_type = ModelChoiceField(label=_("Dispute type"), queryset=DisputeType.objects.none())
    summary = forms.CharField(label=_("Summary of the dispute"), widget=forms.Textarea(attrs={"rows": 3}),
                              required=False, max_length=2000)
    amount_involved = forms.DecimalField(label=_("Amount involved (yuan)"), min_value=0, max_digits=14,
                                         decimal_places=2, initial=0)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = selectors.committees(user=user)
        self.fields["court"].queryset = selectors.courts()
        self.fields["dispute_type"].queryset = active_types()
        self.fields["on"].initial = self.fields["referred_on"].initial = timezone.localdate()


# --- the steps of a dispute (core's StepForm: the legal date `on` and the version the user saw) ----------------

class AcceptForm(StepForm):
    pass


class RefuseForm(StepForm):
    party_name = forms.CharField(label=_("Party who refused"), max_length=120)
    note = forms.CharField(label=_("Note"), required=False, max_length=300)


class SessionForm(StepForm):
    place = forms.CharField(label=_("Place"), max_length=120, required=False)
    mediators = MediatorField(label=_("Mediators"), queryset=Mediator.objects.none(), required=False)
    public = forms.BooleanField(label=_("Held in public"), required=False)
    record = forms.CharField(label=_("Mediation record"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mediators"].queryset = selectors.mediators_of(unit=self.case.unit).select_related("unit")


class AgreeForm(StepForm):
    form = forms.ChoiceField(label=_("Form"), choices=AgreementForm.choices, initial=AgreementForm.WRITTEN)
    facts = forms.CharField(label=_("Main facts and matters in dispute"), widget=forms.Textarea(attrs={"rows": 3}),
                            required=False)
    terms = forms.CharField(label=_("Terms agreed"), widget=forms.Textarea(attrs={"rows": 4}))
    performance_method = forms.CharField(label=_("Manner of performance"), max_length=200, required=False)
    performance_due = date_field(_("To be performed by"), required=False)
    seek_confirmation = forms.BooleanField(label=_("Parties intend to apply for judicial confirmation"),
                                           required=False)


class FailForm(StepForm):
    routes = forms.MultipleChoiceField(label=_("Routes explained to the parties"), choices=OtherRoute.choices,
                                       widget=forms.CheckboxSelectMultiple)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class WithdrawForm(StepForm):
    note = forms.CharField(label=_("Note"), required=False, max_length=300)


class PerformanceForm(StepForm):
    note = forms.CharField(label=_("Note"), required=False, max_length=200)


class ConfirmationApplyForm(StepForm):
    court = UnitChoiceField(label=_("Court"), queryset=Unit.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["court"].queryset = selectors.courts()


class ConfirmationRulingForm(StepForm):
    confirmed = forms.TypedChoiceField(label=_("Ruling"), coerce=lambda v: v == "1",
                                       choices=[("1", _("Confirmed valid")), ("0", _("Ruled invalid"))])
    reference = forms.CharField(label=_("Court's ruling reference"), max_length=60, required=False)


class RemediateForm(StepForm):
    pass


class PoliceForm(StepForm):
    police_unit = UnitChoiceField(label=_("Police unit"), queryset=Unit.objects.none())
    risk = forms.ChoiceField(label=_("Risk"), choices=RiskKind.choices)
    note = forms.CharField(label=_("Measures and note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["police_unit"].queryset = selectors.police_units()


class ExtendForm(StepForm):
    days = forms.IntegerField(label=_("Days"), min_value=1)
    reason = forms.CharField(label=_("Reason"), max_length=200, initial=_("Both parties agree to extend"))


class ReturnForm(StepForm):
    note = forms.CharField(label=_("Note"), required=False, max_length=300)


# --- the centre ---------------------------------------------------------------------------------------------

class ReceptionForm(forms.Form):
    centre = UnitChoiceField(label=_("Dispute centre"), queryset=Unit.objects.none())
    on = date_field(_("Date of reception"), past=True)
    visitor = forms.CharField(label=_("Visitor"), max_length=120)
    visitor_phone = forms.CharField(label=_("Visitor's mobile number"), max_length=20, required=False)
    dispute_type = ModelChoiceField(label=_("Dispute type"), queryset=DisputeType.objects.none())
    subject = forms.CharField(label=_("The matter"), widget=forms.Textarea(attrs={"rows": 3}))
    persons = forms.IntegerField(label=_("Persons involved"), min_value=1, initial=1)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["centre"].queryset = selectors.centres(user=user)
        self.fields["dispute_type"].queryset = active_types()
        self.fields["on"].initial = timezone.localdate()

    def clean_visitor_phone(self):
        value = self.cleaned_data["visitor_phone"].strip()
        if value:
            validate_mobile(value)
        return value


class ReceptionFilterForm(forms.Form):
    unit = UnitChoiceField(label=_("Dispute centre"), required=False, queryset=Unit.objects.none(),
                           empty_label=_("All"))
    state = forms.ChoiceField(label=_("State"), required=False, choices=[("", _("All"))] + ReceptionState.choices)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = selectors.centres(user=user)


class RouteForm(StepForm):
    handler_unit = UnitChoiceField(label=_("Route to"), queryset=Unit.objects.none())
    note = forms.CharField(label=_("Note"), required=False, max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handler_unit"].queryset = selectors.route_targets(centre=self.case.unit)


class RoutingAcceptForm(StepForm):
    other_parties = forms.CharField(label=_("Other parties (for a committee)"), required=False,
                                    widget=forms.Textarea(attrs={"rows": 2}), help_text=_("One name a line."))


class RoutingDeclineForm(StepForm):
    reason = forms.CharField(label=_("Reason"), max_length=200)


class RoutingResultForm(StepForm):
    success = forms.TypedChoiceField(label=_("Result"), coerce=lambda v: v == "1",
                                     choices=[("1", _("Resolved")), ("0", _("Not resolved"))])
    note = forms.CharField(label=_("Note"), required=False, max_length=200)


# --- campaigns and cases ------------------------------------------------------------------------------------

class CampaignForm(forms.Form):
    unit = UnitChoiceField(label=_("Organised by"), queryset=Unit.objects.none())
    title = forms.CharField(label=_("Title"), max_length=120)
    held_on = date_field(_("Held on"), past=True)
    ended_on = date_field(_("Ended on"), past=True, required=False)
    method = forms.ChoiceField(label=_("Method"), choices=CampaignMethod.choices)
    scope_units = UnitMultipleField(label=_("Units covered"), queryset=Unit.objects.none(), required=False)
    sectors = ModelMultipleChoiceField(label=_("Sectors"), queryset=Sector.objects.active(),
                                             required=False, widget=forms.CheckboxSelectMultiple)
    teams = forms.CharField(label=_("Teams"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.visible_to(user).order_by("path")
        self.fields["scope_units"].queryset = selectors.organisations(user=user)
        self.fields["held_on"].initial = timezone.localdate()


class FindingForm(forms.Form):
    on = date_field(_("Found on"), past=True)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 2}))
    dispute_type = ModelChoiceField(label=_("Dispute type"), queryset=DisputeType.objects.none())
    sector = ModelChoiceField(label=_("Sector"), queryset=Sector.objects.active(), required=False)
    location = forms.CharField(label=_("Where"), max_length=120, required=False)
    party_names = forms.CharField(label=_("Parties"), max_length=200, required=False,
                                  help_text=_("Names separated by commas; the first is the applicant."))
    persons = forms.IntegerField(label=_("Persons involved"), min_value=1, initial=2)
    risk_criminal = forms.BooleanField(label=_("Risk of turning criminal (防止民转刑)"), required=False)
    risk_group_petition = forms.BooleanField(label=_("Risk of a group petition (群体性上访)"), required=False)
    handling_unit = UnitChoiceField(label=_("Committee to handle it"), queryset=Unit.objects.none())
    state = forms.ChoiceField(label=_("State"), choices=[c for c in FindingState.choices if c[0] != FindingState.DISPUTE])

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dispute_type"].queryset = active_types()
        self.fields["handling_unit"].queryset = Unit.objects.filter(kind="mediation_committee", active=True)
        self.fields["on"].initial = timezone.localdate()


class FindingsToDisputesForm(forms.Form):
    on = date_field(_("Registered on"), past=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["on"].initial = timezone.localdate()


class CaseForm(forms.Form):
    unit = UnitChoiceField(label=_("Submitted by"), queryset=Unit.objects.none())
    title = forms.CharField(label=_("Title"), max_length=160)
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    on = date_field(_("Submitted on"), past=True)
    dispute_number = forms.CharField(label=_("Dispute number"), max_length=60, required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.visible_to(user).order_by("path")
        self.fields["on"].initial = timezone.localdate()


class CaseSelectForm(forms.Form):
    on = date_field(_("Selected on"), past=True)
    selected_by = forms.ChoiceField(label=_("Selected by"), choices=Selector.choices)


class CasePublishForm(forms.Form):
    on = date_field(_("Published on"), past=True)
    published_in = forms.CharField(label=_("Published in"), max_length=120)


class PeriodForm(forms.Form):
    date_from = date_field(_("From"))
    date_to = date_field(_("To"))
    unit = UnitChoiceField(label=_("Unit"), queryset=Unit.objects.none(), required=False, empty_label=_("All I see"))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.visible_to(user).order_by("path")

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", _("The end of the period is before its start."))
        return data

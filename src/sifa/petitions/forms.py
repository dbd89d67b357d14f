"""The forms of the petitions line: the step forms (core.steps.StepForm), registration and the list filters."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy, pgettext_lazy

from sifa.core import lines
from sifa.core.forms import LikelyDuplicateMixin, date_field
from sifa.core.models import Unit, UnitKind
from sifa.core.selectors import personal_number_key
from sifa.core.steps import StepForm
from sifa.core.validators import parse_id_number, validate_mobile

from .models import Agreement, Channel, HotlineKind, Kind, Opinion, Route, Satisfaction, State

_DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
# the bureau's line that usually takes a matter of each route up (the staff may choose another, or none)
ROUTE_LINES = {Route.RECONSIDERATION: "reconsideration", Route.LITIGATION: "litigation"}


def _not_future(value):
    if value and value > timezone.localdate():
        raise ValidationError(gettext_lazy("This date is in the future."))
    return value


class AcceptForm(StepForm):
    division = forms.ModelChoiceField(label=gettext_lazy("Division"), queryset=Unit.objects.none(), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["division"].queryset = Unit.objects.filter(kind=UnitKind.BUREAU_DIVISION).order_by("path")
        self.fields["division"].initial = self.case.division_id


def _other_lines() -> list[tuple[str, str]]:
    return [(line.key, str(line.label)) for line in lines.all() if line.key != "petitions"]


class ReferForm(StepForm):
    route = forms.ChoiceField(label=gettext_lazy("Route"), choices=[c for c in Route.choices if c[0] != Route.HANDLE])
    referral_note = forms.CharField(label=gettext_lazy("Where referred and why"), widget=forms.Textarea(attrs={"rows": 3}))
    to_line = forms.ChoiceField(label=gettext_lazy("Refer to the bureau's line"), required=False,
                                help_text=gettext_lazy("Where the matter belongs to one of the bureau's own procedures "
                                                       "(e.g. administrative reconsideration), it is referred there."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_line"].choices = [("", gettext_lazy("Not referred within the bureau")), *_other_lines()]
        line = ROUTE_LINES.get(self.case.route)
        if line and lines.is_line(line):
            self.fields["to_line"].initial = line


class ObjectionForm(StepForm):
    reason = forms.CharField(label=gettext_lazy("Reasons of the objection (in detail)"),
                             widget=forms.Textarea(attrs={"rows": 4}))


class ObjectionAnswerForm(StepForm):
    note = forms.CharField(label=gettext_lazy("The transferring office's answer"), max_length=200)


class HearingForm(StepForm):
    at = forms.DateTimeField(label=gettext_lazy("Time of the hearing"), widget=_DATETIME,
                             input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"])
    place = forms.CharField(label=gettext_lazy("Place of the hearing"), max_length=200)
    participants = forms.CharField(label=gettext_lazy("Hearing participants"), max_length=500, required=False)


class HearingHeldForm(StepForm):
    outcome = forms.CharField(label=gettext_lazy("What the hearing found"), widget=forms.Textarea(attrs={"rows": 3}))


class AgreementForm(StepForm):
    agreement = forms.ChoiceField(label=gettext_lazy("Kind of agreement"), choices=Agreement.choices)
    other_party = forms.CharField(label=gettext_lazy("Other party to the agreement"), max_length=100)
    agreement_terms = forms.CharField(label=gettext_lazy("Terms agreed"), widget=forms.Textarea(attrs={"rows": 5}))


class ReturnForm(StepForm):
    reason = forms.CharField(label=gettext_lazy("Reason for returning"), max_length=200)


class ExtendForm(StepForm):
    days = forms.IntegerField(label=gettext_lazy("Days"), min_value=1, max_value=30)
    reason = forms.CharField(label=gettext_lazy("Reason (told to the petitioner)"), max_length=200)


class AnswerForm(StepForm):
    opinion = forms.ChoiceField(label=gettext_lazy("Handling opinion"), required=False,
                                choices=[("", "—"), *Opinion.choices],
                                help_text=gettext_lazy("Required for a complaint or demand (Art 32)."))
    reply = forms.CharField(label=gettext_lazy("Reply: facts, reasons and basis"), widget=forms.Textarea(attrs={"rows": 5}))

    def clean(self):
        data = super().clean()
        if self.case.kind == Kind.COMPLAINT and not self.case.is_hotline and not data.get("opinion"):
            self.add_error("opinion", gettext_lazy("A complaint or demand is answered with an opinion (Art 32)."))
        return data


class VisitForm(StepForm):
    satisfaction = forms.ChoiceField(label=gettext_lazy("Satisfaction"), choices=Satisfaction.choices)


class ReopenForm(StepForm):
    reason = forms.CharField(label=gettext_lazy("Why it is reopened"), max_length=200)


class ReviewRequestForm(StepForm):
    pass


class ReviewForm(StepForm):
    opinion = forms.CharField(label=gettext_lazy("Opinion"), widget=forms.Textarea(attrs={"rows": 5}))


class PetitionForm(LikelyDuplicateMixin, forms.Form):
    channel = forms.ChoiceField(label=pgettext_lazy("petition", "Channel"), choices=Channel.choices)
    external_id = forms.CharField(label=gettext_lazy("Work order number"), max_length=60, required=False)
    kind = forms.ChoiceField(label=pgettext_lazy("petition", "Kind"), choices=Kind.choices)
    hotline_kind = forms.ChoiceField(label=gettext_lazy("Hotline order kind"), required=False,
                                     choices=[("", "—"), *HotlineKind.choices])
    name = forms.CharField(label=pgettext_lazy("person", "Name"), max_length=60)
    phone = forms.CharField(label=gettext_lazy("Mobile number"), max_length=20, required=False,
                            validators=[validate_mobile])
    id_number = forms.CharField(label=gettext_lazy("Petitioner's ID number"), max_length=18, required=False,
                                help_text=gettext_lazy("Resident ID; stored encrypted, shown masked."))
    subject = forms.CharField(label=gettext_lazy("Subject"), max_length=200)
    content = forms.CharField(label=gettext_lazy("Content"), widget=forms.Textarea(attrs={"rows": 5}))
    received_on = date_field(gettext_lazy("Received on"), validators=[_not_future])

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def likely_duplicates(self, data):
        """The same petitioner (by name, or by whole ID or mobile number) received the same day, or with a matter of
        the same subject still open, among the records the user sees; or the same work order number."""
        from django.db.models import Q

        from .models import OPEN, Petition

        if self.user is None or not data.get("name"):
            return []
        same_person = Q(petitioner__name=data["name"].strip())
        for value, column in ((data.get("id_number"), "id_number_hash"), (data.get("phone"), "phone_hash")):
            key = personal_number_key(value or "")
            if key:
                same_person |= Q(**{f"petitioner__{column}": key})
        when = Q(received_on=data.get("received_on")) | Q(state__in=OPEN, subject=(data.get("subject") or "").strip())
        match = same_person & when
        if (data.get("external_id") or "").strip():
            match |= Q(channel=data.get("channel"), external_id=data["external_id"].strip())
        return Petition.objects.visible_to(self.user).filter(match).order_by("-received_on", "-pk")

    def clean_id_number(self):
        value = self.cleaned_data["id_number"].strip().upper()
        if value:
            try:
                parse_id_number(value)
            except ValidationError as exc:
                raise ValidationError(exc.messages) from None
        return value

    def clean(self):
        data = super().clean()
        if data.get("channel") == Channel.HOTLINE and not data.get("hotline_kind"):
            self.add_error("hotline_kind", gettext_lazy("A hotline work order has a kind."))
        return data


SORT_CHOICES = [("-received", gettext_lazy("Newest first")), ("received", gettext_lazy("Oldest first")),
                ("-pk", gettext_lazy("Last registered first")), ("pk", gettext_lazy("First registered first"))]
DUE_CHOICES = [("", gettext_lazy("Any")), ("overdue", gettext_lazy("Overdue")), ("soon", gettext_lazy("Due soon"))]
STATUS_CHOICES = [("", gettext_lazy("Any")), ("open", gettext_lazy("Open")), ("closed", gettext_lazy("Closed"))]


class PetitionFilterForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Number, subject, or a whole ID or mobile number"), required=False,
                        max_length=60)
    status = forms.ChoiceField(label=gettext_lazy("Open or closed"), required=False, choices=STATUS_CHOICES)
    state = forms.ChoiceField(label=gettext_lazy("State"), required=False, choices=[("", "—"), *State.choices])
    channel = forms.ChoiceField(label=pgettext_lazy("petition", "Channel"), required=False,
                                choices=[("", "—"), *Channel.choices])
    kind = forms.ChoiceField(label=pgettext_lazy("petition", "Kind"), required=False, choices=[("", "—"), *Kind.choices])
    due = forms.ChoiceField(label=gettext_lazy("Time limits"), required=False, choices=DUE_CHOICES)
    date_from = date_field(gettext_lazy("Received from"), required=False)
    date_to = date_field(gettext_lazy("Received to"), required=False)
    sort = forms.ChoiceField(label=gettext_lazy("Sort"), required=False, choices=SORT_CHOICES)

"""The forms of community correction: the step forms of the procedure table (core.steps.StepForm), intake, sessions,
releases and the list filters. Errors are said on the field."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from sifa.core.forms import date_field
from sifa.core.models import Unit, UnitKind
from sifa.core.steps import StepForm
from sifa.core.validators import parse_id_number

from . import ladder
from .models import ContactMethod, EndReason, Kind, Level, Organ, SanctionKind, SessionKind, State

REQUIRED_TEXT = {"required": gettext_lazy("This field is required.")}


def _not_future(value):
    if value and value > timezone.localdate():
        raise ValidationError(gettext_lazy("This date is in the future."))
    return value


class IntakeForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Full name"), max_length=120)
    id_number = forms.CharField(label=gettext_lazy("ID number"), max_length=18)
    kind = forms.ChoiceField(label=pgettext_lazy("correction", "Type"), choices=Kind.choices)
    offence = forms.CharField(label=gettext_lazy("Offence"), max_length=120)
    deciding_organ = forms.ChoiceField(label=gettext_lazy("Deciding organ"), choices=Organ.choices)
    deciding_body = forms.CharField(label=gettext_lazy("Deciding body"), max_length=120)
    decision_number = forms.CharField(label=gettext_lazy("Judgment or decision number"), max_length=80)
    notice_received_on = date_field(gettext_lazy("Notice received on"))
    effective_on = date_field(gettext_lazy("Judgment effective on"))
    term_start = date_field(gettext_lazy("Correction term starts"), required=False)
    term_end = date_field(gettext_lazy("Term ends"))
    unit = forms.ModelChoiceField(label=gettext_lazy("Justice office"), queryset=Unit.objects.none())

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(kind=UnitKind.JUSTICE_OFFICE, active=True).order_by("code")

    def clean_id_number(self):
        value = self.cleaned_data["id_number"].strip()
        try:
            parse_id_number(value)
        except ValidationError as exc:
            raise ValidationError(exc.messages) from None
        return value

    def clean_notice_received_on(self):
        return _not_future(self.cleaned_data["notice_received_on"])

    def clean_effective_on(self):
        return _not_future(self.cleaned_data["effective_on"])

    def clean(self):
        d = super().clean()
        if d.get("term_end") and d.get("effective_on") and d["term_end"] <= d["effective_on"]:
            self.add_error("term_end", _("The term must end after the judgment took effect."))
        return d


class ReportInForm(StepForm):
    identity_checked = forms.BooleanField(label=gettext_lazy("Identity checked against the legal documents"),
                                          error_messages=REQUIRED_TEXT,
                                          help_text=gettext_lazy("社区矫正法 第二十二条：核对法律文书、核实身份"))


class AnnounceForm(StepForm):
    level = forms.ChoiceField(label=gettext_lazy("Classification level"), choices=Level.choices,
                              initial=Level.STRICT,
                              help_text=gettext_lazy("The first months are usually under strict supervision."))
    plan = forms.CharField(label=gettext_lazy("Correction plan"), widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=gettext_lazy("社区矫正法 第二十四条：有针对性的矫正方案"))


class LevelForm(StepForm):
    level = forms.ChoiceField(label=gettext_lazy("Classification level"), choices=Level.choices)
    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=200)


class ContactForm(StepForm):
    method = forms.ChoiceField(label=gettext_lazy("Contact method"), choices=ContactMethod.choices)
    note = forms.CharField(label=gettext_lazy("Note"), max_length=200, required=False)


class SanctionForm(StepForm):
    kind = forms.ChoiceField(label=gettext_lazy("Sanction decided"), choices=SanctionKind.choices)
    facts = forms.CharField(label=gettext_lazy("Facts"), widget=forms.Textarea(attrs={"rows": 3}))
    days_out = forms.IntegerField(label=gettext_lazy("Days out of supervision"), min_value=0, max_value=3650,
                                  required=False, initial=0)
    departure_reason = forms.CharField(label=gettext_lazy("Reason for departing from the proposal"),
                                       widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        kind, basis = ladder.propose_for(self.case)
        self.fields["kind"].initial = kind
        self.fields["kind"].help_text = _("The ladder proposes: %(kind)s — %(basis)s") % {
            "kind": SanctionKind(kind).label, "basis": basis}


class LeaveForm(StepForm):
    destination = forms.CharField(label=gettext_lazy("Destination"), max_length=120)
    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=200)
    start = date_field(gettext_lazy("Leaves on"))
    end = date_field(gettext_lazy("Returns on"))
    approve = forms.BooleanField(label=gettext_lazy("Approve"), required=False, initial=True,
                                 help_text=gettext_lazy("Leave it unticked to refuse the request."))

    def clean(self):
        d = super().clean()
        if d.get("start") and d.get("end") and d["end"] < d["start"]:
            self.add_error("end", _("The return cannot precede the departure."))
        return d


class EndForm(StepForm):
    end_reason = forms.ChoiceField(label=gettext_lazy("Ground"), choices=[
        (EndReason.TERM, EndReason.TERM.label), (EndReason.AMNESTY, EndReason.AMNESTY.label)])


class TerminateForm(StepForm):
    end_reason = forms.ChoiceField(label=gettext_lazy("Ground"), choices=[
        (EndReason.REVOKED, EndReason.REVOKED.label), (EndReason.COMMITTED, EndReason.COMMITTED.label),
        (EndReason.DEATH, EndReason.DEATH.label)])


class SessionForm(forms.Form):
    kind = forms.ChoiceField(label=pgettext_lazy("session", "Kind"), choices=SessionKind.choices)
    held_on = date_field(gettext_lazy("Held on"))
    title = forms.CharField(label=gettext_lazy("Title"), max_length=120)
    hours = forms.DecimalField(label=gettext_lazy("Hours"), min_value=0, max_value=24, decimal_places=1, initial=1)
    participants = forms.CharField(label=gettext_lazy("Participants"), widget=forms.Textarea(attrs={"rows": 2}),
                                   help_text=gettext_lazy("Their case numbers, one per line or separated by commas."))

    def clean_held_on(self):
        return _not_future(self.cleaned_data["held_on"])

    def clean_participants(self):
        raw = self.cleaned_data["participants"].replace("，", ",").replace("\n", ",")
        numbers = [n.strip() for n in raw.split(",") if n.strip()]
        if not numbers:
            raise ValidationError(_("Name at least one participant."))
        return numbers


class ReleaseForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Full name"), max_length=120)
    id_number = forms.CharField(label=gettext_lazy("ID number"), max_length=18, required=False)
    prison = forms.CharField(label=gettext_lazy("Prison"), max_length=120)
    offence = forms.CharField(label=gettext_lazy("Offence"), max_length=120, required=False)
    notice_received_on = date_field(gettext_lazy("Notice received on"))
    release_on = date_field(gettext_lazy("Released on"))
    key_person = forms.BooleanField(label=gettext_lazy("Key person (必接必送)"), required=False)
    unit = forms.ModelChoiceField(label=gettext_lazy("Justice office"), queryset=Unit.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(kind=UnitKind.JUSTICE_OFFICE, active=True).order_by("code")

    def clean_notice_received_on(self):
        return _not_future(self.cleaned_data["notice_received_on"])


class HandOverForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    on = date_field(gettext_lazy("Handed over on"))
    escorted = forms.BooleanField(label=gettext_lazy("Collected and escorted"), required=False)

    def clean_on(self):
        return _not_future(self.cleaned_data["on"])


SORT_CHOICES = [("-effective", gettext_lazy("Newest first")), ("effective", gettext_lazy("Oldest first")),
                ("term_end", gettext_lazy("Term ends soonest"))]
DUE_CHOICES = [("", gettext_lazy("All")), ("overdue", gettext_lazy("Overdue")),
               ("soon", gettext_lazy("Due soon"))]


class FilterForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Search"), required=False)
    state = forms.ChoiceField(label=gettext_lazy("State"), choices=[("", "—"), *State.choices], required=False)
    kind = forms.ChoiceField(label=pgettext_lazy("correction", "Type"), choices=[("", "—"), *Kind.choices],
                             required=False)
    level = forms.ChoiceField(label=gettext_lazy("Classification level"), choices=[("", "—"), *Level.choices],
                              required=False)
    due = forms.ChoiceField(label=gettext_lazy("Time limits"), choices=DUE_CHOICES, required=False)
    contact_overdue = forms.BooleanField(label=gettext_lazy("Contact overdue"), required=False)
    sort = forms.ChoiceField(label=gettext_lazy("Sort"), choices=SORT_CHOICES, required=False)

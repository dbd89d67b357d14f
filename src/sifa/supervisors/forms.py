"""The forms of the people's supervisors' line: the step forms of the draw (core.steps.StepForm), the pool's forms
and the list filters. Errors in the user's language on the field."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy, pgettext_lazy

from sifa.core.forms import LikelyDuplicateMixin, date_field
from sifa.core.models import Unit, UnitKind
from sifa.core.steps import StepForm
from sifa.core.validators import parse_id_number, validate_mobile

from .models import (
    ActivityKind,
    AssessmentResult,
    ConfirmedVia,
    Disqualification,
    Field,
    SeatStatus,
    State,
    Supervisor,
    SupervisorStatus,
)

YES_NO = [("", "—"), ("no", pgettext_lazy("answer", "No")), ("yes", pgettext_lazy("answer", "Yes"))]


class Art10Mixin:
    """One required yes/no question per disqualification of 选任管理办法 第十条 (fields `art10_<code>`)."""

    def add_art10(self):
        for d in Disqualification:
            self.fields[f"art10_{d.value}"] = forms.ChoiceField(label=d.label, choices=YES_NO)
        self.fields["source"] = forms.CharField(
            label=gettext_lazy("Source of the answers"), max_length=200,
            help_text=gettext_lazy("E.g. certificate of no criminal record, credit register query, the unit's "
                                   "statement."))

    def answers(self) -> dict:
        return {d: self.cleaned_data.pop(f"art10_{d}") == "yes" for d in Disqualification.values}


def _not_future(value):
    if value and value > timezone.localdate():
        raise ValidationError(gettext_lazy("This date is in the future."))
    return value


# --- step forms -------------------------------------------------------------------------------------------------

class PrepareForm(StepForm):
    """Quotas by field (empty: no quotas, one draw from everyone eligible), conflicts, and the seed's public source."""

    conflicts = forms.ModelMultipleChoiceField(label=gettext_lazy("Supervisors with a conflict of interest"),
                                               queryset=Supervisor.objects.none(), required=False)
    conflict_reason = forms.CharField(label=gettext_lazy("The conflict"), max_length=200, required=False)
    seed_source = forms.CharField(label=gettext_lazy("Public source of the seed"), max_length=200,
                                  help_text=gettext_lazy("A value published after today, e.g. the 福利彩票双色球 "
                                                         "result of a named draw."))
    seed_published_on = date_field(gettext_lazy("Seed published on"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for value, label in Field.choices:
            self.fields[f"quota_{value}"] = forms.IntegerField(label=label, required=False, min_value=0,
                                                               max_value=50)
        self.fields["conflicts"].queryset = Supervisor.objects.visible_to(self.user).select_related("person")

    def clean(self):
        data = super().clean()
        quotas = {v: data.get(f"quota_{v}") for v in Field.values if data.get(f"quota_{v}")}
        if data.get("conflicts") and not (data.get("conflict_reason") or "").strip():
            self.add_error("conflict_reason", gettext_lazy("Say what the conflict of interest is."))
        data["quotas"] = quotas
        return data


class DrawForm(StepForm):
    seed = forms.CharField(label=gettext_lazy("Seed (the published value, as published)"), max_length=200)


class SeatChoiceForm(StepForm):
    seat_statuses: tuple = (SeatStatus.INVITED,)
    seat = forms.ModelChoiceField(label=gettext_lazy("Supervisor"), queryset=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["seat"].queryset = self.case.seats.filter(status__in=self.seat_statuses).select_related(
            "supervisor__person")
        self.fields["seat"].label_from_instance = lambda s: f"{s.supervisor.code} {s.supervisor.person.name}"


class ConfirmForm(SeatChoiceForm):
    via = forms.ChoiceField(label=gettext_lazy("Confirmed how"), choices=ConfirmedVia.choices)


class DeclineForm(SeatChoiceForm):
    seat_statuses = (SeatStatus.INVITED, SeatStatus.CONFIRMED)
    reason = forms.CharField(label=gettext_lazy("Reason for declining"), max_length=200)


class HeldForm(StepForm):
    absent = forms.ModelMultipleChoiceField(label=gettext_lazy("Absent"), queryset=None, required=False,
                                            widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["absent"].queryset = self.case.seats.filter(status=SeatStatus.CONFIRMED).select_related(
            "supervisor__person")
        self.fields["absent"].label_from_instance = lambda s: f"{s.supervisor.code} {s.supervisor.person.name}"


class OpinionForm(SeatChoiceForm):
    seat_statuses = (SeatStatus.ATTENDED,)
    opinion = forms.CharField(label=gettext_lazy("Opinion"), widget=forms.Textarea(attrs={"rows": 4}))


class AnswerForm(StepForm):
    answer = forms.CharField(label=gettext_lazy("The procuratorate's answer"), widget=forms.Textarea(attrs={"rows": 4}))


class CancelForm(StepForm):
    reason = forms.CharField(label=gettext_lazy("Reason for cancelling"), max_length=200)


# --- registration -------------------------------------------------------------------------------------------------

class RequestForm(LikelyDuplicateMixin, forms.Form):
    procuratorate = forms.ModelChoiceField(label=gettext_lazy("Procuratorate"), queryset=Unit.objects.none())
    activity_kind = forms.ChoiceField(label=gettext_lazy("Activity"), choices=ActivityKind.choices)
    activity = forms.CharField(label=gettext_lazy("Activity and case"), max_length=200)
    activity_on = date_field(gettext_lazy("Activity on"))
    place = forms.CharField(label=gettext_lazy("Place"), max_length=120, required=False)
    requested = forms.IntegerField(label=gettext_lazy("Supervisors requested"), min_value=1, max_value=20)
    received_on = date_field(gettext_lazy("Received on"), validators=[_not_future])

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["procuratorate"].queryset = Unit.objects.filter(kind=UnitKind.PROCURATORATE).order_by("path")
        self.user = user

    def likely_duplicates(self, data):
        """A request of the same procuratorate for an activity on the same day, not cancelled, that the user sees."""
        from .models import DrawRequest

        if self.user is None or not data.get("procuratorate") or not data.get("activity_on"):
            return []
        return (DrawRequest.objects.visible_to(self.user)
                .filter(procuratorate=data["procuratorate"], activity_on=data["activity_on"])
                .exclude(state=State.CANCELLED).order_by("-pk"))


class SupervisorForm(Art10Mixin, forms.Form):
    name = forms.CharField(label=pgettext_lazy("person", "Name"), max_length=60)
    id_number = forms.CharField(label=gettext_lazy("Resident ID number"), max_length=18,
                                validators=[lambda v: parse_id_number(v.upper())])
    phone = forms.CharField(label=gettext_lazy("Mobile number"), max_length=20, required=False,
                            validators=[validate_mobile])
    code = forms.CharField(label=gettext_lazy("Public code"), max_length=30)
    field = forms.ChoiceField(label=gettext_lazy("Field"), choices=Field.choices)
    street = forms.CharField(label=gettext_lazy("Street or town"), max_length=40, required=False)
    occupation = forms.CharField(label=gettext_lazy("Occupation"), max_length=80, required=False)
    birth_date = date_field(gettext_lazy("Date of birth"), validators=[_not_future])
    selected_on = date_field(gettext_lazy("Term starts"), validators=[_not_future])
    appointed_by = forms.CharField(label=gettext_lazy("Appointed by"), max_length=80, initial="上海市司法局")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_art10()

    def clean_id_number(self):
        return self.cleaned_data["id_number"].strip().upper()


class EligibilityForm(Art10Mixin, forms.Form):
    on = date_field(gettext_lazy("Checked on"), validators=[_not_future])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_art10()


class TrainingForm(forms.Form):
    held_on = date_field(gettext_lazy("Held on"), validators=[_not_future])
    title = forms.CharField(label=gettext_lazy("Title"), max_length=120)
    hours = forms.DecimalField(label=gettext_lazy("Hours"), min_value=0.5, max_value=100, decimal_places=1)


class AssessmentForm(forms.Form):
    year = forms.IntegerField(label=gettext_lazy("Year"), min_value=2000, max_value=2100)
    result = forms.ChoiceField(label=gettext_lazy("Result"), choices=AssessmentResult.choices)
    assessed_on = date_field(gettext_lazy("Assessed on"), validators=[_not_future])
    note = forms.CharField(label=gettext_lazy("Note"), max_length=200, required=False)


class RenewForm(forms.Form):
    starts_on = date_field(gettext_lazy("Term starts"))
    appointed_by = forms.CharField(label=gettext_lazy("Appointed by"), max_length=80, initial="上海市司法局")


class RemoveForm(forms.Form):
    on = date_field(gettext_lazy("Removed on"), validators=[_not_future])
    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=200)
    barred = forms.BooleanField(label=gettext_lazy("Barred for good (Art 10)"), required=False)


SORT_CHOICES = [("-received", gettext_lazy("Newest first")), ("received", gettext_lazy("Oldest first")),
                ("activity", gettext_lazy("By activity date")), ("-activity", gettext_lazy("Latest activity first"))]
DUE_CHOICES = [("", gettext_lazy("Any")), ("overdue", gettext_lazy("Overdue")), ("soon", gettext_lazy("Due soon"))]


class RequestFilterForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Number or activity"), required=False, max_length=60)
    state = forms.ChoiceField(label=gettext_lazy("State"), required=False, choices=[("", "—"), *State.choices])
    activity_kind = forms.ChoiceField(label=gettext_lazy("Activity"), required=False,
                                      choices=[("", "—"), *ActivityKind.choices])
    due = forms.ChoiceField(label=gettext_lazy("Time limits"), required=False, choices=DUE_CHOICES)
    date_from = date_field(gettext_lazy("Received from"), required=False)
    date_to = date_field(gettext_lazy("Received to"), required=False)
    sort = forms.ChoiceField(label=gettext_lazy("Sort"), required=False, choices=SORT_CHOICES)


POOL_SORTS = [("code", gettext_lazy("By code")), ("-code", gettext_lazy("By code, descending")),
              ("-selected", gettext_lazy("Newest first")), ("selected", gettext_lazy("Oldest first"))]


class PoolFilterForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Code, name, or a whole ID or mobile number"), required=False,
                        max_length=60)
    field = forms.ChoiceField(label=gettext_lazy("Field"), required=False, choices=[("", "—"), *Field.choices])
    status = forms.ChoiceField(label=pgettext_lazy("supervisor", "Status"), required=False,
                               choices=[("", "—"), *SupervisorStatus.choices])
    sort = forms.ChoiceField(label=gettext_lazy("Sort"), required=False, choices=POOL_SORTS)

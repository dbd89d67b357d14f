"""The forms of the litigation line: one per user action. They check shapes; the services check facts. A step's
form is a `core.steps.StepForm` (the legal date `on`, the version seen; `self.case`, `self.user`)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from sifa.core.forms import ModelChoiceField, ModelMultipleChoiceField, date_field
from sifa.core.models import Party, Unit, User
from sifa.core.models.org import UnitKind
from sifa.core.models.parties import PartyKind
from sifa.core.models.scoping import user_unit_paths
from sifa.core.selectors import staff_within
from sifa.core.steps import StepForm
from sifa.core.validators import normalise_court_number, parse_id_number, validate_court_number, validate_uscc

from .district import city_government
from .models import (
    AbsenceReason,
    ActKind,
    CityOutcome,
    Coordination,
    Decision,
    HeadRank,
    Instance,
    OutcomeKind,
    OutcomeType,
    SuggestionKind,
    Suit,
    SuitState,
)
from .services import DEFENDANT_KINDS, WITHDRAWAL


def text_area(label, required=True, rows=3, **kw):
    return forms.CharField(label=label, required=required, widget=forms.Textarea(attrs={"rows": rows}), **kw)


def courts():
    return Unit.objects.filter(kind=UnitKind.COURT, active=True).order_by("sort", "name")


def agencies():
    return Unit.objects.filter(kind__in=DEFENDANT_KINDS, active=True).order_by("path")


class NewPartyMixin(forms.Form):
    """A party named in the form that is not yet known: created by the service with its checked numbers."""

    new_name = forms.CharField(label=_("New party: name"), required=False, max_length=120)
    new_kind = forms.ChoiceField(label=_("New party: kind"), choices=PartyKind.choices, initial=PartyKind.PERSON)
    new_id_number = forms.CharField(label=_("New party: ID number or credit code"), required=False, max_length=40)

    def clean_new_id_number(self):
        value = (self.cleaned_data.get("new_id_number") or "").strip().upper()
        if value:
            if self.data.get(self.add_prefix("new_kind")) == PartyKind.ORGANISATION:
                validate_uscc(value)
            else:
                parse_id_number(value)
        return value

    def new_parties(self) -> list[dict]:
        d = self.cleaned_data
        if not d.get("new_name"):
            return []
        spec = {"name": d["new_name"].strip(), "kind": d["new_kind"]}
        if d["new_kind"] == PartyKind.ORGANISATION:
            spec["credit_code"] = d.get("new_id_number", "")
        else:
            spec["id_number"] = d.get("new_id_number", "")
        return [spec]


def _parties_field(user, label):
    return ModelMultipleChoiceField(label=label, required=False,
                                          queryset=Party.objects.visible_to(user).order_by("name"),
                                          help_text=_("Choose known parties, or enter a new one below."))


class SuitRegisterForm(NewPartyMixin):
    tier = forms.ChoiceField(label=_("instance"), choices=Instance.choices, initial=Instance.FIRST)
    previous = ModelChoiceField(label=_("previous instance"), required=False, queryset=Suit.objects.none())
    court = ModelChoiceField(label=_("court"), queryset=Unit.objects.none())
    court_case_number = forms.CharField(label=_("court case number"), max_length=60,
                                        help_text=_("For example （2022）沪7101行初123号"))
    filed_on = date_field(_("filed by the court on"), past=True, required=False)
    received_on = date_field(_("copy received on"), past=True,
                             help_text=_("The day the complaint, appeal or retrial application copy was served."))
    defendant = ModelChoiceField(label=_("defendant"), queryset=Unit.objects.none())
    co_defendants = ModelMultipleChoiceField(label=_("co-defendants"), required=False,
                                                   queryset=Unit.objects.none())
    agency = ModelChoiceField(label=_("agency responsible"), queryset=Unit.objects.none())
    act_kind = forms.ChoiceField(label=_("kind of act challenged in court"), choices=ActKind.choices)
    challenged_act = forms.CharField(label=_("act challenged in court"), max_length=300)
    claims = text_area(_("claims"), required=False)
    via_reconsideration = forms.BooleanField(label=_("reconsidered before the suit"), required=False)
    reconsideration_note = forms.CharField(label=_("reconsideration decision"), required=False, max_length=200)
    plaintiffs = ModelMultipleChoiceField(label=_("plaintiffs"), required=False, queryset=Party.objects.none())

    field_order = ["tier", "previous", "court", "court_case_number", "filed_on", "received_on", "plaintiffs",
                   "new_name", "new_kind", "new_id_number", "defendant", "co_defendants", "agency", "act_kind",
                   "challenged_act", "claims", "via_reconsideration", "reconsideration_note"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["previous"].queryset = Suit.objects.visible_to(user).filter(
            state__in=[SuitState.APPEALED, SuitState.FINAL]).select_related("court")
        self.fields["court"].queryset = courts()
        for name in ("defendant", "co_defendants", "agency"):
            self.fields[name].queryset = agencies()
        self.fields["plaintiffs"] = _parties_field(user, _("plaintiffs"))

    def clean_court_case_number(self):
        value = self.cleaned_data["court_case_number"]
        validate_court_number(value)
        return normalise_court_number(value)

    def clean(self):
        data = super().clean()
        if not data.get("plaintiffs") and not data.get("new_name") and "plaintiffs" not in self.errors:
            self.add_error("plaintiffs", ValidationError(_("Name at least one.")))
        return data


class AnswerForm(StepForm):
    on = date_field(_("answer submitted on"), past=True)
    defence = text_area(_("grounds of defence"), rows=6, help_text=_("One paragraph per line."))
    evidence = text_area(_("evidence and normative documents submitted"), required=False, rows=4)


class HearingScheduleForm(StepForm):
    scheduled_on = date_field(_("hearing date"))
    court = ModelChoiceField(label=_("court"), queryset=Unit.objects.none())
    agency = ModelChoiceField(label=_("appearing agency"), queryset=Unit.objects.none())
    summons_served_on = date_field(_("summons served on"), required=False,
                                   help_text=_("It must arrive at least three days before the hearing."))
    head_name = forms.CharField(label=_("name of the head"), required=False, max_length=60)
    head_post = forms.CharField(label=_("post of the head"), required=False, max_length=80)
    head_rank = forms.ChoiceField(label=_("rank of the head"), required=False,
                                  choices=[("", "---------"), *HeadRank.choices])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        suit = self.case
        self.fields["court"].queryset = courts()
        self.fields["court"].initial = suit.court_id
        self.fields["agency"].queryset = Unit.objects.filter(
            pk__in=[suit.defendant_id, *suit.co_defendants.values_list("pk", flat=True)])
        self.fields["agency"].initial = suit.defendant_id


class HearingRecordForm(StepForm):
    hearing = ModelChoiceField(label=_("scheduled hearing"), required=False, queryset=None,
                                     help_text=_("Leave empty for a hearing that was not scheduled here."))
    on = date_field(_("held on"), past=True)
    court = ModelChoiceField(label=_("court"), queryset=Unit.objects.none())
    agency = ModelChoiceField(label=_("appearing agency"), queryset=Unit.objects.none())
    summons_served_on = date_field(_("summons served on"), past=True, required=False)
    head_appeared = forms.BooleanField(label=_("agency head appeared"), required=False)
    head_name = forms.CharField(label=_("name of the head"), required=False, max_length=60)
    head_post = forms.CharField(label=_("post of the head"), required=False, max_length=80)
    head_rank = forms.ChoiceField(label=_("rank of the head"), required=False,
                                  choices=[("", "---------"), *HeadRank.choices],
                                  help_text=_("Heads of entrusted bodies or lower-level agencies do not count as "
                                              "the agency's head (负责人出庭应诉规定 第二条)."))
    staff = text_area(_("staff entrusted"), required=False, help_text=_("One per line: name and post."))
    lawyers = text_area(_("lawyers entrusted"), required=False, help_text=_("One per line: name and law firm."))
    absence_reason = forms.ChoiceField(label=_("why the head did not appear"), required=False,
                                       choices=[("", "---------"), *AbsenceReason.choices])
    absence_explanation = text_area(_("explanation"), required=False)
    notes = text_area(_("notes"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        suit = self.case
        self.fields["hearing"].queryset = suit.hearings.filter(held=False)
        self.fields["court"].queryset = courts()
        self.fields["court"].initial = suit.court_id
        self.fields["agency"].queryset = Unit.objects.filter(
            pk__in=[suit.defendant_id, *suit.co_defendants.values_list("pk", flat=True)])
        self.fields["agency"].initial = suit.defendant_id


class CoordinationForm(StepForm):
    on = date_field(_("date"))
    participants = forms.CharField(label=_("participants"), max_length=300)
    content = text_area(_("what was done"))
    result = forms.ChoiceField(label=_("result"), choices=Coordination.Result.choices)


class DecideForm(StepForm):
    """A first-instance judgment or ruling, which may be appealed."""

    outcome = ModelChoiceField(label=_("outcome"), queryset=OutcomeType.objects.none())
    on = date_field(_("decided on"), past=True)
    served_on = date_field(_("served on"), past=True, required=False,
                           help_text=_("The appeal period runs from service (行政诉讼法 第八十五条)."))
    summary = text_area(_("summary"), required=False)
    after_coordination = forms.BooleanField(label=_("after coordination"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].queryset = self.outcomes(OutcomeType.objects.active().exclude(code=WITHDRAWAL))

    def outcomes(self, qs):
        return qs.exclude(kind=OutcomeKind.MEDIATION)


class FinalDecisionForm(DecideForm):
    """A decision final at once: on appeal or retrial (with what it did to the decision appealed), or a
    mediation statement."""

    disposition = forms.ChoiceField(label=_("disposition of the decision appealed"), required=False,
                                    choices=[("", "---------"), *Decision.Disposition.choices])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.case.tier == Instance.FIRST:
            del self.fields["disposition"]

    def outcomes(self, qs):
        return qs.filter(kind=OutcomeKind.MEDIATION) if self.case.tier == Instance.FIRST else qs


class WithdrawForm(StepForm):
    on = date_field(_("withdrawal permitted on"), past=True)
    after_coordination = forms.BooleanField(label=_("after coordination"), required=False)
    summary = text_area(_("summary"), required=False)


class AppealForm(StepForm):
    appellant = forms.ChoiceField(label=_("appealed by"), choices=[
        ("plaintiff", _("Plaintiff")), ("defendant", _("Defendant")), ("both", _("Both parties"))])
    on = date_field(_("appealed on"), past=True)


class FinaliseForm(StepForm):
    on = date_field(_("final on"), past=True)


class ReassignForm(StepForm):
    handler = ModelChoiceField(label=_("handler"), queryset=User.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handler"].queryset = staff_within(user_unit_paths(self.user))


class SuitFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    state = forms.ChoiceField(label=_("state"), required=False, choices=[("", _("All")), *SuitState.choices])
    court = ModelChoiceField(label=_("court"), required=False, queryset=Unit.objects.none())
    agency = ModelChoiceField(label=_("defendant agency"), required=False, queryset=Unit.objects.none())
    date_from = date_field(_("received from"), required=False)
    date_to = date_field(_("received to"), required=False)
    head_appeared = forms.ChoiceField(label=_("agency head appeared"), required=False, choices=[
        ("", _("All")), ("yes", _("Yes")), ("no", _("No"))])
    overdue = forms.BooleanField(label=_("overdue only"), required=False)
    sort = forms.ChoiceField(label=_("sort"), required=False, choices=[
        ("received", _("Latest received first")), ("received_asc", _("Earliest received first")),
        ("concluded", _("Latest concluded first")), ("number", _("Court case number"))])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["court"].queryset = courts()
        self.fields["agency"].queryset = agencies()


class SuggestionRegisterForm(forms.Form):
    court = ModelChoiceField(label=_("court"), queryset=Unit.objects.none())
    number = forms.CharField(label=_("number of the suggestion"), max_length=60)
    kind = ModelChoiceField(label=_("kind"), queryset=SuggestionKind.objects.all())
    agency = ModelChoiceField(label=_("addressee"), queryset=Unit.objects.none())
    suit = ModelChoiceField(label=_("suit"), required=False, queryset=Suit.objects.none())
    received_on = date_field(_("date received"), past=True)
    content = text_area(_("content"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["court"].queryset = courts()
        self.fields["agency"].queryset = agencies()
        self.fields["suit"].queryset = Suit.objects.visible_to(user)


class SuggestionReplyForm(StepForm):
    on = date_field(_("replied on"), past=True)
    reply = text_area(_("reply"))


class CityRegisterForm(NewPartyMixin):
    city_case_number = forms.CharField(label=_("city case number"), max_length=60)
    authority = forms.CharField(label=_("reconsideration authority"), max_length=80, initial=city_government)
    respondent = ModelChoiceField(label=_("respondent"), queryset=Unit.objects.none())
    agency = ModelChoiceField(label=_("agency responsible"), queryset=Unit.objects.none())
    challenged_act = forms.CharField(label=_("challenged act"), max_length=300)
    received_on = date_field(_("application copy received on"), past=True)
    applicants = ModelMultipleChoiceField(label=_("applicants"), required=False, queryset=Party.objects.none())

    field_order = ["city_case_number", "authority", "respondent", "agency", "challenged_act", "received_on",
                   "applicants", "new_name", "new_kind", "new_id_number"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["respondent"].queryset = Unit.objects.filter(kind=UnitKind.DISTRICT_GOVERNMENT)
        self.fields["agency"].queryset = agencies()
        self.fields["applicants"] = _parties_field(user, _("applicants"))

    def clean(self):
        data = super().clean()
        if not data.get("applicants") and not data.get("new_name") and "applicants" not in self.errors:
            self.add_error("applicants", ValidationError(_("Name at least one.")))
        return data


class CityReplyForm(StepForm):
    on = date_field(_("reply submitted on"), past=True)


class CityDecideForm(StepForm):
    on = date_field(_("decided on"), past=True)
    outcome = forms.ChoiceField(label=_("outcome"), choices=CityOutcome.choices)


class SessionForm(forms.Form):
    on = date_field(_("date"))
    court = ModelChoiceField(label=_("court"), queryset=Unit.objects.none())
    suit = ModelChoiceField(label=_("case heard"), required=False, queryset=Suit.objects.none())
    title = forms.CharField(label=_("title"), max_length=120)
    leaders = text_area(_("leaders attending"), help_text=_("One per line: name and post."))
    units = ModelMultipleChoiceField(label=_("units attending"), queryset=Unit.objects.none())
    reviewer = forms.CharField(label=_("review given by"), required=False, max_length=120)
    notes = text_area(_("notes"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["court"].queryset = courts()
        self.fields["suit"].queryset = Suit.objects.visible_to(user)
        self.fields["units"].queryset = Unit.objects.filter(active=True).exclude(
            kind__in=[UnitKind.MEDIATION_COMMITTEE, UnitKind.DISPUTE_CENTRE, UnitKind.LAW_FIRM]).order_by("path")

"""The forms of community correction: the step forms of the procedure table (core.steps.StepForm), intake, sessions,
releases and the list filters. Errors are said on the field."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from sifa.core import crypto
from sifa.core.forms import LikelyDuplicateMixin, date_field
from sifa.core.models import Unit, UnitKind
from sifa.core.steps import StepForm
from sifa.core.validators import parse_id_number

from . import ladder
from .models import (
    AftercareKind,
    ContactMethod,
    EndReason,
    Kind,
    Level,
    MonitoringGround,
    Opinion,
    Organ,
    SanctionKind,
    SearchOutcome,
    SessionKind,
    State,
    TeamRole,
)

REQUIRED_TEXT = {"required": gettext_lazy("This field is required.")}


def _not_future(value):
    if value and value > timezone.localdate():
        raise ValidationError(gettext_lazy("This date is in the future."))
    return value


class IntakeForm(LikelyDuplicateMixin, forms.Form):
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
        self.user = user
        self.fields["unit"].queryset = Unit.objects.filter(kind=UnitKind.JUSTICE_OFFICE, active=True).order_by("code")

    def likely_duplicates(self, data):
        """The same person (whole ID number, or the same name with the same day of effect) still under correction
        or awaiting report-in, among the persons the user sees."""
        from .models import Supervisee

        if self.user is None:
            return []
        open_ = Supervisee.objects.visible_to(self.user).filter(
            state__in=(State.NOTIFIED, State.REPORTED, State.SUPERVISED))
        by_number = (open_.filter(person__id_number_hash=crypto.lookup_hash(data["id_number"].strip().upper()))
                     if data.get("id_number") else open_.none())
        same_day = open_.filter(person__name=(data.get("name") or "").strip(), effective_on=data.get("effective_on"))
        return (by_number | same_day).select_related("person").distinct().order_by("pk")

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
    arrest_requested_at = forms.DateTimeField(
        label=gettext_lazy("Arrest requested of the court at"), required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        help_text=gettext_lazy("社区矫正法 第四十七条：提出撤销建议的同时可以提请人民法院决定逮捕，法院在四十八小时内作出决定。"
                               "Leave it empty when no arrest is requested."))

    def clean_arrest_requested_at(self):
        value = self.cleaned_data.get("arrest_requested_at")
        if value and value > timezone.now():
            raise ValidationError(_("This time is in the future."))
        return value

    def clean(self):
        d = super().clean()
        if d.get("arrest_requested_at") and d.get("kind") != SanctionKind.REVOCATION:
            self.add_error("arrest_requested_at", _("An arrest is requested only with a revocation recommendation."))
        return d

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


class TeamForm(StepForm):
    members = forms.CharField(label=gettext_lazy("Team members"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].help_text = _("One member per line: name, role, sex — e.g. 李平，司法所工作人员，女. "
                                             "Roles: %(roles)s.") % {
            "roles": "、".join(str(label) for _v, label in TeamRole.choices)}
        current = self.case.team.filter(until__isnull=True) if self.case.pk else []
        if current:
            self.fields["members"].initial = "\n".join(
                f"{m.name}，{m.get_role_display()}，{'女' if m.sex == 'F' else '男'}" for m in current)

    def clean_members(self):
        roles = {str(label): value for value, label in TeamRole.choices}
        sexes = {"男": "M", "女": "F"}
        out = []
        for i, line in enumerate(self.cleaned_data["members"].splitlines(), start=1):
            line = line.strip()
            if not line:
                continue
            parts = [p.strip() for p in line.replace("，", ",").replace("、", ",").split(",")]
            if len(parts) != 3 or not parts[0]:
                raise ValidationError(_("Line %(i)s: write the name, the role and the sex, separated by commas.")
                                      % {"i": i})
            name, role, sex = parts
            if role not in roles:
                raise ValidationError(_("Line %(i)s: unknown role %(role)s.") % {"i": i, "role": role})
            if sex not in sexes:
                raise ValidationError(_("Line %(i)s: the sex is 男 or 女.") % {"i": i})
            out.append((name[:60], roles[role], sexes[sex]))
        if not out:
            raise ValidationError(_("Name at least one team member."))
        return out


class SearchResultForm(StepForm):
    outcome = forms.ChoiceField(label=gettext_lazy("Outcome of the search"), choices=SearchOutcome.choices)
    measures = forms.CharField(label=gettext_lazy("Measures taken"), widget=forms.Textarea(attrs={"rows": 3}),
                               help_text=gettext_lazy("Who was asked, where the person was looked for."))
    police_assisted = forms.BooleanField(label=gettext_lazy("Police asked to assist"), required=False)


class TransferWithinForm(StepForm):
    to_unit = forms.ModelChoiceField(label=gettext_lazy("To justice office"), queryset=Unit.objects.none())
    reason = forms.CharField(label=gettext_lazy("Reason for the change"), max_length=200,
                             help_text=gettext_lazy("E.g. the person moved house (迁居)."))
    notified = forms.BooleanField(label=gettext_lazy("Deciding organ and new agency notified"),
                                  error_messages=REQUIRED_TEXT,
                                  help_text=gettext_lazy("社区矫正法 第二十七条第二款：作出变更决定后，应当通知社区矫正决定机关和变更后的社区矫正机构"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_unit"].queryset = (Unit.objects.filter(kind=UnitKind.JUSTICE_OFFICE, active=True)
                                           .exclude(pk=self.case.unit_id).order_by("code"))


class TransferOutForm(StepForm):
    to_agency = forms.CharField(label=gettext_lazy("New correction agency"), max_length=120)
    reason = forms.CharField(label=gettext_lazy("Reason for the change"), max_length=200)
    notified = forms.BooleanField(label=gettext_lazy("Deciding organ and new agency notified"),
                                  error_messages=REQUIRED_TEXT,
                                  help_text=gettext_lazy("社区矫正法 第二十七条第二款：通知决定机关和变更后的社区矫正机构，并将法律文书抄送"))


class MonitorForm(StepForm):
    ground = forms.ChoiceField(label=gettext_lazy("Ground (社区矫正法 第二十九条)"), choices=MonitoringGround.choices)
    approver = forms.CharField(label=gettext_lazy("Approved by (head of the district justice bureau)"), max_length=60)
    assessment = forms.CharField(label=gettext_lazy("Assessment of the need to continue"), required=False,
                                 widget=forms.Textarea(attrs={"rows": 2}),
                                 help_text=gettext_lazy("Needed for an extension."))


class UnmonitorForm(StepForm):
    pass


class ArrestDecisionForm(StepForm):
    decided_at = forms.DateTimeField(
        label=gettext_lazy("Court decided at"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"},
                                                                          format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"])
    arrested = forms.TypedChoiceField(label=gettext_lazy("Court's decision"), coerce=lambda v: v == "yes",
                                      choices=[("yes", gettext_lazy("Arrest")), ("no", gettext_lazy("No arrest"))])


class CourtRulingForm(StepForm):
    revoked = forms.TypedChoiceField(
        label=gettext_lazy("Court's ruling"), coerce=lambda v: v == "yes",
        choices=[("yes", gettext_lazy("Revoked (or committed)")), ("no", gettext_lazy("Not revoked"))])
    ruling_number = forms.CharField(label=gettext_lazy("Ruling number"), max_length=80)


class AssessmentForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Full name"), max_length=120)
    id_number = forms.CharField(label=gettext_lazy("ID number"), max_length=18)
    commissioning_organ = forms.ChoiceField(label=gettext_lazy("Commissioning organ"), choices=Organ.choices)
    commissioning_body = forms.CharField(label=gettext_lazy("Commissioning body"), max_length=120)
    commission_number = forms.CharField(label=gettext_lazy("Letter of commission number"), max_length=80)
    offence = forms.CharField(label=gettext_lazy("Offence"), max_length=120)
    proposed_kind = forms.ChoiceField(label=gettext_lazy("Correction proposed"), choices=Kind.choices)
    received_on = date_field(gettext_lazy("Commission received on"))
    expedited = forms.BooleanField(label=gettext_lazy("Fast-track procedure (速裁程序)"), required=False)
    unit = forms.ModelChoiceField(label=gettext_lazy("Justice office"), queryset=Unit.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(kind=UnitKind.JUSTICE_OFFICE, active=True).order_by("code")

    def clean_id_number(self):
        value = self.cleaned_data["id_number"].strip()
        try:
            parse_id_number(value)
        except ValidationError as exc:
            raise ValidationError(exc.messages) from None
        return value

    def clean_received_on(self):
        return _not_future(self.cleaned_data["received_on"])


class OpinionForm(StepForm):
    opinion = forms.ChoiceField(label=gettext_lazy("Assessment opinion"), choices=Opinion.choices)
    findings = forms.CharField(label=gettext_lazy("Findings of the investigation"),
                               widget=forms.Textarea(attrs={"rows": 4}),
                               help_text=gettext_lazy("社区矫正法 第十八条：社会危险性和对所居住社区的影响"))


class WithdrawForm(StepForm):
    pass


class AftercareForm(forms.Form):
    kind = forms.ChoiceField(label=pgettext_lazy("aftercare", "Kind"), choices=AftercareKind.choices)
    on = date_field(gettext_lazy("Date"))
    note = forms.CharField(label=gettext_lazy("What was done"), max_length=300)

    def clean_on(self):
        return _not_future(self.cleaned_data["on"])


class ReoffendedForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    reoffended_on = date_field(gettext_lazy("Re-offended on"))

    def clean_reoffended_on(self):
        return _not_future(self.cleaned_data["reoffended_on"])


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
                ("term_end", gettext_lazy("Term ends soonest")), ("-term_end", gettext_lazy("Term ends latest")),
                ("number", gettext_lazy("Case number")), ("-number", gettext_lazy("Case number, descending"))]
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

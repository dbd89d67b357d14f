"""The forms of the line: the application, the list filters, and one form per step of the procedure.

Every step form carries the case's `version` (optimistic locking) and `on`, the legal date of the act."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sifa.core import lookups
from sifa.core.forms import (
    DateInput,
    LikelyDuplicateMixin,
    ModelChoiceField,
    ModelMultipleChoiceField,
    VersionedFormMixin,
)
from sifa.core.models import PartyKind, Unit, UnitKind, User
from sifa.core.models.scoping import user_unit_paths
from sifa.core.selectors import staff_within
from sifa.core.steps import StepForm
from sifa.core.validators import parse_id_number, validate_mobile, validate_uscc

from .models import (
    ActKind,
    Application,
    Channel,
    CommitteeMeeting,
    CommitteeMember,
    DecisionType,
    HearingKind,
    HearingState,
    InvestigationKind,
    PartyRole,
    Procedure,
    RepresentativeKind,
    ResolutionMethod,
    SimplifiedGround,
    State,
    SubjectArea,
    SuspensionGround,
    TerminationGround,
)
from .uploads import validate_upload

RESPONDENT_KINDS = [UnitKind.DISTRICT_AGENCY, UnitKind.PUBLIC_SECURITY, UnitKind.DISTRICT_GOVERNMENT,
                    UnitKind.JUSTICE_BUREAU, UnitKind.JUSTICE_OFFICE, UnitKind.OTHER]


def respondents(within: list[str] | None = None):
    """The units an application may be against; `within` (unit paths) keeps those under those units."""
    qs = Unit.objects.filter(kind__in=RESPONDENT_KINDS, active=True)
    if within:
        q = Q()
        for path in within:
            q |= Q(path__startswith=path)
        qs = qs.filter(q)
    return qs.order_by("sort", "path")


def districts_of(paths: list[str]) -> list[str] | None:
    """The paths of the district governments the units at `paths` belong to (ancestor or self), or None when
    one of them stands above every district (a city's or a province's office sees every respondent)."""
    prefixes = {p[: i + 1] for p in paths for i, c in enumerate(p) if c == "/" and i}
    found = set(Unit.objects.filter(path__in=prefixes, kind=UnitKind.DISTRICT_GOVERNMENT)
                .values_list("path", flat=True))
    if not paths or any(not any(p.startswith(f) for f in found) for p in paths):
        return None
    return sorted(found)


def staff_of(unit: Unit):
    return staff_within([unit.path])


def respondent_label(unit: Unit) -> str:
    short = unit.short_name
    return f"{unit.name}（{short}）" if short and short not in unit.name else unit.name


# The list filter's choices: a district's respondents and staff as selects; a city's or a province's thousands
# as search boxes with suggestions (core.lookups), scoped alike.
RESPONDENTS = lookups.register(
    "reconsideration.respondents", lambda user: respondents(within=districts_of(user_unit_paths(user))),
    permission="reconsideration.view_application", key="code", search=("name", "short_name", "code"), label=respondent_label)
HANDLERS = lookups.register(
    "reconsideration.handlers", lambda user: staff_within(user_unit_paths(user), perm="reconsideration.handle_application"),
    permission="reconsideration.view_application", key="username", search=("last_name", "first_name", "username"), label=str)


class RespondentChoiceField(ModelChoiceField):
    def label_from_instance(self, obj):
        return respondent_label(obj)


class UserChoiceField(ModelChoiceField):
    def label_from_instance(self, obj):
        return str(obj)


class PartyFields(forms.Form):
    """A party as entered by staff or online: validated here, encrypted by the service."""

    party_kind = forms.ChoiceField(label=_("Kind of applicant"), choices=PartyKind.choices, initial=PartyKind.PERSON)
    name = forms.CharField(label=_("Name of the person or organisation"), max_length=120)
    id_number = forms.CharField(label=_("ID number"), max_length=18, required=False)
    phone = forms.CharField(label=_("Mobile number"), max_length=11, required=False)
    address = forms.CharField(label=_("Address"), max_length=200, required=False)
    credit_code = forms.CharField(label=_("Unified social credit code"), max_length=18, required=False)

    def clean_id_number(self):
        value = self.cleaned_data["id_number"].strip().upper()
        if value:
            parse_id_number(value)
        return value

    def clean_phone(self):
        value = self.cleaned_data["phone"].strip()
        if value:
            validate_mobile(value)
        return value

    def clean_credit_code(self):
        value = self.cleaned_data["credit_code"].strip().upper()
        if value:
            validate_uscc(value)
        return value

    def clean(self):
        data = super().clean()
        if data.get("party_kind") == PartyKind.ORGANISATION and not data.get("credit_code") \
                and "credit_code" not in self.errors:
            self.add_error("credit_code", _("An organisation needs its unified social credit code."))
        return data

    def party_data(self):
        from .services import PartyData

        d = self.cleaned_data
        return PartyData(name=d["name"], kind=d["party_kind"], id_number=d["id_number"], phone=d["phone"],
                         address=d["address"], credit_code=d["credit_code"])


class ApplicationFields(forms.Form):
    """What the application says (FY 22): the respondent, the act, the request."""

    respondent = RespondentChoiceField(label=_("Respondent"), queryset=Unit.objects.none())
    act_kind = ModelChoiceField(label=_("Kind of act"), queryset=ActKind.objects.active(), to_field_name="code")
    act_description = forms.CharField(label=_("Challenged act"), max_length=300)
    act_number = forms.CharField(label=_("Number of the act's document"), max_length=80, required=False)
    act_date = forms.DateField(label=_("Date of the act"), required=False, widget=DateInput())
    known_on = forms.DateField(label=_("Date the applicant learned of the act"), required=False, widget=DateInput())
    request = forms.CharField(label=_("Request"), widget=forms.Textarea)
    reasons = forms.CharField(label=_("Facts and reasons"), widget=forms.Textarea, required=False)
    attachment = forms.FileField(label=_("Materials"), required=False, validators=[validate_upload],
                                 help_text=_("PDF, image, Word, Excel or text; at most 10 MB."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["respondent"].queryset = respondents()

    def clean(self):
        data = super().clean()
        act_date, known_on = data.get("act_date"), data.get("known_on")
        today = timezone.localdate()
        for name in ("act_date", "known_on"):
            if data.get(name) and data[name] > today:
                self.add_error(name, _("This date is in the future."))
        if act_date and known_on and known_on < act_date:
            self.add_error("known_on", _("The applicant cannot have learned of the act before it was done."))
        return data


class ApplicationForm(LikelyDuplicateMixin, ApplicationFields, PartyFields):
    """A member of staff registers an application received at the counter, by post or orally."""

    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices, initial=Channel.COUNTER)
    received_on = forms.DateField(label=_("Received on"), widget=DateInput())
    subject_area = ModelChoiceField(label=_("Subject area"), queryset=SubjectArea.objects.active(),
                                          required=False)
    amount = forms.DecimalField(label=_("Amount involved (yuan)"), required=False, min_value=0, max_digits=14,
                                decimal_places=2)
    major = forms.BooleanField(label=_("Major, difficult or complex"), required=False)
    handler = UserChoiceField(label=_("Handler"), queryset=User.objects.none(), required=False)
    internal_notes = forms.CharField(label=_("Internal notes"), widget=forms.Textarea, required=False)

    field_order = ["channel", "received_on", "party_kind", "name", "id_number", "phone", "address", "credit_code",
                   "respondent", "act_kind", "subject_area", "act_description", "act_number", "act_date",
                   "known_on", "amount", "request", "reasons", "major", "handler", "attachment", "internal_notes"]

    def __init__(self, *args, unit: Unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handler"].queryset = staff_of(unit)
        self.fields["received_on"].initial = timezone.localdate()
        self.order_fields([*self.field_order, "register_anyway"])
        self.unit = unit

    def likely_duplicates(self, data):
        """An application the office received the same day from the same applicant against the same respondent."""
        if not (data.get("received_on") and data.get("name") and data.get("respondent")):
            return []
        return (Application.objects.filter(unit=self.unit, received_on=data["received_on"], respondent=data["respondent"],
                                           parties__role=PartyRole.APPLICANT, parties__party__name=data["name"].strip())
                .distinct().order_by("pk"))

    def clean_received_on(self):
        value = self.cleaned_data["received_on"]
        if value > timezone.localdate():
            raise ValidationError(_("This date is in the future."))
        return value


class FilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    state = forms.ChoiceField(label=_("State"), choices=[("", _("all"))] + State.choices, required=False)
    respondent = lookups.LookupChoiceField(Unit.objects.none(), lookup=RESPONDENTS, label=_("Respondent"),
                                           required=False)
    act_kind = ModelChoiceField(label=_("Kind of act"), queryset=ActKind.objects.all(), to_field_name="code",
                                      required=False)
    subject_area = ModelChoiceField(label=_("Subject area"), queryset=SubjectArea.objects.all(), required=False)
    handler = lookups.LookupChoiceField(User.objects.none(), lookup=HANDLERS, label=_("Handler"), required=False)
    received_from = forms.DateField(label=_("Received from"), required=False, widget=DateInput())
    received_to = forms.DateField(label=_("Received to"), required=False, widget=DateInput())
    concluded_from = forms.DateField(label=_("Concluded from"), required=False, widget=DateInput())
    concluded_to = forms.DateField(label=_("Concluded to"), required=False, widget=DateInput())
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)
    sort = forms.ChoiceField(label=_("Sort"), required=False, choices=[
        ("-received", _("Received, newest first")), ("received", _("Received, oldest first")),
        ("-concluded", _("Concluded, newest first")), ("concluded", _("Concluded, oldest first")),
        ("number", _("Case number"))])

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # a district's staff filter by their district's respondents, not by every agency of a province
        self.fields["respondent"].scope(user)
        self.fields["handler"].scope(user)


# --- one form per step (core.steps.StepForm: the legal date `on` and the version; `self.case`, `self.user`) ---

class RequestCorrectionForm(StepForm):
    items = forms.CharField(label=_("Items to correct, all at once (one per line)"), widget=forms.Textarea)


class ExtendForm(StepForm):
    days = forms.IntegerField(label=_("Days"), min_value=1, max_value=30)
    reason = forms.CharField(label=_("Reason"), max_length=300)


class ResolveForm(StepForm):
    method = forms.ChoiceField(label=_("How it was resolved"), choices=ResolutionMethod.choices)
    note = forms.CharField(label=_("What was agreed"), widget=forms.Textarea)


class AcceptForm(StepForm):
    procedure = forms.ChoiceField(label=_("Procedure"), choices=Procedure.choices, initial=Procedure.ORDINARY)
    simplified_ground = forms.ChoiceField(label=_("Ground for the simplified procedure"), required=False,
                                          choices=[("", "—")] + SimplifiedGround.choices)

    def clean(self):
        data = super().clean()
        if data.get("procedure") == Procedure.SIMPLIFIED and not data.get("simplified_ground"):
            self.add_error("simplified_ground", _("Name the ground for the simplified procedure (FY 53)."))
        return data


class NotAcceptForm(StepForm):
    reasons = forms.CharField(label=_("Reasons"), widget=forms.Textarea)
    competent_authority = forms.CharField(label=_("Competent authority (if not ours)"), max_length=120,
                                          required=False)


class ReasonForm(StepForm):
    reason = forms.CharField(label=_("Reason"), max_length=300)


class SendCopyForm(StepForm):
    respondent_received_on = forms.DateField(label=_("The respondent received it on"), required=False,
                                             widget=DateInput())


class InvestigationStartForm(StepForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=InvestigationKind.choices)
    purpose = forms.CharField(label=_("Purpose"), widget=forms.Textarea, required=False)


class InvestigationEndForm(StepForm):
    findings = forms.CharField(label=_("Findings"), widget=forms.Textarea, required=False)


class ScheduleHearingForm(StepForm):
    scheduled_for = forms.DateField(label=_("Hearing date"), widget=DateInput())
    place = forms.CharField(label=_("Place"), max_length=120)
    matters = forms.CharField(label=_("Matters to be heard"), widget=forms.Textarea)
    presiding = UserChoiceField(label=_("Presiding officer"), queryset=User.objects.none())
    officers = ModelMultipleChoiceField(label=_("Hearing officers (at least two)"), queryset=User.objects.none())
    clerk = UserChoiceField(label=_("Clerk"), queryset=User.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        staff = staff_of(self.case.unit.parent or self.case.unit)
        for name in ("presiding", "officers", "clerk"):
            self.fields[name].queryset = staff
        self.fields["on"].label = _("Notice given on")
        # A panel of four different people to start from: the office head presides, the case's handler sits.
        people = list(staff[:6])
        people.sort(key=lambda u: (not u.has_perm("reconsideration.approve_application"),
                                   u != self.case.handler))
        if len(people) >= 4 and not self.is_bound:
            self.initial.update({"presiding": people[0].pk, "officers": [people[1].pk, people[2].pk],
                                 "clerk": people[3].pk})


class RecordHearingForm(StepForm):
    hearing = ModelChoiceField(label=_("Scheduled hearing"), queryset=None, required=False,
                                     help_text=_("Leave empty to record an interview."))
    kind = forms.ChoiceField(label=_("Kind"), choices=HearingKind.choices, initial=HearingKind.INTERVIEW)
    place = forms.CharField(label=_("Place"), max_length=120, required=False)
    participants = forms.CharField(label=_("Participants"), widget=forms.Textarea)
    record = forms.CharField(label=_("Hearing record"), widget=forms.Textarea)
    respondent_head_attended = forms.BooleanField(label=_("The respondent's head attended"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hearing"].queryset = self.case.hearings.filter(state=HearingState.SCHEDULED)
        self.fields["on"].label = _("Held on")


class ReferForm(StepForm):
    meeting = ModelChoiceField(label=_("Committee meeting"), queryset=None)
    reason = forms.CharField(label=_("Why it is referred"), max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = CommitteeMeeting.objects.visible_to(self.user).order_by("-held_on")


class SuspendForm(StepForm):
    ground = forms.ChoiceField(label=_("Ground (FY 39)"), choices=SuspensionGround.choices)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea, required=False)


class TerminateForm(StepForm):
    ground = forms.ChoiceField(label=_("Ground (FY 41)"), choices=TerminationGround.choices)
    note = forms.CharField(label=_("Note"), widget=forms.Textarea, required=False)


class WithdrawForm(StepForm):
    settled = forms.BooleanField(label=_("After a settlement (FY 74)"), required=False)
    after_mediation = forms.BooleanField(label=_("After mediation by the office"), required=False)
    note = forms.CharField(label=_("Note"), widget=forms.Textarea, required=False)


class MediateForm(StepForm):
    terms = forms.CharField(label=_("Terms agreed (one per line)"), widget=forms.Textarea)


class DecideForm(StepForm):
    decision_type = forms.ChoiceField(label=_("Decision"), choices=DecisionType.choices)
    reasons = forms.CharField(label=_("Findings and reasons"), widget=forms.Textarea)
    order_redo = forms.BooleanField(label=_("Order the respondent to act again"), required=False)
    compensation = forms.BooleanField(label=_("Order compensation (FY 72)"), required=False)


class ServeForm(StepForm):
    method = forms.CharField(label=_("Method of service"), max_length=60, initial="直接送达")


class AssignForm(StepForm):
    handler = UserChoiceField(label=_("Handler"), queryset=User.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handler"].queryset = staff_of(self.case.unit)


class AddPartyForm(StepForm, PartyFields):
    role = forms.ChoiceField(label=_("Role"), choices=[(PartyRole.THIRD_PARTY, PartyRole.THIRD_PARTY.label),
                                                       (PartyRole.REPRESENTATIVE, PartyRole.REPRESENTATIVE.label)])
    represents = ModelChoiceField(label=_("Represents"), queryset=None, required=False)
    representative_kind = forms.ChoiceField(label=_("Kind of representative"), required=False,
                                            choices=[("", "—")] + RepresentativeKind.choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["represents"].queryset = self.case.parties.filter(role=PartyRole.APPLICANT)
        self.fields["represents"].label_from_instance = lambda cp: cp.party.name

    def clean(self):
        data = super().clean()
        if data.get("role") == PartyRole.REPRESENTATIVE and not data.get("represents"):
            self.add_error("represents", _("Say whom the representative represents."))
        if not self.errors:  # the party goes to the service whole, and stays out of the audit payload
            data["_party"] = self.party_data()
            for name in ("party_kind", "name", "id_number", "phone", "address", "credit_code"):
                data.pop(name, None)
        return data


class MeetingForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=120)
    held_on = forms.DateField(label=_("Date"), widget=DateInput())
    place = forms.CharField(label=_("Place"), max_length=120, required=False)


class MeetingRecordForm(VersionedFormMixin, forms.Form):
    members = ModelMultipleChoiceField(label=_("Members present"),
                                             queryset=CommitteeMember.objects.filter(active=True), required=False)
    district_head_attended = forms.BooleanField(label=_("The district head attended"), required=False)
    notes = forms.CharField(label=_("Notes"), widget=forms.Textarea, required=False)

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.review_fields = []
        for review in meeting.reviews.all():
            name = f"opinion_{review.pk}"
            self.fields[name] = forms.CharField(label=_("Opinion on %(case)s") % {"case": review.case.number},
                                                widget=forms.Textarea, required=False, initial=review.opinion)
            self.review_fields.append((review, name))

    def opinions(self) -> dict[int, str]:
        return {review.pk: self.cleaned_data.get(name, "") for review, name in self.review_fields}


# --- the citizens' online application (portal.py: the line's online service) -------------------------------

MAX_FILES = 5


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented pattern); each is checked by validate_upload."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            files = [single(d, initial) for d in data if d]
        else:
            files = [single(data, initial)] if data else []
        if len(files) > MAX_FILES:
            raise forms.ValidationError(_("At most %(n)s files can be uploaded.") % {"n": MAX_FILES})
        for f in files:
            validate_upload(f)
        return files


class OnlineApplicationForm(ApplicationFields, PartyFields):
    attachment = None
    attachments = MultipleFileField(label=_("Materials"), required=False,
                                    help_text=_("Up to 5 files: PDF, image, Word, Excel or text; at most 10 MB each."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phone"].required = True
        self.fields["phone"].help_text = _("With the receipt number, it lets you follow your application.")

    def applicant_key(self) -> str:
        """Who applies (ID number or credit code): the portal limits submissions per applicant."""
        return self.cleaned_data["id_number"] or self.cleaned_data["credit_code"]

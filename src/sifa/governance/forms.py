from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sifa.core.forms import LikelyDuplicateMixin, VersionedFormMixin, date_field
from sifa.core.models import Unit
from sifa.core.steps import StepForm

from .models import InspectionKind, InspectionState, PointKind, TopicStatus


def _units():
    return Unit.objects.filter(active=True).order_by("path")


class TaskFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)
    responsible = forms.ModelChoiceField(label=_("Unit (responsible or assisting)"), required=False,
                                         queryset=Unit.objects.none())
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[
        ("", "—"), ("open", _("Not done")), ("overdue", _("Overdue")), ("done", _("Done"))])
    sort = forms.ChoiceField(label=_("Sort"), required=False, choices=[
        ("due", _("Due date, earliest first")), ("-due", _("Due date, latest first")), ("code", _("Item number"))])

    def __init__(self, *a, **kw):
        super().__init__(*a, **kw)
        self.fields["responsible"].queryset = _units()


class TaskForm(LikelyDuplicateMixin):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    code = forms.CharField(label=_("Item number"), max_length=20, required=False)
    title = forms.CharField(label=_("Task"), max_length=300, widget=forms.Textarea(attrs={"rows": 3}))
    source = forms.CharField(label=_("Source document"), max_length=200, required=False)
    responsible = forms.ModelChoiceField(label=_("Responsible unit"), queryset=Unit.objects.none())
    assisting = forms.ModelMultipleChoiceField(label=_("Assisting units"), queryset=Unit.objects.none(),
                                               required=False)
    due_on = date_field(_("Due date"))

    def __init__(self, *a, user=None, **kw):
        self.user = user
        super().__init__(*a, **kw)
        self.fields["responsible"].queryset = self.fields["assisting"].queryset = _units()

    def likely_duplicates(self, data):
        """A task of the same year's list with the same wording, among those the user sees."""
        from .models import Task

        if self.user is None or not data.get("year") or not data.get("title"):
            return []
        return Task.objects.visible_to(self.user).filter(year=data["year"], title=data["title"].strip()).order_by("pk")


class TaskReportForm(VersionedFormMixin):
    reported_on = date_field(_("Reported on"))
    text = forms.CharField(label=_("Progress"), widget=forms.Textarea(attrs={"rows": 3}))
    done = forms.BooleanField(label=_("The task is done"), required=False)


class InspectionFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    campaign = forms.CharField(label=_("Publicity campaign"), required=False)
    kind = forms.ChoiceField(label=pgettext_lazy("inspection", "Kind"), required=False,
                             choices=[("", "—"), *InspectionKind.choices])
    state = forms.ChoiceField(label=_("State"), required=False, choices=[("", "—"), *InspectionState.choices])
    sort = forms.ChoiceField(label=_("Sort"), required=False, choices=[
        ("-visited", _("Latest first")), ("visited", _("Earliest first"))])


class InspectionForm(forms.Form):
    campaign = forms.CharField(label=_("Publicity campaign"), max_length=120)
    kind = forms.ChoiceField(label=pgettext_lazy("inspection", "Kind"), choices=InspectionKind.choices)
    inspected = forms.ModelChoiceField(label=_("Inspected unit"), queryset=Unit.objects.none())
    visited_on = date_field(_("Inspected on"))
    summary = forms.CharField(label=_("Summary of the inspection"), required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *a, **kw):
        super().__init__(*a, **kw)
        self.fields["inspected"].queryset = _units()



class FindingStepForm(StepForm):
    problem = forms.CharField(label=_("Problem found"), widget=forms.Textarea(attrs={"rows": 2}))
    requirement = forms.CharField(label=_("Rectification required"), widget=forms.Textarea(attrs={"rows": 2}))


class _FindingChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.problem[:60]


class _OpenFindingMixin(StepForm):
    finding = _FindingChoice(label=_("Rectification item"), queryset=None)

    def __init__(self, *a, **kw):
        super().__init__(*a, **kw)
        self.fields["finding"].queryset = self.case.findings.filter(rectified_on__isnull=True).order_by("pk")


class ExtendStepForm(_OpenFindingMixin):
    days = forms.IntegerField(label=_("Days of extension"), min_value=1, max_value=60)
    approver = forms.CharField(label=_("Extension approved by"), max_length=60)
    reason = forms.CharField(label=_("Reason for the extension"), widget=forms.Textarea(attrs={"rows": 2}))


class CloseStepForm(_OpenFindingMixin):
    outcome = forms.CharField(label=_("What was rectified"), widget=forms.Textarea(attrs={"rows": 2}))


class ApproveStepForm(StepForm):
    approved_by = forms.CharField(label=_("Approving body"), max_length=100, initial="市委依法治市办")




class PointFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    kind = forms.ChoiceField(label=pgettext_lazy("observation point", "Kind"), required=False,
                             choices=[("", "—"), *PointKind.choices])
    sort = forms.ChoiceField(label=_("Sort"), required=False, choices=[
        ("name", _("Full name")), ("-established", _("Latest first"))])


class PointForm(forms.Form):
    name = forms.CharField(label=_("Name of the point"), max_length=120)
    kind = forms.ChoiceField(label=pgettext_lazy("observation point", "Kind"), choices=PointKind.choices)
    street = forms.ModelChoiceField(label=_("Street or town"), queryset=Unit.objects.none(), required=False)
    established_on = date_field(_("Established on"))
    observers = forms.CharField(label=_("Observers (one a line: name, occupation)"), required=False,
                                widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *a, **kw):
        super().__init__(*a, **kw)
        self.fields["street"].queryset = _units()

    def clean_observers(self):
        out = []
        for line in self.cleaned_data["observers"].splitlines():
            if line.strip():
                name, _sep, occupation = line.replace("，", ",").partition(",")
                out.append((name.strip()[:60], occupation.strip()[:100]))
        return out


class ObservationForm(forms.Form):
    observer = forms.ModelChoiceField(label=_("Observer"), queryset=None, required=False)
    submitted_on = date_field(_("Submitted on"))
    subject = forms.CharField(label=_("Subject"), max_length=200)
    text = forms.CharField(label=_("Observation"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *a, point, **kw):
        super().__init__(*a, **kw)
        self.fields["observer"].queryset = point.observers.all()


class ObservationFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    replied = forms.ChoiceField(label=_("Reply"), required=False, choices=[
        ("", "—"), ("no", _("Not replied")), ("overdue", _("Overdue")), ("yes", _("Replied"))])
    sort = forms.ChoiceField(label=_("Sort"), required=False, choices=[
        ("-submitted", _("Latest first")), ("submitted", _("Earliest first"))])


class ReplyForm(VersionedFormMixin):
    replied_on = date_field(_("Replied on"))
    reply = forms.CharField(label=_("Reply"), widget=forms.Textarea(attrs={"rows": 4}))


class TopicFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", "—"), *TopicStatus.choices])
    sort = forms.ChoiceField(label=_("Sort"), required=False, choices=[
        ("-proposed", _("Latest first")), ("title", _("Title"))])


class TopicForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("Title"), max_length=200)
    lead = forms.ModelChoiceField(label=_("Lead unit"), queryset=Unit.objects.none())
    proposed_on = date_field(_("Proposed on"))

    def __init__(self, *a, **kw):
        super().__init__(*a, **kw)
        self.fields["lead"].queryset = _units()



class ScoresForm(VersionedFormMixin):
    """The self-assessment (`bureau` False: occurrences and evidence per item) or the bureau's scores (occurrences,
    veto, note per item) of one assessment: one row of fields per indicator of its scheme."""

    on = date_field(_("Date"))

    def __init__(self, *a, assessment=None, bureau: bool = False, **kw):
        super().__init__(*a, **kw)
        self.rows = []
        if assessment is None:
            return
        for s in assessment.scores.select_related("indicator"):
            ind, code = s.indicator, s.indicator.code
            if ind.veto:
                if bureau:
                    self.fields[f"veto_{code}"] = forms.BooleanField(
                        label=f"{code} {ind.name}（{_('veto item')}）", required=False, initial=s.veto_applies)
                    self.fields[f"note_{code}"] = forms.CharField(label=_("Note"), required=False, initial=s.note)
                continue
            initial = s.occurrences if bureau else s.self_occurrences
            self.fields[f"occ_{code}"] = forms.IntegerField(label=f"{code} {ind.name}", min_value=0, max_value=999,
                                                            initial=initial if initial is not None else 0)
            name = f"note_{code}" if bureau else f"evidence_{code}"
            self.fields[name] = forms.CharField(label=_("Note") if bureau else _("Evidence"), required=False,
                                                initial=s.note if bureau else s.evidence)
            self.rows.append(code)

    def rows_for(self, *, bureau: bool) -> dict:
        d = self.cleaned_data
        codes = [k.removeprefix("occ_") for k in d if k.startswith("occ_")]
        if not bureau:
            return {c: (d[f"occ_{c}"], d.get(f"evidence_{c}", "")) for c in codes}
        vetoes = [k.removeprefix("veto_") for k in d if k.startswith("veto_")]
        out = {c: (d[f"occ_{c}"], False, d.get(f"note_{c}", "")) for c in codes}
        out.update({c: (None, d[f"veto_{c}"], d.get(f"note_{c}", "")) for c in vetoes})
        return out


class SchemeForm(forms.Form):
    """A year's indicator scheme (考核细则), or its next edition: the indicators one a line, checked as a whole."""

    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("Title"), max_length=200)
    published_on = date_field(_("Published on"), past=True)
    pass_mark = forms.DecimalField(label=_("Pass mark"), max_digits=6, decimal_places=2, min_value=0, initial=60)
    indicators = forms.CharField(
        label=_("Indicators"), widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_("One indicator a line: code | name | points | deduction per occurrence | cap | veto (是) | "
                    "code of its level-1 indicator (empty for a level-1 indicator)."))

    def clean_indicators(self):
        from .assessment import parse_items

        try:
            return parse_items(self.cleaned_data["indicators"])
        except Exception as exc:  # a StepError naming the line
            raise forms.ValidationError(str(exc)) from None


class EnrolForm(forms.Form):
    units = forms.ModelMultipleChoiceField(label=_("Units to assess"), queryset=Unit.objects.none(),
                                           widget=forms.CheckboxSelectMultiple)

    def __init__(self, *a, scheme=None, **kw):
        super().__init__(*a, **kw)
        taken = scheme.assessments.values("assessed_id") if scheme is not None else []
        self.fields["units"].queryset = _units().exclude(pk__in=taken)

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sifa.core.forms import VersionedFormMixin, date_field
from sifa.core.models import Unit

from .models import ActivityKind


def _units():
    return Unit.objects.filter(active=True).order_by("path")


class ActivityFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    kind = forms.ChoiceField(label=pgettext_lazy("publicity", "Kind"), required=False,
                             choices=[("", "—"), *ActivityKind.choices])
    series = forms.CharField(label=_("Series"), required=False)
    date_from = date_field(_("From"), required=False)
    date_to = date_field(_("To"), required=False)
    sort = forms.ChoiceField(label=_("Sort"), required=False, choices=[
        ("-held", _("Latest first")), ("held", _("Earliest first")), ("-views", _("Most viewed")),
        ("-participants", _("Most participants"))])


class ActivityForm(forms.Form):
    kind = forms.ChoiceField(label=pgettext_lazy("publicity", "Kind"), choices=ActivityKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    series = forms.CharField(label=_("Series"), max_length=60, required=False)
    held_on = date_field(_("Held or published on"))
    organiser = forms.ModelChoiceField(label=_("Organised with"), queryset=Unit.objects.none(), required=False)
    place = forms.CharField(label=_("Place or platform"), max_length=120, required=False)
    participants = forms.IntegerField(label=_("Participant count"), min_value=0, max_value=10**7, initial=0)

    def __init__(self, *a, **kw):
        super().__init__(*a, **kw)
        self.fields["organiser"].queryset = _units()


class ParticipantsForm(VersionedFormMixin):
    participants = forms.IntegerField(label=_("Participant count"), min_value=0, max_value=10**7)


class EntriesForm(forms.Form):
    submitted_on = date_field(_("Submitted on"))
    entries = forms.CharField(label=_("Works (one a line: title, author, school)"),
                              widget=forms.Textarea(attrs={"rows": 5}))

    def clean_entries(self):
        out = []
        for n, line in enumerate(self.cleaned_data["entries"].splitlines(), 1):
            if not line.strip():
                continue
            parts = [p.strip() for p in line.replace("，", ",").split(",")]
            if len(parts) < 2 or not parts[0] or not parts[1]:
                raise forms.ValidationError(_("Line %(n)s: write the title and the author, separated by a comma.")
                                            % {"n": n})
            out.append((parts[0][:200], parts[1][:60], (parts[2] if len(parts) > 2 else "")[:120]))
        return out


class ResponsibilityFilterForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)
    reviewed = forms.ChoiceField(label=_("Review"), required=False, choices=[
        ("", "—"), ("yes", _("Reviewed")), ("no", _("Not reviewed"))])
    sort = forms.ChoiceField(label=_("Sort"), required=False, choices=[
        ("-score", _("Score, best first")), ("member", _("Member unit"))])


class ResponsibilityForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    member = forms.ModelChoiceField(label=_("Member unit"), queryset=Unit.objects.none())
    duties = forms.CharField(label=_("Responsibility list"), widget=forms.Textarea(attrs={"rows": 4}))
    plan = forms.CharField(label=_("The year's publicity plan"), required=False,
                           widget=forms.Textarea(attrs={"rows": 4}))
    plan_filed_on = date_field(_("Plan filed on"), required=False)

    def __init__(self, *a, **kw):
        super().__init__(*a, **kw)
        self.fields["member"].queryset = _units()


class ReviewForm(VersionedFormMixin):
    reviewed_on = date_field(_("Performance reviewed on"))
    score = forms.DecimalField(label=_("Review score"), min_value=0, max_value=100, decimal_places=1, max_digits=5)
    comment = forms.CharField(label=_("Review comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ProjectForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("Title"), max_length=200)
    member = forms.ModelChoiceField(label=_("Nominating unit"), queryset=Unit.objects.none())
    nominated_on = date_field(_("Nominated on"))

    def __init__(self, *a, **kw):
        super().__init__(*a, **kw)
        self.fields["member"].queryset = _units()


class SelectionForm(forms.Form):
    count = forms.IntegerField(label=_("Places"), min_value=1, max_value=100, initial=10)
    on = date_field(_("Selected as best on"))

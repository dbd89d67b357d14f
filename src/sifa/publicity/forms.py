from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sifa.core.forms import VersionedFormMixin, date_field
from sifa.core.models import Unit

from .models import ActivityKind, SessionKind, StudyItem


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


class StudyListForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("Title"), max_length=200)
    published_on = date_field(_("Published on"), past=True)
    items = forms.CharField(label=_("Laws to know"), widget=forms.Textarea(attrs={"rows": 10}),
                            help_text=_("One law a line, its category after a bar: 中华人民共和国行政处罚法 | 通用类"))

    def clean_items(self):
        rows = []
        for line in self.cleaned_data["items"].splitlines():
            law, _bar, cat = line.replace("｜", "|").partition("|")
            if law.strip():
                rows.append((law.strip(), cat.strip()))
        if not rows:
            raise forms.ValidationError(_("Write at least one law."))
        return rows


class StudySessionForm(forms.Form):
    held_on = date_field(_("Held on"), past=True)
    kind = forms.ChoiceField(label=pgettext_lazy("study session", "Kind"), choices=SessionKind.choices)
    host = forms.ModelChoiceField(label=_("Host unit"), queryset=Unit.objects.none())
    topic = forms.CharField(label=_("Topic of the session"), max_length=200)
    items = forms.ModelMultipleChoiceField(label=_("Items studied"), queryset=StudyItem.objects.none(),
                                           required=False, widget=forms.CheckboxSelectMultiple)
    attendees = forms.CharField(
        label=_("Officials expected"), widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("One official a line: name | post | 缺席 and the reason, if absent (e.g. 王某 | 副局长 | 缺席 出差)"))

    def __init__(self, *a, study_list=None, **kw):
        super().__init__(*a, **kw)
        self.fields["host"].queryset = Unit.objects.filter(active=True).order_by("path")
        if study_list is not None:
            self.fields["items"].queryset = study_list.items.all()

    def clean_attendees(self):
        from .services import Attendee

        out = []
        for line in self.cleaned_data["attendees"].splitlines():
            cells = [c.strip() for c in line.replace("｜", "|").split("|")]
            if not cells[0]:
                continue
            post = cells[1] if len(cells) > 1 else ""
            status = cells[2] if len(cells) > 2 else ""
            absent = status.startswith("缺席")
            out.append(Attendee(cells[0], post, not absent, status.removeprefix("缺席").strip() if absent else ""))
        if not out:
            raise forms.ValidationError(_("Write the officials expected at the session."))
        return out


class AwardForm(forms.Form):
    """The prizes of a contest, one choice per work entered (no prize by default), awarded at once on a day."""

    awarded_on = date_field(_("Prizes awarded on"), past=True)

    def __init__(self, *a, entries=(), **kw):
        from .models import Prize

        super().__init__(*a, **kw)
        self.entries = list(entries)
        for e in self.entries:
            self.fields[f"prize_{e.pk}"] = forms.ChoiceField(label=f"{e.title}（{e.author}）", choices=Prize.choices,
                                                             required=False)

    def prizes(self) -> dict[int, str]:
        return {e.pk: self.cleaned_data[f"prize_{e.pk}"] for e in self.entries if self.cleaned_data.get(f"prize_{e.pk}")}

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import ModelChoiceIterator
from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from . import crypto
from .inputs import validate_not_future
from .models import Party, PartyKind, Unit, UnitKind
from .models.parties import IdType
from .validators import parse_id_number, validate_mobile, validate_uscc

# --- model choices in one query (every list page has a filter form of selects) ----------------------------

class ChoicesInOneQuery(ModelChoiceIterator):
    """The choices of a ModelChoiceField, read in one query.

    Django's iterator streams them with `QuerySet.iterator()`, which on PostgreSQL opens a server-side cursor:
    DECLARE, FETCH and CLOSE, three round trips for every select on every page. A select's choices are few
    by nature (units, types, staff), so one plain query reads them all. Installed as the iterator of every
    ModelChoiceField and ModelMultipleChoiceField below: every form of sifa takes its model choices through them.
    """

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset.all():  # .all(): a fresh query each time, never a stale cache
            yield self.choice(obj)


class ModelChoiceField(forms.ModelChoiceField):
    """Django's ModelChoiceField with its choices read in one query (Django's `iterator` hook, `ChoicesInOneQuery`)."""

    iterator = ChoicesInOneQuery


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's ModelMultipleChoiceField with its choices read in one query (as `ModelChoiceField`)."""

    iterator = ChoicesInOneQuery


class DateInput(forms.DateInput):
    """A date picker that shows and posts ISO dates (2024-03-29)."""

    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def date_field(label, required=True, *, past: bool = False, **kwargs) -> forms.DateField:
    """A date with the browser's date picker. `past=True`: the date of something that has happened (a
    registration, a receipt, a decision), which cannot be after today."""
    if past:
        kwargs["validators"] = [*kwargs.get("validators", ()), validate_not_future]
    return forms.DateField(label=label, required=required, widget=DateInput(), **kwargs)


class VersionedFormMixin(forms.Form):
    """The version of the record the user is editing, carried as a hidden field and handed to the service as
    `expected_version` (`core.locking.save_versioned` refuses the save if someone else saved in between)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1, max_value=2**31 - 1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = getattr(self, "instance", None)
        if instance is not None and instance.pk:
            self.fields["version"].initial = instance.version


class PartyForm(VersionedFormMixin, forms.ModelForm):
    """A party with its ID and phone numbers, validated here and encrypted by the service."""

    id_number = forms.CharField(label=_("ID number"), required=False, max_length=40,
                                help_text=_("Resident ID numbers are checked against their check digit."))
    phone = forms.CharField(label=_("Mobile number"), required=False, max_length=20)

    class Meta:
        model = Party
        fields = ["kind", "name", "id_type", "id_number", "phone", "address", "credit_code",
                  "legal_representative", "unit"]
        field_classes = {"unit": ModelChoiceField}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.visible_to(user).order_by("path") if user else Unit.objects.none()
        self.fields["id_type"].required = False
        if not self.instance.pk:
            self.fields["id_type"].initial = IdType.RESIDENT_ID
        self.user = user
        for name in ("id_number", "phone"):
            self.fields[name].widget.attrs["autocomplete"] = "off"

    def clean_id_number(self):
        value = self.cleaned_data.get("id_number", "").strip().upper()
        id_type = self.data.get(self.add_prefix("id_type")) or IdType.RESIDENT_ID
        if value and id_type == IdType.RESIDENT_ID:
            parse_id_number(value)
        if value and self.user is not None:
            # One party per person within what the user sees (lines share parties through core).
            same = (Party.objects.visible_to(self.user).filter(id_number_hash=crypto.lookup_hash(value))
                    .exclude(pk=self.instance.pk).first())
            if same is not None:
                raise ValidationError(_("%(name)s is already registered with this ID number: use that party."),
                                      params={"name": same.name}, code="duplicate")
        return value

    def clean_phone(self):
        value = self.cleaned_data.get("phone", "").strip()
        if value:
            validate_mobile(value)
        return value

    def clean_credit_code(self):
        value = self.cleaned_data.get("credit_code", "").strip().upper()
        if value:
            validate_uscc(value)
        return value

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == PartyKind.ORGANISATION and not data.get("credit_code") and not self.errors.get("credit_code"):
            self.add_error("credit_code", ValidationError(_("An organisation needs its unified social credit code.")))
        if kind == PartyKind.ORGANISATION and data.get("id_number"):
            self.add_error("id_number", ValidationError(_("An organisation has no ID number: use the credit code.")))
        if data.get("id_number") and not data.get("id_type"):
            data["id_type"] = IdType.RESIDENT_ID
        return data


class PartySearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=60,
                        help_text=_("A name, a whole ID number, a mobile number or a credit code"))
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", "—"), *PartyKind.choices])


class UnitSearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=60,
                        help_text=_("Part of a unit's name, code or short name"))
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", "—"), *UnitKind.choices])


class AuditFilterForm(forms.Form):
    actor = forms.CharField(label=_("User name"), required=False, max_length=150)
    action = forms.CharField(label=_("Action"), required=False, max_length=80,
                             help_text=_("An event code or its start; point at an event to see its code"))
    object_type = forms.CharField(label=_("Object type"), required=False, max_length=80)
    object_id = forms.CharField(label=_("Object id"), required=False, max_length=40)
    date_from = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))


# --- rendering speed: every list page has a filter form of selects ---------------------------------------

_SELECT = "django/forms/widgets/select.html"
_OPTION = "django/forms/widgets/select_option.html"


def _attrs(attrs: dict) -> str:
    """django/forms/widgets/attrs.html in Python: `False` drops the attribute, `True` writes its name alone."""
    out = []
    for name, value in attrs.items():
        if value is False:
            continue
        out.append(f" {conditional_escape(name)}" if value is True
                   else format_html(' {}="{}"', name, str(value)))
    return "".join(out)


def render_select(widget: dict) -> str:
    """django/forms/widgets/select.html with its options, in Python: the same HTML, without including a
    template per option (a select of a few hundred units took milliseconds to render through templates)."""
    parts = [format_html('<select name="{}"', widget["name"]), _attrs(widget["attrs"]), ">"]
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(format_html('\n  <optgroup label="{}">', group_name))
        for option in group_choices:
            parts.append(format_html('\n  <option value="{}"', str(option["value"])))
            parts.append(_attrs(option["attrs"]))
            parts.append(format_html(">{}</option>\n", option["label"]))
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")  # the renderer strips what a template leaves at its end
    return mark_safe("".join(parts))  # noqa: S308  (every value above is escaped by format_html/_attrs)


class FormRenderer(DjangoTemplates):
    """Django's default form renderer, except that selects whose options use the stock option template are
    rendered by `render_select` (settings.FORM_RENDERER)."""

    def render(self, template_name, context, request=None):
        widget = context.get("widget") if template_name == _SELECT else None
        if widget is not None and all(o.get("template_name") == _OPTION
                                      for _g, group, _i in widget["optgroups"] for o in group):
            return render_select(widget)
        return super().render(template_name, context, request)


class LikelyDuplicateMixin(forms.Form):
    """A registration that warns before it records what looks like a case already registered (the same parties
    on the same day), and lets the user go on deliberately.

    The line's form defines `likely_duplicates(data)`: the cases, among those the user may see, that the new one
    would probably repeat. When there are any and the user has not said otherwise, the form is refused with a
    message naming them, `self.duplicates` holds them (for links), and the box "not the same case" appears; the
    user ticks it and registers again."""

    register_anyway = forms.BooleanField(
        label=_("It is not the same case: register it anyway"), required=False, widget=forms.HiddenInput)

    def likely_duplicates(self, data: dict):
        return []

    def clean(self):
        data = super().clean()
        self.duplicates = []
        if self.errors or data.get("register_anyway"):
            return data
        self.duplicates = list(self.likely_duplicates(data)[:5])
        if self.duplicates:
            self.fields["register_anyway"].widget = forms.CheckboxInput()
            raise ValidationError(
                _("This looks like a case already registered: %(cases)s. Open it to check; if this is a different "
                  "case, tick the box below and register again."),
                code="likely_duplicate", params={"cases": "、".join(str(c) for c in self.duplicates)})
        return data

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from . import crypto
from .models import Party, PartyKind, Unit, UnitKind
from .models.parties import IdType
from .validators import parse_id_number, validate_mobile, validate_uscc


class PartyForm(forms.ModelForm):
    """A party with its ID and phone numbers, validated here and encrypted by the service."""

    id_number = forms.CharField(label=_("ID number"), required=False, max_length=40,
                                help_text=_("Resident ID numbers are checked against their check digit."))
    phone = forms.CharField(label=_("Mobile number"), required=False, max_length=20)

    class Meta:
        model = Party
        fields = ["kind", "name", "id_type", "id_number", "phone", "address", "credit_code",
                  "legal_representative", "unit"]

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
                             help_text=_("The start of an action, e.g. party. or auth.login"))
    object_type = forms.CharField(label=_("Object type"), required=False, max_length=80)
    object_id = forms.CharField(label=_("Object id"), required=False, max_length=40)
    date_from = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

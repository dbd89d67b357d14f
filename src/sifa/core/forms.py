from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import Party, PartyKind, Unit
from .models.parties import IdType
from .validators import parse_id_number, validate_mobile, validate_uscc


class PartyForm(forms.ModelForm):
    """A party with its ID and phone numbers, validated here and encrypted by the service."""

    id_number = forms.CharField(label=_("ID number"), required=False, max_length=40)
    phone = forms.CharField(label=_("mobile number"), required=False, max_length=20)

    class Meta:
        model = Party
        fields = ["kind", "name", "id_type", "address", "credit_code", "legal_representative", "unit"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.visible_to(user) if user else Unit.objects.none()
        self.fields["id_type"].required = False

    def clean_id_number(self):
        value = self.cleaned_data.get("id_number", "").strip().upper()
        id_type = self.data.get(self.add_prefix("id_type")) or IdType.RESIDENT_ID
        if value and id_type == IdType.RESIDENT_ID:
            parse_id_number(value)
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
        if data.get("kind") == PartyKind.ORGANISATION and not data.get("credit_code") and not self.errors.get("credit_code"):
            self.add_error("credit_code", ValidationError(_("An organisation needs its unified social credit code.")))
        if data.get("id_number") and not data.get("id_type"):
            data["id_type"] = IdType.RESIDENT_ID
        return data


class PartySearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False,
                        help_text=_("A name, a whole ID number, a mobile number or a credit code"))

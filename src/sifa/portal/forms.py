"""The progress look-up (the application forms are the lines': `core.lines.OnlineService.form`)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class ProgressForm(forms.Form):
    receipt_number = forms.CharField(label=_("Receipt number"), max_length=24)
    phone = forms.CharField(label=_("Mobile number given in the application"), max_length=11)

    def clean_receipt_number(self):
        return self.cleaned_data["receipt_number"].strip().upper()

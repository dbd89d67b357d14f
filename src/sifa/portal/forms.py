"""The citizen's online application (行政复议法 第二十二条: 通过行政复议机关指定的互联网渠道) and the progress lookup."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from sifa.reconsideration.forms import ApplicationFields, PartyFields
from sifa.reconsideration.uploads import validate_upload

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


class ProgressForm(forms.Form):
    receipt_number = forms.CharField(label=_("Receipt number"), max_length=24)
    phone = forms.CharField(label=_("Mobile number given in the application"), max_length=11)

    def clean_receipt_number(self):
        return self.cleaned_data["receipt_number"].strip().upper()

"""Checks on uploaded materials (size, extension, and that the content is what the extension claims: a renamed
executable is refused), used by the portal's online application, the progress page and the centre's case page.
The accepted types and the size come from the settings `SIFA_UPLOAD_EXTENSIONS` and `SIFA_UPLOAD_MAX_BYTES`."""

from __future__ import annotations

from pathlib import Path

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

MAX_FILES = 5
# The first bytes each accepted type starts with (.txt: any text without NUL bytes).
_MAGIC = {
    ".pdf": (b"%PDF",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".docx": (b"PK\x03\x04",),
    ".xlsx": (b"PK\x03\x04",),
    ".doc": (b"\xd0\xcf\x11\xe0",),
    ".xls": (b"\xd0\xcf\x11\xe0",),
}


def validate_upload(f) -> None:
    allowed = [e.lower() for e in settings.SIFA_UPLOAD_EXTENSIONS]
    ext = Path(f.name or "").suffix.lower()
    if ext not in allowed:
        raise ValidationError(_("Materials of type “%(ext)s” are not accepted; accepted types: %(allowed)s.") % {
            "ext": ext or "?", "allowed": "、".join(allowed)}, code="file_type")
    if f.size > settings.SIFA_UPLOAD_MAX_BYTES:
        raise ValidationError(_("The material is %(size)s; at most %(max)s is accepted.") % {
            "size": filesizeformat(f.size), "max": filesizeformat(settings.SIFA_UPLOAD_MAX_BYTES)}, code="file_size")
    if f.size == 0:
        raise ValidationError(_("The material is an empty file."), code="file_empty")
    head = f.read(8)
    f.seek(0)
    magic = _MAGIC.get(ext)
    if (magic and not any(head.startswith(m) for m in magic)) or (ext == ".txt" and b"\x00" in head):
        raise ValidationError(_("The content of the material is not a %(ext)s file.") % {"ext": ext},
                              code="file_content")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MaterialsField(forms.FileField):
    """Up to `MAX_FILES` files in one field (Django's documented pattern), each checked by `validate_upload`."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("label", gettext_lazy("Application materials"))
        kwargs.setdefault("help_text", gettext_lazy(
            "Up to 5 files (ID document, statement of economic hardship, papers of the matter): PDF, image, Word, "
            "Excel or text."))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            files = [single(d, initial) for d in data if d]
        else:
            files = [single(data, initial)] if data else []
        if self.required and not files:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        if len(files) > MAX_FILES:
            raise forms.ValidationError(_("At most %(n)s files can be uploaded at once.") % {"n": MAX_FILES})
        for f in files:
            validate_upload(f)
        return files

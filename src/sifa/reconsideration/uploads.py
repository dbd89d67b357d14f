"""Checks on uploaded files (applications' materials): size, extension, and that the content is what the
extension claims (a renamed executable is refused). Used by the staff forms and by the online portal."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

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
    max_bytes = settings.SIFA_UPLOAD_MAX_BYTES
    allowed = [e.lower() for e in settings.SIFA_UPLOAD_EXTENSIONS]
    ext = Path(f.name or "").suffix.lower()
    if ext not in allowed:
        raise ValidationError(_("Files of type “%(ext)s” are not accepted; accepted types: %(allowed)s.") % {
            "ext": ext or "?", "allowed": "、".join(allowed)}, code="file_type")
    if f.size > max_bytes:
        raise ValidationError(_("The file is %(size)s; at most %(max)s is accepted.") % {
            "size": filesizeformat(f.size), "max": filesizeformat(max_bytes)}, code="file_size")
    if f.size == 0:
        raise ValidationError(_("The file is empty."), code="file_empty")
    head = f.read(8)
    f.seek(0)
    magic = _MAGIC.get(ext)
    if magic and not any(head.startswith(m) for m in magic):
        raise ValidationError(_("The file's content is not a %(ext)s file.") % {"ext": ext}, code="file_content")
    if ext == ".txt" and b"\x00" in head:
        raise ValidationError(_("The file's content is not a %(ext)s file.") % {"ext": ext}, code="file_content")

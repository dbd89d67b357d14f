"""Uploaded files (applications' materials, imported workbooks): kept where no URL reaches them, under names
nobody can guess, and sent only through a view of the line that owns them.

- `private_storage`: `$SIFA_VAR_DIR/private`, outside MEDIA_ROOT and every static folder. A private file has no
  URL (`url()` raises): no route of sifa serves uploads, in any mode (issue #14: under `SIFA_DEBUG=1` the static
  `/media/` route served case files to anyone).
- `RandomName`: an `upload_to` that stores `<folder>/<yyyy>/<mm>/<uuid4 hex><ext>` — the original name (which
  may hold a person's name, and would let one guess another file's path) is kept in a field of the record, for
  display and for the download's file name.
- `download`: the response of a line's download view. The view fetches the record within the user's scope
  (404 outside it) and passes it here; the read is recorded in the audit chain and the file is sent as an
  attachment under its original name (RFC 5987 for Chinese), with `nosniff` and `no-store`.
"""

from __future__ import annotations

import mimetypes
import os
import re
import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.http import FileResponse, Http404
from django.utils import timezone
from django.utils.deconstruct import deconstructible

_EXTENSION = re.compile(r"\.[a-z0-9]{1,8}")


class PrivateStorage(FileSystemStorage):
    """A folder under the var dir that nothing serves. Follows `settings.VAR_DIR` (as Django's own storage
    follows MEDIA_ROOT), so a test that moves the var dir moves it too."""

    def __init__(self, folder: str = "private"):
        self.folder = folder
        super().__init__(file_permissions_mode=0o600, directory_permissions_mode=0o700)  # the sifa user's only

    @property
    def base_location(self):  # not cached: the var dir is read at each use
        return self._value_or_setting(self._location, settings.VAR_DIR / self.folder)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("A private file has no URL: link to its line's download view (core.files.download).")


def private_storage() -> PrivateStorage:
    """The storage of every uploaded file (a callable, so that migrations do not record a path)."""
    return PrivateStorage()


def stored_extension(filename: str) -> str:
    """The extension a stored file keeps: the original's, lower-cased, if it is a plain one (`.pdf`), else none.
    The forms have checked it against the accepted types already (e.g. reconsideration.uploads)."""
    ext = PurePath(filename or "").suffix.lower()
    return ext if _EXTENSION.fullmatch(ext) else ""


@deconstructible(path="sifa.core.files.RandomName")
class RandomName:
    """`upload_to` for uploads: `<folder>/<yyyy>/<mm>/<uuid4 hex><ext>`, never the uploader's file name."""

    def __init__(self, folder: str):
        self.folder = folder.strip("/")

    def __call__(self, instance, filename: str) -> str:
        return f"{self.folder}/{timezone.localdate():%Y/%m}/{uuid.uuid4().hex}{stored_extension(filename)}"

    def __eq__(self, other) -> bool:
        return isinstance(other, RandomName) and other.folder == self.folder

    def __hash__(self) -> int:
        return hash(self.folder)


def display_name(filename: str) -> str:
    """The original file name as shown and offered for download: its last part, without control characters."""
    name = PurePath((filename or "").replace("\\", "/")).name
    return "".join(ch for ch in name if ch.isprintable())[:200] or "file"


def download(request, *, file, filename: str, obj, action: str) -> FileResponse:
    """Send a stored file as an attachment named `filename` and record the read (`action`, on `obj`) in the
    audit chain. The caller has fetched the record within the user's scope: this is the only way out for an
    uploaded file. A file missing from the storage is a 404, not a server error."""
    try:
        handle = file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    from . import audit  # core.models imports this module for its storage, audit imports core.models

    name = display_name(filename)
    audit.record_read(request.user, action, obj, summary=name)
    content_type = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
    response = FileResponse(handle, as_attachment=True, filename=name, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response

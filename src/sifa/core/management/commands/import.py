"""sifa import KIND FILE --user USERNAME — import a file (.xlsx or .csv) as that user, printing the progress and
the report; exit code 1 when the file has errors (then nothing was imported).

KIND is one of the registered importers (`disputes`, `applications`, ...: see `sifa import --help`). The import is
recorded as an import job like one from the web page, so it shows there too and is audited the same way."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from sifa.core import imports
from sifa.core.models import User


class Command(BaseCommand):
    help = "Import a file (.xlsx or .csv) of cases as a user: sifa import disputes FILE --user USERNAME."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=[i.kind for i in imports.importers()], help="what the file holds")
        parser.add_argument("file", help="the .xlsx or .csv file")
        parser.add_argument("--user", required=True, help="the user the import is made as (their permissions apply)")

    def handle(self, *args, kind, file, user, **options):
        with translation.override(settings.LANGUAGE_CODE):
            return self._import(kind, Path(file), user)

    def _import(self, kind: str, path: Path, username: str) -> None:
        imp = imports.importer(kind)
        by = User.objects.filter(username=username, is_active=True).first()
        if by is None:
            raise CommandError(_("There is no active user “%(name)s”.") % {"name": username})
        if not by.has_perm(imp.permission):
            raise CommandError(_("%(user)s may not import %(what)s.") % {"user": username, "what": imp.label})
        if path.suffix.lower() not in imports.EXTENSIONS or not path.is_file():
            raise CommandError(_("%(file)s is not an .xlsx or .csv file.") % {"file": path})
        with path.open("rb") as f:
            job = imports.job_create(kind=kind, file=File(f, name=path.name), by=by, name=path.name)
        shown = {}

        def progress(stage: str, done: int, total: int) -> None:
            if stage != shown.get("stage") or done == total or done - shown.get("done", 0) >= 5000:
                shown.update(stage=stage, done=done)
                self.stderr.write(f"{imports.STAGES.get(stage, stage)} {done}/{total}" if total else
                                  str(imports.STAGES.get(stage, stage)))

        report = imports.job_run(job, progress=progress)
        job.refresh_from_db()
        text = job.message if (job.message and not report.errors) else report.text()
        if not report.ok or job.message:
            raise CommandError(text, returncode=1)
        self.stdout.write(text)

"""sifa backup -o FILE — a consistent backup of the database and the uploads, while sifa is in use, in one
.tar (or .tar.gz) with a manifest of checksums. The keys are never in it (core.backup, docs/operations.md)."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from sifa.core import backup


class Command(BaseCommand):
    help = "Back up the database and the uploaded files into one tar file (.tar or .tar.gz); never the keys."

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", required=True, metavar="FILE", help="the backup file to write")

    def handle(self, *args, output=None, **options):
        started = time.monotonic()
        try:
            summary = backup.create(output)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(_("Backed up the %(engine)s database and %(n)s uploaded files into %(path)s "
                            "(%(size)s bytes) in %(s).1f s.") % {
            "engine": summary.engine, "n": summary.files, "path": summary.path, "size": summary.size,
            "s": time.monotonic() - started})
        self.stdout.write(_("The keys are not in the backup: keep them apart (docs/operations.md)."))

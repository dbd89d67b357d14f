"""sifa restore FILE — restore a backup of `sifa backup` into an empty installation (an empty database, no
uploads), with the same keys. Every checksum is checked before anything is written (core.backup)."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from sifa.core import backup


class Command(BaseCommand):
    help = "Restore a backup into an empty installation (then run `sifa audit verify`)."

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE", help="a backup written by `sifa backup`")

    def handle(self, *args, file=None, **options):
        started = time.monotonic()
        try:
            manifest = backup.restore(file)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from None
        files = sum(f["path"].startswith(backup.FILES) for f in manifest["files"])
        self.stdout.write(_("Restored the backup of %(created)s (sifa %(version)s): the database and %(n)s uploaded "
                            "files, in %(s).1f s.") % {
            "created": manifest["created_at"], "version": manifest["sifa_version"], "n": files,
            "s": time.monotonic() - started})
        self.stdout.write(_("Next: `sifa migrate` (if this sifa is newer), then `sifa audit verify`."))

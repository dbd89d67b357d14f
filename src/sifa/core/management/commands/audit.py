"""sifa audit verify — walk the audit chain; name the first event whose hash or link fails (exit code 1),
or report how many events were verified."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from sifa.core import audit


class Command(BaseCommand):
    help = "Audit chain tools. verify: check every event's SM3 hash and link, in sequence order."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("verify", help="verify the whole chain")

    def handle(self, *args, action=None, **options):
        result = audit.verify()
        if not result.ok:
            raise CommandError(_("The audit chain is broken at event #%(seq)s: %(reason)s. %(n)s events before it "
                                 "verified.") % {"seq": result.first_bad_seq, "reason": result.reason,
                                                 "n": result.verified})
        self.stdout.write(_("The audit chain is intact: %(n)s events verified.") % {"n": result.verified})

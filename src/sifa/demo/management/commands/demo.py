"""`sifa demo`: load the demo district. Running it twice changes nothing."""

import time

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from sifa.demo import district, holidays
from sifa.demo.parts import parts


class Command(BaseCommand):
    help = _("Load the demo district (idempotent).")

    def add_arguments(self, parser):
        parser.add_argument("--only", nargs="*", help="load only these lines")

    def handle(self, *args, **opts):
        started = time.monotonic()
        units, users = district.load()
        if holidays.load():
            self.stdout.write(_("Entered provisional 2027 rest days (statutory days only; see admin → holiday overrides)."))
        self.stdout.write(_("Units: %(n)s") % {"n": len(units)})
        for name, load in parts():  # each installed line's demo (core.lines), then the annual report
            if opts.get("only") and name not in opts["only"]:
                continue
            t = time.monotonic()
            load(units, self.stdout)
            self.stdout.write(f"  {name}: {time.monotonic() - t:.1f}s")
        self.stdout.write(_("Demo users (password for all: %(pw)s):") % {"pw": district.DEMO_PASSWORD})
        for username, role, unit in users:
            self.stdout.write(f"  {username:<12} {role} · {unit}")
        self.stdout.write(_("Two-factor code of admin, security, auditor and leader: `sifa demo_code`."))
        self.stdout.write(_("Done in %(s).1f s.") % {"s": time.monotonic() - started})

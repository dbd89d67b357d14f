"""sifa calendar YEAR — the year's rest days and adjusted working days; or what is missing for a year
sifa has no data for. sifa calendar --load FILE.csv [--complete] — enter a year's State Council notice."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext as _

from sifa.core import calendar as cal


class Command(BaseCommand):
    help = ("Print a year's statutory rest days (other than ordinary weekends) and adjusted working days, "
            "or load a year's holiday notice from a CSV file (header: date,type,name,basis; type 休 or 班).")

    def add_arguments(self, parser):
        parser.add_argument("year", nargs="?", type=int)
        parser.add_argument("--load", metavar="FILE.csv", help="load holiday overrides from a CSV file")
        parser.add_argument("--complete", action="store_true",
                            help="with --load: mark the file's years complete, so clocks may run into them")
        parser.add_argument("--force", action="store_true",
                            help="with --complete: mark complete even if a festival has no rest day")

    def handle(self, *args, year=None, load=None, complete=False, force=False, **options):
        if load:
            self._load(Path(load), complete=complete, force=force)
            if year is None:
                return
        if year is None:
            raise CommandError(_("Give a year (sifa calendar 2026) or a file to load (--load FILE.csv)."))
        self._show(year)

    def _load(self, path: Path, *, complete: bool, force: bool) -> None:
        try:
            rows = cal.parse_csv(path.read_text(encoding="utf-8-sig"))
            result = cal.load(rows, complete=complete, force=force)
        except OSError as exc:
            raise CommandError(str(exc)) from exc
        except cal.CalendarLoadError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(_("Loaded %(n)s days (%(created)s new, %(updated)s replaced).") % {
            "n": len(rows), "created": result.created, "updated": result.updated})
        for year in result.completed_years:
            self.stdout.write(_("%(year)s is marked complete.") % {"year": year})
        if result.completed_years:
            self.stdout.write(_("Run “sifa clocks recompute” so that open clocks use the new data."))

    def _show(self, year: int) -> None:
        status = cal.year_status(year)
        if not status.known:
            self.stdout.write(status.explain())
            raise CommandError(_("No holiday data for %(year)s.") % {"year": year})
        summary = cal.year_summary(year)
        self.stdout.write(_("Holidays and adjusted working days of %(year)s") % {"year": year})
        self.stdout.write(status.explain())
        if summary.corrections:
            self.stdout.write(_("%(n)s days corrected by holiday overrides.") % {"n": summary.corrections})
        self.stdout.write("")
        self.stdout.write(_("Rest days (other than ordinary weekends):"))
        for first, last, name in cal.runs(summary.rest_days):
            days = (last - first).days + 1
            span = str(first) if first == last else _("%(first)s to %(last)s") % {"first": first, "last": last}
            total = _("%(n)s days in all") % {"n": days}
            self.stdout.write(f"  {span:<26} {total:<8} {name or '—'}")
        self.stdout.write("")
        self.stdout.write(_("Adjusted working days (weekends worked):"))
        for day, name in summary.adjusted_workdays:
            self.stdout.write(f"  {day} {WEEKDAYS[day.weekday()]}  {name}")
        if not summary.adjusted_workdays:
            self.stdout.write("  —")

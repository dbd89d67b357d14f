"""sifa deadline --list | sifa deadline RULE START [--pause FROM:TO[:REASON] ...] [--extend N]

Prints the due date of a clock of RULE started on START, and its explanation: for staff, and for checking
the registered rules against the law by hand."""

from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from sifa.core import calendar as cal
from sifa.core import clocks


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(_("“%(value)s” is not a date (YYYY-MM-DD).") % {"value": text}) from None


def _pause(text: str) -> tuple[date, date, str]:
    parts = text.split(":", 2)
    if len(parts) < 2:
        raise CommandError(_("A pause is written FROM:TO, e.g. 2024-02-05:2024-02-19."))
    first, last = _date(parts[0]), _date(parts[1])
    if last < first:
        raise CommandError(_("The pause %(pause)s ends before it begins.") % {"pause": text})
    return first, last, parts[2] if len(parts) > 2 else _("paused")


class Command(BaseCommand):
    help = "Compute a statutory due date: sifa deadline RULE START [--pause FROM:TO ...] [--extend N]; --list lists the rules."

    def add_arguments(self, parser):
        parser.add_argument("rule", nargs="?")
        parser.add_argument("start", nargs="?")
        parser.add_argument("--list", action="store_true", help="list the registered rules")
        parser.add_argument("--pause", action="append", default=[], metavar="FROM:TO[:REASON]",
                            help="time excluded, from FROM to the day before TO (repeatable)")
        parser.add_argument("--extend", type=int, default=0, metavar="N",
                            help="an extension of N days (in the rule's unit)")
        parser.add_argument("--rule-date", metavar="DATE",
                            help="choose the rule version in force on DATE (default: START)")

    def handle(self, *args, rule=None, start=None, list=False, pause=(), extend=0, rule_date=None, **options):
        if list:
            return self._list()
        if not rule or not start:
            raise CommandError(_("Give a rule and a start date, or --list."))
        start_day = _date(start)
        pauses = sorted(_pause(p) for p in pause)
        for f, _t, _r in pauses:
            if f < start_day:
                raise CommandError(_("A pause cannot begin before the start (%(start)s).") % {"start": start_day})
        try:
            d = clocks.preview(rule=rule, start=start_day, pauses=pauses, extension_days=extend,
                               rule_date=_date(rule_date) if rule_date else None)
        except clocks.ClockError as exc:
            known = ", ".join(sorted({r.key for r in clocks.rules()})) or "—"
            raise CommandError(f"{exc}\n" + _("Registered rules: %(keys)s") % {"keys": known}) from exc
        except cal.CalendarYearUnknown as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(_("Due: %(due)s") % {"due": d.due})
        self.stdout.write(d.explain())

    def _list(self) -> None:
        registered = clocks.rules()
        if not registered:
            self.stdout.write(_("No clock rules are registered."))
            return
        for r in registered:
            period = _("in force %(first)s to %(last)s") % {"first": r.effective_from, "last": r.effective_to or "…"}
            line = f"{r.key}  {r.label}: {r.describe()} ({r.basis}); {period}"
            if r.max_extension:
                line += "; " + _("extendable by up to %(max)s (%(basis)s)") % {
                    "max": clocks.length_text(r.max_extension, r.extension_unit),
                    "basis": r.extension_basis or r.basis}
            self.stdout.write(line)

"""`sifa metrics --from 2022-01-01 --to 2022-10-31 [--unit CODE] [--json]`: every registered figure for a
period and a unit subtree. JSON is a flat object from metric key to value (a rate as a percentage: 51.2)."""

import json
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from sifa.core import metrics
from sifa.core.models import Unit


def parse_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(_("Not a date (YYYY-MM-DD): %(v)s") % {"v": value}) from exc


class Command(BaseCommand):
    help = _("Print the registered statistics for a period and a unit subtree.")

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="start", required=True, help="YYYY-MM-DD")
        parser.add_argument("--to", dest="end", required=True, help="YYYY-MM-DD")
        parser.add_argument("--unit", help=_("unit code (default: all units)"))
        parser.add_argument("--line", action="append", help=_("only this business line (repeatable)"))
        parser.add_argument("--json", action="store_true", help=_("a flat JSON object: key → value"))

    def handle(self, *args, **opts):
        start, end = parse_date(opts["start"]), parse_date(opts["end"])
        if start > end:
            raise CommandError(_("The end of the period is before its start."))
        unit = None
        if opts.get("unit"):
            unit = Unit.objects.filter(code=opts["unit"]).first()
            if unit is None:
                raise CommandError(_("No unit with the code %(code)s.") % {"code": opts["unit"]})
        res = metrics.compute(start, end, unit, lines=opts.get("line"))
        if opts["json"]:
            self.stdout.write(json.dumps(res.flat(), ensure_ascii=False, indent=2, sort_keys=False))
            return
        scope = unit.name if unit else _("all units")
        self.stdout.write(f"{start} — {end} · {scope}")
        for s in metrics.sets():
            if opts.get("line") and s.line not in opts["line"]:
                continue
            self.stdout.write(f"\n{s.label}")
            for m in s.metrics:
                value = metrics.format_value(m, res.values.get(m.key))
                unit_label = "%" if m.is_rate else m.unit_label
                self.stdout.write(f"  {m.key:<45} {value:>10} {unit_label}  {m.label}")
            for e in res.equations:
                if metrics.metric_set_of(e.equation.left).line == s.line:
                    mark = "✓" if e.holds else "✗"
                    self.stdout.write(f"  {mark} {e.equation.describe()}: {e.left} {'=' if e.holds else '≠'} {e.right}")
        if not metrics.sets():
            self.stdout.write(_("No business line has registered its statistics yet."))

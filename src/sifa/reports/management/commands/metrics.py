"""`sifa metrics --from 2022-01-01 --to 2022-10-31 [--unit CODE] [--json] [--compare previous-year]`: every
registered figure for a period and a unit subtree. JSON is a flat object from metric key to value (a rate as a
percentage: 51.2); with --compare, also `<key>.previous`, `<key>.change` and `<key>.yoy`.

`sifa metrics load FILE.toml [--user USERNAME]`: load the district's derived figure definitions (core.figures,
docs/figures.md), all or nothing."""

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
        parser.add_argument("action", nargs="?", choices=["load"], help=_("load: load figure definitions"))
        parser.add_argument("file", nargs="?", help=_("the definitions file (.toml)"))
        parser.add_argument("--user", help=_("the statistics administrator the definitions are loaded as"))
        parser.add_argument("--compare", choices=metrics.COMPARISONS,
                            help=_("add each figure for the previous year or period, and the change"))
        parser.add_argument("--from", dest="start", help="YYYY-MM-DD")
        parser.add_argument("--to", dest="end", help="YYYY-MM-DD")
        parser.add_argument("--unit", help=_("unit code (default: all units)"))
        parser.add_argument("--line", action="append", help=_("only this business line (repeatable)"))
        parser.add_argument("--json", action="store_true", help=_("a flat JSON object: key → value"))

    def load(self, opts):
        from sifa.core import figures
        from sifa.core.models import User

        if not opts.get("file"):
            raise CommandError("请给出定义文件：sifa metrics load FILE.toml")
        by = None
        if opts.get("user"):
            by = User.objects.filter(username=opts["user"]).first()
            if by is None or not by.has_perm("core.manage_figures"):
                raise CommandError(f"用户“{opts['user']}”不存在或没有维护指标定义的权限")
        try:
            rows = figures.load_file(opts["file"], by=by)
        except figures.LoadError as exc:
            raise CommandError("未载入任何定义：\n" + "\n".join(exc.problems)) from exc
        for row in rows:
            self.stdout.write(f"{row.key}（自 {row.valid_from} 起）= {row.formula}")
        self.stdout.write(f"已载入 {len(rows)} 条指标定义。")

    def handle(self, *args, **opts):
        if opts.get("action") == "load":
            return self.load(opts)
        if not opts.get("start") or not opts.get("end"):
            raise CommandError(_("Give the period: --from YYYY-MM-DD --to YYYY-MM-DD."))
        start, end = parse_date(opts["start"]), parse_date(opts["end"])
        if start > end:
            raise CommandError(_("The end of the period is before its start."))
        unit = None
        if opts.get("unit"):
            unit = Unit.objects.filter(code=opts["unit"]).first()
            if unit is None:
                raise CommandError(_("No unit with the code %(code)s.") % {"code": opts["unit"]})
        res = metrics.compute(start, end, unit, lines=opts.get("line"))
        if opts.get("compare"):
            metrics.compare(res, opts["compare"], lines=opts.get("line"))
        if opts["json"]:
            self.stdout.write(json.dumps(res.flat(), ensure_ascii=False, indent=2, sort_keys=False))
            return
        scope = unit.name if unit else _("all units")
        self.stdout.write(f"{start} — {end} · {scope}")
        for s in metrics.sets(end):
            if opts.get("line") and s.line not in opts["line"]:
                continue
            self.stdout.write(f"\n{s.label}")
            for m in s.metrics:
                value = metrics.format_value(m, res.values.get(m.key))
                unit_label = "%" if m.is_rate else m.unit_label
                line = f"  {m.key:<45} {value:>10} {unit_label}  {m.label}"
                if opts.get("compare") and f"{m.key}.previous" in res.values:
                    prev = metrics.format_value(m, res.values[f"{m.key}.previous"])
                    diff = metrics.describe_change(m, res.values[f"{m.key}.change"],
                                                   None if m.is_rate else res.values[f"{m.key}.yoy"])
                    line += f"  （{prev}，{diff}）"
                if m.key in res.notes:
                    line += f"  {res.notes[m.key]}"
                self.stdout.write(line)
            for e in res.equations:
                if metrics.metric_set_of(e.equation.left).line == s.line:
                    mark = "✓" if e.holds else "✗"
                    self.stdout.write(f"  {mark} {e.equation.describe()}: {e.left} {'=' if e.holds else '≠'} {e.right}")
        if not metrics.sets():
            self.stdout.write(_("No business line has registered its statistics yet."))

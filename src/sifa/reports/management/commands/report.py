"""`sifa report annual --year 2022 --through 2022-10-31 -o report.docx` and
`sifa report quarterly --year 2022 --quarter 3 -o q3.docx`; `-o x.pdf` converts with LibreOffice.
`sifa report template --kind red_header -o template.docx` writes a default template to edit in Word.
Progress goes to stderr."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from sifa.core import documents
from sifa.core.models import Unit

from ...models import AnnualReport
from ...placeholders import PlaceholderError
from .metrics import parse_date


class Command(BaseCommand):
    help = _("Write the annual report, the quarterly bulletin or a default document template.")

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="kind", required=True)
        a = sub.add_parser("annual", help=_("the annual rule-of-law government report"))
        a.add_argument("--year", type=int, required=True)
        a.add_argument("--through", help=_("figures through this date (default: the report's own)"))
        a.add_argument("--unit", help=_("issuing unit code (default: the only report of the year)"))
        a.add_argument("-o", "--output", required=True, help=_(".docx or .pdf"))
        q = sub.add_parser("quarterly", help=_("the quarterly reconsideration and litigation bulletin"))
        q.add_argument("--year", type=int, required=True)
        q.add_argument("--quarter", type=int, required=True, choices=[1, 2, 3, 4])
        q.add_argument("--unit", help=_("unit code whose subtree is counted (default: all units)"))
        q.add_argument("--issuer-mark", default="", help=_("a red header, e.g. 上海市普陀区司法局文件"))
        q.add_argument("-o", "--output", required=True, help=_(".docx or .pdf"))
        t = sub.add_parser("template", help=_("write a default document template"))
        t.add_argument("--kind", dest="template_kind", choices=documents.KINDS, required=True)
        t.add_argument("-o", "--output", required=True)

    def progress(self, msg: str) -> None:
        self.stderr.write(f"… {msg}")

    def handle(self, *args, **opts):
        out = Path(opts["output"])
        with translation.override(settings.LANGUAGE_CODE):
            if opts["kind"] == "template":
                out.write_bytes(documents.default_template_bytes(opts["template_kind"]))
                return
            if opts["kind"] == "annual":
                spec = self.annual(opts)
            else:
                spec = self.quarterly(opts)
            self.progress(_("laying out the document"))
            content = documents.render_docx(spec)
            if out.suffix.lower() == ".pdf":
                self.progress(_("converting to PDF with LibreOffice"))
                try:
                    content = documents.render_pdf(content)
                except documents.PdfUnavailable as exc:
                    raise CommandError(str(exc)) from exc
            out.write_bytes(content)
            self.progress(_("written %(path)s (%(n)s bytes)") % {"path": out, "n": len(content)})

    def annual(self, opts):
        from ... import annual

        reports = AnnualReport.objects.filter(year=opts["year"]).select_related("unit")
        if opts.get("unit"):
            reports = reports.filter(unit__code=opts["unit"])
        report = reports.first()
        if report is None or reports.count() > 1:
            raise CommandError(_("No single annual report for %(year)s: create it in the UI (统计与报告) or load "
                                 "the demo, or name the issuing unit with --unit.") % {"year": opts["year"]})
        through = parse_date(opts["through"]) if opts.get("through") else None
        if through and through.year != report.year:
            raise CommandError(_("The figures must end within the report's year %(year)s.") % {"year": report.year})
        self.progress(_("report: %(title)s") % {"title": report})
        try:
            return annual.document(report, through=through, progress=self.progress)
        except PlaceholderError as exc:
            raise CommandError(_("The report cannot be rendered:") + "\n" + str(exc)) from exc

    def quarterly(self, opts):
        from ... import bulletin

        unit = None
        if opts.get("unit"):
            unit = Unit.objects.filter(code=opts["unit"]).first()
            if unit is None:
                raise CommandError(_("No unit with the code %(code)s.") % {"code": opts["unit"]})
        self.progress(_("computing the figures of %(year)s Q%(q)s and the quarter before")
                      % {"year": opts["year"], "q": opts["quarter"]})
        b = bulletin.build(opts["year"], opts["quarter"], unit)
        return bulletin.document(b, issuer_mark=opts["issuer_mark"], unit=unit)

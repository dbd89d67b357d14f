"""The annual report as an official document: the narrative's placeholders filled from the metrics for the
report's period (1 January to `through`), laid out by core.documents in the seed's structure."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from sifa.core import documents, metrics

from .models import AnnualReport, SectionLevel
from .placeholders import PlaceholderError, PlaceholderProblem, check, fill, period_values


def figures(report: AnnualReport, through: date | None = None) -> metrics.Results:
    """The figures of the report's period (1 January to `through`), compared with the same period a year
    earlier, with the period's words (placeholders.period_values): all computed once for the whole report."""
    end = through or report.through
    res = metrics.compute(report.start, end, report.scope)
    metrics.compare(res, "previous-year")
    res.values.update(period_values(report.start, end))
    return res


def problems(report: AnnualReport, values: dict | None = None) -> list[PlaceholderProblem]:
    """Every placeholder problem of the report; with `values`, also the figures that cannot be computed."""
    out: list[PlaceholderProblem] = []
    for section in report.sections.all():
        where = section.heading or str(section)
        for text in (section.heading, section.body):
            if values is None:
                out += check(text, where)
            else:
                try:
                    fill(text, values, where)
                except PlaceholderError as exc:
                    out += exc.problems
    return out


def document(report: AnnualReport, *, through: date | None = None,
             progress: Callable[[str], None] | None = None) -> documents.OfficialDocument:
    """The filled report. Raises PlaceholderError listing every problem in the narrative."""
    say = progress or (lambda msg: None)
    say("computing figures")
    values = figures(report, through).values
    sections = list(report.sections.all())
    found = problems(report, values)
    if found:
        raise PlaceholderError(found)
    body = []
    for i, section in enumerate(sections, 1):
        say(f"section {i}/{len(sections)}")
        where = section.heading or str(section)
        if section.heading:
            heading = fill(section.heading, values, where)
            body.append(documents.h1(heading) if section.level == SectionLevel.PART else documents.h2(heading))
        body += [documents.p(fill(par, values, where)) for par in section.paragraphs]
    return documents.OfficialDocument(
        title=report.title_text, body=body, issuer_mark=report.issuer_mark, number=report.number,
        signer=report.signer, addressee=report.addressee, signature=report.signature, date=report.dated,
        kind="red_header", unit=report.unit)


def filled_text_section(section, values: dict) -> tuple[str, list[str]]:
    """(heading, paragraphs) of a section with the figures filled in: the on-screen preview."""
    where = section.heading or str(section)
    return fill(section.heading, values, where), [fill(par, values, where) for par in section.paragraphs]


def plain_text(report: AnnualReport, values: dict) -> str:
    """The narrative with its figures, one paragraph a line (headings included)."""
    out = []
    for section in report.sections.all():
        heading, paragraphs = filled_text_section(section, values)
        out += ([heading] if heading else []) + paragraphs
    return "\n".join(out)


def filename(report: AnnualReport) -> str:
    return str(report).replace("/", "-")

"""The only writers of the reports app: one function per user action, each in one transaction, audited.
Sections and report headers are saved through core.cases.save_case (optimistic locking: a stale version gets
the conflict message naming who changed it)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils.translation import gettext as _

from sifa.core import audit, documents, numbering
from sifa.core.cases import save_case
from sifa.core.locking import compare_and_set

from .models import AnnualReport, ReportSection, SectionLevel
from .placeholders import check

NUMBER_KIND = "document"  # the issuing unit's general document series: 沪普司〔2022〕12号
NUMBER_FORMAT = "{prefix}〔{year}〕{n}号"
HEADER_FIELDS = ("scope", "through", "issuer_mark", "signer", "title", "addressee", "signature", "dated")


def _check_text(**texts: str) -> None:
    errors = {}
    for field, text in texts.items():
        problems = check(text)
        if problems:
            errors[field] = [str(p) for p in problems]
    if errors:
        raise ValidationError(errors)


def _check_through(year: int, through: date) -> None:
    if through.year != year:
        raise ValidationError({"through": _("The figures must end within the report's year %(year)s.") % {"year": year}})


@transaction.atomic
def report_create(*, year: int, unit, through: date, by, title: str = "", signer: str = "", scope=None,
                  addressee: str = "区政府", signature: str = "", issuer_mark: str = "",
                  dated: date | None = None, sections: list[tuple[int, str, str, str]] | None = None) -> AnnualReport:
    """Create a year's report with its sections ((level, heading, line, body), ...); by default the seed's
    outline: 一、基本情况和主要做法, 二、存在的不足, 三、next year's priorities."""
    _check_through(year, through)
    if AnnualReport.objects.filter(unit=unit, year=year).exists():
        raise ValidationError({"year": _("%(unit)s already has a report for %(year)s.") % {"unit": unit, "year": year}})
    report = AnnualReport(
        year=year, unit=unit, scope=scope, through=through, signer=signer, addressee=addressee,
        issuer_mark=issuer_mark or f"{unit.name}文件", signature=signature or unit.name, dated=dated,
        title=title or f"{year}年度{unit.name}|法治政府建设情况报告")
    report._history_user = by
    report.save()
    outline = sections if sections is not None else [
        (SectionLevel.OPENING, "", "", ""),
        (SectionLevel.PART, "一、基本情况和主要做法", "", ""),
        (SectionLevel.PART, "二、存在的不足", "", ""),
        (SectionLevel.PART, f"三、{year + 1}年重点工作", "", ""),
    ]
    for i, (level, heading, line, body) in enumerate(outline):
        _check_text(heading=heading, body=body)
        section = ReportSection(report=report, position=(i + 1) * 10, level=level, heading=heading, line=line, body=body)
        section._history_user = by
        section.save()
    audit.record(by, "reports.annual.created", report, summary=str(report))
    return report


@transaction.atomic
def report_update(*, report: AnnualReport, by, expected_version: int, **fields) -> AnnualReport:
    """Change the report's header (title, signer, period, ...)."""
    unknown = set(fields) - set(HEADER_FIELDS)
    if unknown:
        raise TypeError(f"not header fields: {sorted(unknown)}")
    changed = {k: v for k, v in fields.items() if getattr(report, k) != v}
    for k, v in changed.items():
        setattr(report, k, v)
    _check_through(report.year, report.through)
    save_case(report, expected_version=expected_version, by=by)
    audit.record(by, "reports.annual.updated", report, summary=str(report),
                 payload={"fields": sorted(changed)})
    return report


@transaction.atomic
def report_number(*, report: AnnualReport, by, expected_version: int) -> AnnualReport:
    """Give the report its document number from the issuing unit's series (沪普司〔2022〕12号)."""
    if report.number:
        raise ValidationError(_("The report is already numbered %(number)s.") % {"number": report.number})
    report.number = numbering.take(kind=NUMBER_KIND, unit=report.unit, year=report.year,
                                   default_format=NUMBER_FORMAT)
    save_case(report, expected_version=expected_version, by=by)
    audit.record(by, "reports.annual.numbered", report, summary=report.number)
    return report


@transaction.atomic
def section_update(*, section: ReportSection, by, expected_version: int, heading: str, body: str,
                   level: int | None = None, line: str | None = None) -> ReportSection:
    """Save an author's edit of one section. Placeholders naming no metric are refused on the field."""
    _check_text(heading=heading, body=body)
    section.heading, section.body = heading, _normalise(body)
    if level is not None:
        section.level = level
    if line is not None:
        section.line = line
    save_case(section, expected_version=expected_version, by=by)
    audit.record(by, "reports.section.updated", section.report, summary=section.heading or str(section),
                 payload={"section": section.pk, "version": section.version})
    return section


@transaction.atomic
def section_add(*, report: AnnualReport, by, after: ReportSection | None, level: int, heading: str,
                body: str = "", line: str = "") -> ReportSection:
    """Insert a section after another (or at the end)."""
    _check_text(heading=heading, body=body)
    if after is None:
        position = (report.sections.aggregate(m=Max("position"))["m"] or 0) + 10
    else:
        position = after.position + 1
        report.sections.filter(position__gte=position).update(position=F("position") + 10)
    section = ReportSection(report=report, position=position, level=level, heading=heading,
                            body=_normalise(body), line=line)
    section._history_user = by
    section.save()
    audit.record(by, "reports.section.added", report, summary=heading, payload={"section": section.pk})
    return section


@transaction.atomic
def section_delete(*, section: ReportSection, by, expected_version: int) -> None:
    compare_and_set(section, int(expected_version))  # a section changed since the page was opened is kept
    report = section.report
    audit.record(by, "reports.section.deleted", report, summary=section.heading, payload={"section": section.pk})
    section._history_user = by
    section.delete()


@transaction.atomic
def section_restore(*, section: ReportSection, by, expected_version: int, history_id: int) -> ReportSection:
    """Bring back an earlier version of a section's text (itself recorded as a new version)."""
    old = section.history.get(history_id=history_id)
    return section_update(section=section, by=by, expected_version=expected_version, heading=old.heading,
                          body=old.body, level=old.level, line=old.line)


def template_upload(*, kind: str, content: bytes, unit, by) -> str:
    """Store a district's docxtpl template for a document kind (checked first), replacing the default."""
    if kind not in documents.KINDS:
        raise ValidationError({"kind": _("Unknown document kind.")})
    try:
        documents.check_template(content)
    except documents.TemplateError as exc:
        raise ValidationError({"file": str(exc)}) from exc
    path = documents.override_path(kind, unit)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(content)
    tmp.replace(path)
    audit.record(by, "reports.template.uploaded", None, summary=f"{kind} {unit.code if unit else ''}".strip(),
                 unit=unit, payload={"kind": kind, "bytes": len(content)})
    return str(path)


def _normalise(body: str) -> str:
    """One paragraph a line; no blank lines, no trailing spaces."""
    return "\n".join(line.strip() for line in (body or "").splitlines() if line.strip())

from __future__ import annotations

from django.http import Http404

from .models import AnnualReport, ReportSection


def report_list(*, user):
    return AnnualReport.objects.visible_to(user).select_related("unit", "scope").order_by("-year", "unit__path")


def report_get(*, user, pk: int) -> AnnualReport:
    report = report_list(user=user).filter(pk=pk).first()
    if report is None:
        raise Http404
    return report


def section_get(*, user, report: AnnualReport, pk: int) -> ReportSection:
    section = ReportSection.objects.filter(report=report, pk=pk).select_related("report").first()
    if section is None:
        raise Http404
    return section

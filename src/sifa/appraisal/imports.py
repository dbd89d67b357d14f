"""Import of the institutions' monthly commission reports (.csv or .xlsx) on core's import machinery
(`core.imports`): every row is checked; with any error nothing is written; a month reported again replaces the
institution's earlier figures for it."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext_lazy

from sifa.core.imports import Column, Importer, Row

from . import services
from .models import AppraisalInstitution

C = Column
COLUMNS = [
    C("机构执业证号", True, gettext_lazy("The institution's licence number"), "310107000001"),
    C("月份", True, gettext_lazy("Any day of the month reported: YYYY-MM-DD or an Excel date"), "2026-03-01"),
    C("受理委托数", True, gettext_lazy("Commissions accepted in the month"), "820"),
    C("完成鉴定数", False, gettext_lazy("Appraisals completed in the month"), "790"),
    C("超期完成数", False, gettext_lazy("Of them, completed over the time limit"), "0"),
]


def _prepare(by) -> dict:
    qs = AppraisalInstitution.objects.visible_to(by) if by is not None else AppraisalInstitution.objects.all()
    return {"institutions": {i.licence_number: i for i in qs}}


def check_row(r: Row, ctx: dict, by) -> services.ReportRecord:
    licence = r.text("机构执业证号", max_length=60)
    inst = ctx["institutions"].get(licence)
    if inst is None and licence:
        r.error("机构执业证号", gettext_lazy("No institution you supervise has this licence number."))
    day = r.day("月份")
    return services.ReportRecord(institution_id=getattr(inst, "pk", None),
                                 month=date(day.year, day.month, 1) if day else None,
                                 accepted=r.integer("受理委托数"), completed=r.integer("完成鉴定数", default=0),
                                 completed_late=r.integer("超期完成数", default=0))


def write(records: list, by) -> range:
    new, replaced = services.reports_import(records=records, by=by)
    return range(new + replaced)


IMPORTER = Importer(kind="appraisal_reports", label=gettext_lazy("Monthly commission reports"),
                    permission="appraisal.add_commissionreport", columns=COLUMNS, check=check_row, write=write,
                    prepare=_prepare, list_url="appraisal:reports", model="appraisal.commissionreport")

"""Import of an agency's HR list of enforcement officers (.csv or .xlsx) into the register of holders, on core's
import machinery (`core.imports`). Every row is checked; with any error nothing is written; an officer already in
the register for the agency (same ID number) is recognised and skipped."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from sifa.core.imports import Column, Importer, Row
from sifa.core.models import Unit, UnitKind
from sifa.core.validators import parse_id_number

from . import services
from .models import Qualification

QUALIFICATIONS = {"法律职业资格": Qualification.LEGAL_PROFESSION, "法学学历": Qualification.LAW_DEGREE,
                  "其他学历": Qualification.OTHER_DEGREE}
AGENCY_KINDS = (UnitKind.DISTRICT_AGENCY, UnitKind.PUBLIC_SECURITY)

C = Column
COLUMNS = [
    C("执法单位", True, gettext_lazy("The unit code of the agency"), "PT-SCJG"),
    C("姓名", True, gettext_lazy("The officer's name"), "王执法"),
    C("身份证号", False, gettext_lazy("The ID number (checked; stored encrypted): an officer already registered is "
                                    "skipped"), "11010519491231002X"),
    C("工号", False, gettext_lazy("The staff number at the agency"), "SC-0012"),
    C("岗位", True, gettext_lazy("The enforcement post"), "食品安全执法"),
    C("资格", False, gettext_lazy("法律职业资格, 法学学历, 其他学历 (default)"), "法学学历"),
]


def _prepare(by) -> dict:
    return {"units": {u.code: u for u in Unit.objects.filter(kind__in=AGENCY_KINDS)}}


def check_row(r: Row, ctx: dict, by) -> services.OfficerRecord:
    agency = r.unit("执法单位", ctx["units"], kinds=AGENCY_KINDS)
    id_number = r.text("身份证号", max_length=18).upper()
    if id_number:
        try:
            parse_id_number(id_number)
        except Exception as exc:  # noqa: BLE001 - the validator's message is the cell's error
            r.error("身份证号", " ".join(getattr(exc, "messages", [str(exc)])))
    return services.OfficerRecord(
        agency=agency, name=r.text("姓名", max_length=60), id_number=id_number,
        staff_number=r.text("工号", max_length=40), post=r.text("岗位", max_length=80),
        qualification=r.choice("资格", QUALIFICATIONS, default=Qualification.OTHER_DEGREE))


def write(records: list, by) -> list:
    return services.officers_import(unit=by.primary_unit, records=records, by=by)


IMPORTER = Importer(kind="officers", label=gettext_lazy("Enforcement officers"), permission="enforcement.add_officer",
                    columns=COLUMNS, check=check_row, write=write, prepare=_prepare, list_url="enforcement:officers",
                    model="enforcement.officer")

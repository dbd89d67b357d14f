"""The writers of the lawyers' line: one function per user action, one transaction each, audited. The steps of
a licensing matter and of a complaint are the tables' (`workflow.LICENSING.run`, `workflow.KIT.run`)."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sifa.core import audit, numbering, register
from sifa.core import clocks as core_clocks
from sifa.core.models import Unit, UnitKind
from sifa.core.workflow import StepError

from . import clocks
from .models import FirmInspection, InspectionResult, LawFirm, Lawyer, LawyerAssessment, LicensingMatter
from .models import LicensingState as S
from .workflow import KIT, LICENSING, NUMBER_FORMATS

FIRM_RESULTS = (InspectionResult.PASSED, InspectionResult.FAILED)
LAWYER_RESULTS = (InspectionResult.COMPETENT, InspectionResult.BASICALLY, InspectionResult.INCOMPETENT)


@transaction.atomic
def firm_register(*, name: str, licence_number: str, supervised_by: Unit, by, code: str = "", form: str = "partnership",
                  practice_areas=(), licensed_on: date | None = None, address: str = "") -> LawFirm:
    """Enter a law firm in the register (its unit of the district is created when it has none)."""
    if LawFirm.objects.filter(licence_number=licence_number).exists():
        raise StepError(_("A firm with this licence number is registered already."), field="licence_number")
    unit = Unit.objects.filter(code=code).first() if code else None
    if unit is None:
        unit = Unit(code=code or f"LS-{licence_number}"[:40], name=name, kind=UnitKind.LAW_FIRM,
                    parent=supervised_by.parent or supervised_by)
        unit.save()
    firm = LawFirm.objects.create(name=name, licence_number=licence_number, unit=unit, supervised_by=supervised_by,
                                  form=form, practice_areas=list(practice_areas), licensed_on=licensed_on,
                                  address=address)
    audit.record(by, "lawyers.firm.registered", firm, summary=firm.name, payload={"licence": licence_number})
    return firm


@transaction.atomic
def lawyer_register(*, firm: LawFirm, name: str, licence_number: str, by, kind: str = "full_time",
                    practice_areas=(), licensed_on: date | None = None) -> Lawyer:
    if Lawyer.objects.filter(licence_number=licence_number).exists():
        raise StepError(_("A lawyer with this licence number is registered already."), field="licence_number")
    lawyer = Lawyer.objects.create(institution=firm, name=name, licence_number=licence_number, kind=kind,
                                   practice_areas=list(practice_areas), licensed_on=licensed_on)
    audit.record(by, "lawyers.lawyer.registered", lawyer, summary=f"{firm.name} {name}",
                 payload={"licence": licence_number})
    return lawyer


def status_change(record, *, status: str, on: date, reason: str, by, basis: str = "",
                  expected_version: int | None = None):
    event = "lawyers.firm.status_changed" if isinstance(record, LawFirm) else "lawyers.lawyer.status_changed"
    return register.change_status(record, status=status, on=on, reason=reason, by=by, basis=basis,
                                  expected_version=expected_version, event=event)


def inspection_record(record, *, year: int, result: str, on: date, by, note: str = ""):
    """The annual inspection of a firm (合格/不合格) or the annual assessment of a lawyer (称职/基本称职/不称职), filed
    with the district (律师法 第二十四条)."""
    if isinstance(record, LawFirm):
        return register.record_assessment(record, year=year, result=result, on=on, by=by, note=note,
                                          choices=FIRM_RESULTS, event="lawyers.firm.inspected")
    return register.record_assessment(record, year=year, result=result, on=on, by=by, note=note,
                                      choices=LAWYER_RESULTS, event="lawyers.lawyer.assessed")


@transaction.atomic
def matter_register(*, unit: Unit, by, kind: str, applicant: str, received_on: date, firm: LawFirm | None = None,
                    lawyer: Lawyer | None = None) -> LicensingMatter:
    """Accept a licensing matter (受理): numbered, audited, the 20-day review started (律师法 第六条、第十八条)."""
    if unit is None:
        raise StepError(_("You belong to no unit that could register the matter."))
    if received_on > timezone.localdate():
        raise StepError(_("This date is in the future."), field="received_on")
    if not applicant.strip():
        raise StepError(_("Name the applicant."), field="applicant")
    m = LicensingMatter(unit=unit, state=S.RECEIVED, handler=by if getattr(by, "pk", None) else None,
                        opened_on=received_on, received_on=received_on, kind=kind, applicant=applicant.strip(),
                        firm=firm, lawyer=lawyer)
    m.number = numbering.take(kind="lawyers.case", unit=unit, year=received_on.year,
                              default_format=NUMBER_FORMATS["case"])
    m.full_clean(exclude=["handler", "firm", "lawyer"])
    m.save()
    core_clocks.start(m, rule=clocks.REVIEW, start=received_on, by=by)
    audit.record(by, "lawyers.licensing.registered", m, summary=m.number, payload={"kind": kind,
                                                                                   "received_on": received_on})
    return m


def matter_step(matter, name: str, *, by, on=None, data=None, expected_version=None):
    return LICENSING.run(matter, name, by=by, on=on, data=data, expected_version=expected_version)


def complaint_register(*, unit: Unit, by, received_on: date, channel: str, complainant: str, matter: str,
                       respondent_firm: LawFirm, respondent_lawyer: Lawyer | None = None, complainant_address: str = ""):
    if respondent_lawyer is not None and respondent_lawyer.institution_id != respondent_firm.pk:
        raise StepError(_("This lawyer does not practise in that firm."), field="respondent_lawyer")
    return KIT.register(unit=unit, by=by, received_on=received_on, channel=channel, complainant=complainant,
                        matter=matter, complainant_address=complainant_address, respondent_firm=respondent_firm,
                        respondent_lawyer=respondent_lawyer)


def complaint_step(complaint, name: str, *, by, on=None, data=None, expected_version=None):
    return KIT.run(complaint, name, by=by, on=on, data=data, expected_version=expected_version)


__all__ = ["FirmInspection", "LawyerAssessment", "complaint_register", "complaint_step", "firm_register",
           "inspection_record", "lawyer_register", "matter_register", "matter_step", "status_change"]

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


@transaction.atomic
def penalty_decide(complaint, *, violation: str, circumstance: str, facts: str, penalty_kind: str, on: date, by,
                   fine=0, months: int = 0, confiscated=0, departure_reason: str = ""):
    """Record the administrative penalty decided on a complaint whose outcome is a penalty, with the discretion
    table's suggestion (`penalties.suggest`); a departure from it needs its reason; the article's own limits
    refuse. Numbered (…罚决〔year〕n号), audited; its document is the 行政处罚决定书."""
    from decimal import Decimal

    from sifa.core.complaints import Outcome, PenaltyKind

    from . import penalties
    from .models import PenaltyDecision

    complaint = type(complaint).objects.select_for_update().get(pk=complaint.pk)
    if complaint.outcome != Outcome.PENALTY:
        raise StepError(_("Only a complaint decided with an administrative penalty has a penalty decision."))
    if PenaltyDecision.objects.filter(complaint=complaint).exists():
        raise StepError(_("The penalty decision of this complaint is recorded already."))
    if violation not in penalties.VIOLATIONS:
        raise StepError(_("Choose the violation from the table."), field="violation")
    art = penalties.article_of(violation)
    if art.respondent == "lawyer" and not complaint.respondent_lawyer_id:
        raise StepError(_("This violation is a lawyer's; the complaint names only the firm."), field="violation")
    if circumstance not in penalties.Circumstance.values:
        raise StepError(_("Choose the circumstances."), field="circumstance")
    if penalty_kind not in PenaltyKind.values:
        raise StepError(_("Unknown kind of penalty."), field="penalty_kind")
    if penalty_kind != complaint.penalty_kind:
        raise StepError(_("The complaint was decided with %(kind)s: the decision must impose the same kind.") % {
            "kind": PenaltyKind(complaint.penalty_kind).label}, field="penalty_kind")
    if on > timezone.localdate():
        raise StepError(_("This date is in the future."), field="on")
    if complaint.concluded_on and on < complaint.concluded_on:
        raise StepError(_("The decision cannot be dated before the outcome of the complaint."), field="on")
    if not facts.strip():
        raise StepError(_("State the facts found."), field="facts")
    fine, confiscated = Decimal(fine or 0), Decimal(confiscated or 0)
    if confiscated < 0:
        raise StepError(_("The amount cannot be negative."), field="confiscated")
    errors = penalties.statutory_errors(violation, kind=penalty_kind, fine=fine, months=months)
    if errors:
        field, message = next(iter(errors.items()))
        raise StepError(message, field=field)
    departs = penalties.departures(violation, circumstance, kind=penalty_kind, fine=fine, months=months)
    if departs and not departure_reason.strip():
        raise StepError(_("The decision departs from the suggestion (%(how)s): give the reason.") % {
            "how": "；".join(departs)}, field="departure_reason")
    decision = PenaltyDecision(
        complaint=complaint, violation=violation, circumstance=circumstance, facts=facts.strip(),
        suggested=penalties.suggest(violation, circumstance).text, penalty_kind=penalty_kind, fine=fine,
        months=months, confiscated=confiscated, departure="；".join(departs),
        departure_reason=departure_reason.strip() if departs else "", decided_on=on,
        recorded_by=by if getattr(by, "pk", None) else None)
    decision.number = numbering.take(kind="lawyers.penalty_decision", unit=complaint.unit, year=on.year,
                                     default_format="{prefix}罚决〔{year}〕{n}号")
    decision.save()
    audit.record(by, "lawyers.penalty.decided", complaint, summary=f"{decision.number} {decision.suggested}",
                 payload={"violation": violation, "circumstance": circumstance, "kind": penalty_kind,
                          "fine": str(fine), "months": months, "departure": decision.departure})
    return decision

"""The writers of forensic appraisal: one function per user action, one transaction each, audited."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sifa.core import audit, register
from sifa.core import clocks as core_clocks
from sifa.core.models import Unit, UnitKind
from sifa.core.workflow import StepError

from . import clocks
from .models import (
    AppraisalInstitution,
    Appraiser,
    CommissionReport,
    Grade,
    ProposalState,
    RectificationProposal,
)
from .workflow import KIT, PROPOSAL_WORKFLOW, proposal_number


@transaction.atomic
def institution_register(*, name: str, licence_number: str, supervised_by: Unit, by, code: str = "",
                         practice_areas=(), licensed_on: date | None = None) -> AppraisalInstitution:
    if AppraisalInstitution.objects.filter(licence_number=licence_number).exists():
        raise StepError(_("An institution with this licence number is registered already."), field="licence_number")
    unit = Unit.objects.filter(code=code).first() if code else None
    if unit is None:
        unit = Unit(code=code or f"JD-{licence_number}"[:40], name=name, kind=UnitKind.APPRAISAL_INSTITUTION,
                    parent=supervised_by.parent or supervised_by)
        unit.save()
    inst = AppraisalInstitution.objects.create(name=name, licence_number=licence_number, unit=unit,
                                               supervised_by=supervised_by, practice_areas=list(practice_areas),
                                               licensed_on=licensed_on)
    audit.record(by, "appraisal.institution.registered", inst, summary=name, payload={"licence": licence_number})
    return inst


@transaction.atomic
def appraiser_register(*, institution: AppraisalInstitution, name: str, licence_number: str, by,
                       practice_areas=()) -> Appraiser:
    if Appraiser.objects.filter(licence_number=licence_number).exists():
        raise StepError(_("An appraiser with this licence number is registered already."), field="licence_number")
    a = Appraiser.objects.create(institution=institution, name=name, licence_number=licence_number,
                                 practice_areas=list(practice_areas))
    audit.record(by, "appraisal.appraiser.registered", a, summary=f"{institution.name} {name}",
                 payload={"licence": licence_number})
    return a


def status_change(record, *, status: str, on: date, reason: str, by, basis: str = "", expected_version=None):
    event = ("appraisal.institution.status_changed" if isinstance(record, AppraisalInstitution)
             else "appraisal.appraiser.status_changed")
    return register.change_status(record, status=status, on=on, reason=reason, by=by, basis=basis,
                                  expected_version=expected_version, event=event)


def grade_record(institution: AppraisalInstitution, *, year: int, grade: str, on: date, by, note: str = ""):
    """The institution's credit grade of a year (司法鉴定机构信用等级评估)."""
    return register.record_assessment(institution, year=year, result=grade, on=on, by=by, note=note,
                                      choices=Grade.values, event="appraisal.institution.graded")


@dataclass
class ReportRecord:
    institution_id: int
    month: date
    accepted: int
    completed: int = 0
    completed_late: int = 0


@transaction.atomic
def reports_import(*, records: Sequence[ReportRecord], by, reported_on: date | None = None) -> tuple[int, int]:
    """Write the institutions' monthly commission reports; a month already reported by the institution is
    replaced with the new figures (a corrected report). Returns (new, replaced). One audit event for the batch."""
    reported_on = reported_on or timezone.localdate()
    new = replaced = 0
    seen = set()
    for r in records:
        if r.month.day != 1:
            raise StepError(_("A report is for a whole month: give its first day."), field="month")
        if (r.institution_id, r.month) in seen:
            raise StepError(_("The month %(m)s is twice in the file for one institution.") % {"m": f"{r.month:%Y-%m}"})
        seen.add((r.institution_id, r.month))
        if r.completed_late > r.completed:
            raise StepError(_("More completed late than completed in %(m)s.") % {"m": f"{r.month:%Y-%m}"})
        _row, created = CommissionReport.objects.update_or_create(
            institution_id=r.institution_id, month=r.month,
            defaults={"accepted": r.accepted, "completed": r.completed, "completed_late": r.completed_late,
                      "reported_on": reported_on})
        new, replaced = (new + 1, replaced) if created else (new, replaced + 1)
    audit.record(by, "appraisal.reports.imported", None, summary=_("%(n)s monthly reports") % {"n": new + replaced},
                 payload={"new": new, "replaced": replaced})
    return new, replaced


def complaint_register(*, unit, by, received_on, channel, complainant, matter, respondent_institution,
                       respondent_appraiser=None, complainant_address=""):
    if respondent_appraiser is not None and respondent_appraiser.institution_id != respondent_institution.pk:
        raise StepError(_("This appraiser does not practise in that institution."), field="respondent_appraiser")
    return KIT.register(unit=unit, by=by, received_on=received_on, channel=channel, complainant=complainant,
                        matter=matter, complainant_address=complainant_address,
                        respondent_institution=respondent_institution, respondent_appraiser=respondent_appraiser)


def complaint_step(complaint, name: str, *, by, on=None, data=None, expected_version=None):
    return KIT.run(complaint, name, by=by, on=on, data=data, expected_version=expected_version)


@transaction.atomic
def proposal_issue(*, unit: Unit, by, institution: AppraisalInstitution, issued_on: date, findings: str,
                   requirements: str) -> RectificationProposal:
    """Issue a rectification proposal (整改建议书) to an institution: numbered, audited, its period started."""
    if issued_on > timezone.localdate():
        raise StepError(_("This date is in the future."), field="issued_on")
    if not findings.strip() or not requirements.strip():
        raise StepError(_("Say what was found and what is to be rectified."), field="findings")
    prop = RectificationProposal(unit=unit, state=ProposalState.ISSUED, handler=by if getattr(by, "pk", None) else None,
                                 opened_on=issued_on, issued_on=issued_on, institution=institution,
                                 findings=findings.strip(), requirements=requirements.strip())
    prop.number = proposal_number(prop, issued_on)
    prop.save()
    core_clocks.start(prop, rule=clocks.RECTIFICATION, start=issued_on, by=by)
    audit.record(by, "appraisal.proposal.issued", prop, summary=prop.number, payload={"institution": institution.name})
    return prop


def proposal_step(proposal, name: str, *, by, on=None, data=None, expected_version=None):
    return PROPOSAL_WORKFLOW.run(proposal, name, by=by, on=on, data=data, expected_version=expected_version)


@transaction.atomic
def patrol_run(*, by, until: date | None = None) -> int:
    """Run the patrol's rules (`patrol.scan`) and raise the warnings not raised before; returns how many are new.
    One audit event for the run."""
    from . import patrol
    from .models import PatrolWarning

    until = until or timezone.localdate()
    new = 0
    for f in patrol.scan(until):
        _w, created = PatrolWarning.objects.get_or_create(
            institution_id=f.institution_id, rule=f.rule, month=f.month,
            defaults={"detail": f.detail, "raised_on": until})
        new += created
    audit.record(by, "appraisal.patrol.run", None, summary=_("%(n)s new warnings") % {"n": new},
                 payload={"until": until, "new": new})
    return new


@transaction.atomic
def warning_close(warning, *, handling: str, on: date, by):
    """Close a patrol warning with what was done about it."""
    from .models import PatrolWarning, WarningState

    warning = PatrolWarning.objects.select_for_update().get(pk=warning.pk)
    if warning.state != WarningState.OPEN:
        raise StepError(_("This warning is closed already."))
    if not handling.strip():
        raise StepError(_("Say how the warning was handled."), field="handling")
    if on > timezone.localdate():
        raise StepError(_("This date is in the future."), field="on")
    if on < warning.raised_on:
        raise StepError(_("The warning cannot be closed before it was raised."), field="on")
    warning.state, warning.handling, warning.closed_on = WarningState.CLOSED, handling.strip(), on
    warning.closed_by = by if getattr(by, "pk", None) else None
    warning.save()
    audit.record(by, "appraisal.warning.closed", warning, summary=str(warning), payload={"on": on})
    return warning

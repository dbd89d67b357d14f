"""The writers of governance: one function per user action, one transaction each, audited, each taking the
legal date of the act (`on`) apart from the moment it is recorded. Errors are `StepError`s naming the field."""

from __future__ import annotations

from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sifa.core import audit, numbering
from sifa.core import clocks as core_clocks
from sifa.core.locking import save_versioned
from sifa.core.models import Unit
from sifa.core.workflow import StepError

from .clocks import OBSERVATION_REPLY, RECTIFICATION
from .models import (
    Finding,
    Inspection,
    InspectionState,
    Observation,
    ObservationPoint,
    Observer,
    ResearchTopic,
    Task,
    TaskReport,
    TopicStatus,
)

INSPECTION_SERIES = "governance.inspection"
REPORT_SERIES = "governance.inspection_report"
NUMBER_FORMATS = {"inspection": "{prefix}督〔{year}〕{n}号", "report": "{prefix}督报〔{year}〕{n}号"}


def _not_future(on: date, field: str) -> None:
    if on > timezone.localdate():
        raise StepError(_("This date is in the future."), field=field)


def _text(value: str, field: str) -> str:
    value = (value or "").strip()
    if not value:
        raise StepError(_("This field is required."), field=field)
    return value


def _office(unit: Unit | None) -> Unit:
    if unit is None:
        raise StepError(_("You belong to no unit that could register this."))
    return unit


# --- the year's task list ---------------------------------------------------------------------------------------

@transaction.atomic
def task_create(*, unit, by, year: int, title: str, responsible: Unit, due_on: date, assisting=(), code: str = "",
                source: str = "") -> Task:
    """Add an item to the year's task list (重点任务分工清单)."""
    unit = _office(unit)
    if due_on.year < year:
        raise StepError(_("The due date is before the year of the list."), field="due_on")
    task = Task(unit=unit, year=year, code=code.strip(), title=_text(title, "title"), source=source.strip(),
                responsible=responsible, due_on=due_on)
    task.full_clean()
    task.save()
    task.assisting.set([u for u in assisting if u.pk != responsible.pk])
    audit.record(by, "governance.task.created", task, summary=str(task)[:200],
                 payload={"responsible": responsible.code, "due_on": due_on})
    return task


@transaction.atomic
def task_report(task: Task, *, by, on: date, text: str, done: bool = False, expected_version=None) -> TaskReport:
    """A progress report on a task; `done` marks the task done on that day (a done task takes no more reports)."""
    _not_future(on, "reported_on")
    if task.done_on is not None:
        raise StepError(_("This task was reported done on %(d)s.") % {"d": task.done_on})
    last = task.reports.order_by("-reported_on").values_list("reported_on", flat=True).first()
    if last and on < last:
        raise StepError(_("A report of %(d)s is already recorded: a report cannot be dated before it.") % {"d": last},
                        field="reported_on")
    report = TaskReport.objects.create(task=task, reported_on=on, text=_text(text, "text"), done=done,
                                       by=by if getattr(by, "pk", None) else None)
    if done:
        task.done_on = on
    save_versioned(task, expected_version=expected_version, by=by)
    audit.record(by, "governance.task.reported", task, summary=text[:200], payload={"on": on, "done": done})
    return report


# --- inspections ----------------------------------------------------------------------------------------------

@transaction.atomic
def inspection_register(*, unit, by, campaign: str, kind: str, inspected: Unit, visited_on: date,
                        summary: str = "") -> Inspection:
    """Register an inspection of a unit (one per unit and campaign)."""
    unit = _office(unit)
    _not_future(visited_on, "visited_on")
    if Inspection.objects.filter(campaign=campaign.strip(), inspected=inspected).exists():
        raise StepError(_("%(unit)s has already been inspected in this campaign.") % {"unit": inspected.name},
                        field="inspected")
    number = numbering.take(kind=INSPECTION_SERIES, unit=unit, year=visited_on.year,
                            default_format=NUMBER_FORMATS["inspection"])
    insp = Inspection(unit=unit, state=InspectionState.OPEN, handler=by if getattr(by, "pk", None) else None,
                      opened_on=visited_on, visited_on=visited_on, campaign=_text(campaign, "campaign"), kind=kind,
                      inspected=inspected, summary=summary.strip(), number=number)
    insp.full_clean(exclude=["handler"])
    try:
        with transaction.atomic():
            insp.save()
    except IntegrityError:
        raise StepError(_("%(unit)s has already been inspected in this campaign.") % {"unit": inspected.name},
                        field="inspected") from None
    audit.record(by, "governance.inspection.registered", insp, summary=str(insp),
                 payload={"campaign": campaign, "inspected": inspected.code})
    return insp


def _run(case, name, *, by, on=None, data=None, expected_version=None):
    from .workflow import INSPECTION

    return INSPECTION.run(case, name, by=by, on=on or timezone.localdate(), data=data,
                          expected_version=expected_version, check_permission=False)


# The effects of the inspection's table (workflow.INSPECTION): the writes particular to each step; the runner
# checks the state, the guards and the dates, saves the inspection and writes the audit event.

def finding_add_effect(insp: Inspection, data: dict, *, on: date, by) -> Finding:
    return Finding.objects.create(inspection=insp, unit=insp.unit, problem=_text(data.get("problem"), "problem"),
                                  requirement=_text(data.get("requirement"), "requirement"))


def inspection_report_effect(insp: Inspection, data: dict, *, on: date, by) -> Inspection:
    """The report (督察报告) with its rectification notice (整改通知): each finding's clock starts that day."""
    _not_future(on, "on")
    insp.reported_on = on
    insp.report_number = numbering.take(kind=REPORT_SERIES, unit=insp.unit, year=on.year,
                                        default_format=NUMBER_FORMATS["report"])
    findings = list(insp.findings.all())
    Finding.objects.filter(inspection=insp).update(notified_on=on)
    for f in findings:
        f.notified_on = on
        core_clocks.start(f, rule=RECTIFICATION, start=on, by=by)
    return insp


def _finding_of(insp: Inspection, data: dict) -> Finding:
    f = data.get("finding")
    if f is None or f.inspection_id != insp.pk:
        raise StepError(_("Choose a rectification item of this inspection."), field="finding")
    if f.rectified_on is not None:
        raise StepError(_("This rectification was closed on %(d)s.") % {"d": f.rectified_on}, field="finding")
    return f


def finding_extend_effect(insp: Inspection, data: dict, *, on: date, by) -> Finding:
    f = _finding_of(insp, data)
    core_clocks.extend(f, rule=RECTIFICATION, days=int(data.get("days") or 0),
                       approver=_text(data.get("approver"), "approver"), reason=_text(data.get("reason"), "reason"),
                       on=on, by=by)
    return f


def finding_close_effect(insp: Inspection, data: dict, *, on: date, by) -> Finding:
    """Accept the rectification of a finding (整改销号): its clock is met; the inspection closes with its last item."""
    _not_future(on, "on")
    f = _finding_of(insp, data)
    outcome = _text(data.get("outcome"), "outcome")
    d = core_clocks.meet(f, rule=RECTIFICATION, on=on, by=by)
    f.rectified_on, f.outcome = on, outcome
    f.rectified_in_time = bool(d and on <= d.due)
    save_versioned(f, by=by)
    if not insp.findings.filter(rectified_on__isnull=True).exists():
        insp.state, insp.closed_on = InspectionState.CLOSED, on
        audit.record(by, "governance.inspection.closed", insp, summary=insp.number)
    return f


def finding_add(insp: Inspection, *, by, problem: str, requirement: str) -> Finding:
    """Record a problem found and the rectification it requires (before the report is issued)."""
    return _run(insp, "add_finding", by=by, data={"problem": problem, "requirement": requirement})


def inspection_report(insp: Inspection, *, by, on: date, expected_version=None) -> Inspection:
    """Issue the inspection report; an inspection without findings is closed by its report."""
    name = "report" if insp.findings.exists() else "report_closing"
    return _run(insp, name, by=by, on=on, expected_version=expected_version)


def finding_extend(f: Finding, *, by, days: int, approver: str, reason: str, on: date) -> Finding:
    return _run(f.inspection, "extend", by=by, on=on,
                data={"finding": f, "days": days, "approver": approver, "reason": reason})


def finding_close(f: Finding, *, by, on: date, outcome: str, expected_version=None) -> Finding:
    if f.notified_on is None:
        raise StepError(_("The rectification has not been notified yet: issue the report first."))
    if expected_version is not None and expected_version != f.version:
        from sifa.core.locking import ConflictError

        raise ConflictError(f)
    return _run(f.inspection, "close_finding", by=by, on=on, data={"finding": f, "outcome": outcome})


# --- observation points -------------------------------------------------------------------------------------

@transaction.atomic
def point_establish(*, unit, by, name: str, kind: str, established_on: date, street: Unit | None = None,
                    observers=()) -> ObservationPoint:
    """Establish an observation point with its observers [(name, occupation), ...]."""
    unit = _office(unit)
    _not_future(established_on, "established_on")
    name = _text(name, "name")
    if ObservationPoint.objects.filter(name=name).exists():
        raise StepError(_("A point of this name exists already."), field="name")
    point = ObservationPoint(unit=unit, name=name, kind=kind, street=street, established_on=established_on)
    point.full_clean()
    point.save()
    Observer.objects.bulk_create([Observer(point=point, name=n.strip(), occupation=o.strip(),
                                           appointed_on=established_on) for n, o in observers if n.strip()])
    audit.record(by, "governance.point.established", point, summary=name, payload={"observers": len(observers)})
    return point


@transaction.atomic
def observation_submit(point: ObservationPoint, *, by, on: date, subject: str, text: str,
                       observer: Observer | None = None) -> Observation:
    """Register an observation the point submitted; the reply's clock starts on the day it was received."""
    _not_future(on, "submitted_on")
    if on < point.established_on:
        raise StepError(_("The point was established on %(d)s.") % {"d": point.established_on}, field="submitted_on")
    if observer is not None and observer.point_id != point.pk:
        raise StepError(_("This observer belongs to another point."), field="observer")
    obs = Observation.objects.create(unit=point.unit, point=point, observer=observer, submitted_on=on,
                                     subject=_text(subject, "subject"), text=_text(text, "text"))
    core_clocks.start(obs, rule=OBSERVATION_REPLY, start=on, by=by)
    audit.record(by, "governance.observation.submitted", obs, summary=subject[:200])
    return obs


@transaction.atomic
def observation_reply(obs: Observation, *, by, on: date, reply: str, expected_version=None) -> Observation:
    _not_future(on, "replied_on")
    if obs.replied_on is not None:
        raise StepError(_("This observation was replied on %(d)s.") % {"d": obs.replied_on})
    if on < obs.submitted_on:
        raise StepError(_("The reply cannot be dated before the observation."), field="replied_on")
    obs.reply, obs.replied_on = _text(reply, "reply"), on
    save_versioned(obs, expected_version=expected_version, by=by)
    core_clocks.meet(obs, rule=OBSERVATION_REPLY, on=on, by=by, missing_ok=True)
    audit.record(by, "governance.observation.replied", obs, summary=reply[:200])
    return obs


# --- research topics ----------------------------------------------------------------------------------------

@transaction.atomic
def topic_propose(*, unit, by, year: int, title: str, lead: Unit, on: date) -> ResearchTopic:
    unit = _office(unit)
    _not_future(on, "proposed_on")
    topic = ResearchTopic(unit=unit, year=year, title=_text(title, "title"), lead=lead, proposed_on=on)
    topic.full_clean()
    topic.save()
    audit.record(by, "governance.topic.proposed", topic, summary=title[:200])
    return topic


def topic_approve_effect(topic: ResearchTopic, data: dict, *, on: date, by) -> None:
    _not_future(on, "on")
    topic.approved_on, topic.approved_by = on, _text(data.get("approved_by"), "approved_by")


def topic_conclude_effect(topic: ResearchTopic, data: dict, *, on: date, by) -> None:
    _not_future(on, "on")
    topic.concluded_on = on


DECISIONS = {TopicStatus.APPROVED: "approve", TopicStatus.NOT_APPROVED: "reject", TopicStatus.CONCLUDED: "conclude"}


def topic_decide(topic: ResearchTopic, *, by, status: str, on: date, approved_by: str = "",
                 expected_version=None) -> ResearchTopic:
    """Record the city's decision on a topic (立项 or not) or its conclusion (结题), through workflow.TOPIC."""
    from sifa.core.workflow import TransitionNotAllowed

    from .workflow import TOPIC

    if status not in DECISIONS:
        raise StepError(_("Choose a decision."), field="status")
    try:
        TOPIC.run(topic, DECISIONS[status], by=by, on=on, data={"approved_by": approved_by},
                  expected_version=expected_version, check_permission=False)
    except TransitionNotAllowed as exc:
        raise StepError(exc.message, field="status") from None
    return topic

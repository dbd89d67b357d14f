"""The writers of enforcement supervision: one function per user action, one transaction each, audited.

The certificate application's steps are the procedure table's (`workflow.WORKFLOW.run`); this module registers
officers and applications, writes the demo's year in bulk, runs the case-file evaluation (campaign, draw,
scores, bulletin, rectification) and keeps the legal advisers' work items and the agreement reviews. Each takes
the legal date of the act (`on`, `received_on`) apart from the moment it is recorded.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.db.models import Avg
from django.utils import timezone
from django.utils.translation import gettext as _

from sifa.core import audit, bulk, numbering
from sifa.core import calendar as cal
from sifa.core import clocks as core_clocks
from sifa.core.locking import save_versioned
from sifa.core.models import Party, Unit
from sifa.core.services import party_save
from sifa.core.workflow import StepError

from . import clocks, evaluation
from .models import (
    AdviserWorkItem,
    AgreementReview,
    ApplicationKind,
    CampaignAgency,
    CertificateApplication,
    CertificateStatus,
    EvaluatedFile,
    EvaluationCampaign,
    Evaluator,
    FilingOutcome,
    FilingState,
    LegalityReview,
    NormativeFiling,
    Officer,
    Rectification,
    ReviewConclusion,
    ReviewSubject,
    ScoringSheet,
    State,
)
from .workflow import CERTIFICATE_FORMAT, OPINION_FORMAT, WORKFLOW

CASE_SERIES = "enforcement.application"
CASE_FORMAT = "{prefix}证〔{year}〕{n}号"


def _check_date(on: date, what: str = "on") -> None:
    if on > timezone.localdate():
        raise StepError(_("This date is in the future."), field=what)


def _required(value: str, field: str) -> str:
    value = (value or "").strip()
    if not value:
        raise StepError(_("This field is required."), field=field)
    return value


def working_days_taken(start: date, end: date) -> int:
    """The working days after `start` up to and including `end` (the start day is not counted)."""
    return cal.working_days_between(start + timedelta(days=1), end + timedelta(days=1))


def _once_and_after(*, done_on: date | None, already, on: date, earlier: date, what) -> None:
    """An act done once (`already` says when it was), not dated before the act it follows."""
    _check_date(on)
    if done_on:
        raise StepError(already % {"on": done_on})
    if on < earlier:
        raise StepError(_("The date %(on)s is before %(what)s (%(earlier)s).") % {
            "on": on, "what": what, "earlier": earlier}, field="on")


def _supervising(unit: Unit | None) -> Unit:
    if unit is None:
        raise StepError(_("You belong to no unit that could register this."))
    return unit


# --- officers and certificates (执法证) --------------------------------------------------------------------------

@transaction.atomic
def officer_register(*, unit: Unit, by, agency: Unit, name: str, post: str, qualification: str,
                     id_number: str = "", staff_number: str = "") -> Officer:
    """An officer of an agency enters the register (before the first application, or from the agency's HR list)."""
    unit = _supervising(unit)
    person = party_save(party=Party(name=_required(name, "name"), unit=unit), by=by, id_number=id_number or None)
    officer = Officer(unit=unit, agency=agency, person=person, post=_required(post, "post"),
                      qualification=qualification, staff_number=staff_number.strip())
    officer.full_clean(exclude=["unit", "agency", "person"])
    officer.save()
    audit.record(by, "enforcement.officer_registered", officer, summary=f"{agency.name} {person.name}",
                 payload={"agency": agency.code, "post": officer.post})
    return officer


@transaction.atomic
def officer_flag(*, officer: Officer, by, on_post: bool, under_investigation: bool, sanctioned: bool,
                 expected_version: int | None = None) -> Officer:
    """Record what the annual review reads: off post, under investigation, sanctioned."""
    officer.on_post, officer.under_investigation, officer.sanctioned = on_post, under_investigation, sanctioned
    save_versioned(officer, expected_version=expected_version, by=by)
    audit.record(by, "enforcement.officer_flagged", officer, summary=str(officer),
                 payload={"on_post": on_post, "under_investigation": under_investigation, "sanctioned": sanctioned})
    return officer


def _case_number(unit: Unit, on: date) -> str:
    return numbering.take(kind=CASE_SERIES, unit=unit, year=on.year, default_format=CASE_FORMAT)


@transaction.atomic
def application_register(*, unit: Unit, by, officer: Officer, kind: str, received_on: date, post: str = "",
                         qualification: str = "", reason: str = "") -> CertificateApplication:
    """An agency's application for its officer (新办, 换证, 注销, 遗失补办); the review clock starts on receipt."""
    unit = _supervising(unit)
    _check_date(received_on, "received_on")
    if kind not in ApplicationKind.values:
        raise StepError(_("Unknown kind of application."), field="kind")
    if kind != ApplicationKind.NEW and officer.certificate_status != CertificateStatus.VALID:
        raise StepError(_("The officer holds no valid certificate: apply for a new one."), field="kind")
    if kind == ApplicationKind.NEW and officer.certificate_status == CertificateStatus.VALID:
        raise StepError(_("The officer already holds a valid certificate (%(n)s).") % {
            "n": officer.certificate_number}, field="kind")
    if kind in (ApplicationKind.CANCELLATION, ApplicationKind.REPLACEMENT) and not reason.strip():
        raise StepError(_("Say why the certificate is cancelled or replaced."), field="reason")
    if CertificateApplication.objects.filter(officer=officer, state=State.RECEIVED).exists():
        raise StepError(_("An application for this officer is already under review."), field="officer")
    case = CertificateApplication(
        unit=unit, state=State.RECEIVED, handler=by if getattr(by, "pk", None) else None, opened_on=received_on,
        received_on=received_on, kind=kind, agency=officer.agency, officer=officer, post=post.strip() or officer.post,
        qualification=qualification or officer.qualification, reason=reason.strip(),
        number=_case_number(unit, received_on))
    case.full_clean(exclude=["handler", "unit", "agency", "officer"])
    case.save()
    core_clocks.start(case, rule=clocks.CERTIFICATE_REVIEW, start=received_on, by=by)
    audit.record(by, "enforcement.registered", case, summary=case.number,
                 payload={"kind": kind, "agency": officer.agency.code, "received_on": received_on})
    return case


def take_step(case: CertificateApplication, name: str, *, by, on: date | None = None, data: dict | None = None,
              expected_version: int | None = None):
    """A step of the procedure table, for callers other than the step page (imports, the demo, tests)."""
    return WORKFLOW.run(case, name, by=by, on=on, data=data, expected_version=expected_version)


def holders_to_cancel(qs):
    """The annual review (年审): holders of a valid certificate who are off post, under investigation or
    sanctioned — the certificates to cancel."""
    from django.db.models import Q

    return qs.filter(certificate_status=CertificateStatus.VALID).filter(
        Q(on_post=False) | Q(under_investigation=True) | Q(sanctioned=True))


@dataclass
class ApplicationRecord:
    """A decided application of the past (the demo's year; a migration from the city platform)."""

    agency: Unit
    name: str
    kind: str
    post: str
    qualification: str
    received_on: date
    decided_on: date
    outcome: str  # State.ISSUED, CANCELLED or REFUSED
    exam_score: Decimal | None = None
    pass_mark: Decimal | None = None
    opinion: str = ""


@transaction.atomic
def applications_import(*, unit: Unit, records: Sequence[ApplicationRecord], by) -> int:
    """Write decided applications set-based: their officers, the applications numbered in their year's series, the
    review opinions and certificates numbered in the order of decision, the met review clocks, one audit event
    each. Each record is checked against the procedure: a certificate is issued only on a passed exam (new) and
    only by an issuing kind; a cancellation cancels."""
    from .models import ISSUING_KINDS

    for i, r in enumerate(records):
        if r.decided_on < r.received_on:
            raise StepError(_("Record %(i)s: decided before it was received.") % {"i": i + 1})
        if r.outcome == State.ISSUED and r.kind not in ISSUING_KINDS:
            raise StepError(_("Record %(i)s: a cancellation issues no certificate.") % {"i": i + 1})
        if r.outcome == State.CANCELLED and r.kind != ApplicationKind.CANCELLATION:
            raise StepError(_("Record %(i)s: only a cancellation cancels.") % {"i": i + 1})
        if (r.outcome == State.ISSUED and r.kind == ApplicationKind.NEW
                and (r.exam_score is None or r.pass_mark is None or r.exam_score < r.pass_mark)):
            raise StepError(_("Record %(i)s: a new certificate needs a passed exam.") % {"i": i + 1})
    if not records:
        return 0
    with bulk.gc_paused():
        parties = bulk.create([Party(name=r.name, unit=unit) for r in records])
        status = {State.ISSUED: CertificateStatus.VALID, State.CANCELLED: CertificateStatus.CANCELLED,
                  State.REFUSED: ""}
        by_decision = sorted(range(len(records)), key=lambda i: (records[i].decided_on, i))
        certificates: dict[int, str] = {}
        opinions: dict[int, str] = {}
        for year in sorted({r.decided_on.year for r in records}):
            idx = [i for i in by_decision if records[i].decided_on.year == year]
            for i, n in zip(idx, numbering.take_block(kind="enforcement.review_opinion", unit=unit, year=year,
                                                      count=len(idx), default_format=OPINION_FORMAT), strict=True):
                opinions[i] = n
            issued = [i for i in idx if records[i].outcome == State.ISSUED]
            for i, n in zip(issued, numbering.take_block(kind="enforcement.certificate", unit=unit, year=year,
                                                         count=len(issued), default_format=CERTIFICATE_FORMAT),
                            strict=True):
                certificates[i] = n
        cancelled_numbers = {}
        officers = []
        for i, (r, party) in enumerate(zip(records, parties, strict=True)):
            number = certificates.get(i, "")
            held = status[r.outcome]
            if r.kind != ApplicationKind.NEW and r.outcome != State.ISSUED:
                # the certificate it cancels, or keeps after a refusal, was issued before these records
                number = cancelled_numbers[i] = f"{unit.short_name}{r.received_on.year - 3}{90000 + i:05d}"
                held = held or CertificateStatus.VALID
            officers.append(Officer(unit=unit, agency=r.agency, person=party, post=r.post,
                                    qualification=r.qualification, certificate_number=number,
                                    certificate_status=held,
                                    issued_on=r.decided_on if r.outcome == State.ISSUED else None))
        bulk.create(officers)
        numbers: dict[int, list[str]] = {}
        for year in sorted({r.received_on.year for r in records}):
            count = sum(1 for r in records if r.received_on.year == year)
            numbers[year] = numbering.take_block(kind=CASE_SERIES, unit=unit, year=year, count=count,
                                                 default_format=CASE_FORMAT)
        cases = []
        for i, (r, officer) in enumerate(zip(records, officers, strict=True)):
            cases.append(CertificateApplication(
                unit=unit, state=r.outcome, opened_on=r.received_on, closed_on=r.decided_on,
                number=numbers[r.received_on.year].pop(0), kind=r.kind, agency=r.agency, officer=officer,
                post=r.post, qualification=r.qualification, received_on=r.received_on,
                exam_on=r.received_on if r.exam_score is not None else None, exam_score=r.exam_score,
                pass_mark=r.pass_mark, decided_on=r.decided_on,
                decided_in_time=working_days_taken(r.received_on, r.decided_on) <= 20,
                opinion=r.opinion or "经审核，符合规定。", opinion_number=opinions[i],
                certificate_number=certificates.get(i)
                or (cancelled_numbers.get(i, "") if r.outcome == State.CANCELLED else "")))
        bulk.create(cases)
        bulk.history_rows(cases, user=by, reason="import")
        core_clocks.start_many(cases, rule=clocks.CERTIFICATE_REVIEW, starts=[c.received_on for c in cases],
                               ends=[("met", c.decided_on) for c in cases])
        audit.record_many(by, "enforcement.imported", ((c, c.number, {"kind": c.kind, "state": c.state})
                                                       for c in cases))
    return len(cases)


# --- case-file evaluation (案卷评查) -------------------------------------------------------------------------------

def default_sheet() -> ScoringSheet:
    sheet = ScoringSheet.objects.filter(name=evaluation.DEFAULT_SHEET["name"]).first()
    if sheet is None:
        sheet = ScoringSheet.objects.create(**evaluation.DEFAULT_SHEET)
    return sheet


@transaction.atomic
def campaign_create(*, unit: Unit, by, name: str, year: int, started_on: date,
                    candidates: Mapping[Unit, Sequence[str]], evaluators: Sequence[tuple[str, Unit | None]],
                    files_per_agency: int = 3, sheet: ScoringSheet | None = None) -> EvaluationCampaign:
    """A campaign: the agencies picked with the candidate files each declared, and the evaluators with their own
    agency. Nothing is drawn yet."""
    unit = _supervising(unit)
    _check_date(started_on, "started_on")
    if not candidates:
        raise StepError(_("Pick at least one agency."), field="agencies")
    empty = [a.name for a, files in candidates.items() if not [f for f in files if f.strip()]]
    if empty:
        raise StepError(_("No candidate files declared by: %(a)s") % {"a": "、".join(empty)}, field="agencies")
    if not evaluators:
        raise StepError(_("Name the evaluators."), field="evaluators")
    campaign = EvaluationCampaign.objects.create(unit=unit, name=_required(name, "name"), year=year,
                                                 started_on=started_on, files_per_agency=files_per_agency,
                                                 sheet=sheet or default_sheet())
    CampaignAgency.objects.bulk_create([CampaignAgency(campaign=campaign, agency=a,
                                                       candidates=sorted({f.strip() for f in files if f.strip()}))
                                        for a, files in candidates.items()])
    Evaluator.objects.bulk_create([Evaluator(campaign=campaign, name=n.strip(), agency=a) for n, a in evaluators])
    audit.record(by, "enforcement.campaign_created", campaign, summary=campaign.name,
                 payload={"agencies": len(candidates), "evaluators": len(evaluators)})
    return campaign


@transaction.atomic
def campaign_draw(*, campaign: EvaluationCampaign, by, seed: str, on: date,
                  expected_version: int | None = None) -> list[EvaluatedFile]:
    """Draw the files (evaluation.draw, with the seed recorded) and assign the evaluators so that nobody
    evaluates their own agency. Once per campaign."""
    _check_date(on)
    if campaign.drawn_on:
        raise StepError(_("The files were drawn on %(on)s.") % {"on": campaign.drawn_on})
    seed = _required(seed, "seed")
    files = []
    for ca in campaign.agencies.select_related("agency").order_by("agency__sort", "pk"):
        files += [EvaluatedFile(campaign=campaign, agency=ca.agency, file_number=n)
                  for n in evaluation.draw(seed, ca.candidates, campaign.files_per_agency)]
    EvaluatedFile.objects.bulk_create(files)
    files = list(campaign.files.order_by("pk"))
    chosen = evaluation.assign([(f.pk, f.agency_id) for f in files],
                               list(campaign.evaluators.order_by("pk").values_list("pk", "agency_id")))
    for f in files:
        f.evaluator_id = chosen[f.pk]
    EvaluatedFile.objects.bulk_update(files, ["evaluator"])
    campaign.seed, campaign.drawn_on = seed, on
    save_versioned(campaign, expected_version=expected_version, by=by)
    audit.record(by, "enforcement.files_drawn", campaign, summary=campaign.name,
                 payload={"seed": seed, "files": len(files)})
    return files


def redraw(campaign: EvaluationCampaign) -> dict[str, list[str]]:
    """The draw re-run from the recorded seed and candidate lists: agency code → files (equal to what was drawn)."""
    return {ca.agency.code: evaluation.draw(campaign.seed, ca.candidates, campaign.files_per_agency)
            for ca in campaign.agencies.select_related("agency")}


@transaction.atomic
def file_score(*, file: EvaluatedFile, by, on: date, vetoes: Sequence[str] = (),
               deductions: Mapping[str, int] | None = None, findings: str = "", disclosed: bool | None = None,
               recorded: bool | None = None, legally_reviewed: bool | None = None) -> EvaluatedFile:
    """The evaluator's score of one file on the campaign's sheet; the agency's score becomes the mean of its
    scored files."""
    _check_date(on)
    campaign = file.campaign
    if not campaign.drawn_on or on < campaign.drawn_on:
        raise StepError(_("A file is scored after the draw."), field="on")
    if campaign.reported_on:
        raise StepError(_("The bulletin has been issued: the scores are final."))
    deductions = {k: int(v) for k, v in (deductions or {}).items() if int(v)}
    result = evaluation.score(campaign.sheet, vetoes=list(vetoes), deductions=deductions)
    file.vetoes, file.deductions = list(vetoes), deductions
    file.score, file.grade, file.evaluated_on = result.score, result.grade, on
    file.findings = findings.strip() or result.explanation
    file.disclosed, file.recorded, file.legally_reviewed = disclosed, recorded, legally_reviewed
    file.save()
    ca = CampaignAgency.objects.get(campaign=campaign, agency=file.agency)
    avg = EvaluatedFile.objects.filter(campaign=campaign, agency=file.agency, score__isnull=False).aggregate(
        a=Avg("score"))["a"]
    ca.score = Decimal(avg).quantize(evaluation.ONE_PLACE) if avg is not None else None
    ca.grade = evaluation.grade_of(ca.score, campaign.sheet) if ca.score is not None else ""
    ca.save(update_fields=["score", "grade"])
    audit.record(by, "enforcement.file_scored", campaign, summary=f"{file}: {file.score}",
                 payload={"file": file.file_number, "score": str(file.score), "grade": file.grade})
    return file


@transaction.atomic
def campaign_report(*, campaign: EvaluationCampaign, by, on: date,
                    expected_version: int | None = None) -> EvaluationCampaign:
    """Issue the 评查通报: every drawn file must be scored; the bulletin is numbered."""
    _check_date(on)
    if campaign.reported_on:
        raise StepError(_("The bulletin was issued on %(on)s.") % {"on": campaign.reported_on})
    if not campaign.drawn_on or campaign.files.filter(score__isnull=True).exists():
        raise StepError(_("Every drawn file must be scored before the bulletin."))
    campaign.reported_on = on
    campaign.bulletin_number = numbering.take(kind="enforcement.bulletin", unit=campaign.unit, year=on.year,
                                              default_format="{prefix}通〔{year}〕{n}号")
    save_versioned(campaign, expected_version=expected_version, by=by)
    audit.record(by, "enforcement.bulletin_issued", campaign, summary=campaign.bulletin_number)
    return campaign


@transaction.atomic
def rectification_notify(*, campaign: EvaluationCampaign, agency: Unit, by, on: date,
                         findings: str) -> Rectification:
    """Send the findings to the agency as a rectification item (整改通知书); its clock starts."""
    _check_date(on)
    if not campaign.agencies.filter(agency=agency).exists():
        raise StepError(_("The agency was not evaluated in this campaign."), field="agency")
    r = Rectification(unit=campaign.unit, campaign=campaign, agency=agency, findings=_required(findings, "findings"),
                      notified_on=on)
    r.notice_number = numbering.take(kind="enforcement.rectification", unit=campaign.unit, year=on.year,
                                     default_format="{prefix}改〔{year}〕{n}号")
    r.save()
    d = core_clocks.start(r, rule=clocks.RECTIFICATION, start=on, by=by)
    r.due = d.due
    r.save(update_fields=["due"])
    audit.record(by, "enforcement.rectification_notified", r, summary=r.notice_number,
                 payload={"agency": agency.code})
    return r


@transaction.atomic
def rectification_close(*, rectification: Rectification, by, on: date, report: str,
                        expected_version: int | None = None) -> Rectification:
    r = rectification
    _once_and_after(done_on=r.closed_on, already=_("The item was closed on %(on)s."), on=on, earlier=r.notified_on,
                    what=_("the notice"))
    r.closed_on, r.report = on, _required(report, "report")
    core_clocks.meet(r, rule=clocks.RECTIFICATION, on=on, by=by, missing_ok=True)
    save_versioned(r, expected_version=expected_version, by=by)
    audit.record(by, "enforcement.rectification_closed", r, summary=r.notice_number)
    return r


# --- legal advisers and agreement review --------------------------------------------------------------------------

@transaction.atomic
def work_item_assign(*, unit: Unit, by, adviser: str, kind: str, subject: str, assigned_on: date, due: date,
                     requested_by: Unit | None = None) -> AdviserWorkItem:
    unit = _supervising(unit)
    _check_date(assigned_on, "assigned_on")
    if due < assigned_on:
        raise StepError(_("The due date is before the assignment."), field="due")
    item = AdviserWorkItem(unit=unit, adviser=_required(adviser, "adviser"), kind=kind,
                           subject=_required(subject, "subject"), assigned_on=assigned_on, due=due,
                           requested_by=requested_by)
    item.full_clean(exclude=["unit", "requested_by"])
    item.save()
    audit.record(by, "enforcement.work_assigned", item, summary=item.subject[:100],
                 payload={"adviser": item.adviser, "kind": kind, "due": due})
    return item


@transaction.atomic
def work_item_deliver(*, item: AdviserWorkItem, by, on: date, opinion: str,
                      expected_version: int | None = None) -> AdviserWorkItem:
    _once_and_after(done_on=item.delivered_on, already=_("The opinion was delivered on %(on)s."), on=on,
                    earlier=item.assigned_on, what=_("the assignment"))
    item.delivered_on, item.opinion = on, _required(opinion, "opinion")
    save_versioned(item, expected_version=expected_version, by=by)
    audit.record(by, "enforcement.work_delivered", item, summary=item.subject[:100])
    return item


@transaction.atomic
def agreement_register(*, unit: Unit, by, title: str, counterparty: str, received_on: date,
                       submitted_by: Unit | None = None) -> AgreementReview:
    unit = _supervising(unit)
    _check_date(received_on, "received_on")
    a = AgreementReview(unit=unit, title=_required(title, "title"), counterparty=_required(counterparty, "counterparty"),
                        received_on=received_on, submitted_by=submitted_by)
    a.save()
    core_clocks.start(a, rule=clocks.AGREEMENT_REVIEW, start=received_on, by=by)
    audit.record(by, "enforcement.agreement_received", a, summary=a.title[:100])
    return a


@transaction.atomic
def agreement_review(*, review: AgreementReview, by, on: date, opinion: str,
                     expected_version: int | None = None) -> AgreementReview:
    """The legal review opinion (法律审核意见书) on an agreement, numbered; the time taken in working days."""
    a = review
    _once_and_after(done_on=a.reviewed_on, already=_("The agreement was reviewed on %(on)s."), on=on,
                    earlier=a.received_on, what=_("the receipt"))
    a.reviewed_on, a.opinion = on, _required(opinion, "opinion")
    a.working_days_taken = working_days_taken(a.received_on, on)
    a.opinion_number = numbering.take(kind="enforcement.legal_opinion", unit=a.unit, year=on.year,
                                      default_format="{prefix}法审〔{year}〕{n}号")
    core_clocks.meet(a, rule=clocks.AGREEMENT_REVIEW, on=on, by=by, missing_ok=True)
    save_versioned(a, expected_version=expected_version, by=by)
    audit.record(by, "enforcement.agreement_reviewed", a, summary=a.opinion_number)
    return a


@dataclass
class OfficerRecord:
    agency: Unit
    name: str
    post: str
    qualification: str
    id_number: str = ""
    staff_number: str = ""


@transaction.atomic
def officers_import(*, unit: Unit, records: Sequence[OfficerRecord], by) -> list[Officer]:
    """An agency's HR list into the register: parties with their encrypted ID numbers, officers, one audit event.
    An officer already registered for the agency with the same ID number, or twice in the list, is skipped."""
    from sifa.core import crypto

    unit = _supervising(unit)
    held = set(Officer.objects.filter(agency__in={r.agency for r in records}, person__id_number_hash__gt="")
               .values_list("agency_id", "person__id_number_hash"))
    parties, keep = [], []
    for r in records:
        if r.id_number:
            key = (r.agency.pk, crypto.lookup_hash(r.id_number))
            if key in held:
                continue
            held.add(key)
        party = Party(name=r.name, unit=unit)
        if r.id_number:
            party.set_id_number(r.id_number)
        parties.append(party)
        keep.append(r)
    bulk.create(parties)
    officers = bulk.create([Officer(unit=unit, agency=r.agency, person=p, post=r.post, qualification=r.qualification,
                                    staff_number=r.staff_number) for r, p in zip(keep, parties, strict=True)])
    audit.record(by, "enforcement.officers.imported", None, summary=_("%(n)s officers") % {"n": len(officers)},
                 payload={"written": len(officers), "skipped": len(records) - len(officers)})
    return list(officers)


# --- legality review (合法性审查) ---------------------------------------------------------------------------------

LEGALITY_RULES = {ReviewSubject.MAJOR_DECISION: clocks.LEGALITY_DECISION,
                  ReviewSubject.NORMATIVE_DOCUMENT: clocks.LEGALITY_DOCUMENT}


@transaction.atomic
def legality_register(*, unit: Unit, by, subject: str, title: str, submitted_by: Unit | None,
                      received_on: date) -> LegalityReview:
    """Receive a draft decision or normative document for the legality review; the review clock starts."""
    unit = _supervising(unit)
    _check_date(received_on, "received_on")
    if subject not in LEGALITY_RULES:
        raise StepError(_("Choose what is reviewed."), field="subject")
    if submitted_by is None:
        raise StepError(_("Name the drafting body."), field="submitted_by")
    r = LegalityReview(unit=unit, subject=subject, title=_required(title, "title"), submitted_by=submitted_by,
                       received_on=received_on)
    r.save()
    d = core_clocks.start(r, rule=LEGALITY_RULES[subject], start=received_on, by=by)
    r.due = d.due
    r.save(update_fields=["due"])
    audit.record(by, "enforcement.legality_received", r, summary=r.title[:100], payload={"subject": subject})
    return r


@transaction.atomic
def legality_conclude(*, review: LegalityReview, by, on: date, conclusion: str, opinion: str,
                      expected_version: int | None = None) -> LegalityReview:
    """The legality review opinion (合法性审查意见书): its conclusion, numbered; the clock met; the time taken."""
    r = review
    _once_and_after(done_on=r.reviewed_on, already=_("The opinion was issued on %(on)s."), on=on,
                    earlier=r.received_on, what=_("the receipt"))
    if conclusion not in ReviewConclusion.values:
        raise StepError(_("Choose the conclusion of the review."), field="conclusion")
    r.reviewed_on, r.conclusion, r.opinion = on, conclusion, _required(opinion, "opinion")
    r.working_days_taken = working_days_taken(r.received_on, on)
    d = core_clocks.meet(r, rule=LEGALITY_RULES[r.subject], on=on, by=by, missing_ok=True)
    r.in_time = (on <= d.due) if d is not None else None
    r.opinion_number = numbering.take(kind="enforcement.legality_opinion", unit=r.unit, year=on.year,
                                      default_format="{prefix}合审〔{year}〕{n}号")
    save_versioned(r, expected_version=expected_version, by=by)
    audit.record(by, "enforcement.legality_reviewed", r, summary=r.opinion_number,
                 payload={"conclusion": conclusion, "in_time": r.in_time})
    return r


# --- filing review of normative documents (规范性文件备案审查) -----------------------------------------------------

@transaction.atomic
def filing_register(*, unit: Unit, by, title: str, document_number: str, issued_by: Unit | None,
                    published_on: date, filed_on: date) -> NormativeFiling:
    """Receive a normative document for filing: whether it was filed within its period of publication is kept (the
    filing clock from publication, met on the day filed); the review clock starts from the day filed."""
    unit = _supervising(unit)
    _check_date(filed_on, "filed_on")
    if issued_by is None:
        raise StepError(_("Name the issuing body."), field="issued_by")
    if published_on > filed_on:
        raise StepError(_("A document is filed after it is published."), field="published_on")
    number = _required(document_number, "document_number")
    if NormativeFiling.objects.filter(unit=unit, issued_by=issued_by, document_number=number).exists():
        raise StepError(_("This document of this body is already filed."), field="document_number")
    f = NormativeFiling(unit=unit, title=_required(title, "title"), document_number=number, issued_by=issued_by,
                        published_on=published_on, filed_on=filed_on)
    f.save()
    core_clocks.start(f, rule=clocks.FILING_REPORT, start=published_on, by=by)
    d = core_clocks.meet(f, rule=clocks.FILING_REPORT, on=filed_on, by=by)
    f.filed_in_time = filed_on <= d.due
    core_clocks.start(f, rule=clocks.FILING_REVIEW, start=filed_on, by=by)
    f.save(update_fields=["filed_in_time"])
    audit.record(by, "enforcement.filing_received", f, summary=str(f)[:100], payload={"in_time": f.filed_in_time})
    return f


def _filing_state(f: NormativeFiling, *states) -> None:
    if f.state not in states:
        raise StepError(_("This step does not apply to a filing that is “%(state)s”.") % {
            "state": f.get_state_display()})


@transaction.atomic
def filing_extend(*, filing: NormativeFiling, by, on: date, days: int, reason: str,
                  expected_version: int | None = None) -> NormativeFiling:
    """Extend the review (approved by the user, with the reason): in all at most the rule's cap."""
    _filing_state(filing, FilingState.UNDER_REVIEW)
    _check_date(on)
    try:
        core_clocks.extend(filing, rule=clocks.FILING_REVIEW, days=days, approver=by, reason=reason.strip(), on=on,
                           by=by)
    except core_clocks.ClockError as exc:
        raise StepError(str(exc), field="days") from None
    save_versioned(filing, expected_version=expected_version, by=by)
    audit.record(by, "enforcement.filing_extended", filing, summary=f"+{days}", payload={"reason": reason})
    return filing


@transaction.atomic
def filing_review(*, filing: NormativeFiling, by, on: date, problem_found: bool, opinion: str,
                  expected_version: int | None = None) -> NormativeFiling:
    """Conclude the review with the 备案审查意见书 (numbered). A problem found orders the issuing body to correct the
    document itself: the correction clock starts on the day of the opinion."""
    f = filing
    _filing_state(f, FilingState.UNDER_REVIEW)
    _once_and_after(done_on=f.reviewed_on, already=_("The review was concluded on %(on)s."), on=on,
                    earlier=f.filed_on, what=_("the filing"))
    f.reviewed_on, f.problem_found, f.opinion = on, bool(problem_found), _required(opinion, "opinion")
    d = core_clocks.meet(f, rule=clocks.FILING_REVIEW, on=on, by=by, missing_ok=True)
    f.reviewed_in_time = (on <= d.due) if d is not None else None
    f.opinion_number = numbering.take(kind="enforcement.filing_opinion", unit=f.unit, year=on.year,
                                      default_format="{prefix}备审〔{year}〕{n}号")
    if f.problem_found:
        f.state = FilingState.CORRECTION
        f.correction_due = core_clocks.start(f, rule=clocks.FILING_CORRECTION, start=on, by=by).due
    else:
        f.state, f.outcome = FilingState.CLOSED, FilingOutcome.NO_ISSUE
    save_versioned(f, expected_version=expected_version, by=by)
    audit.record(by, "enforcement.filing_reviewed", f, summary=f.opinion_number,
                 payload={"problem_found": f.problem_found, "in_time": f.reviewed_in_time})
    return f


@transaction.atomic
def filing_corrected(*, filing: NormativeFiling, by, on: date, note: str,
                     expected_version: int | None = None) -> NormativeFiling:
    """The issuing body corrected (amended or repealed) the document itself."""
    f = filing
    _filing_state(f, FilingState.CORRECTION)
    _once_and_after(done_on=f.corrected_on, already=_("The correction was recorded on %(on)s."), on=on,
                    earlier=f.reviewed_on, what=_("the review opinion"))
    f.corrected_on, f.correction_note = on, _required(note, "note")
    core_clocks.meet(f, rule=clocks.FILING_CORRECTION, on=on, by=by, missing_ok=True)
    f.state, f.outcome = FilingState.CLOSED, FilingOutcome.CORRECTED
    save_versioned(f, expected_version=expected_version, by=by)
    audit.record(by, "enforcement.filing_corrected", f, summary=str(f)[:100])
    return f


@transaction.atomic
def filing_not_corrected(*, filing: NormativeFiling, by, on: date, note: str,
                         expected_version: int | None = None) -> NormativeFiling:
    """The correction period ran out without a correction: the revocation clock runs from the day it ran out."""
    f = filing
    _filing_state(f, FilingState.CORRECTION)
    _check_date(on)
    if on <= f.correction_due:
        raise StepError(_("The correction period runs until %(due)s: it has not yet run out.") % {
            "due": f.correction_due}, field="on")
    f.correction_note = _required(note, "note")
    core_clocks.cancel(f, rule=clocks.FILING_CORRECTION, on=on, by=by, reason=f.correction_note)
    f.revocation_due = core_clocks.start(f, rule=clocks.FILING_REVOCATION, start=f.correction_due, by=by).due
    f.state = FilingState.REVOCATION
    save_versioned(f, expected_version=expected_version, by=by)
    audit.record(by, "enforcement.filing_not_corrected", f, summary=str(f)[:100])
    return f


@transaction.atomic
def filing_revoke(*, filing: NormativeFiling, by, on: date, decision_number: str,
                  expected_version: int | None = None) -> NormativeFiling:
    """The district government revoked the document (its decision's number kept)."""
    f = filing
    _filing_state(f, FilingState.REVOCATION)
    _check_date(on)
    if on < f.correction_due:
        raise StepError(_("The date %(on)s is before %(what)s (%(earlier)s).") % {
            "on": on, "what": _("the end of the correction period"), "earlier": f.correction_due}, field="on")
    f.revoked_on, f.revocation_number = on, _required(decision_number, "decision_number")
    core_clocks.meet(f, rule=clocks.FILING_REVOCATION, on=on, by=by, missing_ok=True)
    f.state, f.outcome = FilingState.CLOSED, FilingOutcome.REVOKED
    save_versioned(f, expected_version=expected_version, by=by)
    audit.record(by, "enforcement.filing_revoked", f, summary=f.revocation_number)
    return f


def quarter_bounds(year: int, quarter: int) -> tuple[date, date]:
    if quarter not in (1, 2, 3, 4):
        raise ValueError(quarter)
    start = date(year, 3 * quarter - 2, 1)
    end = date(year + (quarter == 4), 1 if quarter == 4 else 3 * quarter + 1, 1) - timedelta(days=1)
    return start, end


# --- the scoring sheet -------------------------------------------------------------------------------------------

@transaction.atomic
def sheet_save(*, sheet: ScoringSheet | None, by, name: str, unit: Unit | None = None, vetoes: list, sections: list, excellent_from: Decimal,
               pass_from: Decimal, expected_version: int | None = None) -> ScoringSheet:
    """Save a scoring sheet (validated by `evaluation.check_sheet`). A sheet with which a file has been scored is the
    record of those scores: it is not changed, a new sheet is made instead."""
    problems = evaluation.check_sheet(vetoes=vetoes, sections=sections, excellent_from=excellent_from,
                                      pass_from=pass_from)
    if problems:
        field, message = problems[0]
        raise StepError(message, field=field)
    name = _required(name, "name")
    if sheet is not None and EvaluatedFile.objects.filter(campaign__sheet=sheet, score__isnull=False).exists():
        raise StepError(_("Files have been scored with this sheet: save it as a new sheet."), field="name")
    if ScoringSheet.objects.filter(name=name).exclude(pk=getattr(sheet, "pk", None)).exists():
        raise StepError(_("Another scoring sheet has this name."), field="name")
    old = None
    if sheet is None:
        sheet = ScoringSheet(name=name, unit=_supervising(unit))
    elif sheet.unit_id is None:
        raise StepError(_("The installation's default sheet is not changed: copy it into a new sheet."), field="name")
    else:
        old = {"name": sheet.name, "vetoes": sheet.vetoes, "sections": sheet.sections}
    sheet.name, sheet.vetoes, sheet.sections = name, vetoes, sections
    sheet.excellent_from, sheet.pass_from = excellent_from, pass_from
    if sheet.pk:
        save_versioned(sheet, expected_version=expected_version, by=by)
    else:
        sheet.save()
    audit.record(by, "enforcement.sheet_saved", sheet, summary=sheet.name, payload={"before": old})
    return sheet

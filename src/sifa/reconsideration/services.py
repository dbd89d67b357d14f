"""What is particular to administrative reconsideration, written by the line itself.

The procedure's steps run through the table (workflow.py: `WORKFLOW.run(app, "accept", by=, on=, data=,
expected_version=)`), which checks, moves the state and the clocks, issues the documents, saves and audits in
one transaction. This module holds what the table cannot say as data: registering an application with its
parties, attachments, the committee's meetings, the writes particular to each step (the table's `effect`s, each
`(case, data, *, on, by)`), the line's document numbering (the table's `issue` hook), the daily sweep of deemed
acceptance (through the table) and the batch writer of imported applications. Every refusal is a
`core.workflow.StepError` naming the field it concerns.
"""

from __future__ import annotations

import secrets
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from types import SimpleNamespace

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from sifa.core import audit, bulk, numbering
from sifa.core import clocks as core_clocks
from sifa.core.cases import save_case
from sifa.core.locking import save_versioned
from sifa.core.models import Deadline, Party, PartyKind, Unit
from sifa.core.models.clocks import DeadlineState
from sifa.core.services import party_save
from sifa.core.workflow import StepError, not_before

from . import clocks
from .documents import NUMBER_FORMATS
from .models import (
    DIRECT_CORRECTION_TYPES,
    EXCLUDED_TIME_KINDS,
    LAW_2023_FROM,
    TERMINATION_AFTER_60_DAYS,
    Application,
    Attachment,
    CaseDocument,
    CaseParty,
    Channel,
    CommitteeMeeting,
    CommitteeReview,
    CorrectionRequest,
    DocumentKind,
    Hearing,
    HearingKind,
    HearingState,
    Investigation,
    InvestigationKind,
    Outcome,
    PartyRole,
    Procedure,
    ReviewOutcome,
    State,
    Suspension,
    TerminationGround,
)


def _today() -> date:
    return timezone.localdate()


def issue(app: Application, kind: str, *, on: date, by, ref: dict | None = None) -> CaseDocument:
    """The table's `issue` hook: take the next number of the document's series (per office and year; the
    decision carries the case's own number) and record the document."""
    if kind == DocumentKind.DECISION:
        number = app.number
    else:
        number = numbering.take(kind=f"reconsideration.{kind}", unit=app.unit, year=on.year,
                                default_format=NUMBER_FORMATS[kind])
    doc = CaseDocument.objects.create(case=app, kind=kind, number=number, issued_on=on, ref=ref or {},
                                      issued_by=by if getattr(by, "is_authenticated", False) else None)
    audit.record(by, "reconsideration.document.issued", app, summary=f"{doc.get_kind_display()} {number}",
                 payload={"kind": kind, "number": number, "on": on})
    return doc


def _receipt_number() -> str:
    alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
    while True:
        candidate = f"FY{_today().year}" + "".join(secrets.choice(alphabet) for _ in range(8))
        if not Application.objects.filter(receipt_number=candidate).exists():
            return candidate


# --- registration ---------------------------------------------------------------------------------------

@dataclass
class PartyData:
    """A party as entered on the application form or online."""

    name: str
    kind: str = PartyKind.PERSON
    id_number: str = ""
    phone: str = ""
    address: str = ""
    credit_code: str = ""
    legal_representative: str = ""


def _party(data: PartyData | Party, *, unit: Unit, by) -> Party:
    if isinstance(data, Party):
        return data
    party = Party(kind=data.kind, name=data.name, unit=unit, address=data.address,
                  credit_code=data.credit_code, legal_representative=data.legal_representative)
    return party_save(party=party, by=by, id_number=data.id_number or "", phone=data.phone or "")


@transaction.atomic
def application_register(*, unit: Unit, respondent: Unit, act_description: str, request: str,
                         applicants: Sequence[PartyData | Party], by=None, channel: str = Channel.COUNTER,
                         received_on: date | None = None, act_kind: str = "other", subject_area=None,
                         act_number: str = "", act_date: date | None = None, known_on: date | None = None,
                         amount: Decimal | None = None, reasons: str = "", major: bool = False,
                         handler=None, representatives: Sequence[tuple[PartyData | Party, int, str]] = (),
                         internal_notes: str = "") -> Application:
    """Register an application received at the counter, by post, online or orally (FY 22), and start the
    acceptance review (FY 30: five working days from receipt)."""
    received_on = received_on or _today()
    if not applicants:
        raise StepError(_("An application needs at least one applicant."), field="applicants")
    app = Application(
        unit=unit, state=State.RECEIVED, handler=handler, opened_on=received_on, received_on=received_on,
        channel=channel, respondent=respondent, act_kind_id=act_kind, subject_area=subject_area,
        act_description=act_description, act_number=act_number, act_date=act_date, known_on=known_on,
        amount=amount, request=request, reasons=reasons, major=major, internal_notes=internal_notes,
        receipt_number=_receipt_number(),
        number=numbering.take(kind="reconsideration.case", unit=unit, year=received_on.year,
                              default_format=NUMBER_FORMATS["case"]),
    )
    save_case(app, by=by)
    parties = []
    for data in applicants:
        parties.append(CaseParty.objects.create(case=app, party=_party(data, unit=unit, by=by),
                                                role=PartyRole.APPLICANT))
    for data, applicant_index, kind in representatives:
        CaseParty.objects.create(case=app, party=_party(data, unit=unit, by=by), role=PartyRole.REPRESENTATIVE,
                                 represents=parties[applicant_index], representative_kind=kind)
    core_clocks.start(app, rule=clocks.ACCEPTANCE_REVIEW, start=received_on, by=by)
    audit.record(by, "reconsideration.registered", app, summary=str(app),
                 payload={"channel": channel, "received_on": received_on, "respondent": respondent.code})
    return app


@transaction.atomic
def attachment_add(*, application: Application, file, by=None, description: str = "",
                   from_applicant: bool = True) -> Attachment:
    """Keep a file with the case (the size and type were checked by the form: uploads.validate_upload)."""
    att = Attachment.objects.create(case=application, file=file, name=getattr(file, "name", "")[:200],
                                    size=file.size, content_type=getattr(file, "content_type", "") or "",
                                    description=description, from_applicant=from_applicant,
                                    uploaded_by=by if getattr(by, "is_authenticated", False) else None)
    audit.record(by, "reconsideration.attachment.added", application, summary=att.name,
                 payload={"size": att.size})
    return att


# --- the committee --------------------------------------------------------------------------------------

@transaction.atomic
def committee_meeting_create(*, unit: Unit, title: str, held_on: date, by, place: str = "") -> CommitteeMeeting:
    meeting = CommitteeMeeting.objects.create(unit=unit, title=title, held_on=held_on, place=place,
                                              created_by=by if getattr(by, "is_authenticated", False) else None)
    audit.record(by, "reconsideration.committee_meeting.created", meeting, summary=str(meeting))
    return meeting


@transaction.atomic
def committee_meeting_record(*, meeting: CommitteeMeeting, by, members: Sequence = (),
                             district_head_attended: bool = False, notes: str = "",
                             opinions: dict[int, str] | None = None,
                             expected_version: int | None = None) -> CommitteeMeeting:
    """Record who sat, whether the district head attended, and the opinion given on each case (the
    office records the committee's opinions: FY 52 ¶3). `expected_version` is the version of the meeting the
    form was opened on: if someone recorded it since, ConflictError and nothing is written."""
    meeting.district_head_attended, meeting.notes = district_head_attended, notes
    save_versioned(meeting, expected_version=expected_version, by=by)
    if members:
        meeting.members.set(members)
    for review in meeting.reviews.select_related("case"):
        text = (opinions or {}).get(review.pk)
        if text is not None and text != review.opinion:
            review.opinion, review.opinion_on = text, meeting.held_on
            review.save(update_fields=["opinion", "opinion_on"])
            audit.record(by, "reconsideration.committee_opinion", review.case, summary=text[:200],
                         payload={"meeting": meeting.pk})
    audit.record(by, "reconsideration.committee_meeting.recorded", meeting, summary=str(meeting),
                 payload={"district_head_attended": district_head_attended})
    return meeting


# --- the writes of each step (the table's effects: `(case, data, *, on, by)`, in the table's order) ----------

def write_correction_request(app: Application, data: dict, *, on: date, by) -> CorrectionRequest:
    """补正通知 (FY 31 ¶1): what is to be corrected, all at once."""
    req = CorrectionRequest.objects.create(case=app, requested_on=on, items=data["items"])
    data["_document_ref"] = {"correction": req.pk}
    return req


def _pending_correction(app: Application) -> CorrectionRequest | None:
    return app.corrections.filter(materials_received_on__isnull=True, lapsed_on__isnull=True).last()


def write_correction_received(app: Application, data: dict, *, on: date, by) -> None:
    req = _pending_correction(app)
    if req:
        not_before(on, req.requested_on, _("the correction notice"))
        req.materials_received_on = on
        req.save(update_fields=["materials_received_on"])


def write_abandoned(app: Application, data: dict, *, on: date, by) -> None:
    """No correction in time without a justified reason: deemed abandoned, recorded in the file (FY 31 ¶2)."""
    app.corrections.filter(materials_received_on__isnull=True, lapsed_on__isnull=True).update(lapsed_on=on)
    app.review_outcome = ReviewOutcome.ABANDONED
    app.review_ended_on = on


def write_resolution(app: Application, data: dict, *, on: date, by) -> None:
    """案前化解: the dispute was resolved during the review and the application withdrawn."""
    app.review_outcome = ReviewOutcome.PRE_ACCEPTANCE_RESOLVED
    app.resolution_method, app.resolution_note = data["method"], data["note"]
    app.review_ended_on = on


def write_acceptance(app: Application, data: dict, *, on: date, by) -> None:
    """Accept (FY 30 ¶1) under the ordinary or, for a 2023-law application on a ground of FY 53, the
    simplified procedure."""
    procedure = data.get("procedure") or Procedure.ORDINARY
    ground = data.get("simplified_ground") or ""
    if procedure == Procedure.SIMPLIFIED:
        if not app.follows_2023_law:
            raise StepError(_("The simplified procedure exists only for applications received from "
                              "2024-01-01 (the 2023 revision of the law)."), field="procedure")
        if not ground:
            raise StepError(_("Name the ground for the simplified procedure (FY 53)."), field="simplified_ground")
    app.procedure, app.simplified_ground = procedure, ground
    app.review_outcome = ReviewOutcome.ACCEPTED
    app.accepted_on = app.review_ended_on = on


def write_non_acceptance(app: Application, data: dict, *, on: date, by) -> None:
    """不予受理 within the review period, with reasons, naming the competent authority (FY 30 ¶2)."""
    app.review_outcome = ReviewOutcome.NOT_ACCEPTED
    app.not_accepted_reason, app.competent_authority = data["reasons"], data.get("competent_authority", "")
    app.review_ended_on = on


def write_deemed_acceptance(app: Application, data: dict, *, on: date, by) -> None:
    """Deemed acceptance (FY 30 ¶3; FY2017 17 ¶2) under the ordinary procedure: accepted from the day the
    review period ended (2023 law) or from the day of receipt (2017 law); the review clock is met on its due day."""
    due = core_clocks.current(app, clocks.ACCEPTANCE_REVIEW).due
    data["_review_due"] = due
    app.accepted_on = due if app.follows_2023_law else app.received_on
    app.review_outcome, app.deemed_accepted = ReviewOutcome.ACCEPTED, True
    app.procedure, app.review_ended_on = Procedure.ORDINARY, app.accepted_on
    data["accepted_on"] = app.accepted_on


def write_ordinary_procedure(app: Application, data: dict, *, on: date, by) -> None:
    app.procedure = Procedure.ORDINARY


def write_copy_sent(app: Application, data: dict, *, on: date, by) -> None:
    """The copy goes to the respondent (FY 48, 54); its answer period runs from the day it receives it."""
    received = data.get("respondent_received_on") or on
    not_before(received, on, _("the day the copy was sent"), field="respondent_received_on")
    app.copy_sent_on, app.copy_received_on = on, received


def write_answer(app: Application, data: dict, *, on: date, by) -> None:
    app.answer_received_on = on


def write_investigation_start(app: Application, data: dict, *, on: date, by) -> Investigation:
    """An investigation; an on-site inspection or an appraisal also stops the decision period (FYSL 34 ¶3, 37)."""
    kind = data["kind"]
    inv = Investigation.objects.create(case=app, kind=kind, started_on=on, purpose=data.get("purpose", ""))
    data["_excludes_time"] = inv.excludes_time
    if inv.excludes_time:
        data["_pause_reason"] = f"{InvestigationKind(kind).label}（{EXCLUDED_TIME_KINDS[kind]}）"
    return inv


def write_investigation_end(app: Application, data: dict, *, on: date, by) -> Investigation:
    inv = app.investigations.filter(ended_on__isnull=True).order_by("-pk").first()
    not_before(on, inv.started_on, _("the start of the investigation"))
    inv.ended_on, inv.findings = on, data.get("findings", "")
    inv.save(update_fields=["ended_on", "findings"])
    data["_excludes_time"] = inv.excludes_time
    return inv


def write_hearing_schedule(app: Application, data: dict, *, on: date, by) -> Hearing:
    """A panel of one presiding officer, at least two hearing officers and a clerk (FY 50 ¶3), and written
    notice at least five working days before the hearing (FY 51 ¶1). `on` is the day the notice is given."""
    scheduled_for, presiding, clerk = data["scheduled_for"], data.get("presiding"), data.get("clerk")
    rule = core_clocks.rule_for(clocks.HEARING_NOTICE, on)
    earliest = core_clocks.compute_due(rule=rule, start=on)
    if scheduled_for < earliest:
        raise StepError(_("Notice must be given at least %(n)s working days before the hearing (%(basis)s): "
                          "with notice on %(on)s the hearing can be held on %(earliest)s at the earliest.")
                        % {"n": rule.length, "basis": rule.basis, "on": on, "earliest": earliest},
                        field="scheduled_for")
    officers = list(data.get("officers") or ())
    if presiding is None or clerk is None or len(officers) < 2:
        raise StepError(_("A hearing panel needs a presiding officer, at least two hearing officers and a "
                          "clerk (FY 50 ¶3)."), field="officers")
    if presiding in officers or clerk in officers or presiding == clerk:
        raise StepError(_("The presiding officer, the hearing officers and the clerk must be different "
                          "people."), field="officers")
    hearing = Hearing.objects.create(
        case=app, kind=HearingKind.HEARING, state=HearingState.SCHEDULED, scheduled_for=scheduled_for,
        place=data.get("place", ""), matters=data.get("matters", ""), notice_on=on, presiding=presiding,
        clerk=clerk, unit=app.unit, respondent=app.respondent, act_kind_id=app.act_kind_id)
    hearing.officers.set(officers)
    data["_document_ref"] = {"hearing": hearing.pk}
    return hearing


def write_hearing_record(app: Application, data: dict, *, on: date, by) -> Hearing:
    """Record a scheduled hearing as held on `on` (FY 50 ¶3: the record), or an interview held (谈话, FY 49)."""
    hearing = data.get("hearing")
    if hearing is None:
        kind = data.get("kind") or HearingKind.INTERVIEW
        if kind == HearingKind.HEARING:
            raise StepError(_("A hearing must be scheduled with notice first; choose the scheduled hearing."),
                            field="hearing")
        hearing = Hearing(case=app, kind=kind, scheduled_for=on, unit=app.unit, place=data.get("place", ""),
                          respondent=app.respondent, act_kind_id=app.act_kind_id)
    elif hearing.case_id != app.pk or hearing.state != HearingState.SCHEDULED:
        raise StepError(_("That hearing is not scheduled in this case."), field="hearing")
    elif on < hearing.scheduled_for:
        raise StepError(_("The hearing was scheduled for %(on)s; it cannot have been held earlier.") % {
            "on": hearing.scheduled_for}, field="on")
    hearing.state, hearing.held_on = HearingState.HELD, on
    hearing.participants, hearing.record = data.get("participants", ""), data.get("record", "")
    hearing.respondent_head_attended = bool(data.get("respondent_head_attended"))
    hearing.save()
    return hearing


def write_committee_referral(app: Application, data: dict, *, on: date, by) -> CommitteeReview:
    """Put a case to a committee meeting (FY 52 ¶2)."""
    meeting = data["meeting"]
    if CommitteeReview.objects.filter(meeting=meeting, case=app).exists():
        raise StepError(_("The case is already on this meeting's agenda."), field="meeting")
    return CommitteeReview.objects.create(meeting=meeting, case=app, reason=data.get("reason", ""))


def _open_suspension(app: Application) -> Suspension | None:
    return app.suspensions.filter(resumed_on__isnull=True).order_by("-pk").first()


def write_suspension(app: Application, data: dict, *, on: date, by) -> Suspension:
    """中止 (FY 39), on a ground of the law; the decision period stops."""
    current = core_clocks.current(app, clocks.decision_rule(app.procedure))
    if current is not None and current.state == DeadlineState.PAUSED:
        raise StepError(_("End the inspection or appraisal that stops the decision period first."))
    s = Suspension.objects.create(case=app, ground=data["ground"], reason=data.get("reason", ""), started_on=on)
    data["_suspension"], data["_document_ref"] = s, {"suspension": s.pk}
    return s


def write_resumption(app: Application, data: dict, *, on: date, by) -> Suspension:
    """恢复审理 once the cause is gone (FY 39 ¶2)."""
    s = _open_suspension(app)
    not_before(on, s.started_on, _("the suspension"))
    s.resumed_on = on
    s.save(update_fields=["resumed_on"])
    data["_document_ref"] = {"suspension": s.pk}
    return s


def _conclude(app: Application, outcome: str, *, on: date) -> None:
    app.concluded_on, app.outcome = on, outcome


def write_termination(app: Application, data: dict, *, on: date, by) -> None:
    """终止 (FY 41). Ground ⑤ only once the case has been suspended for 60 days on ground ①, ② or ④."""
    ground = data["ground"]
    if ground == TerminationGround.SUSPENSION_LAPSED:
        s = _open_suspension(app)
        if s is None or s.ground not in TERMINATION_AFTER_60_DAYS:
            raise StepError(_("Ground ⑤ needs a suspension on ground ①, ② or ④ (FY 41(5))."), field="ground")
        d = core_clocks.current(app, clocks.SUSPENSION_TERMINATION)
        if d is not None and on <= d.due:
            raise StepError(_("The suspension reaches 60 days only after %(due)s (FY 41(5)).") % {"due": d.due},
                            field="ground")
    app.termination_ground, app.termination_note = ground, data.get("note", "")
    _conclude(app, Outcome.WITHDRAWAL if ground == TerminationGround.WITHDRAWAL else Outcome.TERMINATION, on=on)


def write_withdrawal(app: Application, data: dict, *, on: date, by) -> None:
    """The applicant withdraws, after a settlement (和解, FY 74) or mediation, or simply; the office approves
    and the case is terminated (FY 41(1))."""
    app.termination_ground, app.termination_note = TerminationGround.WITHDRAWAL, data.get("note", "")
    _conclude(app, Outcome.MEDIATED_WITHDRAWAL if data.get("after_mediation") else
              Outcome.SETTLEMENT if data.get("settled") else Outcome.WITHDRAWAL, on=on)


def write_mediation(app: Application, data: dict, *, on: date, by) -> None:
    """The 行政复议调解书, signed by the parties and sealed, takes effect (FY 73)."""
    app.mediation_terms = data["terms"]
    _conclude(app, Outcome.MEDIATION, on=on)


def write_decision(app: Application, data: dict, *, on: date, by) -> None:
    """The decision (FY 61–72; dismissal FY 33). Direct correction follows from the type (变更、撤销、确认违法、
    责令履行、确认无效)."""
    app.decision_type, app.decision_reasons = data["decision_type"], data.get("reasons", "")
    app.direct_correction = app.decision_type in DIRECT_CORRECTION_TYPES
    app.order_redo, app.compensation = bool(data.get("order_redo")), bool(data.get("compensation"))
    _conclude(app, Outcome.DECISION, on=on)


def write_service(app: Application, data: dict, *, on: date, by) -> None:
    """Service of the decision, on which it takes effect (FY 75 ¶2)."""
    app.served_on, app.service_method = on, data["method"]


def write_handler(app: Application, data: dict, *, on: date, by) -> None:
    app.handler = data["handler"]
    core_clocks.reassign(app)


def write_party(app: Application, data: dict, *, on: date, by) -> CaseParty:
    """A third party or a representative (FY 14–17); the party's data comes as `_party` (a PartyData or a
    Party), kept out of the audit payload."""
    role, represents = data["role"], data.get("represents")
    if role == PartyRole.REPRESENTATIVE and represents is None:
        raise StepError(_("Say whom the representative represents."), field="represents")
    return CaseParty.objects.create(case=app, party=_party(data["_party"], unit=app.unit, by=by), role=role,
                                    represents=represents, representative_kind=data.get("representative_kind") or "")


# --- the daily sweep ---------------------------------------------------------------------------------------

@transaction.atomic
def reconsideration_deem_accepted_due(*, on: date | None = None, by=None) -> int:
    """Deemed acceptance (FY 30 ¶3; FY2017 17 ¶2): every application still under review whose running review
    period ended before `on`, selected in one query, takes the table's `deem_accepted` step (its clocks and
    target as the table declares them). How many."""
    from .workflow import WORKFLOW

    on = on or _today()
    ct = ContentType.objects.get_for_model(Application)
    lapsed = Deadline.objects.filter(content_type=ct, object_id=OuterRef("pk"), rule=clocks.ACCEPTANCE_REVIEW,
                                     state__in=(DeadlineState.RUNNING, DeadlineState.OVERDUE), due__lt=on)
    due = (Application.objects.filter(state=State.RECEIVED).filter(Exists(lapsed))
           .select_related("unit", "handler").order_by("pk"))
    n = 0
    for app in due:
        WORKFLOW.run(app, "deem_accepted", by=by, on=on, data={"swept_on": on}, check_permission=False)
        n += 1
    return n


# --- the batch writer ------------------------------------------------------------------------------------

@dataclass
class ApplicationRecord:
    """One application and what has happened to it so far, for `applications_import` (an import of historical
    applications from an earlier system, or of a batch received by the office)."""

    unit: Unit
    respondent: Unit
    received_on: date
    act_description: str
    request: str
    applicants: Sequence[str] = ()  # names
    channel: str = Channel.COUNTER
    act_kind: str = "other"  # an ActKind code
    subject_area: object = None
    act_number: str = ""
    act_date: date | None = None
    amount: Decimal | None = None
    major: bool = False
    review_outcome: str = ReviewOutcome.PENDING  # "" | accepted | not_accepted | pre_acceptance_resolved
    review_ended_on: date | None = None
    not_accepted_reason: str = ""
    procedure: str = ""  # for accepted applications: ordinary (default) | simplified
    simplified_ground: str = ""
    outcome: str = ""  # "" still under review | one of Outcome
    decision_type: str = ""
    concluded_on: date | None = None
    served_on: date | None = None
    handler: object = None


REVIEW_STEP = {ReviewOutcome.ACCEPTED: "accept", ReviewOutcome.NOT_ACCEPTED: "not_accept",
               ReviewOutcome.PRE_ACCEPTANCE_RESOLVED: "resolve_before_acceptance"}
OUTCOME_STEP = {Outcome.DECISION: "decide", Outcome.MEDIATION: "mediate", Outcome.MEDIATED_WITHDRAWAL: "withdraw",
                Outcome.SETTLEMENT: "withdraw", Outcome.WITHDRAWAL: "withdraw", Outcome.TERMINATION: "terminate"}


def _record_path(r: ApplicationRecord) -> list[tuple[str, date | None]]:
    """The transitions a record claims, with their dates, in order."""
    steps = []
    if r.review_outcome:
        steps.append((REVIEW_STEP.get(r.review_outcome, r.review_outcome), r.review_ended_on))
    if r.outcome:
        steps.append((OUTCOME_STEP.get(r.outcome, r.outcome), r.concluded_on))
    if r.served_on:
        steps.append(("serve", r.served_on))
    return steps


def application_record_check(r: ApplicationRecord) -> str:
    """Replay the record's path through the procedure's table (states and dates in order; the guards that
    look at live clocks do not apply to acts already done); the state it ends in. StepError says why not."""
    probe = SimpleNamespace(state=State.RECEIVED)
    last = r.received_on
    if r.review_outcome == ReviewOutcome.ACCEPTED:
        procedure = r.procedure or Procedure.ORDINARY
        if procedure == Procedure.SIMPLIFIED and r.received_on < LAW_2023_FROM:
            raise StepError(_("The simplified procedure exists only for applications received from 2024-01-01 "
                              "(the 2023 revision of the law)."), field="procedure")
        if procedure == Procedure.SIMPLIFIED and not r.simplified_ground:
            raise StepError(_("Name the ground for the simplified procedure (FY 53)."), field="simplified_ground")
    elif r.procedure or r.simplified_ground:
        raise StepError(_("Only an accepted application has a procedure."), field="procedure")
    if r.outcome == Outcome.DECISION and not r.decision_type:
        raise StepError(_("Name the type of the decision."), field="decision_type")
    if r.decision_type and r.outcome != Outcome.DECISION:
        raise StepError(_("Only a decision has a decision type."), field="decision_type")
    from .workflow import WORKFLOW

    for name, on in _record_path(r):
        t = WORKFLOW[name]
        if on is None or on < last:
            raise StepError(_("“%(step)s” needs a date not before %(date)s.") % {"step": t.label, "date": last},
                            field="on")
        if not t.allowed_from(probe.state):
            WORKFLOW.check(probe, name)  # TransitionNotAllowed names the state and what it allows
        probe.state = t.target or probe.state
        last = on
    return probe.state


def _application_row(r: ApplicationRecord, state: str, number: str) -> dict:
    """The application a record describes, as a row for `bulk.build`."""
    accepted = r.review_outcome == ReviewOutcome.ACCEPTED
    review_closed = r.review_outcome in (ReviewOutcome.NOT_ACCEPTED, ReviewOutcome.PRE_ACCEPTANCE_RESOLVED)
    return {
        "number": number, "unit_id": r.unit.pk, "state": state, "handler_id": getattr(r.handler, "pk", None),
        "opened_on": r.received_on, "received_on": r.received_on,
        "closed_on": r.concluded_on or (r.review_ended_on if review_closed else None), "version": 1,
        "channel": r.channel, "respondent_id": r.respondent.pk, "act_kind_id": r.act_kind,
        "subject_area_id": getattr(r.subject_area, "pk", None), "act_description": r.act_description,
        "act_number": r.act_number, "act_date": r.act_date, "amount": r.amount, "request": r.request,
        "major": r.major, "review_outcome": r.review_outcome, "review_ended_on": r.review_ended_on,
        "accepted_on": r.review_ended_on if accepted else None, "not_accepted_reason": r.not_accepted_reason,
        "procedure": (r.procedure or Procedure.ORDINARY) if accepted else "", "simplified_ground": r.simplified_ground,
        "concluded_on": r.concluded_on, "outcome": r.outcome, "decision_type": r.decision_type,
        "direct_correction": r.decision_type in DIRECT_CORRECTION_TYPES, "served_on": r.served_on,
        "termination_ground": TerminationGround.WITHDRAWAL if OUTCOME_STEP.get(r.outcome) == "withdraw" else ""}


@transaction.atomic
def applications_import(*, records: Sequence[ApplicationRecord], by, today: date | None = None,
                        states: Sequence[str] | None = None) -> list[Application]:
    """Write a batch of applications with their histories, set-based, in one transaction.

    Every record's path is checked first (`application_record_check`; nothing is written if one fails), unless
    the caller has checked each already and gives the `states` they ended in (an import checks each row as it
    reads it). Then:
    case numbers in blocks per (office, year of receipt), continuing each series; the applications, their
    creation rows in the history table and their applicants (by name: identity numbers are added on the party
    pages, where they are validated, encrypted and audited); the clocks the line's rules give each case (the
    acceptance review, met, cancelled or still running; for an accepted case the decision period, met on
    conclusion or running, and, while it is open, the copy to the respondent); one audit event per application
    naming its acts. No documents are issued: an imported case's earlier documents stay in its paper file.
    """
    today = today or _today()
    if states is None:
        states = [application_record_check(r) for r in records]
    elif len(states) != len(records) or None in states:
        raise ValueError("a state for each record, as application_record_check returned it")
    if not records:
        return []
    wanted = Counter((r.unit.pk, r.received_on.year) for r in records)
    units = {r.unit.pk: r.unit for r in records}
    blocks = {key: iter(numbering.take_block(kind="reconsideration.case", unit=units[key[0]], year=key[1], count=n,
                                             default_format=NUMBER_FORMATS["case"]))
              for key, n in sorted(wanted.items())}
    actor = by if getattr(by, "is_authenticated", False) else None
    rows = bulk.create_rows(Application, [_application_row(r, state, next(blocks[(r.unit.pk, r.received_on.year)]))
                                          for r, state in zip(records, states, strict=True)])
    bulk.history_rows(rows, model=Application, user=actor, reason="import")
    apps = bulk.build(Application, rows, stored=True)  # for the clocks and the audit events, and the caller
    parties, links = [], []  # as rows: only their keys are needed
    for a, r in zip(apps, records, strict=True):
        for name in r.applicants:
            parties.append({"kind": PartyKind.PERSON, "name": name, "unit_id": r.unit.pk})
            links.append(a.pk)
    bulk.create_rows(Party, parties)
    bulk.insert_rows(CaseParty, ["case", "party", "role", "representative_kind"],
                     ((a_pk, p["id"], PartyRole.APPLICANT, "") for p, a_pk in zip(parties, links, strict=True)))
    # the clocks, as the line's services leave them
    review_end = {ReviewOutcome.ACCEPTED: "met", ReviewOutcome.NOT_ACCEPTED: "met",
                  ReviewOutcome.PRE_ACCEPTANCE_RESOLVED: "cancelled"}
    core_clocks.start_many(apps, rule=clocks.ACCEPTANCE_REVIEW, starts=[a.received_on for a in apps],
                           ends=[(review_end.get(a.review_outcome, ""), a.review_ended_on) for a in apps], today=today)
    for procedure in (Procedure.ORDINARY, Procedure.SIMPLIFIED):
        accepted = [a for a in apps if a.procedure == procedure]
        core_clocks.start_many(accepted, rule=clocks.decision_rule(procedure), starts=[a.accepted_on for a in accepted],
                               ends=[("met" if a.concluded_on else "", a.concluded_on) for a in accepted], today=today)
        running = [a for a in accepted if not a.concluded_on]
        core_clocks.start_many(running, rule=clocks.copy_rule(procedure), starts=[a.accepted_on for a in running],
                               today=today)
    audit.record_many(by, "reconsideration.imported", (
        (a, str(a), {"channel": r.channel, "respondent": r.respondent.code, "path": [
            {"step": name, "on": on} for name, on in [("register", r.received_on), *_record_path(r)]]})
        for a, r in zip(apps, records, strict=True)))
    return apps


__all__ = ["ApplicationRecord", "PartyData", "application_record_check", "application_register", "applications_import",
           "attachment_add", "committee_meeting_create", "committee_meeting_record", "issue",
           "reconsideration_deem_accepted_due"]

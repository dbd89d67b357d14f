"""The only writers of administrative reconsideration: one function per step of the procedure.

Each runs in one transaction: it takes the transition (workflow.py refuses an illegal one and says why),
moves the clocks, takes the numbers of the documents it issues, records the audit event and saves the case
through `save_case` (a stale `version` raises ConflictError). `on` is the legal date of the act (the day
the notice was sent, the decision signed); it defaults to today and drives the clocks.
"""

from __future__ import annotations

import functools
import secrets
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from types import SimpleNamespace

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F, OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from sifa.core import audit, bulk, numbering
from sifa.core import calendar as cal
from sifa.core import clocks as core_clocks
from sifa.core.cases import save_case
from sifa.core.locking import save_versioned
from sifa.core.models import Deadline, Party, PartyKind, Unit
from sifa.core.models.clocks import DeadlineState
from sifa.core.services import party_save
from sifa.core.workflow import TransitionNotAllowed

from . import clocks, workflow
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
    Outcome,
    PartyRole,
    Procedure,
    ReviewOutcome,
    State,
    Suspension,
    TerminationGround,
)

OPEN = [DeadlineState.RUNNING, DeadlineState.PAUSED, DeadlineState.OVERDUE]


class ServiceError(Exception):
    """A step refused for a reason the user can act on (a date out of order, a calendar year unknown)."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


def _friendly(fn):
    """Turn the kernel's clock and calendar errors into a ServiceError with a message for the user."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except Exception as exc:
            # The transaction rolled back; give the caller's case object its stored values back too, so
            # that a refused step leaves nothing half-done in memory either.
            app = kwargs.get("application")
            if isinstance(app, Application) and app.pk:
                app.refresh_from_db()
            if isinstance(exc, cal.CalendarYearUnknown | core_clocks.ClockError):
                raise ServiceError(str(exc)) from exc
            raise

    return wrapper


def _today() -> date:
    return timezone.localdate()


def _save(app: Application, *, by, version: int | None, action: str, summary: str = "",
          payload: dict | None = None) -> Application:
    save_case(app, expected_version=version, by=by)
    audit.record(by, f"reconsideration.{action}", app, summary=summary or str(app), payload=payload or {})
    return app


def _issue(app: Application, kind: str, *, on: date, by, ref: dict | None = None,
           number: str | None = None) -> CaseDocument:
    """Take the next number of the document's series (per office and year) and record the document."""
    if number is None:
        number = numbering.take(kind=f"reconsideration.{kind}", unit=app.unit, year=on.year,
                                default_format=NUMBER_FORMATS[kind])
    doc = CaseDocument.objects.create(case=app, kind=kind, number=number, issued_on=on, ref=ref or {},
                                      issued_by=by if getattr(by, "is_authenticated", False) else None)
    audit.record(by, "reconsideration.document.issued", app, summary=f"{doc.get_kind_display()} {number}",
                 payload={"kind": kind, "number": number, "on": on})
    return doc


def _not_before(on: date, earlier: date | None, what: str) -> None:
    if earlier and on < earlier:
        raise ServiceError(_("The date %(on)s is before %(what)s (%(earlier)s).") % {
            "on": on, "what": what, "earlier": earlier}, field="on")


def _close_clocks(app: Application, *, on: date, by, reason: str) -> None:
    """A concluded case meets its decision period and cancels whatever else still runs."""
    open_rules = set(core_clocks.for_case(app).filter(state__in=OPEN).values_list("rule", flat=True))
    for rule in open_rules:
        if rule in clocks.DECISION_RULES:
            core_clocks.meet(app, rule=rule, on=on, by=by)
        else:
            core_clocks.cancel(app, rule=rule, on=on, by=by, reason=reason)


def _conclude(app: Application, *, on: date, outcome: str, by) -> None:
    _not_before(on, app.accepted_on, _("the acceptance"))
    app.concluded_on = app.closed_on = on
    app.outcome = outcome
    _close_clocks(app, on=on, by=by, reason=str(Outcome(outcome).label))


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


@_friendly
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
        raise ServiceError(_("An application needs at least one applicant."), field="applicants")
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


@_friendly
@transaction.atomic
def application_add_party(*, application: Application, role: str, data: PartyData | Party, by,
                          represents: CaseParty | None = None, representative_kind: str = "",
                          version: int | None = None) -> CaseParty:
    """Add a third party or a representative (FY 14–17)."""
    workflow.check(application, "add_party", by)
    if role == PartyRole.REPRESENTATIVE and represents is None:
        raise ServiceError(_("Say whom the representative represents."), field="represents")
    cp = CaseParty.objects.create(case=application, party=_party(data, unit=application.unit, by=by), role=role,
                                  represents=represents, representative_kind=representative_kind)
    _save(application, by=by, version=version, action="party_added", summary=str(cp))
    return cp


@_friendly
@transaction.atomic
def application_assign(*, application: Application, handler, by, version: int | None = None) -> Application:
    workflow.apply(application, "assign", by)
    application.handler = handler
    _save(application, by=by, version=version, action="assigned", summary=str(handler))
    core_clocks.reassign(application)
    return application


# --- acceptance review ------------------------------------------------------------------------------------

@_friendly
@transaction.atomic
def application_request_correction(*, application: Application, items: str, by, on: date | None = None,
                                   version: int | None = None) -> CorrectionRequest:
    """补正通知 (FY 31 ¶1): pauses the review; the applicant has ten working days (FY 31 ¶2)."""
    on = on or _today()
    _not_before(on, application.received_on, _("the receipt of the application"))
    workflow.apply(application, "request_correction", by, on)
    req = CorrectionRequest.objects.create(case=application, requested_on=on, items=items)
    core_clocks.pause(application, rule=clocks.ACCEPTANCE_REVIEW, on=on, by=by, reason=_("correction requested"))
    core_clocks.start(application, rule=clocks.CORRECTION, start=on, by=by)
    _issue(application, DocumentKind.CORRECTION_NOTICE, on=on, by=by, ref={"correction": req.pk})
    _save(application, by=by, version=version, action="correction_requested", summary=items[:200])
    return req


@_friendly
@transaction.atomic
def application_extend_correction(*, application: Application, days: int, reason: str, by,
                                  on: date | None = None, version: int | None = None) -> Application:
    on = on or _today()
    workflow.apply(application, "extend_correction", by, on)
    core_clocks.extend(application, rule=clocks.CORRECTION, days=days, approver=by, reason=reason, on=on, by=by)
    return _save(application, by=by, version=version, action="correction_extended", summary=reason)


@_friendly
@transaction.atomic
def application_receive_correction(*, application: Application, by, on: date | None = None,
                                   version: int | None = None) -> Application:
    """The corrected materials arrive: the review runs again (FY 31 ¶3); under the 2017 text the time of
    correction is simply not counted (FYSL 29), so the paused review resumes."""
    on = on or _today()
    req = application.corrections.filter(materials_received_on__isnull=True, lapsed_on__isnull=True).last()
    _not_before(on, req.requested_on if req else None, _("the correction notice"))
    workflow.apply(application, "receive_correction", by, on)
    core_clocks.meet(application, rule=clocks.CORRECTION, on=on, by=by)
    if application.follows_2023_law:
        core_clocks.cancel(application, rule=clocks.ACCEPTANCE_REVIEW, on=on, by=by,
                           reason=_("review runs again from the corrected materials"))
        core_clocks.start(application, rule=clocks.ACCEPTANCE_REVIEW, start=on, by=by)
    else:
        core_clocks.resume(application, rule=clocks.ACCEPTANCE_REVIEW, on=on, by=by)
    if req:
        req.materials_received_on = on
        req.save(update_fields=["materials_received_on"])
    return _save(application, by=by, version=version, action="correction_received")


@_friendly
@transaction.atomic
def application_correction_lapsed(*, application: Application, by, on: date | None = None,
                                  version: int | None = None) -> Application:
    """No correction in time without a justified reason: deemed abandoned, recorded in the file (FY 31 ¶2)."""
    on = on or _today()
    workflow.apply(application, "correction_lapsed", by, on)
    application.corrections.filter(materials_received_on__isnull=True, lapsed_on__isnull=True).update(lapsed_on=on)
    application.review_outcome = ReviewOutcome.ABANDONED
    application.review_ended_on = application.closed_on = on
    core_clocks.cancel_all(application, on=on, by=by, reason=_("deemed abandoned"))
    return _save(application, by=by, version=version, action="abandoned")


@_friendly
@transaction.atomic
def application_resolve_before_acceptance(*, application: Application, method: str, note: str, by,
                                          on: date | None = None, version: int | None = None) -> Application:
    """案前化解: the dispute was resolved during the review and the application withdrawn."""
    on = on or _today()
    _not_before(on, application.received_on, _("the receipt of the application"))
    workflow.apply(application, "resolve_before_acceptance", by, on)
    application.review_outcome = ReviewOutcome.PRE_ACCEPTANCE_RESOLVED
    application.resolution_method, application.resolution_note = method, note
    application.review_ended_on = application.closed_on = on
    core_clocks.cancel_all(application, on=on, by=by, reason=_("resolved before acceptance"))
    return _save(application, by=by, version=version, action="resolved_before_acceptance", summary=note[:200],
                 payload={"method": method})


def _start_review_clocks(app: Application, *, start: date, by) -> None:
    core_clocks.start(app, rule=clocks.decision_rule(app.procedure), start=start, by=by)
    core_clocks.start(app, rule=clocks.copy_rule(app.procedure), start=start, by=by)


@_friendly
@transaction.atomic
def application_accept(*, application: Application, by, procedure: str = Procedure.ORDINARY,
                       simplified_ground: str = "", on: date | None = None,
                       version: int | None = None) -> Application:
    """Accept (FY 30 ¶1): the decision period (60 days; simplified 30, FY 62) and the copy to the
    respondent (7 / 3 working days, FY 48, 54) start."""
    on = on or _today()
    _not_before(on, application.received_on, _("the receipt of the application"))
    if procedure == Procedure.SIMPLIFIED:
        if not application.follows_2023_law:
            raise ServiceError(_("The simplified procedure exists only for applications received from "
                                 "2024-01-01 (the 2023 revision of the law)."), field="procedure")
        if not simplified_ground:
            raise ServiceError(_("Name the ground for the simplified procedure (FY 53)."), field="simplified_ground")
    workflow.apply(application, "accept", by, on)
    application.procedure, application.simplified_ground = procedure, simplified_ground
    application.review_outcome = ReviewOutcome.ACCEPTED
    application.accepted_on = application.review_ended_on = on
    core_clocks.meet(application, rule=clocks.ACCEPTANCE_REVIEW, on=on, by=by)
    _start_review_clocks(application, start=on, by=by)
    _issue(application, DocumentKind.ACCEPTANCE_NOTICE, on=on, by=by)
    return _save(application, by=by, version=version, action="accepted", payload={"procedure": procedure})


@_friendly
@transaction.atomic
def application_not_accept(*, application: Application, reasons: str, by, competent_authority: str = "",
                           on: date | None = None, version: int | None = None) -> Application:
    """不予受理 within the review period, with reasons; naming the competent authority (FY 30 ¶2)."""
    on = on or _today()
    _not_before(on, application.received_on, _("the receipt of the application"))
    workflow.apply(application, "not_accept", by, on)
    application.review_outcome = ReviewOutcome.NOT_ACCEPTED
    application.not_accepted_reason, application.competent_authority = reasons, competent_authority
    application.review_ended_on = application.closed_on = on
    core_clocks.meet(application, rule=clocks.ACCEPTANCE_REVIEW, on=on, by=by)
    core_clocks.cancel_all(application, on=on, by=by, reason=_("not accepted"))
    _issue(application, DocumentKind.NON_ACCEPTANCE, on=on, by=by)
    return _save(application, by=by, version=version, action="not_accepted", summary=reasons[:200])


@_friendly
@transaction.atomic
def reconsideration_deem_accepted_due(*, on: date | None = None, by=None) -> int:
    """Deemed acceptance (FY 30 ¶3; FY2017 17 ¶2), set-based: every application still under review whose
    review period ended before `on` is accepted under the ordinary procedure, as of the end of the
    period (2023 law) or of the day of receipt (2017 law). One UPDATE moves the cases and one meets their
    review clocks; the new clocks are inserted together; each case gets its history row and audit event."""
    on = on or _today()
    ct = ContentType.objects.get_for_model(Application)
    review = Deadline.objects.filter(content_type=ct, rule=clocks.ACCEPTANCE_REVIEW, state__in=OPEN,
                                     object_id=OuterRef("pk")).exclude(state=DeadlineState.PAUSED)
    due = (Application.objects.filter(state=State.RECEIVED)
           .annotate(review_due=Subquery(review.values("due")[:1]))
           .filter(review_due__lt=on).select_related("unit", "handler"))
    apps = list(due)
    if not apps:
        return 0
    ids = [a.pk for a in apps]
    for a in apps:
        a.accepted_on = a.review_due if a.follows_2023_law else a.received_on
    Application.objects.filter(pk__in=[a.pk for a in apps if a.follows_2023_law]).update(
        accepted_on=Subquery(review.values("due")[:1]))
    Application.objects.filter(pk__in=[a.pk for a in apps if not a.follows_2023_law]).update(
        accepted_on=F("received_on"))
    Application.objects.filter(pk__in=ids).update(
        state=State.HEARING, review_outcome=ReviewOutcome.ACCEPTED, deemed_accepted=True,
        procedure=Procedure.ORDINARY, review_ended_on=F("accepted_on"), version=F("version") + 1)
    Deadline.objects.filter(content_type=ct, object_id__in=ids, rule=clocks.ACCEPTANCE_REVIEW,
                            state__in=OPEN).update(state=DeadlineState.MET, met_on=F("due"))
    for key in (clocks.DECISION_ORDINARY, clocks.COPY_ORDINARY):
        core_clocks.start_many(apps, rule=key, starts=[a.accepted_on for a in apps], today=on)
    moved = list(Application.objects.filter(pk__in=ids))
    Application.history.bulk_history_create(moved, update=True, default_user=by if by else None,
                                            default_change_reason="deemed accepted")
    audit.record_many(by, "reconsideration.deemed_accepted", (
        (a, str(a), {"accepted_on": a.accepted_on, "swept_on": on}) for a in moved))
    return len(moved)


# --- after acceptance -------------------------------------------------------------------------------------

@_friendly
@transaction.atomic
def application_switch_to_ordinary(*, application: Application, reason: str, by, on: date | None = None,
                                   version: int | None = None) -> Application:
    """Simplified → ordinary with the office head's approval (FY 55): the decision period becomes 60 days
    from acceptance, the time already excluded stays excluded."""
    on = on or _today()
    workflow.apply(application, "switch_to_ordinary", by, on)
    old = core_clocks.current(application, clocks.DECISION_SIMPLIFIED)
    core_clocks.cancel(application, rule=clocks.DECISION_SIMPLIFIED, on=on, by=by, reason=reason)
    core_clocks.start(application, rule=clocks.DECISION_ORDINARY, start=application.accepted_on, by=by)
    for p in (old.pauses if old else []):
        core_clocks.pause(application, rule=clocks.DECISION_ORDINARY, on=date.fromisoformat(p["from"]), by=by,
                          reason=p.get("reason", ""))
        if p.get("to"):
            core_clocks.resume(application, rule=clocks.DECISION_ORDINARY, on=date.fromisoformat(p["to"]), by=by)
    application.procedure = Procedure.ORDINARY
    return _save(application, by=by, version=version, action="switched_to_ordinary", summary=reason)


@_friendly
@transaction.atomic
def application_send_copy(*, application: Application, by, on: date | None = None,
                          respondent_received_on: date | None = None, version: int | None = None) -> Application:
    """The copy of the application goes to the respondent (FY 48, 54); its answer period runs from the day
    it receives the copy."""
    on = on or _today()
    _not_before(on, application.accepted_on, _("the acceptance"))
    workflow.apply(application, "send_copy", by, on)
    received = respondent_received_on or on
    _not_before(received, on, _("the day the copy was sent"))
    application.copy_sent_on, application.copy_received_on = on, received
    core_clocks.meet(application, rule=clocks.copy_rule(application.procedure), on=on, by=by, missing_ok=True)
    core_clocks.start(application, rule=clocks.answer_rule(application.procedure), start=received, by=by)
    return _save(application, by=by, version=version, action="copy_sent")


@_friendly
@transaction.atomic
def application_record_answer(*, application: Application, by, on: date | None = None,
                              version: int | None = None) -> Application:
    on = on or _today()
    workflow.apply(application, "record_answer", by, on)
    _not_before(on, application.copy_received_on, _("the respondent's receipt of the copy"))
    application.answer_received_on = on
    core_clocks.meet(application, rule=clocks.answer_rule(application.procedure), on=on, by=by, missing_ok=True)
    return _save(application, by=by, version=version, action="answer_received")


@_friendly
@transaction.atomic
def application_extend_decision(*, application: Application, days: int, reason: str, by,
                                on: date | None = None, version: int | None = None) -> Application:
    """Extension of the decision period by at most 30 days, approved by the office head, the parties told
    in writing (FY 62 ¶1)."""
    on = on or _today()
    workflow.apply(application, "extend_decision", by, on)
    core_clocks.extend(application, rule=clocks.DECISION_ORDINARY, days=days, approver=by, reason=reason, on=on,
                       by=by)
    return _save(application, by=by, version=version, action="decision_extended", summary=reason,
                 payload={"days": days})


@_friendly
@transaction.atomic
def investigation_start(*, application: Application, kind: str, by, purpose: str = "",
                        on: date | None = None, version: int | None = None) -> Investigation:
    """An investigation; an on-site inspection or an appraisal also stops the decision period (FYSL 34 ¶3,
    37)."""
    on = on or _today()
    _not_before(on, application.accepted_on, _("the acceptance"))
    workflow.apply(application, "start_investigation", by, on)
    inv = Investigation.objects.create(case=application, kind=kind, started_on=on, purpose=purpose)
    if inv.excludes_time:
        core_clocks.pause(application, rule=clocks.decision_rule(application.procedure), on=on, by=by,
                          reason=f"{inv.get_kind_display()}（{EXCLUDED_TIME_KINDS[kind]}）")
    _save(application, by=by, version=version, action="investigation_started", summary=inv.get_kind_display())
    return inv


@_friendly
@transaction.atomic
def investigation_end(*, application: Application, by, findings: str = "", on: date | None = None,
                      version: int | None = None) -> Investigation:
    on = on or _today()
    workflow.apply(application, "end_investigation", by, on)
    inv = application.investigations.filter(ended_on__isnull=True).order_by("-pk").first()
    _not_before(on, inv.started_on, _("the start of the investigation"))
    inv.ended_on, inv.findings = on, findings
    inv.save(update_fields=["ended_on", "findings"])
    if inv.excludes_time:
        core_clocks.resume(application, rule=clocks.decision_rule(application.procedure), on=on, by=by)
    _save(application, by=by, version=version, action="investigation_ended", summary=inv.get_kind_display())
    return inv


@_friendly
@transaction.atomic
def hearing_schedule(*, application: Application, scheduled_for: date, presiding, officers: Sequence, clerk,
                     by, place: str = "", matters: str = "", on: date | None = None,
                     version: int | None = None) -> Hearing:
    """Schedule a hearing: a panel of one presiding officer, at least two hearing officers and a clerk
    (FY 50 ¶3), and written notice at least five working days before the hearing (FY 51 ¶1). `on` is the
    day the notice is given."""
    on = on or _today()
    workflow.apply(application, "schedule_hearing", by, on)
    rule = core_clocks.rule_for(clocks.HEARING_NOTICE, on)
    earliest = core_clocks.compute_due(rule=rule, start=on)
    if scheduled_for < earliest:
        raise ServiceError(_("Notice must be given at least %(n)s working days before the hearing (%(basis)s): "
                             "with notice on %(on)s the hearing can be held on %(earliest)s at the earliest.")
                           % {"n": rule.length, "basis": rule.basis, "on": on, "earliest": earliest},
                           field="scheduled_for")
    officers = list(officers)
    if presiding is None or clerk is None or len(officers) < 2:
        raise ServiceError(_("A hearing panel needs a presiding officer, at least two hearing officers and a "
                             "clerk (FY 50 ¶3)."), field="officers")
    if presiding in officers or clerk in officers or presiding == clerk:
        raise ServiceError(_("The presiding officer, the hearing officers and the clerk must be different "
                             "people."), field="officers")
    hearing = Hearing.objects.create(
        case=application, kind=HearingKind.HEARING, state=HearingState.SCHEDULED, scheduled_for=scheduled_for,
        place=place, matters=matters, notice_on=on, presiding=presiding, clerk=clerk, unit=application.unit,
        respondent=application.respondent, act_kind_id=application.act_kind_id)
    hearing.officers.set(officers)
    _issue(application, DocumentKind.HEARING_NOTICE, on=on, by=by, ref={"hearing": hearing.pk})
    _save(application, by=by, version=version, action="hearing_scheduled", summary=str(scheduled_for))
    return hearing


@_friendly
@transaction.atomic
def hearing_record(*, application: Application, by, held_on: date | None = None, hearing: Hearing | None = None,
                   kind: str = HearingKind.INTERVIEW, participants: str = "", record: str = "",
                   respondent_head_attended: bool = False, place: str = "",
                   version: int | None = None) -> Hearing:
    """Record a scheduled hearing as held (FY 50 ¶3: the record), or an interview held (谈话, FY 49)."""
    held_on = held_on or _today()
    _not_before(held_on, application.accepted_on, _("the acceptance"))
    workflow.apply(application, "record_hearing", by, held_on)
    if hearing is None:
        if kind == HearingKind.HEARING:
            raise ServiceError(_("A hearing must be scheduled with notice first; choose the scheduled hearing."),
                               field="hearing")
        hearing = Hearing(case=application, kind=kind, scheduled_for=held_on, unit=application.unit, place=place,
                          respondent=application.respondent, act_kind_id=application.act_kind_id)
    elif hearing.case_id != application.pk or hearing.state != HearingState.SCHEDULED:
        raise ServiceError(_("That hearing is not scheduled in this case."), field="hearing")
    elif held_on < hearing.scheduled_for:
        raise ServiceError(_("The hearing was scheduled for %(on)s; it cannot have been held earlier.") % {
            "on": hearing.scheduled_for}, field="held_on")
    hearing.state, hearing.held_on = HearingState.HELD, held_on
    hearing.participants, hearing.record = participants, record
    hearing.respondent_head_attended = respondent_head_attended
    hearing.save()
    _save(application, by=by, version=version, action="hearing_held",
          summary=f"{hearing.get_kind_display()} {held_on}")
    return hearing


@transaction.atomic
def committee_meeting_create(*, unit: Unit, title: str, held_on: date, by, place: str = "") -> CommitteeMeeting:
    meeting = CommitteeMeeting.objects.create(unit=unit, title=title, held_on=held_on, place=place,
                                              created_by=by if getattr(by, "is_authenticated", False) else None)
    audit.record(by, "reconsideration.committee_meeting.created", meeting, summary=str(meeting))
    return meeting


@_friendly
@transaction.atomic
def committee_refer(*, application: Application, meeting: CommitteeMeeting, by, reason: str = "",
                    version: int | None = None) -> CommitteeReview:
    """Put a case to a committee meeting (FY 52 ¶2)."""
    workflow.apply(application, "refer_to_committee", by)
    if CommitteeReview.objects.filter(meeting=meeting, case=application).exists():
        raise ServiceError(_("The case is already on this meeting's agenda."), field="meeting")
    review = CommitteeReview.objects.create(meeting=meeting, case=application, reason=reason)
    _save(application, by=by, version=version, action="referred_to_committee", summary=str(meeting))
    return review


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


# --- suspension and resumption ----------------------------------------------------------------------------

@_friendly
@transaction.atomic
def application_suspend(*, application: Application, ground: str, by, reason: str = "",
                        on: date | None = None, version: int | None = None) -> Suspension:
    """中止 (FY 39): the parties told in writing; the decision period stops (practice, U); on grounds ①②④
    the 60-day termination period starts (FY 41(5))."""
    on = on or _today()
    _not_before(on, application.accepted_on, _("the acceptance"))
    workflow.apply(application, "suspend", by, on)
    s = Suspension.objects.create(case=application, ground=ground, reason=reason, started_on=on)
    rule = clocks.decision_rule(application.procedure)
    if core_clocks.current(application, rule) and core_clocks.current(application, rule).state == "paused":
        raise ServiceError(_("End the inspection or appraisal that stops the decision period first."))
    core_clocks.pause(application, rule=rule, on=on, by=by, reason=f"中止：{s.get_ground_display()}")
    if s.may_lead_to_termination:
        core_clocks.start(application, rule=clocks.SUSPENSION_TERMINATION, start=on, by=by)
    _issue(application, DocumentKind.SUSPENSION_NOTICE, on=on, by=by, ref={"suspension": s.pk})
    _save(application, by=by, version=version, action="suspended", summary=s.get_ground_display(),
          payload={"ground": ground})
    return s


@_friendly
@transaction.atomic
def application_resume(*, application: Application, by, on: date | None = None,
                       version: int | None = None) -> Suspension:
    """恢复审理 once the cause is gone (FY 39 ¶2), the parties told in writing (¶3)."""
    on = on or _today()
    s = application.suspensions.filter(resumed_on__isnull=True).order_by("-pk").first()
    _not_before(on, s.started_on if s else None, _("the suspension"))
    workflow.apply(application, "resume", by, on)
    s.resumed_on = on
    s.save(update_fields=["resumed_on"])
    core_clocks.resume(application, rule=clocks.decision_rule(application.procedure), on=on, by=by)
    core_clocks.meet(application, rule=clocks.SUSPENSION_TERMINATION, on=on, by=by, missing_ok=True)
    _issue(application, DocumentKind.RESUMPTION_NOTICE, on=on, by=by, ref={"suspension": s.pk})
    _save(application, by=by, version=version, action="resumed")
    return s


# --- conclusion -------------------------------------------------------------------------------------------

def _open_suspension(app: Application) -> Suspension | None:
    return app.suspensions.filter(resumed_on__isnull=True).order_by("-pk").first()


@_friendly
@transaction.atomic
def application_terminate(*, application: Application, ground: str, by, note: str = "",
                          on: date | None = None, version: int | None = None) -> Application:
    """终止 (FY 41). Ground ⑤ only once the case has been suspended for 60 days on ground ①, ② or ④."""
    on = on or _today()
    workflow.apply(application, "terminate", by, on)
    if ground == TerminationGround.SUSPENSION_LAPSED:
        s = _open_suspension(application)
        if s is None or s.ground not in TERMINATION_AFTER_60_DAYS:
            raise ServiceError(_("Ground ⑤ needs a suspension on ground ①, ② or ④ (FY 41(5))."), field="ground")
        d = core_clocks.current(application, clocks.SUSPENSION_TERMINATION)
        if d is not None and on <= d.due:
            raise ServiceError(_("The suspension reaches 60 days only after %(due)s (FY 41(5)).") % {"due": d.due},
                               field="ground")
    application.termination_ground, application.termination_note = ground, note
    outcome = Outcome.WITHDRAWAL if ground == TerminationGround.WITHDRAWAL else Outcome.TERMINATION
    _conclude(application, on=on, outcome=outcome, by=by)
    _issue(application, DocumentKind.TERMINATION, on=on, by=by)
    return _save(application, by=by, version=version, action="terminated", summary=note[:200],
                 payload={"ground": ground})


@_friendly
@transaction.atomic
def application_withdraw(*, application: Application, by, settled: bool = False, after_mediation: bool = False,
                         note: str = "", on: date | None = None, version: int | None = None) -> Application:
    """The applicant withdraws, after a settlement (和解, FY 74) or mediation, or simply; the office approves
    and the case is terminated (FY 41(1))."""
    on = on or _today()
    workflow.apply(application, "withdraw", by, on)
    application.termination_ground, application.termination_note = TerminationGround.WITHDRAWAL, note
    outcome = (Outcome.MEDIATED_WITHDRAWAL if after_mediation else
               Outcome.SETTLEMENT if settled else Outcome.WITHDRAWAL)
    _conclude(application, on=on, outcome=outcome, by=by)
    _issue(application, DocumentKind.TERMINATION, on=on, by=by)
    return _save(application, by=by, version=version, action="withdrawn", summary=note[:200],
                 payload={"outcome": outcome})


@_friendly
@transaction.atomic
def application_mediate(*, application: Application, terms: str, by, on: date | None = None,
                        version: int | None = None) -> Application:
    """Mediation agreed: the 行政复议调解书, signed by the parties and sealed, takes effect (FY 73)."""
    on = on or _today()
    workflow.apply(application, "mediate", by, on)
    application.mediation_terms = terms
    _conclude(application, on=on, outcome=Outcome.MEDIATION, by=by)
    _issue(application, DocumentKind.MEDIATION, on=on, by=by)
    return _save(application, by=by, version=version, action="mediated", summary=terms[:200])


@_friendly
@transaction.atomic
def application_decide(*, application: Application, decision_type: str, reasons: str, by,
                       order_redo: bool = False, compensation: bool = False, on: date | None = None,
                       version: int | None = None) -> Application:
    """The reconsideration decision (FY 61–72; dismissal FY 33), numbered with the case's number. Direct
    correction follows from the type (变更、撤销、确认违法、责令履行、确认无效)."""
    on = on or _today()
    workflow.apply(application, "decide", by, on)
    application.decision_type, application.decision_reasons = decision_type, reasons
    application.direct_correction = decision_type in DIRECT_CORRECTION_TYPES
    application.order_redo, application.compensation = order_redo, compensation
    _conclude(application, on=on, outcome=Outcome.DECISION, by=by)
    _issue(application, DocumentKind.DECISION, on=on, by=by, number=application.number)
    return _save(application, by=by, version=version, action="decided", payload={"type": decision_type})


@_friendly
@transaction.atomic
def application_serve(*, application: Application, method: str, by, on: date | None = None,
                      version: int | None = None) -> Application:
    """Service of the decision, on which it takes effect (FY 75 ¶2; service as in civil procedure, FY 88)."""
    on = on or _today()
    _not_before(on, application.concluded_on, _("the decision"))
    workflow.apply(application, "serve", by, on)
    application.served_on, application.service_method = on, method
    return _save(application, by=by, version=version, action="served", summary=method)


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
    look at live clocks do not apply to acts already done); the state it ends in. ServiceError says why not."""
    probe = SimpleNamespace(state=State.RECEIVED)
    last = r.received_on
    if r.review_outcome == ReviewOutcome.ACCEPTED:
        procedure = r.procedure or Procedure.ORDINARY
        if procedure == Procedure.SIMPLIFIED and r.received_on < LAW_2023_FROM:
            raise ServiceError(_("The simplified procedure exists only for applications received from 2024-01-01 "
                                 "(the 2023 revision of the law)."), field="procedure")
        if procedure == Procedure.SIMPLIFIED and not r.simplified_ground:
            raise ServiceError(_("Name the ground for the simplified procedure (FY 53)."), field="simplified_ground")
    elif r.procedure or r.simplified_ground:
        raise ServiceError(_("Only an accepted application has a procedure."), field="procedure")
    if r.outcome == Outcome.DECISION and not r.decision_type:
        raise ServiceError(_("Name the type of the decision."), field="decision_type")
    if r.decision_type and r.outcome != Outcome.DECISION:
        raise ServiceError(_("Only a decision has a decision type."), field="decision_type")
    for name, on in _record_path(r):
        t = workflow.WORKFLOW[name]
        if on is None or on < last:
            raise ServiceError(_("“%(step)s” needs a date not before %(date)s.") % {"step": t.label, "date": last},
                               field="on")
        workflow.WORKFLOW.apply(probe, name)  # TransitionNotAllowed names the state and what it allows
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


@_friendly
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


__all__ = [name for name in dir() if name.startswith(("application_", "hearing_", "committee_", "investigation_",
                                                       "attachment_", "reconsideration_", "applications_"))] + [
    "ApplicationRecord", "PartyData", "ServiceError", "TransitionNotAllowed"]

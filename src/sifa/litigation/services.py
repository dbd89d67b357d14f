"""The writers of the litigation line: one function per user action, one transaction each.

Each service runs its transition (workflow.py), checks the facts it is given (bad input raises a
ValidationError naming the field, in Chinese), moves the clocks, records the audit event and saves the
case through `save_case` (optimistic locking). `on` is the legal date of the act; it defaults to today.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sifa.core import audit, clocks, numbering
from sifa.core.calendar import CalendarYearUnknown
from sifa.core.cases import save_case
from sifa.core.models import Party, Unit
from sifa.core.models.org import UnitKind
from sifa.core.services import party_save

from . import clocks as rules
from .district import city_government
from .models import (
    AbsenceReason,
    CityOutcome,
    CityReconsideration,
    CityReconsiderationState,
    Coordination,
    Decision,
    HeadRank,
    Hearing,
    Instance,
    JudicialSuggestion,
    OutcomeKind,
    OutcomeType,
    Session,
    SuggestionKind,
    SuggestionState,
    Suit,
    SuitState,
)
from .workflow import city_workflow, suggestion_workflow, suit_workflow

WITHDRAWAL = "withdrawal"  # the OutcomeType code of a ruling permitting withdrawal (行政诉讼法 第六十二条)
DEFENDANT_KINDS = (UnitKind.DISTRICT_GOVERNMENT, UnitKind.DISTRICT_AGENCY, UnitKind.PUBLIC_SECURITY,
                   UnitKind.JUSTICE_BUREAU, UnitKind.OTHER)


def _today() -> date:
    return timezone.localdate()


def _err(field: str | None, message: str) -> ValidationError:
    return ValidationError({field: [message]}) if field else ValidationError(message)


def _not_future(value: date, field: str) -> None:
    if value > _today():
        raise _err(field, _("This date is in the future."))


def _not_before(value: date, earlier: date, field: str, what: str) -> None:
    if value < earlier:
        raise _err(field, _("This date is before %(what)s (%(date)s).") % {"what": what, "date": earlier})


def _start_clock(case, *, rule: str, start: date, by, field: str | None = None):
    """Start a clock; a year without holiday data becomes a clear error instead of a crash."""
    try:
        return clocks.start(case, rule=rule, start=start, by=by)
    except CalendarYearUnknown as exc:
        raise _err(field, str(exc)) from None


def _parties(*, existing: Iterable[Party], new: Iterable[dict], unit: Unit, by, field: str) -> list[Party]:
    parties = list(existing)
    for spec in new:
        spec = dict(spec)
        id_number = spec.pop("id_number", "") or ""
        party = Party(unit=unit, **spec)
        try:
            parties.append(party_save(party=party, by=by, id_number=id_number))
        except ValidationError as exc:
            raise _err(field, "；".join(exc.messages)) from None
    if not parties:
        raise _err(field, _("Name at least one."))
    return parties


# --- suits ---------------------------------------------------------------------------------------

@transaction.atomic
def suit_register(*, by, unit: Unit, court: Unit, court_case_number: str, defendant: Unit, agency: Unit,
                  challenged_act: str, plaintiffs: Iterable[Party] = (), new_plaintiffs: Iterable[dict] = (),
                  co_defendants: Iterable[Unit] = (), tier: str = Instance.FIRST, previous: Suit | None = None,
                  filed_on: date | None = None, act_kind: str = "other", claims: str = "",
                  via_reconsideration: bool = False, reconsideration_note: str = "", handler=None,
                  on: date | None = None) -> Suit:
    """Register a suit when the copy of the complaint, appeal or retrial application is served
    (行政诉讼法 第六十七条; 解释 第一百零八条、第一百一十一条): the answer clock starts on that day."""
    on = on or _today()
    _not_future(on, "received_on")
    court_case_number = (court_case_number or "").strip()
    if court.kind != UnitKind.COURT:
        raise _err("court", _("Choose a court."))
    if defendant.kind not in DEFENDANT_KINDS:
        raise _err("defendant", _("The defendant must be the district government or an administrative agency."))
    co_defendants = [u for u in co_defendants if u.pk != defendant.pk]
    if any(u.kind not in DEFENDANT_KINDS for u in co_defendants):
        raise _err("co_defendants", _("A co-defendant must be an administrative agency."))
    if filed_on and filed_on > on:
        raise _err("filed_on", _("The court cannot have filed the case after serving its copy."))
    if tier == Instance.FIRST and previous is not None:
        raise _err("previous", _("A first-instance suit has no previous instance."))
    if tier == Instance.APPEAL and (previous is None or previous.state != SuitState.APPEALED):
        raise _err("previous", _("An appeal follows a first-instance suit whose decision was appealed."))
    if tier == Instance.RETRIAL and (previous is None or previous.state != SuitState.FINAL):
        raise _err("previous", _("A retrial follows a suit whose decision is final."))
    if previous is not None:
        _not_before(on, previous.concluded_on or previous.received_on, "received_on", _("the previous decision"))
    if Suit.objects.filter(court=court, court_case_number=court_case_number).exists():
        raise _err("court_case_number", _("This court already has a suit with this case number."))

    suit = Suit(unit=unit, court=court, court_case_number=court_case_number, received_on=on, opened_on=on,
                filed_on=filed_on, defendant=defendant, agency=agency, challenged_act=challenged_act,
                tier=tier, previous=previous, act_kind=act_kind, claims=claims,
                via_reconsideration=via_reconsideration, reconsideration_note=reconsideration_note,
                handler=handler or by, state="")
    suit_workflow.apply(suit, "register", by)
    suit.against_government = (defendant.kind == UnitKind.DISTRICT_GOVERNMENT
                               or any(u.kind == UnitKind.DISTRICT_GOVERNMENT for u in co_defendants))
    suit.number = numbering.take(kind="litigation.suit", unit=unit, year=on.year,
                                 default_format="{prefix}诉〔{year}〕{n}号")
    people = _parties(existing=plaintiffs, new=new_plaintiffs, unit=unit, by=by, field="plaintiffs")
    try:
        with transaction.atomic():
            save_case(suit, by=by)
    except IntegrityError:
        raise _err("court_case_number", _("This court already has a suit with this case number.")) from None
    suit.plaintiffs.set(people)
    suit.co_defendants.set(co_defendants)
    # The agency that appealed answers nothing: only the other side's appeal is served on it to answer.
    if not (tier == Instance.APPEAL and previous.appealed_by == "defendant"):
        _start_clock(suit, rule=rules.ANSWER_RULE[tier], start=on, by=by, field="received_on")
    audit.record(by, "litigation.suit.registered", suit, summary=f"{suit.number} {suit.court_case_number}",
                 payload={"court": court.code, "defendant": defendant.code, "tier": tier,
                          "received_on": on, "plaintiffs": [p.name for p in people]})
    return suit


@transaction.atomic
def suit_answer(*, suit: Suit, by, defence: str, evidence: str = "", on: date | None = None,
                expected_version: int | None = None) -> Suit:
    """The written defence, the evidence and the normative documents went to the court (行政诉讼法 第六十七条,
    第三十四条): the answer clock is met, late or not."""
    on = on or _today()
    suit_workflow.check(suit, "answer", by)
    _not_future(on, "on")
    _not_before(on, suit.received_on, "on", _("the day the copy was received"))
    if not (defence or "").strip():
        raise _err("defence", _("State the grounds of defence."))
    suit.answered_on, suit.defence, suit.evidence = on, defence.strip(), (evidence or "").strip()
    suit_workflow.apply(suit, "answer", by)
    save_case(suit, expected_version=expected_version, by=by)
    d = clocks.meet(suit, rule=rules.ANSWER_RULE[suit.tier], on=on, by=by, missing_ok=True)
    audit.record(by, "litigation.suit.answered", suit, summary=str(on),
                 payload={"on": on, "late": bool(d and on > d.due)})
    return suit


def _check_agency(suit: Suit, agency: Unit) -> None:
    allowed = {suit.defendant_id, *suit.co_defendants.values_list("pk", flat=True)}
    if agency.pk not in allowed:
        raise _err("agency", _("The appearing agency must be the defendant or a co-defendant."))


@transaction.atomic
def hearing_schedule(*, suit: Suit, by, scheduled_on: date, court: Unit | None = None, agency: Unit | None = None,
                     summons_served_on: date | None = None, head_name: str = "", head_post: str = "",
                     head_rank: str = "", on: date | None = None, expected_version: int | None = None) -> Hearing:
    """A hearing is set; the summons to the agency head must arrive three days before it (负责人出庭应诉规定
    第五条第二款): a later one is flagged, not refused, since the court served it."""
    on = on or _today()
    suit_workflow.check(suit, "schedule_hearing", by)
    agency = agency or suit.defendant
    _check_agency(suit, agency)
    if summons_served_on and summons_served_on > scheduled_on:
        raise _err("summons_served_on", _("The summons cannot be served after the hearing."))
    _not_before(scheduled_on, suit.received_on, "scheduled_on", _("the day the copy was received"))
    if head_rank and head_rank not in HeadRank.values:
        raise _err("head_rank", _("Choose a rank."))
    # The head who is to appear, for the identity letter filed before the hearing (第六条).
    hearing = Hearing.objects.create(suit=suit, court=court or suit.court, agency=agency, scheduled_on=scheduled_on,
                                     summons_served_on=summons_served_on, head_name=(head_name or "").strip(),
                                     head_post=(head_post or "").strip(), head_rank=head_rank or "")
    suit_workflow.apply(suit, "schedule_hearing", by)
    save_case(suit, expected_version=expected_version, by=by)
    audit.record(by, "litigation.hearing.scheduled", suit, summary=str(scheduled_on),
                 payload={"hearing": hearing.pk, "on": on, "scheduled_on": scheduled_on,
                          "summons_served_on": summons_served_on, "summons_late": hearing.summons_late})
    return hearing


@transaction.atomic
def hearing_record(*, suit: Suit, by, hearing: Hearing | None = None, on: date | None = None,
                   court: Unit | None = None, agency: Unit | None = None, summons_served_on: date | None = None,
                   head_appeared: bool, head_name: str = "", head_post: str = "", head_rank: str = "",
                   staff: str = "", lawyers: str = "", absence_reason: str = "", absence_explanation: str = "",
                   notes: str = "", expected_version: int | None = None) -> Hearing:
    """A hearing was held: who appeared for the agency. The head must appear, or entrust the agency's own
    staff; entrusting only a lawyer is not allowed (行政诉讼法 第三条第三款; 解释 第一百三十二条;
    负责人出庭应诉规定 第二条、第八条至第十条)."""
    on = on or _today()
    suit_workflow.check(suit, "record_hearing", by)
    _not_future(on, "on")
    _not_before(on, suit.received_on, "on", _("the day the copy was received"))
    if hearing is not None and (hearing.suit_id != suit.pk or hearing.held):
        raise _err(None, _("This hearing is not an open hearing of this suit."))
    agency = agency or (hearing.agency if hearing else suit.defendant)
    _check_agency(suit, agency)
    staff, lawyers = (staff or "").strip(), (lawyers or "").strip()
    if head_appeared:
        for field, value in (("head_name", head_name), ("head_post", head_post), ("head_rank", head_rank)):
            if not (value or "").strip():
                raise _err(field, _("Say who appeared: name, post and rank are needed (负责人出庭应诉规定 第六条)."))
        if head_rank not in HeadRank.values:
            raise _err("head_rank", _("Choose a rank."))
    else:
        if not staff:
            if lawyers:
                raise _err("staff", _("Entrusting only a lawyer is not allowed: when the head cannot appear, the "
                                      "agency must entrust its own staff (《行政诉讼法》第三条第三款，"
                                      "《行政诉讼法解释》第一百三十二条)."))
            raise _err("staff", _("When the head does not appear, name the agency's staff entrusted to appear "
                                  "(《行政诉讼法》第三条第三款)."))
        if absence_reason not in AbsenceReason.values:
            raise _err("absence_reason", _("Give the reason the head could not appear (负责人出庭应诉规定 第八条)."))
        head_name = head_post = head_rank = ""
    if hearing is None:
        hearing = Hearing(suit=suit, scheduled_on=on)
    if summons_served_on and summons_served_on > on:
        raise _err("summons_served_on", _("The summons cannot be served after the hearing."))
    hearing.court = court or (hearing.court if hearing.court_id else suit.court)
    hearing.agency = agency
    hearing.summons_served_on = summons_served_on or hearing.summons_served_on
    hearing.held, hearing.held_on = True, on
    hearing.head_appeared, hearing.head_name, hearing.head_post = head_appeared, head_name.strip(), head_post.strip()
    hearing.head_rank, hearing.staff, hearing.lawyers = head_rank, staff, lawyers
    hearing.absence_reason = "" if head_appeared else absence_reason
    hearing.absence_explanation = "" if head_appeared else (absence_explanation or "").strip()
    hearing.notes = notes
    hearing.save()
    suit_workflow.apply(suit, "record_hearing", by)
    save_case(suit, expected_version=expected_version, by=by)
    audit.record(by, "litigation.hearing.held", suit, summary=str(on), payload={
        "hearing": hearing.pk, "on": on, "head_appeared": head_appeared, "head_counts": hearing.head_counts,
        "head": f"{hearing.head_name} {hearing.head_post}".strip(), "summons_late": hearing.summons_late})
    return hearing


@transaction.atomic
def coordination_record(*, suit: Suit, by, participants: str, content: str, result: str = Coordination.Result.ONGOING,
                        on: date | None = None, expected_version: int | None = None) -> Coordination:
    """An effort to settle the dispute (协调化解); a settled suit usually ends by withdrawal (第六十二条)."""
    on = on or _today()
    suit_workflow.check(suit, "coordinate", by)
    _not_future(on, "on")
    if result not in Coordination.Result.values:
        raise _err("result", _("Choose a result."))
    item = Coordination.objects.create(suit=suit, held_on=on, participants=participants.strip(),
                                       content=content.strip(), result=result)
    suit_workflow.apply(suit, "coordinate", by)
    save_case(suit, expected_version=expected_version, by=by)
    audit.record(by, "litigation.coordination.recorded", suit, summary=f"{on} {item.get_result_display()}",
                 payload={"on": on, "result": result})
    return item


def _conclude(suit: Suit, *, outcome: OutcomeType, on: date, served_on: date | None, summary: str,
              disposition: str, after_coordination: bool, by) -> Decision:
    if hasattr(suit, "decision"):
        raise _err(None, _("The court's decision on this suit is already recorded."))
    clocks.cancel(suit, rule=rules.ANSWER_RULE[suit.tier], on=on, by=by, reason=str(outcome))
    suit.concluded_on = on
    return Decision.objects.create(suit=suit, outcome=outcome, disposition=disposition, decided_on=on,
                                   served_on=served_on, summary=(summary or "").strip(),
                                   after_coordination=after_coordination, recorded_by=by,
                                   appealable=suit.state == SuitState.DECIDED)


@transaction.atomic
def suit_decide(*, suit: Suit, by, outcome: OutcomeType, served_on: date | None = None, summary: str = "",
                disposition: str = "", after_coordination: bool = False, on: date | None = None,
                expected_version: int | None = None) -> Suit:
    """The court decided (`on` = the date of the judgment or ruling). A first-instance judgment or ruling may be
    appealed within 15 or 10 days of service (行政诉讼法 第八十五条); an appeal or retrial decision, and a
    mediation statement, are final at once."""
    on = on or _today()
    if not outcome.active:
        raise _err("outcome", _("This outcome type is no longer in use."))
    if outcome.code == WITHDRAWAL:
        raise _err("outcome", _("Record a withdrawal with the withdrawal action."))
    appealable = suit.tier == Instance.FIRST and outcome.kind != OutcomeKind.MEDIATION
    suit_workflow.check(suit, "decide", by)
    _not_future(on, "on")
    _not_before(on, suit.received_on, "on", _("the day the copy was received"))
    if served_on:
        _not_before(served_on, on, "served_on", _("the decision"))
        _not_future(served_on, "served_on")
    if suit.tier != Instance.FIRST and not disposition:
        raise _err("disposition", _("Say what the court did with the decision appealed."))
    suit_workflow.apply(suit, "decide" if appealable else "decide_final", by)
    if not appealable:
        suit.closed_on = on
    decision = _conclude(suit, outcome=outcome, on=on, served_on=served_on or on, summary=summary,
                         disposition=disposition, after_coordination=after_coordination, by=by)
    save_case(suit, expected_version=expected_version, by=by)
    if appealable:
        _start_clock(suit, rule=outcome.appeal_days_rule, start=served_on or on, by=by, field="served_on")
    audit.record(by, "litigation.suit.decided", suit, summary=f"{outcome.name} {on}", payload={
        "outcome": outcome.code, "is_loss": outcome.is_loss, "on": on, "served_on": served_on,
        "appealable": decision.appealable})
    return suit


@transaction.atomic
def suit_withdraw(*, suit: Suit, by, summary: str = "", after_coordination: bool = False, on: date | None = None,
                  expected_version: int | None = None) -> Suit:
    """The court permitted the plaintiff to withdraw (行政诉讼法 第六十二条): the suit ends, not lost."""
    on = on or _today()
    suit_workflow.check(suit, "withdraw", by)
    _not_future(on, "on")
    _not_before(on, suit.received_on, "on", _("the day the copy was received"))
    outcome = OutcomeType.objects.filter(code=WITHDRAWAL).first()
    if outcome is None:
        raise _err(None, _("The outcome type “withdrawal” is missing; an administrator must restore it."))
    suit.closed_on = on
    _conclude(suit, outcome=outcome, on=on, served_on=on, summary=summary, disposition="",
              after_coordination=after_coordination, by=by)
    suit_workflow.apply(suit, "withdraw", by)
    save_case(suit, expected_version=expected_version, by=by)
    clocks.cancel_all(suit, on=on, by=by, reason=str(outcome))
    audit.record(by, "litigation.suit.withdrawn", suit, summary=str(on),
                 payload={"on": on, "after_coordination": after_coordination})
    return suit


@transaction.atomic
def suit_appeal(*, suit: Suit, by, appellant: str, on: date | None = None,
                expected_version: int | None = None) -> Suit:
    """A party appealed the first-instance decision (行政诉讼法 第八十五条). An appeal by the agency after its
    appeal period is refused; the plaintiff's is recorded as the court accepted it."""
    on = on or _today()
    suit_workflow.check(suit, "appeal", by)
    if appellant not in ("plaintiff", "defendant", "both"):
        raise _err("appellant", _("Choose who appealed."))
    _not_future(on, "on")
    _not_before(on, suit.concluded_on, "on", _("the decision"))
    rule = suit.decision.outcome.appeal_days_rule
    d = clocks.current(suit, rule)
    if appellant != "plaintiff" and d is not None and on > d.due:
        raise _err("on", _("The appeal period ended on %(due)s (《行政诉讼法》第八十五条); the agency's appeal is "
                           "out of time.") % {"due": d.due})
    suit.appealed_by, suit.appealed_on, suit.closed_on = appellant, on, on
    suit_workflow.apply(suit, "appeal", by)
    save_case(suit, expected_version=expected_version, by=by)
    clocks.meet(suit, rule=rule, on=on, by=by, missing_ok=True)
    who = {"plaintiff": _("Plaintiff"), "defendant": _("Defendant"), "both": _("Both parties")}[appellant]
    audit.record(by, "litigation.suit.appealed", suit, summary=f"{who} {on}",
                 payload={"appellant": appellant, "on": on})
    return suit


@transaction.atomic
def suit_finalise(*, suit: Suit, by, on: date | None = None, expected_version: int | None = None) -> Suit:
    """No party appealed in time: the first-instance decision is final (行政诉讼法 第八十五条)."""
    on = on or _today()
    suit_workflow.check(suit, "finalise", by)
    d = clocks.current(suit, suit.decision.outcome.appeal_days_rule)
    if d is not None and on <= d.due:
        raise _err("on", _("The appeal period runs until %(due)s; the decision becomes final only after that day.")
                   % {"due": d.due})
    suit.closed_on = on
    suit_workflow.apply(suit, "finalise", by)
    save_case(suit, expected_version=expected_version, by=by)
    clocks.cancel(suit, rule=suit.decision.outcome.appeal_days_rule, on=on, by=by, reason=_("no appeal"))
    audit.record(by, "litigation.suit.final", suit, summary=str(on), payload={"on": on})
    return suit


@transaction.atomic
def suit_reassign(*, suit: Suit, by, handler, on: date | None = None, expected_version: int | None = None) -> Suit:
    suit_workflow.check(suit, "reassign", by)
    previous = suit.handler
    suit.handler = handler
    suit_workflow.apply(suit, "reassign", by)
    save_case(suit, expected_version=expected_version, by=by)
    clocks.reassign(suit)
    audit.record(by, "litigation.suit.reassigned", suit, summary=str(handler),
                 payload={"from": getattr(previous, "pk", None), "to": handler.pk})
    return suit


# --- judicial suggestions -------------------------------------------------------------------------

@transaction.atomic
def suggestion_register(*, by, unit: Unit, court: Unit, kind: SuggestionKind, agency: Unit, number: str,
                        content: str, suit: Suit | None = None, handler=None,
                        on: date | None = None) -> JudicialSuggestion:
    """A court's judicial suggestion arrived; the reply clock starts (解释 第一百四十九条第四款: 60 days for a
    suggestion on a normative document; for other kinds the configured local period)."""
    on = on or _today()
    if not user_may(by, "litigation.add_judicialsuggestion"):
        raise _err(None, _("You may not register judicial suggestions."))
    _not_future(on, "received_on")
    if court.kind != UnitKind.COURT:
        raise _err("court", _("Choose a court."))
    if not (number or "").strip():
        raise _err("number", _("Enter the number of the suggestion."))
    item = JudicialSuggestion(unit=unit, court=court, kind=kind, agency=agency, number=number.strip(),
                              content=content.strip(), suit=suit, received_on=on, opened_on=on,
                              handler=handler or by, state=SuggestionState.RECEIVED)
    save_case(item, by=by)
    _start_clock(item, rule=rules.suggestion_rule(kind), start=on, by=by, field="received_on")
    audit.record(by, "litigation.suggestion.registered", item, summary=item.number,
                 payload={"court": court.code, "kind": kind.code, "on": on})
    return item


@transaction.atomic
def suggestion_reply(*, suggestion: JudicialSuggestion, by, reply: str, on: date | None = None,
                     expected_version: int | None = None) -> JudicialSuggestion:
    on = on or _today()
    suggestion_workflow.check(suggestion, "reply", by)
    _not_future(on, "on")
    _not_before(on, suggestion.received_on, "on", _("the day the suggestion was received"))
    if not (reply or "").strip():
        raise _err("reply", _("Summarise the reply."))
    suggestion.replied_on, suggestion.reply, suggestion.closed_on = on, reply.strip(), on
    suggestion_workflow.apply(suggestion, "reply", by)
    save_case(suggestion, expected_version=expected_version, by=by)
    clocks.meet(suggestion, rule=suggestion.kind.rule_key, on=on, by=by, missing_ok=True)
    audit.record(by, "litigation.suggestion.replied", suggestion, summary=str(on), payload={"on": on})
    return suggestion


# --- city-level reconsiderations against the district government -----------------------------------

@transaction.atomic
def city_register(*, by, unit: Unit, city_case_number: str, respondent: Unit, agency: Unit, challenged_act: str,
                  applicants: Iterable[Party] = (), new_applicants: Iterable[dict] = (),
                  authority: str = "", handler=None, on: date | None = None) -> CityReconsideration:
    """A city-level reconsideration in which the district government is the respondent: the reply and the
    evidence are due 10 days from service of the application copy (行政复议法 第四十八条)."""
    on = on or _today()
    if not user_may(by, "litigation.add_cityreconsideration"):
        raise _err(None, _("You may not register city-level reconsiderations."))
    _not_future(on, "received_on")
    if respondent.kind != UnitKind.DISTRICT_GOVERNMENT:
        raise _err("respondent", _("The respondent must be the district government."))
    number = (city_case_number or "").strip()
    if not number:
        raise _err("city_case_number", _("Enter the city's case number."))
    if CityReconsideration.objects.filter(city_case_number=number).exists():
        raise _err("city_case_number", _("This case number is already registered."))
    authority = authority or city_government()  # default: the district's setting (litigation.district)
    case = CityReconsideration(unit=unit, number=number, city_case_number=number, authority=authority,
                               respondent=respondent, agency=agency, challenged_act=challenged_act.strip(),
                               received_on=on, opened_on=on, handler=handler or by,
                               state=CityReconsiderationState.RECEIVED)
    people = _parties(existing=applicants, new=new_applicants, unit=unit, by=by, field="applicants")
    save_case(case, by=by)
    case.applicants.set(people)
    _start_clock(case, rule=rules.CITY_REPLY, start=on, by=by, field="received_on")
    audit.record(by, "litigation.city.registered", case, summary=number, payload={"on": on, "agency": agency.code})
    return case


@transaction.atomic
def city_reply(*, case: CityReconsideration, by, on: date | None = None,
               expected_version: int | None = None) -> CityReconsideration:
    on = on or _today()
    city_workflow.check(case, "reply", by)
    _not_future(on, "on")
    _not_before(on, case.received_on, "on", _("the day the copy was received"))
    case.replied_on = on
    city_workflow.apply(case, "reply", by)
    save_case(case, expected_version=expected_version, by=by)
    d = clocks.meet(case, rule=rules.CITY_REPLY, on=on, by=by, missing_ok=True)
    audit.record(by, "litigation.city.replied", case, summary=str(on),
                 payload={"on": on, "late": bool(d and on > d.due)})
    return case


@transaction.atomic
def city_decide(*, case: CityReconsideration, by, outcome: str, on: date | None = None,
                expected_version: int | None = None) -> CityReconsideration:
    on = on or _today()
    city_workflow.check(case, "decide", by)
    if outcome not in CityOutcome.values:
        raise _err("outcome", _("Choose an outcome."))
    _not_future(on, "on")
    _not_before(on, case.received_on, "on", _("the day the copy was received"))
    case.decided_on, case.outcome, case.closed_on = on, outcome, on
    city_workflow.apply(case, "decide", by)
    save_case(case, expected_version=expected_version, by=by)
    clocks.cancel_all(case, on=on, by=by, reason=case.get_outcome_display())
    audit.record(by, "litigation.city.decided", case, summary=case.get_outcome_display(),
                 payload={"on": on, "outcome": outcome, "corrected": case.corrected})
    return case


# --- 三合一 sessions --------------------------------------------------------------------------------

@transaction.atomic
def session_record(*, by, unit: Unit, court: Unit, title: str, leaders: str, units: Iterable[Unit],
                   suit: Suit | None = None, reviewer: str = "", notes: str = "",
                   on: date | None = None) -> Session:
    """A 三合一 session (出庭、旁听、讲评) was held."""
    on = on or _today()
    if not user_may(by, "litigation.add_session"):
        raise _err(None, _("You may not record sessions."))
    _not_future(on, "on")
    if court.kind != UnitKind.COURT:
        raise _err("court", _("Choose a court."))
    units = list(units)
    if not units:
        raise _err("units", _("Name at least one."))
    if not (leaders or "").strip():
        raise _err("leaders", _("Name the leaders who attended."))
    session = Session.objects.create(unit=unit, held_on=on, court=court, title=title.strip(), leaders=leaders.strip(),
                                     suit=suit, reviewer=reviewer.strip(), notes=notes.strip(), created_by=by)
    session.units.set(units)
    audit.record(by, "litigation.session.recorded", session, summary=session.title,
                 payload={"on": on, "units": [u.code for u in units]})
    return session


def user_may(user, perm: str) -> bool:
    return user is not None and user.has_perm(perm)

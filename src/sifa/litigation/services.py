"""The writes particular to the litigation line: registering a suit, a judicial suggestion or a city-level
reconsideration (with its parties), the hearings' data, and the effects the procedure tables call.

Every other step — its state, guards, dates, clocks, audit event and locking — is the table's (workflow.py),
which core executes: `suit_workflow.run(suit, "answer", by=, on=, data=, expected_version=)`. An effect takes
`(case, data, *, on, by)` and refuses with `StepError(message, field=...)`, in Chinese, on the field concerned.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sifa.core import audit, clocks, numbering
from sifa.core.cases import save_case
from sifa.core.models import Party, Unit
from sifa.core.models.org import UnitKind
from sifa.core.services import party_save
from sifa.core.workflow import StepError, as_step_error, not_before

from .clocks import ANSWER_RULE, CITY_REPLY
from .district import city_government
from .models import (
    AbsenceReason,
    CityOutcome,
    CityReconsideration,
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
    Suit,
    SuitState,
)

WITHDRAWAL = "withdrawal"  # the OutcomeType code of a ruling permitting withdrawal (行政诉讼法 第六十二条)
DEFENDANT_KINDS = (UnitKind.DISTRICT_GOVERNMENT, UnitKind.DISTRICT_AGENCY, UnitKind.PUBLIC_SECURITY,
                   UnitKind.JUSTICE_BUREAU, UnitKind.OTHER)


def _not_future(value: date, field: str) -> None:
    if value > timezone.localdate():
        raise StepError(_("This date is in the future."), field=field)


def _text(data: dict, key: str) -> str:
    return (data.get(key) or "").strip()


def _parties(*, existing: Iterable[Party], new: Iterable[dict], unit: Unit, by, field: str) -> list[Party]:
    parties = list(existing)
    for spec in new:
        spec = dict(spec)
        id_number = spec.pop("id_number", "") or ""
        party = Party(unit=unit, **spec)
        try:
            parties.append(party_save(party=party, by=by, id_number=id_number))
        except ValidationError as exc:
            raise StepError("；".join(exc.messages), field=field) from None
    if not parties:
        raise StepError(_("Name at least one."), field=field)
    return parties


def _enter(case, *, by, on: date, summary: str, payload: dict, save=None) -> None:
    """Register a case with the table's "register" row: its permission, its state, its clocks (a year without
    holiday data is an error on the date received), its audit event."""
    from sifa.core.workflow import for_model

    workflow = for_model(type(case))
    t = workflow.apply(case, "register", by, on)
    (save or save_case)(case, by=by)
    try:
        for effect in t.effects:
            effect.apply(case, {}, on=on, by=by)
    except Exception as exc:
        error = as_step_error(exc)
        if error is None:
            raise
        raise StepError(error.message, field="received_on") from exc
    audit.record(by, workflow.event_code(case, t), case, summary=summary, payload=payload)


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
    on = on or timezone.localdate()
    _not_future(on, "received_on")
    court_case_number = (court_case_number or "").strip()
    if court.kind != UnitKind.COURT:
        raise StepError(_("Choose a court."), field="court")
    if defendant.kind not in DEFENDANT_KINDS:
        raise StepError(_("The defendant must be the district government or an administrative agency."),
                        field="defendant")
    co_defendants = [u for u in co_defendants if u.pk != defendant.pk]
    if any(u.kind not in DEFENDANT_KINDS for u in co_defendants):
        raise StepError(_("A co-defendant must be an administrative agency."), field="co_defendants")
    if filed_on and filed_on > on:
        raise StepError(_("The court cannot have filed the case after serving its copy."), field="filed_on")
    if tier == Instance.FIRST and previous is not None:
        raise StepError(_("A first-instance suit has no previous instance."), field="previous")
    if tier == Instance.APPEAL and (previous is None or previous.state != SuitState.APPEALED):
        raise StepError(_("An appeal follows a first-instance suit whose decision was appealed."), field="previous")
    if tier == Instance.RETRIAL and (previous is None or previous.state != SuitState.FINAL):
        raise StepError(_("A retrial follows a suit whose decision is final."), field="previous")
    if previous is not None:
        not_before(on, previous.concluded_on or previous.received_on, _("the previous decision"), field="received_on")
    duplicate = StepError(_("This court already has a suit with this case number."), field="court_case_number")
    if Suit.objects.filter(court=court, court_case_number=court_case_number).exists():
        raise duplicate

    suit = Suit(unit=unit, court=court, court_case_number=court_case_number, received_on=on, opened_on=on,
                filed_on=filed_on, defendant=defendant, agency=agency, challenged_act=challenged_act,
                tier=tier, previous=previous, act_kind=act_kind, claims=claims,
                via_reconsideration=via_reconsideration, reconsideration_note=reconsideration_note,
                handler=handler or by, state="")
    suit.against_government = (defendant.kind == UnitKind.DISTRICT_GOVERNMENT
                               or any(u.kind == UnitKind.DISTRICT_GOVERNMENT for u in co_defendants))
    people = _parties(existing=plaintiffs, new=new_plaintiffs, unit=unit, by=by, field="plaintiffs")

    def save(case, *, by):
        case.number = numbering.take(kind="litigation.suit", unit=unit, year=on.year,
                                     default_format="{prefix}诉〔{year}〕{n}号")
        try:
            with transaction.atomic():
                save_case(case, by=by)
        except IntegrityError:
            raise duplicate from None
        case.plaintiffs.set(people)
        case.co_defendants.set(co_defendants)

    _enter(suit, by=by, on=on, save=save, summary=f"{suit.court_case_number}",
           payload={"court": court.code, "defendant": defendant.code, "tier": tier, "received_on": on,
                    "plaintiffs": [p.name for p in people]})
    return suit


def answer(suit: Suit, data: dict, *, on: date, by) -> None:
    """The written defence, the evidence and the normative documents went to the court (行政诉讼法 第六十七条,
    第三十四条): the answer clock is met (the table), late or not."""
    defence = _text(data, "defence")
    if not defence:
        raise StepError(_("State the grounds of defence."), field="defence")
    suit.answered_on, suit.defence, suit.evidence = on, defence, _text(data, "evidence")
    d = clocks.current(suit, ANSWER_RULE[suit.tier])
    data["late"] = bool(d and on > d.due)


def _check_agency(suit: Suit, agency: Unit) -> None:
    allowed = {suit.defendant_id, *suit.co_defendants.values_list("pk", flat=True)}
    if agency.pk not in allowed:
        raise StepError(_("The appearing agency must be the defendant or a co-defendant."), field="agency")


def hearing_schedule(suit: Suit, data: dict, *, on: date, by) -> Hearing:
    """A hearing is set; the summons to the agency head must arrive three days before it (负责人出庭应诉规定
    第五条第二款): a later one is flagged, not refused, since the court served it."""
    scheduled_on, served = data["scheduled_on"], data.get("summons_served_on")
    agency = data.get("agency") or suit.defendant
    _check_agency(suit, agency)
    if served and served > scheduled_on:
        raise StepError(_("The summons cannot be served after the hearing."), field="summons_served_on")
    not_before(scheduled_on, suit.received_on, _("the day the copy was received"), field="scheduled_on")
    head_rank = data.get("head_rank") or ""
    if head_rank and head_rank not in HeadRank.values:
        raise StepError(_("Choose a rank."), field="head_rank")
    # The head who is to appear, for the identity letter filed before the hearing (第六条).
    hearing = Hearing.objects.create(suit=suit, court=data.get("court") or suit.court, agency=agency,
                                     scheduled_on=scheduled_on, summons_served_on=served,
                                     head_name=_text(data, "head_name"), head_post=_text(data, "head_post"),
                                     head_rank=head_rank)
    data["summons_late"] = hearing.summons_late
    return hearing


def hearing_record(suit: Suit, data: dict, *, on: date, by) -> Hearing:
    """A hearing was held: who appeared for the agency. The head must appear, or entrust the agency's own
    staff; entrusting only a lawyer is not allowed (行政诉讼法 第三条第三款; 解释 第一百三十二条;
    负责人出庭应诉规定 第二条、第八条至第十条)."""
    hearing = data.get("hearing")
    if hearing is not None and (hearing.suit_id != suit.pk or hearing.held):
        raise StepError(_("This hearing is not an open hearing of this suit."))
    agency = data.get("agency") or (hearing.agency if hearing else suit.defendant)
    _check_agency(suit, agency)
    head_appeared = bool(data.get("head_appeared"))
    head_name, head_post, head_rank = _text(data, "head_name"), _text(data, "head_post"), data.get("head_rank") or ""
    staff, lawyers, absence_reason = _text(data, "staff"), _text(data, "lawyers"), data.get("absence_reason") or ""
    if head_appeared:
        for field, value in (("head_name", head_name), ("head_post", head_post), ("head_rank", head_rank)):
            if not value:
                raise StepError(_("Say who appeared: name, post and rank are needed (负责人出庭应诉规定 第六条)."),
                                field=field)
        if head_rank not in HeadRank.values:
            raise StepError(_("Choose a rank."), field="head_rank")
    else:
        if not staff:
            if lawyers:
                raise StepError(_("Entrusting only a lawyer is not allowed: when the head cannot appear, the "
                                  "agency must entrust its own staff (《行政诉讼法》第三条第三款，"
                                  "《行政诉讼法解释》第一百三十二条)."), field="staff")
            raise StepError(_("When the head does not appear, name the agency's staff entrusted to appear "
                              "(《行政诉讼法》第三条第三款)."), field="staff")
        if absence_reason not in AbsenceReason.values:
            raise StepError(_("Give the reason the head could not appear (负责人出庭应诉规定 第八条)."),
                            field="absence_reason")
        head_name = head_post = head_rank = ""
    served = data.get("summons_served_on")
    if served and served > on:
        raise StepError(_("The summons cannot be served after the hearing."), field="summons_served_on")
    if hearing is None:
        hearing = Hearing(suit=suit, scheduled_on=on)
    hearing.court = data.get("court") or (hearing.court if hearing.court_id else suit.court)
    hearing.agency = agency
    hearing.summons_served_on = served or hearing.summons_served_on
    hearing.held, hearing.held_on = True, on
    hearing.head_appeared, hearing.head_name, hearing.head_post = head_appeared, head_name, head_post
    hearing.head_rank, hearing.staff, hearing.lawyers = head_rank, staff, lawyers
    hearing.absence_reason = "" if head_appeared else absence_reason
    hearing.absence_explanation = "" if head_appeared else _text(data, "absence_explanation")
    hearing.notes = data.get("notes") or ""
    hearing.save()
    data.update(head_counts=hearing.head_counts, summons_late=hearing.summons_late)
    return hearing


def coordination_record(suit: Suit, data: dict, *, on: date, by) -> Coordination:
    """An effort to settle the dispute (协调化解); a settled suit usually ends by withdrawal (第六十二条)."""
    result = data.get("result") or Coordination.Result.ONGOING
    if result not in Coordination.Result.values:
        raise StepError(_("Choose a result."), field="result")
    return Coordination.objects.create(suit=suit, held_on=on, participants=_text(data, "participants"),
                                       content=_text(data, "content"), result=result)


def _conclude(suit: Suit, outcome: OutcomeType, data: dict, *, on: date, by, appealable: bool) -> Decision:
    served_on = data.get("served_on") or on
    if served_on != on:
        not_before(served_on, on, _("the court's decision"), field="served_on")
        _not_future(served_on, "served_on")
    data.update(served_on=served_on, is_loss=outcome.is_loss)  # the appeal clock runs from service (the table)
    suit.concluded_on = on
    return Decision.objects.create(suit=suit, outcome=outcome, disposition=data.get("disposition") or "",
                                   decided_on=on, served_on=served_on, summary=_text(data, "summary"),
                                   after_coordination=bool(data.get("after_coordination")), recorded_by=by,
                                   appealable=appealable)


def _decision_outcome(data: dict) -> OutcomeType:
    outcome = data.get("outcome")
    if outcome is None or not outcome.active:
        raise StepError(_("This outcome type is no longer in use."), field="outcome")
    if outcome.code == WITHDRAWAL:
        raise StepError(_("Record a withdrawal with the withdrawal action."), field="outcome")
    return outcome


def decide(suit: Suit, data: dict, *, on: date, by) -> Decision:
    """A first-instance judgment or ruling (`on` = its date): it may be appealed within 15 or 10 days of
    service (行政诉讼法 第八十五条), which the table's appeal clock counts."""
    outcome = _decision_outcome(data)
    if outcome.kind == OutcomeKind.MEDIATION:
        raise StepError(_("A mediation statement is final at once: record it as a decision that is final at once."),
                        field="outcome")
    return _conclude(suit, outcome, data, on=on, by=by, appealable=True)


def decide_final(suit: Suit, data: dict, *, on: date, by) -> Decision:
    """A decision on appeal or retrial, or a mediation statement: final at once (第八十五条, 第六十条)."""
    outcome = _decision_outcome(data)
    if suit.tier == Instance.FIRST and outcome.kind != OutcomeKind.MEDIATION:
        raise StepError(_("A first-instance judgment or ruling may be appealed: record it as the court's "
                          "decision."), field="outcome")
    if suit.tier != Instance.FIRST and not data.get("disposition"):
        raise StepError(_("Say what the court did with the decision appealed."), field="disposition")
    return _conclude(suit, outcome, data, on=on, by=by, appealable=False)


def decision_summary(suit: Suit, data: dict, decision: Decision) -> str:
    return f"{decision.outcome.name} {decision.decided_on}"


def withdraw(suit: Suit, data: dict, *, on: date, by) -> Decision:
    """The court permitted the plaintiff to withdraw (行政诉讼法 第六十二条): the suit ends, not lost."""
    outcome = OutcomeType.objects.filter(code=WITHDRAWAL).first()
    if outcome is None:
        raise StepError(_("The outcome type “withdrawal” is missing; an administrator must restore it."))
    return _conclude(suit, outcome, {**data, "served_on": on, "disposition": ""}, on=on, by=by, appealable=False)


def appeal(suit: Suit, data: dict, *, on: date, by) -> None:
    """A party appealed the first-instance decision (行政诉讼法 第八十五条). An appeal by the agency after its
    appeal period is refused; the plaintiff's is recorded as the court accepted it."""
    appellant = data.get("appellant")
    if appellant not in ("plaintiff", "defendant", "both"):
        raise StepError(_("Choose who appealed."), field="appellant")
    d = clocks.current(suit, suit.decision.outcome.appeal_days_rule)
    if appellant != "plaintiff" and d is not None and on > d.due:
        raise StepError(_("The appeal period ended on %(due)s (《行政诉讼法》第八十五条); the agency's appeal is "
                          "out of time.") % {"due": d.due}, field="on")
    suit.appealed_by, suit.appealed_on = appellant, on


def reassign(suit: Suit, data: dict, *, on: date, by) -> None:
    data["from"] = getattr(suit.handler, "pk", None)
    suit.handler = data["handler"]
    clocks.reassign(suit)


# --- judicial suggestions -------------------------------------------------------------------------

@transaction.atomic
def suggestion_register(*, by, unit: Unit, court: Unit, kind: SuggestionKind, agency: Unit, number: str,
                        content: str, suit: Suit | None = None, handler=None,
                        on: date | None = None) -> JudicialSuggestion:
    """A court's judicial suggestion arrived; the reply clock starts (解释 第一百四十九条第四款: 60 days for a
    suggestion on a normative document; for other kinds the configured local period)."""
    on = on or timezone.localdate()
    _not_future(on, "received_on")
    if court.kind != UnitKind.COURT:
        raise StepError(_("Choose a court."), field="court")
    if not (number or "").strip():
        raise StepError(_("Enter the number of the suggestion."), field="number")
    item = JudicialSuggestion(unit=unit, court=court, kind=kind, agency=agency, number=number.strip(),
                              content=content.strip(), suit=suit, received_on=on, opened_on=on,
                              handler=handler or by, state="")
    _enter(item, by=by, on=on, summary=item.number, payload={"court": court.code, "kind": kind.code, "on": on})
    return item


def suggestion_reply(item: JudicialSuggestion, data: dict, *, on: date, by) -> None:
    reply = _text(data, "reply")
    if not reply:
        raise StepError(_("Summarise the reply."), field="reply")
    item.replied_on, item.reply = on, reply


# --- city-level reconsiderations against the district government -----------------------------------

@transaction.atomic
def city_register(*, by, unit: Unit, city_case_number: str, respondent: Unit, agency: Unit, challenged_act: str,
                  applicants: Iterable[Party] = (), new_applicants: Iterable[dict] = (),
                  authority: str = "", handler=None, on: date | None = None) -> CityReconsideration:
    """A city-level reconsideration in which the district government is the respondent: the reply and the
    evidence are due 10 days from service of the application copy (行政复议法 第四十八条)."""
    on = on or timezone.localdate()
    _not_future(on, "received_on")
    if respondent.kind != UnitKind.DISTRICT_GOVERNMENT:
        raise StepError(_("The respondent must be the district government."), field="respondent")
    number = (city_case_number or "").strip()
    if not number:
        raise StepError(_("Enter the city's case number."), field="city_case_number")
    if CityReconsideration.objects.filter(city_case_number=number).exists():
        raise StepError(_("This case number is already registered."), field="city_case_number")
    authority = authority or city_government()  # default: the district's setting (litigation.district)
    case = CityReconsideration(unit=unit, number=number, city_case_number=number, authority=authority,
                               respondent=respondent, agency=agency, challenged_act=challenged_act.strip(),
                               received_on=on, opened_on=on, handler=handler or by, state="")
    people = _parties(existing=applicants, new=new_applicants, unit=unit, by=by, field="applicants")

    def save(case, *, by):
        save_case(case, by=by)
        case.applicants.set(people)

    _enter(case, by=by, on=on, save=save, summary=number, payload={"on": on, "agency": agency.code})
    return case


def city_reply(case: CityReconsideration, data: dict, *, on: date, by) -> None:
    case.replied_on = on
    d = clocks.current(case, CITY_REPLY)
    data["late"] = bool(d and on > d.due)


def city_decide(case: CityReconsideration, data: dict, *, on: date, by) -> None:
    outcome = data.get("outcome")
    if outcome not in CityOutcome.values:
        raise StepError(_("Choose an outcome."), field="outcome")
    case.decided_on, case.outcome = on, outcome
    data["corrected"] = case.corrected


# --- 三合一 sessions --------------------------------------------------------------------------------

@transaction.atomic
def session_record(*, by, unit: Unit, court: Unit, title: str, leaders: str, units: Iterable[Unit],
                   suit: Suit | None = None, reviewer: str = "", notes: str = "",
                   on: date | None = None) -> Session:
    """A 三合一 session (出庭、旁听、讲评) was held."""
    on = on or timezone.localdate()
    if by is None or not by.has_perm("litigation.add_session"):
        raise StepError(_("You may not record sessions."))
    _not_future(on, "on")
    if court.kind != UnitKind.COURT:
        raise StepError(_("Choose a court."), field="court")
    units = list(units)
    if not units:
        raise StepError(_("Name at least one."), field="units")
    if not (leaders or "").strip():
        raise StepError(_("Name the leaders who attended."), field="leaders")
    session = Session.objects.create(unit=unit, held_on=on, court=court, title=title.strip(), leaders=leaders.strip(),
                                     suit=suit, reviewer=reviewer.strip(), notes=notes.strip(), created_by=by)
    session.units.set(units)
    audit.record(by, "litigation.session.recorded", session, summary=session.title,
                 payload={"on": on, "units": [u.code for u in units]})
    return session

"""The writers of community correction and resettlement: one function per user action, one transaction each,
audited. The person's procedure is the table's (`workflow.WORKFLOW.run`); this module registers the intake from the
deciding organ's notice, sessions with their participants, learning hours, check-in feeds, releases and their
hand-over, and writes the demo's year set-based.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sifa.core import audit, bulk, numbering
from sifa.core import clocks as core_clocks
from sifa.core.locking import save_versioned
from sifa.core.models import Party, Unit, UnitKind
from sifa.core.services import party_save
from sifa.core.workflow import StepError

from . import clocks, district
from .contacts import due_dates
from .models import (
    Contact,
    HandOver,
    LearningRecord,
    Participation,
    Release,
    Session,
    SessionKind,
    State,
    Supervisee,
)
from .workflow import NUMBER_FORMATS, take_number

CASE_SERIES = "correction.case"


def _check_date(on: date, what: str) -> None:
    if on > timezone.localdate():
        raise StepError(_("This date is in the future."), field=what)


def _office(unit: Unit | None) -> Unit:
    if unit is None or unit.kind != UnitKind.JUSTICE_OFFICE:
        raise StepError(_("A person under correction is received at a justice office."), field="unit")
    return unit


def report_due(effective_on: date, grace: int | None = None) -> tuple[date, date]:
    """The report-in day (第二十一条: ten days from the judgment taking effect) and the day after which an absent
    person counts as missed at intake (漏管: the district's grace for finding the person)."""
    due = core_clocks.compute_due(rule=core_clocks.rule_for(clocks.REPORT_IN, effective_on), start=effective_on)
    grace = district.days(district.INTAKE_GRACE_DAYS) if grace is None else grace
    return due, due + timedelta(days=grace)


@transaction.atomic
def intake(*, unit: Unit, by, name: str, kind: str, offence: str, deciding_organ: str, deciding_body: str,
           decision_number: str, notice_received_on: date, effective_on: date, term_end: date,
           term_start: date | None = None, id_number: str = "", sex: str = "") -> Supervisee:
    """Register the deciding organ's notice (社区矫正法 第二十条): the report-in clock (第二十一条) runs from the day the
    judgment took effect, and the documents' clock (第二十条, ten days) too."""
    unit = _office(unit)
    _check_date(notice_received_on, "notice_received_on")
    if notice_received_on < effective_on:
        raise StepError(_("The notice cannot precede the judgment taking effect."), field="notice_received_on")
    if term_end <= effective_on:
        raise StepError(_("The term must end after the judgment took effect."), field="term_end")
    if Supervisee.objects.filter(decision_number=decision_number.strip(), deciding_body=deciding_body.strip()).exists():
        raise StepError(_("This judgment or decision is registered already."), field="decision_number")
    person = party_save(party=Party(name=name.strip(), unit=unit, sex=sex), by=by, id_number=id_number or None)
    due, missed_after = report_due(effective_on)
    case = Supervisee(unit=unit, state=State.NOTIFIED, handler=by if getattr(by, "pk", None) else None,
                      opened_on=notice_received_on, person=person, kind=kind, offence=offence.strip(),
                      deciding_organ=deciding_organ, deciding_body=deciding_body.strip(),
                      decision_number=decision_number.strip(), notice_received_on=notice_received_on,
                      effective_on=effective_on, term_start=term_start or effective_on, term_end=term_end,
                      report_due=due, missed_after=missed_after,
                      number=numbering.take(kind=CASE_SERIES, unit=unit, year=notice_received_on.year,
                                            default_format=NUMBER_FORMATS["case"]))
    case.full_clean(exclude=["handler"])
    case.save()
    core_clocks.start(case, rule=clocks.REPORT_IN, start=effective_on, by=by)
    audit.record(by, "correction.notified", case, summary=case.number,
                 payload={"kind": kind, "organ": deciding_organ, "effective_on": effective_on})
    return case


# --- sessions, participants, learning hours -----------------------------------------------------------------

@transaction.atomic
def session_record(*, unit: Unit, by, kind: str, held_on: date, title: str, participants: Sequence[Supervisee],
                   hours: Decimal = Decimal(1)) -> Session:
    """An education session, activity or counselling with its participants (each a person-time). Individual
    education and counselling are one person's."""
    _check_date(held_on, "held_on")
    if not participants:
        raise StepError(_("Name at least one participant."), field="participants")
    if kind in (SessionKind.INDIVIDUAL, SessionKind.COUNSELLING) and len(participants) != 1:
        raise StepError(_("Individual education and counselling are recorded one person at a time."),
                        field="participants")
    for p in participants:
        if p.state != State.SUPERVISED or (p.announced_on and held_on < p.announced_on):
            raise StepError(_("%(n)s was not under correction on that day.") % {"n": p.number}, field="participants")
    s = Session.objects.create(unit=unit, kind=kind, held_on=held_on, title=title.strip(), hours=hours,
                               participants=len(participants))
    Participation.objects.bulk_create([Participation(session=s, supervisee=p, unit=p.unit, kind=kind, held_on=held_on)
                                       for p in participants])
    audit.record(by, "correction.session.recorded", s, summary=str(s),
                 payload={"kind": kind, "participants": len(participants)})
    return s


@dataclass
class SessionRecord:
    unit_id: int
    kind: str
    held_on: date
    title: str
    participants: list  # (supervisee pk, unit pk)
    hours: Decimal = Decimal(1)


@transaction.atomic
def sessions_import(*, records: Sequence[SessionRecord], by) -> int:
    """Write many sessions and their participations set-based (the demo's year; a migration). One audit event."""
    sessions = bulk.create([Session(unit_id=r.unit_id, kind=r.kind, held_on=r.held_on, title=r.title, hours=r.hours,
                                    participants=len(r.participants)) for r in records])
    rows = [{"session_id": s.pk, "supervisee_id": pid, "unit_id": uid, "kind": r.kind, "held_on": r.held_on}
            for s, r in zip(sessions, records, strict=True) for pid, uid in r.participants]
    bulk.insert_dicts(Participation, rows)
    audit.record(by, "correction.sessions.imported", None, summary=_("%(n)s sessions") % {"n": len(sessions)},
                 payload={"sessions": len(sessions), "participations": len(rows)})
    return len(sessions)


@dataclass
class LearningRow:
    case_number: str
    learned_on: date
    hours: Decimal
    course: str = ""
    external_id: str = ""


@transaction.atomic
def learning_import(*, rows: Sequence[LearningRow], by) -> tuple[int, int]:
    """Hours of online learning from the learning platform's export: a record already held (same platform record
    number) is skipped. Every case number must be a person under correction. Returns (written, duplicates)."""
    numbers = {r.case_number for r in rows}
    people = dict((n, (pk, unit)) for n, pk, unit in Supervisee.objects.filter(number__in=numbers)
                  .values_list("number", "pk", "unit_id"))
    missing = sorted(numbers - set(people))
    if missing:
        raise StepError(_("Unknown case numbers: %(n)s") % {"n": "、".join(missing[:10])}, field="case_number")
    ids = {r.external_id for r in rows if r.external_id}
    seen = set(LearningRecord.objects.filter(external_id__in=ids).values_list("external_id", flat=True)) if ids else set()
    out, duplicates = [], 0
    for r in rows:
        if r.external_id and r.external_id in seen:
            duplicates += 1
            continue
        seen.add(r.external_id)
        if r.hours <= 0 or r.hours > 24:
            raise StepError(_("Hours must be more than 0 and at most 24."), field="hours")
        pk, unit = people[r.case_number]
        out.append({"supervisee_id": pk, "unit_id": unit, "learned_on": r.learned_on, "hours": r.hours,
                    "course": r.course, "external_id": r.external_id})
    written = bulk.insert_dicts(LearningRecord, out)
    audit.record(by, "correction.learning.imported", None, summary=_("%(n)s learning records") % {"n": written},
                 payload={"written": written, "duplicates": duplicates})
    return written, duplicates


# --- resettlement (安置帮教) -----------------------------------------------------------------------------------

@transaction.atomic
def release_register(*, unit: Unit, by, name: str, prison: str, notice_received_on: date, release_on: date,
                     offence: str = "", key_person: bool = False, id_number: str = "") -> Release:
    """A prison's notice of a release (上海市安置帮教工作规定 第七条: thirty days before release)."""
    unit = _office(unit)
    _check_date(notice_received_on, "notice_received_on")
    person = party_save(party=Party(name=name.strip(), unit=unit), by=by, id_number=id_number or None)
    r = Release(unit=unit, person=person, prison=prison.strip(), offence=offence.strip(),
                notice_received_on=notice_received_on, release_on=release_on, key_person=key_person,
                register_number=take_number("release", unit, notice_received_on.year))
    r.full_clean()
    r.save()
    audit.record(by, "correction.release.notified", r, summary=str(r),
                 payload={"release_on": release_on, "key_person": key_person})
    return r


@transaction.atomic
def release_hand_over(release: Release, *, by, on: date, escorted: bool = False,
                      expected_version: int | None = None) -> Release:
    """The hand-over (衔接): the released person is received by the justice office of residence (第八条); a key
    person must be collected and escorted (必接必送)."""
    _check_date(on, "on")
    if release.hand_over == HandOver.DONE:
        raise StepError(_("This person has been handed over already."))
    if on < release.release_on - timedelta(days=1):
        raise StepError(_("The hand-over cannot precede the release (%(day)s).") % {"day": release.release_on},
                        field="on")
    if release.key_person and not escorted:
        raise StepError(_("A key person must be collected and escorted (必接必送)."), field="escorted")
    release.handed_over_on, release.escorted, release.hand_over = on, escorted, HandOver.DONE
    save_versioned(release, expected_version=expected_version, by=by)
    audit.record(by, "correction.release.handed_over", release, summary=str(release), payload={"on": on})
    return release


# --- the batch writer of persons (the demo's year; a migration from an older system) -----------------------------

@dataclass
class SuperviseeRecord:
    unit: Unit
    name: str
    kind: str
    offence: str
    deciding_organ: str
    deciding_body: str
    decision_number: str
    effective_on: date
    term_end: date
    reported_on: date
    announced_on: date
    level: str
    contacts: list = field(default_factory=list)  # the days contacts were met, in order, after the announcement
    methods: list = field(default_factory=list)
    ended_on: date | None = None
    end_reason: str = ""


@transaction.atomic
def supervisees_import(*, records: Sequence[SuperviseeRecord], by, today: date | None = None) -> list[Supervisee]:
    """Write past persons set-based: parties, persons (numbered in their office's series), their report-in clocks
    (met on the day they reported), their contacts chained by the district's interval of their level, and one audit
    event each. Each record's path is checked: reported after the judgment, announced after reporting in, contacts
    after the announcement and in order, the end after the last contact."""
    today = today or timezone.localdate()
    for i, r in enumerate(records):
        if not (r.effective_on <= r.reported_on <= r.announced_on):
            raise StepError(_("Record %(i)s: reported before the judgment or announced before reporting in.")
                            % {"i": i + 1})
        days = [r.announced_on, *r.contacts]
        if any(b < a for a, b in zip(days, days[1:], strict=False)) or (r.ended_on and r.ended_on < days[-1]):
            raise StepError(_("Record %(i)s: contacts out of order.") % {"i": i + 1})
    with bulk.gc_paused():
        parties = bulk.create([Party(name=r.name, unit=r.unit) for r in records])
        numbers: dict[tuple, list[str]] = {}
        for key in {(r.unit.pk, r.effective_on.year) for r in records}:
            unit = next(r.unit for r in records if r.unit.pk == key[0])
            count = sum(1 for r in records if (r.unit.pk, r.effective_on.year) == key)
            numbers[key] = numbering.take_block(kind=CASE_SERIES, unit=unit, year=key[1], count=count,
                                                default_format=NUMBER_FORMATS["case"])
        standards = district.standards()
        cases = []
        for r, party in zip(records, parties, strict=True):
            due, missed_after = report_due(r.effective_on, standards[district.INTAKE_GRACE_DAYS])
            cases.append(Supervisee(
                unit=r.unit, state=State.ENDED if r.ended_on else State.SUPERVISED, opened_on=r.effective_on,
                closed_on=r.ended_on, number=numbers[(r.unit.pk, r.effective_on.year)].pop(0), person=party,
                kind=r.kind, level=r.level, offence=r.offence, deciding_organ=r.deciding_organ,
                deciding_body=r.deciding_body, decision_number=r.decision_number,
                notice_received_on=r.effective_on, effective_on=r.effective_on, term_start=r.effective_on,
                term_end=r.term_end, report_due=due, missed_after=missed_after, reported_on=r.reported_on,
                missed_intake=r.reported_on > missed_after, announced_on=r.announced_on, ended_on=r.ended_on,
                end_reason=r.end_reason, plan="按照分类管理要求落实报告、走访和教育矫正措施。"))
        bulk.create(cases)
        bulk.history_rows(cases, user=by, reason="import")
        core_clocks.start_many(cases, rule=clocks.REPORT_IN, starts=[c.effective_on for c in cases],
                               ends=[("met", c.reported_on) for c in cases])
        rows = []
        for c, r in zip(cases, records, strict=True):
            start = r.announced_on
            methods = r.methods or ["in_person"] * len(r.contacts)
            for met, method in zip(r.contacts, methods, strict=True):
                due, lost_after = due_dates(r.level, start, standards)
                rows.append({"supervisee_id": c.pk, "unit_id": c.unit_id, "level": r.level, "start": start,
                             "due_on": due, "lost_after": lost_after, "met_on": met, "method": method,
                             "lost": met > lost_after, "note": "", "external_id": "", "cancelled_on": None})
                start = met
            due, lost_after = due_dates(r.level, start, standards)
            ended = r.ended_on
            rows.append({"supervisee_id": c.pk, "unit_id": c.unit_id, "level": r.level, "start": start,
                         "due_on": due, "lost_after": lost_after, "met_on": None, "method": "",
                         "lost": ended is None and lost_after < today, "note": "", "external_id": "",
                         "cancelled_on": ended})
        bulk.insert_dicts(Contact, rows)
        audit.record_many(by, "correction.imported", ((c, c.number, {"kind": c.kind, "state": c.state})
                                                      for c in cases))
    return cases


# --- the check-in feed (信息化核查: electronic check-ins pushed by the check-in system) ----------------------------

@dataclass
class CheckIn:
    case_number: str
    on: date
    method: str = "electronic"
    external_id: str = ""


@transaction.atomic
def checkins_import(*, rows: Sequence[CheckIn], by) -> tuple[int, int]:
    """Meet the persons' open contacts with a batch of check-ins, in order, each opening the next contact at the
    interval of the person's level (社区矫正法 第二十六条: 信息化核查). One read of the open contacts, one bulk update,
    one bulk insert and one audit event for the batch; a check-in already held (same feed record number) is skipped.
    Every check-in must be of a person under correction the sender may see, not before the open contact's start and
    not in the future. Returns (written, duplicates)."""
    from .contacts import due_dates
    from .models import ContactMethod

    today = timezone.localdate()
    ids = {r.external_id for r in rows if r.external_id}
    seen = set(Contact.objects.filter(external_id__in=ids).values_list("external_id", flat=True)) if ids else set()
    fresh, duplicates = [], 0
    for r in rows:
        if r.external_id and r.external_id in seen:
            duplicates += 1
            continue
        seen.add(r.external_id)
        if r.method not in ContactMethod.values:
            raise StepError(_("Unknown method “%(m)s”.") % {"m": r.method}, field="method")
        if r.on > today:
            raise StepError(_("This date is in the future."), field="on")
        fresh.append(r)
    people = {c.number: c for c in Supervisee.objects.visible_to(by).filter(
        number__in={r.case_number for r in fresh}, state=State.SUPERVISED)}
    missing = sorted({r.case_number for r in fresh} - set(people))
    if missing:
        raise StepError(_("Not under correction or not yours to see: %(n)s") % {"n": "、".join(missing[:10])},
                        field="case_number")
    open_ = {c.supervisee_id: c for c in Contact.objects.filter(
        supervisee__in=people.values(), met_on__isnull=True, cancelled_on__isnull=True)}
    standards = district.standards()
    updated, new = [], []
    back: dict[int, date] = {}  # a person found again: the first check-in after a lost contact
    for number in sorted({r.case_number for r in fresh}):
        person = people[number]
        current = open_.get(person.pk)
        if current is None:
            raise StepError(_("No contact is due for %(n)s.") % {"n": number}, field="case_number")
        for r in sorted((r for r in fresh if r.case_number == number), key=lambda r: r.on):
            if r.on < current.start:
                raise StepError(_("%(n)s: the check-in cannot precede %(day)s.") % {"n": number, "day": current.start},
                                field="on")
            current.met_on, current.method, current.external_id = r.on, r.method, r.external_id
            current.lost = current.lost or r.on > current.lost_after
            if current.lost:
                back.setdefault(person.pk, r.on)
            (updated if current.pk else new).append(current)
            due, lost_after = due_dates(person.level, r.on, standards)
            current = Contact(supervisee=person, unit_id=person.unit_id, level=person.level, start=r.on, due_on=due,
                              lost_after=lost_after)
        new.append(current)
    Contact.objects.bulk_update(updated, ["met_on", "method", "external_id", "lost"], batch_size=2000)
    bulk.insert_objects(new)
    if back:  # the search after the loss of contact (第三十条) ends with the check-in that re-established it
        from .models import Search, SearchOutcome

        searches = list(Search.objects.filter(supervisee_id__in=back, found_on__isnull=True))
        for search in searches:
            search.found_on = max(back[search.supervisee_id], search.lost_since)
            search.outcome = SearchOutcome.RETURNED
            search.measures = search.measures or _("Contact re-established by an electronic check-in.")
        Search.objects.bulk_update(searches, ["found_on", "outcome", "measures"], batch_size=2000)
    audit.record(by, "correction.checkins.imported", None, summary=_("%(n)s check-ins") % {"n": len(fresh)},
                 payload={"written": len(fresh), "duplicates": duplicates})
    return len(fresh), duplicates


# --- resettlement follow-up: return visits, help, re-offending ----------------------------------------------------

@transaction.atomic
def aftercare_record(release: Release, *, by, kind: str, on: date, note: str):
    """A return visit or a measure of help for a released person (上海市安置帮教工作规定 第八条: the justice office of
    the place of residence follows up; 第九条至第十一条: registration, schooling, employment)."""
    from .models import Aftercare

    _check_date(on, "on")
    if on < release.release_on:
        raise StepError(_("The follow-up cannot precede the release (%(day)s).") % {"day": release.release_on},
                        field="on")
    if not note.strip():
        raise StepError(_("Say what was done."), field="note")
    a = Aftercare.objects.create(release=release, unit=release.unit, kind=kind, on=on, note=note.strip()[:300],
                                 by=by if getattr(by, "pk", None) else None)
    audit.record(by, "correction.release.followed_up", release, summary=str(a), payload={"kind": kind, "on": on})
    return a


@transaction.atomic
def release_reoffended(release: Release, *, by, on: date, expected_version: int | None = None) -> Release:
    """Record that a released person offended again (重新犯罪), the day of the new offence."""
    _check_date(on, "reoffended_on")
    if release.reoffended_on:
        raise StepError(_("A re-offence is recorded already."), field="reoffended_on")
    if on < release.release_on:
        raise StepError(_("The re-offence cannot precede the release (%(day)s).") % {"day": release.release_on},
                        field="reoffended_on")
    release.reoffended_on = on
    save_versioned(release, expected_version=expected_version, by=by)
    audit.record(by, "correction.release.reoffended", release, summary=str(release), payload={"on": on})
    return release

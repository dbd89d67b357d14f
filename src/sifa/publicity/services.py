"""The writers of publicity: one function per user action, one transaction each, audited, each taking the date
of the act apart from the moment it is recorded. Errors are `StepError`s naming the field."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import Case, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from sifa.core import audit, numbering
from sifa.core.locking import save_versioned
from sifa.core.models import Unit
from sifa.core.workflow import StepError

from .models import Activity, ActivityKind, ContestEntry, Prize, Project, Responsibility

ACTIVITY_SERIES = "publicity.activity"
MAX_SCORE = Decimal(100)


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


def _score(score, field: str = "score") -> Decimal:
    try:
        value = Decimal(str(score).strip()).quantize(Decimal("0.1"))
    except (ArithmeticError, ValueError, TypeError):
        value = None
    if score is None or value is None or not (Decimal(0) <= value <= MAX_SCORE):
        raise StepError(_("A score runs from 0 to 100."), field=field)
    return value


# --- "谁执法谁普法" ---------------------------------------------------------------------------------------------

@transaction.atomic
def responsibility_file(*, unit, by, year: int, member: Unit, duties: str, plan: str = "",
                        plan_filed_on: date | None = None) -> Responsibility:
    """File a member unit's responsibility list and its plan for the year (one list a member and year)."""
    unit = _office(unit)
    if plan_filed_on:
        _not_future(plan_filed_on, "plan_filed_on")
    if Responsibility.objects.filter(year=year, member=member).exists():
        raise StepError(_("%(unit)s has a list for %(year)s already.") % {"unit": member.name, "year": year},
                        field="member")
    r = Responsibility(unit=unit, year=year, member=member, duties=_text(duties, "duties"), plan=plan.strip(),
                       plan_filed_on=plan_filed_on if plan.strip() else None)
    r.full_clean()
    r.save()
    audit.record(by, "publicity.responsibility.filed", r, summary=str(r))
    return r


@transaction.atomic
def responsibility_review(r: Responsibility, *, by, on: date, score, comment: str = "",
                          expected_version=None) -> Responsibility:
    """The performance review (履职评议) of a member unit: its score (0–100) and the reviewers' comment."""
    _not_future(on, "reviewed_on")
    if r.reviewed_on is not None:
        raise StepError(_("This list was reviewed on %(d)s.") % {"d": r.reviewed_on})
    if not r.plan:
        raise StepError(_("The member has filed no plan for the year: there is nothing to review."))
    r.score, r.reviewed_on, r.review_comment = _score(score), on, comment.strip()
    save_versioned(r, expected_version=expected_version, by=by)
    audit.record(by, "publicity.responsibility.reviewed", r, summary=f"{r.member.name}: {r.score}")
    return r


def ranking(*, user, year: int):
    """The members reviewed in a year, best first, each with its rank (equal scores share a rank)."""
    rows = list(Responsibility.objects.visible_to(user).filter(year=year, score__isnull=False)
                .select_related("member").order_by("-score", "member__path"))
    rank, last = 0, None
    for i, r in enumerate(rows, 1):
        if r.score != last:
            rank, last = i, r.score
        r.rank = rank
    return rows


# --- activities ------------------------------------------------------------------------------------------------

@transaction.atomic
def activity_register(*, unit, by, kind: str, title: str, held_on: date, series: str = "", organiser=None,
                      place: str = "", participants: int = 0) -> Activity:
    unit = _office(unit)
    _not_future(held_on, "held_on")
    if participants < 0:
        raise StepError(_("It cannot be less than %(min)s.") % {"min": 0}, field="participants")
    number = numbering.take(kind=ACTIVITY_SERIES, unit=unit, year=held_on.year, default_format="{prefix}〔{year}〕{n}号")
    a = Activity(unit=unit, number=number, kind=kind, title=_text(title, "title"), series=series.strip(),
                 held_on=held_on, organiser=organiser, place=place.strip(), participants=participants)
    a.full_clean()
    a.save()
    audit.record(by, "publicity.activity.registered", a, summary=str(a))
    return a


@transaction.atomic
def activity_participants(a: Activity, *, by, participants: int, expected_version=None) -> Activity:
    if participants < 0:
        raise StepError(_("It cannot be less than %(min)s.") % {"min": 0}, field="participants")
    a.participants = participants
    save_versioned(a, expected_version=expected_version, by=by)
    audit.record(by, "publicity.activity.participants", a, summary=str(participants))
    return a


@dataclass
class Entry:
    title: str
    author: str
    school: str = ""


@transaction.atomic
def entries_add(contest: Activity, *, by, on: date, entries: list[Entry]) -> int:
    """Register the works entered in a contest, in one write."""
    if contest.kind != ActivityKind.CONTEST:
        raise StepError(_("Works are entered in a contest only."))
    _not_future(on, "submitted_on")
    rows = [ContestEntry(unit=contest.unit, contest=contest, title=_text(e.title, "title"),
                         author=_text(e.author, "author"), school=e.school.strip(), submitted_on=on) for e in entries]
    ContestEntry.objects.bulk_create(rows, batch_size=500)
    audit.record(by, "publicity.entries.added", contest, summary=str(len(rows)), payload={"entries": len(rows)})
    return len(rows)


@transaction.atomic
def prizes_award(contest: Activity, *, by, on: date, prizes: dict[int, str]) -> int:
    """Award the prizes of a contest at once ({entry pk: prize}); a contest awards once."""
    _not_future(on, "awarded_on")
    entries = ContestEntry.objects.filter(contest=contest)
    if entries.filter(awarded_on__isnull=False).exists():
        raise StepError(_("The prizes of this contest are awarded already."))
    if set(prizes) - set(entries.values_list("pk", flat=True)):
        raise StepError(_("A prize goes to a work entered in this contest."))
    valid = {p for p in Prize.values if p}
    if any(p not in valid for p in prizes.values()):
        raise StepError(_("Choose a prize."))
    if entries.filter(submitted_on__gt=on).exists():
        raise StepError(_("The prizes cannot be awarded before the works were entered."), field="awarded_on")
    n = entries.filter(pk__in=list(prizes)).update(
        prize=Case(*[When(pk=pk, then=Value(p)) for pk, p in prizes.items()], default=Value("")), awarded_on=on)
    entries.exclude(pk__in=list(prizes)).update(awarded_on=on)
    audit.record(by, "publicity.prizes.awarded", contest, summary=str(n), payload={"prizes": n})
    return n


@transaction.atomic
def views_import(*, rows: list[tuple[str, date, int]], by) -> int:
    """The views of online items from a platform's export: (item number, counted on, cumulative views). A count
    older than the one held is ignored; the newest replaces it."""
    by_number = {a.number: a for a in Activity.objects.filter(number__in=[n for n, _d, _v in rows])}
    changed = {}
    for number, on, views in rows:
        a = changed.get(number) or by_number[number]
        if a.views_as_of is None or on >= a.views_as_of:
            a.views, a.views_as_of = views, on
            changed[number] = a
    Activity.objects.bulk_update(list(changed.values()), ["views", "views_as_of"])
    audit.record_many(by, "publicity.views.imported",
                      [(a, f"{a.number}: {a.views}", {"views": a.views, "on": a.views_as_of})
                       for a in changed.values()])
    return len(changed)


# --- best projects -----------------------------------------------------------------------------------------------

@transaction.atomic
def project_nominate(*, unit, by, year: int, title: str, member: Unit, on: date) -> Project:
    unit = _office(unit)
    _not_future(on, "nominated_on")
    p = Project(unit=unit, year=year, title=_text(title, "title"), member=member, nominated_on=on)
    p.full_clean()
    p.save()
    audit.record(by, "publicity.project.nominated", p, summary=title[:200])
    return p


@transaction.atomic
def project_score(p: Project, *, by, score, expected_version=None) -> Project:
    if Project.objects.filter(unit=p.unit_id, year=p.year, selected_on__isnull=False).exists():
        raise StepError(_("The selection of %(year)s is made: scores can no longer change.") % {"year": p.year})
    p.score = _score(score)
    save_versioned(p, expected_version=expected_version, by=by)
    audit.record(by, "publicity.project.scored", p, summary=str(p.score))
    return p


@transaction.atomic
def projects_select(*, unit, by, year: int, count: int, on: date) -> list[Project]:
    """Select the year's `count` best projects by their scores (评选): every nominee must be scored, and a tie at
    the last place is refused (the jury decides it by a new score)."""
    _not_future(on, "on")
    nominees = list(Project.objects.filter(unit=unit, year=year).order_by("-score", "pk"))
    if any(p.selected_on for p in nominees):
        raise StepError(_("The selection of %(year)s is made.") % {"year": year})
    if any(p.score is None for p in nominees):
        raise StepError(_("Every nominated project needs its score before the selection."))
    if count <= 0 or len(nominees) < count:
        raise StepError(_("There are fewer nominees than places."), field="count")
    if len(nominees) > count and nominees[count - 1].score == nominees[count].score:
        raise StepError(_("A tie at the last place: score the tied projects again."), field="count")
    chosen = nominees[:count]
    Project.objects.filter(pk__in=[p.pk for p in chosen]).update(selected=True, selected_on=on)
    Project.objects.filter(unit=unit, year=year).exclude(pk__in=[p.pk for p in chosen]).update(selected_on=on)
    audit.record_many(by, "publicity.project.selected", [(p, p.title, {"score": str(p.score)}) for p in chosen])
    return chosen


# --- the leaders' study list -----------------------------------------------------------------------------------

@transaction.atomic
def study_list_publish(*, unit, by, year: int, title: str, published_on: date, items: list[tuple[str, str]]):
    """Publish a year's study list (应知应会清单): its items [(law, category), ...], numbered in order."""
    from .models import StudyItem, StudyList

    unit = _office(unit)
    _not_future(published_on, "published_on")
    title = _text(title, "title")
    items = [(law.strip(), cat.strip()) for law, cat in items if law.strip()]
    if not items:
        raise StepError(_("A study list needs at least one law."), field="items")
    if StudyList.objects.filter(year=year, title=title).exists():
        raise StepError(_("A study list of this title exists for the year."), field="title")
    sl = StudyList.objects.create(unit=unit, year=year, title=title, published_on=published_on)
    StudyItem.objects.bulk_create([StudyItem(study_list=sl, position=n, law=law, category=cat)
                                   for n, (law, cat) in enumerate(items, start=1)])
    audit.record(by, "publicity.study_list.published", sl, summary=title, payload={"items": len(items)})
    return sl


@dataclass
class Attendee:
    name: str
    post: str = ""
    present: bool = True
    absence_reason: str = ""


@transaction.atomic
def study_session_record(sl, *, by, held_on: date, kind: str, host: Unit, topic: str, items=(),
                         attendees: list[Attendee]):
    """Record a study session on the list, the items it studied and its attendance (an absence needs its reason)."""
    from .models import Attendance, SessionKind, StudySession

    _not_future(held_on, "held_on")
    if held_on < sl.published_on:
        raise StepError(_("The list was published on %(d)s.") % {"d": sl.published_on}, field="held_on")
    if kind not in SessionKind.values:
        raise StepError(_("Choose the kind of session."), field="kind")
    if not attendees:
        raise StepError(_("Write the officials expected at the session."), field="attendees")
    for a in attendees:
        if not a.present and not a.absence_reason.strip():
            raise StepError(_("%(name)s is absent: write the reason.") % {"name": a.name}, field="attendees")
    items = list(items)
    if any(i.study_list_id != sl.pk for i in items):
        raise StepError(_("An item studied is not on this list."), field="items")
    s = StudySession.objects.create(study_list=sl, held_on=held_on, kind=kind, host=host, topic=_text(topic, "topic"))
    s.items.set(items)
    Attendance.objects.bulk_create([Attendance(session=s, name=a.name.strip(), post=a.post.strip(),
                                               present=a.present, absence_reason=a.absence_reason.strip())
                                    for a in attendees])
    present = sum(a.present for a in attendees)
    audit.record(by, "publicity.study_session.recorded", sl, summary=f"{held_on} {topic}"[:200],
                 payload={"present": present, "expected": len(attendees)})
    return s


def study_figures(sl) -> dict:
    """A list's figures: sessions, the items studied at least once, the attendance (present of expected, rate)."""
    from django.db.models import Count
    from django.db.models import Q as _Q

    from .models import Attendance, StudyItem

    att = Attendance.objects.filter(session__study_list=sl).aggregate(
        expected=Count("pk"), present=Count("pk", filter=_Q(present=True)))
    covered = StudyItem.objects.filter(study_list=sl, sessions__isnull=False).distinct().count()
    rate = (Decimal(att["present"] * 100) / att["expected"]).quantize(Decimal("0.1")) if att["expected"] else None
    return {"sessions": sl.sessions.count(), "items": sl.items.count(), "covered": covered, **att, "rate": rate}

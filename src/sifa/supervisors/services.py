"""The writers of the people's supervisors' line: one function per user action, one transaction each, audited.

The pool: selecting a supervisor (with the first term), renewing a term (at most the district's number of
consecutive terms), training, the annual assessment (a failed one removes the supervisor for good, 选任管理办法
第十条) and removal. The draws: a request registered (UI or the procuratorate's system through the API), then the
procedure table's steps (`workflow.WORKFLOW`). `verify` re-runs a draw from its record.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sifa.core import audit, numbering
from sifa.core import clocks as core_clocks
from sifa.core.locking import save_versioned
from sifa.core.models import Party, Unit, UnitKind
from sifa.core.services import party_save
from sifa.core.validators import parse_id_number
from sifa.core.workflow import StepError

from . import clocks, district, sortition
from .models import (
    Assessment,
    AssessmentResult,
    Disqualification,
    DrawRequest,
    EligibilityCheck,
    State,
    Supervisor,
    SupervisorStatus,
    Term,
    Training,
)
from .workflow import NUMBER_FORMATS, WORKFLOW, strata_of


def _not_future(on: date, field: str) -> None:
    if on > timezone.localdate():
        raise StepError(_("This date is in the future."), field=field)


def _years_later(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def term_end(starts_on: date) -> date:
    """The last day of a term that starts on `starts_on` (the district's term in years; 每届任期五年)."""
    return _years_later(starts_on, district.number(district.TERM_YEARS)) - timedelta(days=1)


# --- the pool -------------------------------------------------------------------------------------------------

def _answers(answers: dict) -> dict:
    """Every disqualification of 第十条 answered yes (True) or no (False); a missing answer is refused on its field."""
    out = {}
    for d in Disqualification.values:
        value = answers.get(d)
        if value not in (True, False):
            raise StepError(_("Answer this question of Art 10 with yes or no."), field=f"art10_{d}")
        out[d] = value
    return out


def _found_text(found: list[str]) -> str:
    return "；".join(str(Disqualification(d).label) for d in found)


@transaction.atomic
def eligibility_record(*, supervisor: Supervisor, by, on: date, answers: dict, source: str) -> EligibilityCheck:
    """Record a check of the disqualifications of 选任管理办法 第十条, each answered; any "yes" removes the supervisor
    for good (不得再担任)."""
    _not_future(on, "on")
    if supervisor.selected_on and on < supervisor.selected_on - timedelta(days=365):
        raise StepError(_("The check is more than a year before the selection."), field="on")
    if not (source or "").strip():
        raise StepError(_("Say where the answers come from."), field="source")
    check = EligibilityCheck.objects.create(supervisor=supervisor, checked_on=on, answers=_answers(answers),
                                            source=source.strip(), checked_by=by if getattr(by, "pk", None) else None)
    found = check.found
    if found:
        _remove(supervisor, on=on, reason=f"选任管理办法第十条：{_found_text(found)}"[:200], barred=True)
    audit.record(by, "supervisors.eligibility_checked", supervisor,
                 summary=f"{supervisor.code} {'不符合' if found else '符合'}",
                 payload={"on": on, "found": found, "source": check.source})
    return check


@transaction.atomic
def supervisor_select(*, unit: Unit, by, name: str, id_number: str, code: str, field: str, birth_date: date | None,
                      selected_on: date, appointed_by: str, phone: str = "", street: str = "",
                      occupation: str = "", eligibility: dict | None = None, eligibility_source: str = "",
                      eligibility_on: date | None = None) -> Supervisor:
    """Enter a selected supervisor into the pool with their first term (选任管理办法 第十一条至第十三条: selected
    by the city's bureau after a public announcement; the district assists). With `eligibility` (the answers to
    第十条), the check is recorded and a person to whom a disqualification applies is refused."""
    if unit is None:
        raise StepError(_("You belong to no unit that manages supervisors."))
    _not_future(selected_on, "selected_on")
    if eligibility is not None:
        answers = _answers(eligibility)
        found = [d for d in Disqualification.values if answers[d]]
        if found:
            raise StepError(_("May not serve as a people's supervisor (Art 10): %(what)s")
                            % {"what": _found_text(found)}, field=f"art10_{found[0]}")
    if birth_date is None and id_number:
        birth_date = parse_id_number(id_number)[0]
    if birth_date is None:
        raise StepError(_("Give the date of birth."), field="birth_date")
    code = code.strip()
    if Supervisor.objects.filter(code=code).exists():
        raise StepError(_("This public code is taken."), field="code")
    min_age = district.number(district.MIN_AGE)
    if _years_later(birth_date, min_age) > selected_on:
        raise StepError(_("A supervisor must be at least %(n)s years old on selection.") % {"n": min_age},
                        field="birth_date")
    person = party_save(party=Party(name=name.strip(), unit=unit), by=by, id_number=id_number or None,
                        phone=phone or None)
    s = Supervisor(unit=unit, code=code, person=person, field=field, street=street.strip(),
                   occupation=occupation.strip(), birth_date=birth_date, selected_on=selected_on)
    s.full_clean(exclude=["person", "unit"])
    s.save()
    Term.objects.create(supervisor=s, number=1, starts_on=selected_on, ends_on=term_end(selected_on),
                        appointed_by=appointed_by.strip())
    audit.record(by, "supervisors.selected", s, summary=s.code, payload={"field": field, "on": selected_on})
    if eligibility is not None:
        eligibility_record(supervisor=s, by=by, on=eligibility_on or selected_on, answers=eligibility,
                           source=eligibility_source or _("checked on selection"))
    return s


def pool_import(*, unit: Unit, by, rows: list[dict]) -> list[Supervisor]:
    """The city's list of selected supervisors, all or nothing (the import's transaction): each through
    `supervisor_select`."""
    return [supervisor_select(unit=unit, by=by, **row) for row in rows]


@transaction.atomic
def term_renew(*, supervisor: Supervisor, by, starts_on: date, appointed_by: str,
               expected_version: int | None = None) -> Term:
    """A further consecutive term: refused beyond the district's maximum (连续担任不超过两届) or for a barred person."""
    if supervisor.barred:
        raise StepError(_("This person is barred from serving again."), field="starts_on")
    last = supervisor.terms.order_by("-number").first()
    limit = district.number(district.MAX_TERMS)
    if last and last.number >= limit:
        raise StepError(_("At most %(n)s consecutive terms.") % {"n": limit}, field="starts_on")
    if last and starts_on <= last.ends_on and last.ended_early_on is None:
        raise StepError(_("The current term runs until %(day)s.") % {"day": last.ends_on}, field="starts_on")
    term = Term.objects.create(supervisor=supervisor, number=(last.number + 1) if last else 1, starts_on=starts_on,
                               ends_on=term_end(starts_on), appointed_by=appointed_by.strip())
    supervisor.status = SupervisorStatus.ACTIVE
    save_versioned(supervisor, expected_version=expected_version, by=by)
    audit.record(by, "supervisors.term_renewed", supervisor, summary=f"{supervisor.code} 第{term.number}届")
    return term


@transaction.atomic
def training_record(*, supervisor: Supervisor, by, held_on: date, title: str, hours: Decimal) -> Training:
    _not_future(held_on, "held_on")
    t = Training.objects.create(supervisor=supervisor, held_on=held_on, title=title.strip(), hours=hours)
    audit.record(by, "supervisors.trained", supervisor, summary=f"{supervisor.code} {t.title}")
    return t


@transaction.atomic
def assessment_record(*, supervisor: Supervisor, by, year: int, result: str, assessed_on: date,
                      note: str = "") -> Assessment:
    """The annual assessment (选任管理办法 第三条); not competent: removed and never selected again (第十条)."""
    _not_future(assessed_on, "assessed_on")
    if Assessment.objects.filter(supervisor=supervisor, year=year).exists():
        raise StepError(_("This year's assessment is recorded already."), field="year")
    a = Assessment.objects.create(supervisor=supervisor, year=year, result=result, assessed_on=assessed_on,
                                  note=note.strip())
    if result == AssessmentResult.FAILED:
        _remove(supervisor, on=assessed_on, reason=f"{year}年度考核不称职", barred=True)
    audit.record(by, "supervisors.assessed", supervisor, summary=f"{supervisor.code} {year} {a.get_result_display()}")
    return a


def _remove(supervisor: Supervisor, *, on: date, reason: str, barred: bool) -> None:
    supervisor.status = SupervisorStatus.REMOVED
    supervisor.barred = supervisor.barred or barred
    supervisor.barred_reason = reason
    Term.objects.filter(supervisor=supervisor, ends_on__gte=on, ended_early_on__isnull=True).update(ended_early_on=on)
    supervisor.save()


@transaction.atomic
def supervisor_remove(*, supervisor: Supervisor, by, on: date, reason: str, barred: bool = False,
                      expected_version: int | None = None) -> Supervisor:
    _not_future(on, "on")
    if not reason.strip():
        raise StepError(_("Give the reason."), field="reason")
    if expected_version is not None and expected_version != supervisor.version:
        save_versioned(supervisor, expected_version=expected_version, by=by)  # raises the conflict
    _remove(supervisor, on=on, reason=reason.strip(), barred=barred)
    audit.record(by, "supervisors.removed", supervisor, summary=f"{supervisor.code} {reason.strip()}"[:200])
    return supervisor


# --- requests and draws -----------------------------------------------------------------------------------------

@transaction.atomic
def request_register(*, unit: Unit, by, procuratorate: Unit, activity_kind: str, activity: str, activity_on: date,
                     requested: int, received_on: date, place: str = "") -> DrawRequest:
    """A procuratorate's request for supervisors (the UI, or its system through the API): the draw's clock starts."""
    if unit is None:
        raise StepError(_("You belong to no unit that manages supervisors."))
    _not_future(received_on, "received_on")
    if procuratorate is None or procuratorate.kind != UnitKind.PROCURATORATE:
        raise StepError(_("Choose a procuratorate."), field="procuratorate")
    if activity_on < received_on:
        raise StepError(_("The activity cannot precede the request."), field="activity_on")
    if not 1 <= requested <= 20:
        raise StepError(_("Between 1 and 20 supervisors."), field="requested")
    r = DrawRequest(unit=unit, state=State.RECEIVED, handler=by if getattr(by, "pk", None) else None,
                    opened_on=received_on, received_on=received_on, procuratorate=procuratorate,
                    activity_kind=activity_kind, activity=activity.strip(), activity_on=activity_on,
                    place=place.strip(), requested=requested,
                    number=numbering.take(kind="supervisors.request", unit=unit, year=received_on.year,
                                          default_format=NUMBER_FORMATS["request"]))
    r.full_clean(exclude=["handler", "unit", "procuratorate"])
    r.save()
    core_clocks.start(r, rule=clocks.DRAW, start=received_on, by=by)
    audit.record(by, "supervisors.requested", r, summary=r.number,
                 payload={"procuratorate": procuratorate.code, "activity_on": activity_on, "requested": requested})
    return r


def take_step(case: DrawRequest, name: str, *, by, on: date | None = None, data: dict | None = None,
              expected_version: int | None = None):
    """A step of the procedure table, for callers other than the step page (the API, the demo, tests)."""
    return WORKFLOW.run(case, name, by=by, on=on, data=data, expected_version=expected_version)


@dataclass
class Verification:
    ok: bool
    lines: list[str]


def verify(request: DrawRequest) -> Verification:
    """Re-run a draw from its record: the listing's hash, the algorithm's version, and the people drawn."""
    lines, ok = [], True
    if not request.drawn_on:
        return Verification(False, [_("This request has not been drawn.")])
    h = sortition.sha256(request.listing)
    same = h == request.listing_hash
    ok &= same
    lines.append(f"listing sha256 {h} {'=' if same else '≠'} {request.listing_hash}")
    if (request.algorithm, request.algorithm_version) != (sortition.ALGORITHM, sortition.VERSION):
        ok = False
        lines.append(f"algorithm {request.algorithm} v{request.algorithm_version} ≠ "
                     f"{sortition.ALGORITHM} v{sortition.VERSION}")
    drawn, reserves = sortition.draw(request.listing, request.seed, strata_of(request))
    for what, got, kept in (("drawn", drawn, request.drawn), ("reserves", reserves, request.reserves)):
        same = got == list(kept)
        ok &= same
        lines.append(f"{what}: {' '.join(got)} {'=' if same else '≠'} {' '.join(kept)}")
    seated = list(request.seats.filter(from_reserve=False).order_by("rank").values_list("supervisor__code", flat=True))
    same = seated == drawn
    ok &= same
    lines.append(f"seats: {' '.join(seated)} {'=' if same else '≠'} drawn")
    return Verification(ok, lines)

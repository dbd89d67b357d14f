"""The procedure of a draw of people's supervisors, read top to bottom.

The procuratorate asks the justice bureau for supervisors for an activity (the "three-party" link: procuratorate,
bureau, supervisor). The bureau draws them at random from the pool (选任管理办法 第三条、第四条; Sichuan's rules
name the draw, DOMAIN-2 §10): first it fixes and publishes the candidate listing with its SHA-256, the algorithm
and version, the quotas and every exclusion with its reason, and names a public value to come (a lottery result)
as the seed; once that value is published it draws (`sortition.py`: level one the quotas, level two the reserves).
Each drawn supervisor confirms or declines (the next reserve is invited); the activity is held with attendance;
the supervisors' opinions are recorded, and the procuratorate's answer closes the request.
"""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sifa.core import numbering
from sifa.core.workflow import Close, Meet, Start, StepError, Transition, Workflow

from . import clocks, eligibility, forms, sortition
from .models import DrawRequest, Seat, SeatStatus, Supervisor
from .models import State as S

HANDLE = "supervisors.handle_drawrequest"
BASIS = "《人民监督员选任管理办法》（司发〔2021〕7号）"


def strata_of(request: DrawRequest) -> dict[str, int]:
    """The quotas of the draw; without quotas, one stratum of everyone for the number requested."""
    return dict(request.quotas) if request.quotas else {sortition.ALL: request.requested}


def _stratum(supervisor: Supervisor, request: DrawRequest) -> str:
    return supervisor.field if request.quotas else sortition.ALL


# --- guards ---------------------------------------------------------------------------------------------------

def _seed_published(case, on: date) -> str | None:
    if case.seed_published_on and on < case.seed_published_on:
        return _("the seed is published on %(day)s: draw on or after that day") % {"day": case.seed_published_on}
    return None


def _all_confirmed(case, on: date) -> str | None:
    confirmed = case.seats.filter(status=SeatStatus.CONFIRMED).count() if case.pk else 0
    if confirmed < case.requested:
        return _("%(n)s of %(m)s supervisors have confirmed") % {"n": confirmed, "m": case.requested}
    return None


def _has_attended(case, on: date) -> str | None:
    if case.pk and not case.seats.filter(status=SeatStatus.ATTENDED).exists():
        return _("no supervisor attended")
    return None


# --- effects --------------------------------------------------------------------------------------------------

def _prepare(case, data, *, on, by):
    quotas = data.get("quotas") or {}
    if quotas and sum(quotas.values()) != case.requested:
        raise StepError(_("The quotas add up to %(n)s, but %(m)s supervisors are requested.")
                        % {"n": sum(quotas.values()), "m": case.requested}, field="seed_source")
    published = data["seed_published_on"]
    if published <= on:
        raise StepError(_("The seed must be a value published after the listing (after %(on)s).") % {"on": on},
                        field="seed_published_on")
    if published > case.activity_on:
        raise StepError(_("The seed is published after the activity (%(day)s).") % {"day": case.activity_on},
                        field="seed_published_on")
    reason = (data.get("conflict_reason") or "").strip()
    conflicts = {s.pk: reason for s in data.get("conflicts") or ()}
    case.quotas = quotas
    eligible, excluded = eligibility.assess(case, conflicts=conflicts)
    candidates = [sortition.Candidate(s.code, _stratum(s, case)) for s in eligible]
    try:
        sortition.check_quotas(candidates, strata_of(case))
    except sortition.DrawError as exc:
        raise StepError(_("Too few eligible supervisors for the quotas: %(why)s") % {"why": exc},
                        field="seed_source") from exc
    case.conflicts = [{"code": s.code, "reason": reason} for s in data.get("conflicts") or ()]
    case.exclusions = excluded
    case.listing = sortition.listing(candidates)
    case.listing_hash = sortition.sha256(case.listing)
    case.algorithm, case.algorithm_version = sortition.ALGORITHM, sortition.VERSION
    case.probabilities = {code: f"{p.numerator}/{p.denominator}"
                          for code, p in sortition.probabilities(case.listing, strata_of(case)).items()}
    case.seed_source, case.seed_published_on, case.prepared_on = data["seed_source"].strip(), published, on


def _draw(case, data, *, on, by):
    seed = data["seed"].strip()
    drawn, reserves = sortition.draw(case.listing, seed, strata_of(case))
    case.seed, case.drawn_on, case.drawn, case.reserves = seed, on, drawn, reserves
    people = {s.code: s for s in Supervisor.objects.filter(code__in=drawn)}
    strata = {c.code: c.stratum for c in sortition.parse_listing(case.listing)}
    Seat.objects.bulk_create([Seat(request=case, supervisor=people[code], stratum=strata[code], rank=i,
                                   invited_on=on, activity_on=case.activity_on, recorded_by=by)
                              for i, code in enumerate(drawn, 1)])


def _confirm(case, data, *, on, by):
    seat = data["seat"]
    if on < seat.invited_on:
        raise StepError(_("The confirmation cannot precede the invitation (%(day)s).") % {"day": seat.invited_on},
                        field="on")
    if on > case.activity_on:
        raise StepError(_("The confirmation comes before the activity (%(day)s).") % {"day": case.activity_on},
                        field="on")
    seat.status, seat.responded_on, seat.recorded_by = SeatStatus.CONFIRMED, on, by
    seat.confirmed_via = data.get("via") or ""
    seat.save()
    if _all_confirmed(case, on) is None:
        case.state, case.confirmed_on = S.CONFIRMED, on
    return seat


def next_reserve(case: DrawRequest, stratum: str) -> str | None:
    """The first reserve not yet seated: of the same stratum, else of any (sortition.py, level two)."""
    seated = set(case.seats.values_list("supervisor__code", flat=True))
    strata = {c.code: c.stratum for c in sortition.parse_listing(case.listing)}
    free = [code for code in case.reserves if code not in seated]
    same = [code for code in free if strata.get(code) == stratum]
    return (same or free or [None])[0]


def _decline(case, data, *, on, by):
    seat = data["seat"]
    if on < seat.invited_on:
        raise StepError(_("The answer cannot precede the invitation (%(day)s).") % {"day": seat.invited_on},
                        field="on")
    seat.status, seat.responded_on, seat.decline_reason = SeatStatus.DECLINED, on, data["reason"].strip()
    seat.confirmed_via = ""
    seat.recorded_by = by
    seat.save()
    code = next_reserve(case, seat.stratum)
    if code is None:
        raise StepError(_("No reserve is left: the request cannot be filled from this draw."), field="seat")
    nxt = Supervisor.objects.get(code=code)
    rank = (case.seats.order_by("-rank").values_list("rank", flat=True).first() or 0) + 1
    Seat.objects.create(request=case, supervisor=nxt, stratum=seat.stratum, rank=rank, from_reserve=True,
                        invited_on=on, activity_on=case.activity_on, recorded_by=by)
    case.state, case.confirmed_on = S.DRAWN, None
    return seat


def _held(case, data, *, on, by):
    absent = {s.pk for s in data.get("absent") or ()}
    case.held_on = on
    case.seats.filter(status=SeatStatus.CONFIRMED, pk__in=absent).update(status=SeatStatus.ABSENT)
    case.seats.filter(status=SeatStatus.CONFIRMED).update(status=SeatStatus.ATTENDED)


def _opinion(case, data, *, on, by):
    seat = data["seat"]
    seat.opinion, seat.opinion_on, seat.recorded_by = data["opinion"].strip(), on, by
    seat.save()
    return seat


def _answer(case, data, *, on, by):
    case.answer, case.answered_on = data["answer"].strip(), on


def _cancel(case, data, *, on, by):
    case.cancel_reason = data["reason"].strip()
    case.seats.filter(status__in=(SeatStatus.INVITED, SeatStatus.CONFIRMED)).update(status=SeatStatus.DECLINED,
                                                                                    decline_reason="活动取消")


# --- documents ----------------------------------------------------------------------------------------------------

NUMBER_FORMATS = {"request": "{prefix}监抽〔{year}〕{n}号", "draw_record": "{prefix}监抽记〔{year}〕{n}号"}


def issue(case, kind: str, *, on, by, ref=None) -> str:
    number = numbering.take(kind=f"supervisors.{kind}", unit=case.unit, year=on.year,
                            default_format=NUMBER_FORMATS[kind])
    case.record_number = number
    return number


T = Transition

WORKFLOW = Workflow(states=S, model=DrawRequest, event_prefix="supervisors", issue=issue,
                    url_name="supervisors:action", transitions=[
    T("prepare", gettext_lazy("Fix and publish the candidate listing"), (S.RECEIVED,), S.PREPARED, HANDLE,
      BASIS + "第三条（司法行政机关负责人民监督员的选任、培训、考核）；随机抽选：事先公布候选名单的哈希值、算法、名额和回避排除，随机数种子取自事先确定的公开数值",
      form=forms.PrepareForm, effect=_prepare, event="prepared",
      not_before=(("received_on", gettext_lazy("the procuratorate's request")),)),
    T("draw", gettext_lazy("Draw with the published seed"), (S.PREPARED,), S.DRAWN, HANDLE,
      BASIS + "；四川省实施办法第六条第四项（负责监督办案活动人民监督员抽选工作）：二级抽选（按名额抽选，其余依次为候补）",
      clocks=(Meet(clocks.DRAW),), guards=(_seed_published,), form=forms.DrawForm, effect=_draw,
      document="draw_record", event="drawn"),
    T("confirm", gettext_lazy("Record a supervisor's confirmation"), (S.DRAWN,), None, HANDLE,
      BASIS + "（人民监督员应当按时参加监督活动）", form=forms.ConfirmForm, effect=_confirm, event="confirmed",
      not_before=(("drawn_on", gettext_lazy("the draw")),)),
    T("decline", gettext_lazy("Record a supervisor's declining (the next reserve is invited)"),
      (S.DRAWN, S.CONFIRMED), None, HANDLE, BASIS + "；因故不能参加的，由候补人员依抽选顺序递补",
      form=forms.DeclineForm, effect=_decline, event="declined",
      not_before=(("drawn_on", gettext_lazy("the draw")),)),
    T("hold", gettext_lazy("Record the activity held and attendance"), (S.CONFIRMED,), S.HELD, HANDLE,
      "《人民检察院办案活动接受人民监督员监督的规定》（2019）：人民监督员参加监督活动",
      clocks=(Start(clocks.ANSWER),), guards=(_all_confirmed,), form=forms.HeldForm, effect=_held, event="held",
      not_before=(("activity_on", gettext_lazy("the activity day")),)),
    T("record_opinion", gettext_lazy("Record a supervisor's opinion"), (S.HELD,), None, HANDLE,
      "《人民检察院办案活动接受人民监督员监督的规定》（2019）：人民监督员可以提出意见建议",
      guards=(_has_attended,), form=forms.OpinionForm, effect=_opinion, event="opinion_recorded",
      not_before=(("held_on", gettext_lazy("the activity")),)),
    T("answer", gettext_lazy("Record the procuratorate's answer"), (S.HELD,), S.ANSWERED, HANDLE,
      "《人民检察院办案活动接受人民监督员监督的规定》（2019）：人民检察院对意见建议研究处理并反馈",
      clocks=(Close(clocks.ANSWER),), form=forms.AnswerForm, effect=_answer, closes=True, event="answered",
      not_before=(("held_on", gettext_lazy("the activity")),)),
    T("cancel", gettext_lazy("Cancel the request"), (S.RECEIVED, S.PREPARED, S.DRAWN, S.CONFIRMED), S.CANCELLED,
      HANDLE, "检察院撤回邀请或者活动取消", clocks=(Close(reason="活动取消"),), form=forms.CancelForm,
      effect=_cancel, closes=True, event="cancelled"),
])

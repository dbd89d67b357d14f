"""The pool and the draw, through the services and the procedure table."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.management import call_command

from sifa.core import clocks as core_clocks
from sifa.core.models import DistrictSetting
from sifa.core.workflow import StepError, TransitionNotAllowed
from sifa.supervisors import clocks, services, sortition
from sifa.supervisors.models import AssessmentResult, Field, SeatStatus, State, SupervisorStatus
from sifa.supervisors.workflow import WORKFLOW

from .conftest import id_number, prepare_data

pytestmark = pytest.mark.django_db


def _drawn(r, staff, seed="03 09 14 21 27 33 + 05", **kw):
    on = r.received_on + timedelta(days=1)
    WORKFLOW.run(r, "prepare", by=staff, on=on, data=prepare_data(on, **kw))
    r.refresh_from_db()
    WORKFLOW.run(r, "draw", by=staff, on=r.seed_published_on, data={"seed": seed})
    r.refresh_from_db()
    return r


# --- the pool ---------------------------------------------------------------------------------------------------

def test_selection_gives_a_five_year_term(pool):
    term = pool[0].terms.get()
    assert (term.number, term.starts_on, term.ends_on) == (1, date(2022, 3, 1), date(2027, 2, 28))


def test_a_person_under_the_minimum_age_is_refused(division, staff, english):
    with pytest.raises(StepError) as e:
        services.supervisor_select(unit=division, by=staff, name="年轻人", id_number=id_number(99), code="Y-1",
                                   field=Field.LAW, birth_date=date(2000, 1, 1), selected_on=date(2022, 3, 1),
                                   appointed_by="上海市司法局")
    assert e.value.field == "birth_date"


def test_at_most_two_consecutive_terms_and_the_limit_is_district_data(pool, staff, english):
    s = pool[0]
    services.term_renew(supervisor=s, by=staff, starts_on=date(2027, 3, 1), appointed_by="上海市司法局")
    with pytest.raises(StepError, match="At most 2"):
        services.term_renew(supervisor=s, by=staff, starts_on=date(2032, 3, 1), appointed_by="上海市司法局")
    DistrictSetting.objects.create(key="supervisors.max_terms", value="3")
    assert services.term_renew(supervisor=s, by=staff, starts_on=date(2032, 3, 1), appointed_by="x").number == 3


def test_a_failed_assessment_removes_and_bars_for_good(pool, staff, english):
    s = pool[0]
    services.assessment_record(supervisor=s, by=staff, year=2022, result=AssessmentResult.FAILED,
                               assessed_on=date(2023, 1, 10))
    s.refresh_from_db()
    assert s.status == SupervisorStatus.REMOVED and s.barred
    assert s.terms.get().ended_early_on == date(2023, 1, 10)
    with pytest.raises(StepError, match="barred"):
        services.term_renew(supervisor=s, by=staff, starts_on=date(2027, 3, 1), appointed_by="x")


# --- the draw ------------------------------------------------------------------------------------------------------

def test_a_request_starts_the_draw_clock_on_working_days(pool, make_request):
    r = make_request(received=date(2022, 9, 29))  # Thursday before the National Day holiday
    d = core_clocks.current(r, clocks.DRAW)
    assert d.due == date(2022, 10, 9)  # 9-30, then 10-8 and 10-9, adjusted working days (调休)


def test_the_listing_its_hash_and_probabilities_are_fixed_before_the_seed(pool, make_request, staff):
    r = make_request()
    on = r.received_on + timedelta(days=1)
    WORKFLOW.run(r, "prepare", by=staff, on=on,
                 data=prepare_data(on, quotas={Field.LAW: 1, Field.COMMUNITY: 1, Field.EDUCATION: 1}))
    r.refresh_from_db()
    assert r.state == State.PREPARED and r.seed == ""
    assert r.listing_hash == sortition.sha256(r.listing) and len(r.listing.split("\n")) == 12
    assert (r.algorithm, r.algorithm_version) == (sortition.ALGORITHM, sortition.VERSION)
    assert r.probabilities["T-001"] == "1/4"


def test_the_seed_must_be_published_after_the_listing(pool, make_request, staff, english):
    r = make_request()
    on = r.received_on + timedelta(days=1)
    with pytest.raises(StepError) as e:
        WORKFLOW.run(r, "prepare", by=staff, on=on, data=prepare_data(on, seed_published_on=on))
    assert e.value.field == "seed_published_on"
    assert r.state == State.RECEIVED and r.listing == ""


def test_the_draw_waits_for_the_published_seed(pool, make_request, staff, english):
    r = make_request()
    on = r.received_on + timedelta(days=1)
    WORKFLOW.run(r, "prepare", by=staff, on=on, data=prepare_data(on))
    r.refresh_from_db()
    with pytest.raises(TransitionNotAllowed, match="seed is published"):
        WORKFLOW.run(r, "draw", by=staff, on=on, data={"seed": "1 2 3"})


def test_exclusions_are_recorded_with_their_reasons(pool, make_request, staff):
    first = _drawn(make_request(), staff)
    for seat in list(first.seats.all()):
        first.refresh_from_db()
        WORKFLOW.run(first, "confirm", by=staff, on=first.drawn_on, data={"seat": seat})
    r = make_request(received=date(2022, 5, 16))
    on = r.received_on + timedelta(days=1)
    WORKFLOW.run(r, "prepare", by=staff, on=on, data=prepare_data(on, conflicts=[pool[5]], conflict_reason="系被害人近亲属"))
    r.refresh_from_db()
    reasons = {e["code"]: e["reason"] for e in r.exclusions}
    assert reasons[pool[5].code] == "conflict"
    for seat in first.seats.all():
        if seat.supervisor_id != pool[5].pk:
            assert reasons[seat.supervisor.code] == "recent"
    assert pool[5].code not in r.listing


def test_the_annual_cap_excludes(pool, make_request, staff, english):
    DistrictSetting.objects.create(key="supervisors.annual_cap", value="1")
    DistrictSetting.objects.create(key="supervisors.rest_days", value="1")
    first = _drawn(make_request(requested=12), staff)
    r = make_request(received=date(2022, 8, 1))
    on = r.received_on + timedelta(days=1)
    with pytest.raises(StepError, match="Too few eligible"):
        WORKFLOW.run(r, "prepare", by=staff, on=on, data=prepare_data(on))
    assert first.seats.count() == 12


def test_a_decline_invites_the_next_reserve_of_the_same_field(pool, make_request, staff):
    r = _drawn(make_request(), staff, quotas={Field.LAW: 1, Field.COMMUNITY: 1, Field.EDUCATION: 1})
    law = r.seats.get(stratum=Field.LAW)
    WORKFLOW.run(r, "decline", by=staff, on=r.drawn_on, data={"seat": law, "reason": "出差"})
    r.refresh_from_db()
    new = r.seats.get(from_reserve=True)
    expected = [c for c in r.reserves if c.startswith("T-00") and int(c[2:]) <= 4][0]
    assert new.supervisor.code == expected and new.stratum == Field.LAW and new.status == SeatStatus.INVITED


def test_all_confirmed_then_held_opinion_and_answer_close_the_request(pool, make_request, staff):
    r = _drawn(make_request(), staff)
    assert core_clocks.for_case(r).get(rule=clocks.DRAW).state == "met"
    for seat in list(r.seats.all()):
        r.refresh_from_db()
        WORKFLOW.run(r, "confirm", by=staff, on=r.drawn_on, data={"seat": seat})
    r.refresh_from_db()
    assert r.state == State.CONFIRMED
    absent = r.seats.order_by("rank").last()
    WORKFLOW.run(r, "hold", by=staff, on=r.activity_on, data={"absent": [absent]})
    r.refresh_from_db()
    assert r.seats.filter(status=SeatStatus.ATTENDED).count() == 2
    assert r.seats.get(pk=absent.pk).status == SeatStatus.ABSENT
    seat = r.seats.filter(status=SeatStatus.ATTENDED).first()
    WORKFLOW.run(r, "record_opinion", by=staff, on=r.activity_on, data={"seat": seat, "opinion": "同意"})
    r.refresh_from_db()
    WORKFLOW.run(r, "answer", by=staff, on=r.activity_on + timedelta(days=3), data={"answer": "已采纳"})
    r.refresh_from_db()
    assert r.state == State.ANSWERED and r.closed_on == r.activity_on + timedelta(days=3)


def test_holding_before_everyone_confirmed_is_refused(pool, make_request, staff, english):
    r = _drawn(make_request(), staff)
    with pytest.raises(TransitionNotAllowed):
        WORKFLOW.run(r, "hold", by=staff, on=r.activity_on, data={"absent": []})


def test_verify_reruns_the_draw_and_finds_a_tampered_record(pool, make_request, staff, capsys):
    r = _drawn(make_request(), staff)
    assert services.verify(r).ok
    call_command("supervisors", "verify", r.number)
    assert "OK" in capsys.readouterr().out
    r.drawn = list(reversed(r.drawn))
    r.save()
    assert not services.verify(r).ok
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("supervisors", "verify", str(r.pk))

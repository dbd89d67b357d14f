"""Petitions and 12345 orders through the services and the procedure table: routing, clocks, steps, refusals."""

from __future__ import annotations

from datetime import date

import pytest

from sifa.core import clocks as core_clocks
from sifa.core.models import DistrictSetting
from sifa.core.workflow import StepError, TransitionNotAllowed
from sifa.petitions import clocks
from sifa.petitions.models import OPEN311, Kind, Opinion, Route, RoutingRule, Satisfaction, State
from sifa.petitions.selectors import queue
from sifa.petitions.workflow import WORKFLOW

pytestmark = pytest.mark.django_db


def run(p, name, by, on, **data):
    WORKFLOW.run(p, name, by=by, on=on, data=data)
    p.refresh_from_db()
    return p


def test_routing_rules_are_data_and_the_first_match_by_priority_wins(register, units):
    RoutingRule.objects.create(priority=50, keyword="律师", route=Route.HANDLE, division=units["PT-SFJ-GF"])
    RoutingRule.objects.create(priority=10, keyword="行政复议", route=Route.RECONSIDERATION)
    RoutingRule.objects.create(priority=99, keyword="", route=Route.HANDLE, division=units["PT-SFJ-BGS"])
    assert register(subject="律师收费").division.code == "PT-SFJ-GF"
    assert register(subject="律师", content="拟申请行政复议").route == Route.RECONSIDERATION
    assert register(subject="其他").division.code == "PT-SFJ-BGS"


def test_a_petition_is_noticed_within_15_days_and_handled_within_60(register, staff):
    p = register()
    assert core_clocks.current(p, clocks.NOTICE).due == date(2022, 10, 11)  # 15 days end on 10-11, a working day
    run(p, "accept", staff, date(2022, 9, 28))
    assert p.notice_number and p.state == State.ACCEPTED
    assert core_clocks.current(p, clocks.HANDLE).due == date(2022, 11, 28)  # 60 days from 9-28: Sunday 11-27, so Monday


def test_the_extension_needs_the_heads_approval_and_at_most_30_days(register, staff, users, english):
    p = run(register(), "accept", staff, date(2022, 9, 28))
    with pytest.raises(TransitionNotAllowed):
        run(p, "extend", staff, date(2022, 11, 1), days=10, reason="情况复杂")
    with pytest.raises(StepError):
        run(p, "extend", users["leader"], date(2022, 11, 1), days=31, reason="情况复杂")
    run(p, "extend", users["leader"], date(2022, 11, 1), days=30, reason="情况复杂")
    assert core_clocks.current(p, clocks.HANDLE).due == date(2022, 12, 27)


def test_a_complaint_is_answered_with_an_opinion_and_on_time_is_recorded(register, staff):
    p = run(register(), "accept", staff, date(2022, 9, 28))
    run(p, "answer", staff, date(2022, 10, 20), opinion=Opinion.SUPPORT, reply="已督促履行。")
    assert (p.state, p.answered_in_time, OPEN311[p.state]) == (State.ANSWERED, True, "closed")
    assert p.opinion_number


def test_review_within_30_days_then_second_review(register, staff, english):
    p = run(register(), "accept", staff, date(2022, 9, 28))
    run(p, "answer", staff, date(2022, 10, 20), opinion=Opinion.REJECT, reply="缺乏事实根据。")
    with pytest.raises(TransitionNotAllowed, match="30 days"):
        run(p, "request_review", staff, date(2022, 11, 25))
    run(p, "request_review", staff, date(2022, 11, 15))
    assert core_clocks.current(p, clocks.REVIEW).due == date(2022, 12, 15)
    run(p, "review", staff, date(2022, 12, 1), opinion="维持原处理意见。")
    assert p.review_number and p.state == State.REVIEWED
    run(p, "request_second_review", staff, date(2022, 12, 20))
    run(p, "second_review", staff, date(2023, 1, 10), opinion="维持。")
    assert p.state == State.SECOND_REVIEWED and OPEN311[p.state] == "closed"


def test_a_hotline_order_runs_on_working_days_by_kind_from_district_data(order, staff):
    p = order()  # a complaint: 5 working days from Monday 9-26: 27–30, then 10-8 (调休 Saturday after 国庆)
    assert core_clocks.current(p, clocks.hotline(5)).due == date(2022, 10, 8)
    DistrictSetting.objects.create(key="petitions.hotline_days", value="consultation=2")
    c = order(external_id="12345-0002", hotline_kind="consultation", received_on=date(2022, 9, 29))
    assert core_clocks.current(c, clocks.hotline(2)).due == date(2022, 10, 8)  # 9-30, 10-8 (调休 Saturday)


def test_a_hotline_order_may_be_returned_but_a_petition_not(order, register, staff, english):
    p = run(order(), "return_order", staff, date(2022, 9, 27), reason="非本单位职责")
    assert (p.state, p.returned_on, p.open311_status) == (State.RETURNED, date(2022, 9, 27), "closed")
    with pytest.raises(TransitionNotAllowed):
        run(register(), "return_order", staff, date(2022, 9, 27), reason="x")


def test_a_dissatisfied_visit_reopens_the_order_which_rejoins_the_queue(order, staff, users):
    p = run(order(), "take_order", staff, date(2022, 9, 26))
    run(p, "answer", staff, date(2022, 9, 28), opinion="", reply="已处理。")
    run(p, "visit", staff, date(2022, 9, 29), satisfaction=Satisfaction.DISSATISFIED)
    assert p not in queue(user=staff)
    run(p, "reopen", staff, date(2022, 9, 29), reason="回访不满意")
    assert (p.state, p.reopened, p.satisfaction) == (State.ACCEPTED, 1, "")
    assert p in queue(user=staff)
    assert core_clocks.current(p, clocks.hotline(5)).start == date(2022, 9, 29)


def test_referral_to_reconsideration_closes_with_a_notice(register, staff):
    p = run(register(), "refer", staff, date(2022, 9, 27), route=Route.RECONSIDERATION,
            referral_note="请向区人民政府申请行政复议。")
    assert (p.state, p.route, p.closed_on) == (State.REFERRED, Route.RECONSIDERATION, date(2022, 9, 27))
    assert p.notice_number and core_clocks.for_case(p).get(rule=clocks.NOTICE).state == "met"


def test_registration_refuses_bad_input_and_a_duplicate_order(order, register, english):
    order()
    with pytest.raises(StepError) as e:
        order()
    assert e.value.field == "external_id"
    with pytest.raises(StepError) as e:
        register(hotline_kind="help")
    assert e.value.field == "hotline_kind"
    with pytest.raises(StepError):
        register(kind="x")
    assert Kind.COMPLAINT

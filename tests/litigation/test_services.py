"""Hearings and the agency head's appearance, coordination, judicial suggestions, city reconsiderations."""

from __future__ import annotations

from datetime import date

import pytest

from sifa.core import clocks
from sifa.core.calendar import invalidate
from sifa.core.models import AuditEvent
from sifa.core.models.clocks import DeadlineState
from sifa.core.workflow import StepError
from sifa.litigation import services
from sifa.litigation.clocks import CITY_REPLY
from sifa.litigation.models import (
    AbsenceReason,
    CityOutcome,
    Coordination,
    HeadRank,
    SuggestionKind,
)
from sifa.litigation.workflow import city_workflow, suggestion_workflow, suit_workflow


def _hear(suit, handler, on=date(2024, 4, 10), **kw):
    data = dict(head_appeared=True, head_name="周文涛", head_post="副区长", head_rank=HeadRank.DEPUTY)
    data.update(kw)
    return suit_workflow.run(suit, "record_hearing", by=handler, on=on, data=data)


def test_a_deputy_head_appearing_counts_as_the_agency_head(answered, handler):
    hearing = _hear(answered(), handler)
    assert hearing.held and hearing.head_counts


def test_the_head_of_an_entrusted_body_does_not_count_as_the_agency_head(answered, handler):
    hearing = _hear(answered(), handler, head_name="钱某", head_post="区征收事务所所长",
                    head_rank=HeadRank.ENTRUSTED_BODY_HEAD)
    assert hearing.head_appeared and not hearing.head_counts


def test_entrusting_only_a_lawyer_is_refused_with_the_reason(answered, handler):
    suit = answered()
    with pytest.raises(StepError) as exc:
        _hear(suit, handler, head_appeared=False, lawyers="周律师", absence_reason=AbsenceReason.OFFICIAL_DUTY)
    assert exc.value.field == "staff"
    assert "律师" in exc.value.message or "lawyer" in exc.value.message
    assert not suit.hearings.exists()


def test_entrusted_staff_need_a_reason_for_the_heads_absence(answered, handler):
    with pytest.raises(StepError) as exc:
        _hear(answered(), handler, head_appeared=False, staff="赵敏 科长")
    assert exc.value.field == "absence_reason"


def test_entrusted_staff_with_a_reason_are_recorded(answered, handler):
    hearing = _hear(answered(), handler, head_appeared=False, staff="赵敏 科长", lawyers="周律师",
                    absence_reason=AbsenceReason.OFFICIAL_DUTY, absence_explanation="参加防汛会议")
    assert not hearing.head_counts and hearing.staff == "赵敏 科长" and hearing.head_name == ""


def test_a_head_who_appeared_must_be_named_with_post_and_rank(answered, handler):
    with pytest.raises(StepError) as exc:
        _hear(answered(), handler, head_post="")
    assert exc.value.field == "head_post"


def test_a_summons_served_fewer_than_three_days_ahead_is_flagged(answered, handler):
    suit = answered()
    late = suit_workflow.run(suit, "schedule_hearing", by=handler, on=date(2024, 5, 8),
                             data=dict(scheduled_on=date(2024, 5, 10), summons_served_on=date(2024, 5, 8)))
    on_time = suit_workflow.run(suit, "schedule_hearing", by=handler, on=date(2024, 5, 17),
                                data=dict(scheduled_on=date(2024, 5, 20), summons_served_on=date(2024, 5, 17)))
    assert late.summons_late and not on_time.summons_late


def test_recording_a_scheduled_hearing_completes_it(answered, handler):
    suit = answered()
    scheduled = suit_workflow.run(suit, "schedule_hearing", by=handler, on=date(2024, 5, 2),
                                  data=dict(scheduled_on=date(2024, 5, 10), summons_served_on=date(2024, 5, 2),
                                            head_name="周文涛", head_post="副区长", head_rank=HeadRank.DEPUTY))
    held = _hear(suit, handler, hearing=scheduled, on=date(2024, 5, 10))
    assert held.pk == scheduled.pk and held.held_on == date(2024, 5, 10)
    assert suit.hearings.count() == 1


def test_the_appearing_agency_must_be_a_defendant(answered, handler, units):
    with pytest.raises(StepError) as exc:
        _hear(answered(), handler, agency=units["PT-SCJG"])
    assert exc.value.field == "agency"


def test_a_hearing_is_audited_on_the_suit(answered, handler):
    suit = answered()
    _hear(suit, handler)
    assert AuditEvent.objects.filter(action="litigation.hearing.held", object_id=str(suit.pk)).exists()


def test_a_coordination_is_recorded_and_bumps_the_version(answered, handler):
    suit = answered()
    version = suit.version
    suit_workflow.run(suit, "coordinate", by=handler, on=date(2024, 4, 1),
                      data=dict(participants="原告、区房管局", content="协调", result=Coordination.Result.RESOLVED))
    assert suit.coordinations.get().result == "resolved" and suit.version == version + 1


def test_a_normative_document_suggestion_has_a_60_day_reply_clock(handler, units):
    kind = SuggestionKind.objects.get(code="normative_document")
    item = services.suggestion_register(by=handler, unit=units["PT-SFJ-YS"], court=units["SH-TLFY"], kind=kind,
                                        agency=units["PT-SCJG"], number="（2024）沪7101司建3号", content="建议修改",
                                        on=date(2024, 3, 1))
    d = clocks.current(item, kind.rule_key)
    assert d.due == date(2024, 4, 30) and "第一百四十九条" in d.basis
    suggestion_workflow.run(item, "reply", by=handler, on=date(2024, 4, 20), data=dict(reply="已修改"))
    assert clocks.for_case(item).get().state == DeadlineState.MET


def test_a_suggestion_without_a_statutory_period_is_marked_as_local_practice(handler, units):
    kind = SuggestionKind.objects.get(code="other")
    kind.reply_days = 20
    kind.save()
    item = services.suggestion_register(by=handler, unit=units["PT-SFJ-YS"], court=units["SH-TLFY"], kind=kind,
                                        agency=units["PT-FGJ"], number="（2024）沪7101司建4号", content="建议",
                                        on=date(2024, 3, 1))
    d = clocks.current(item, kind.rule_key)
    assert d.length == 20 and "地方工作惯例" in d.basis


def test_a_clock_reaching_a_year_without_holiday_data_is_a_clear_field_error(handler, units):
    invalidate()
    kind = SuggestionKind.objects.get(code="normative_document")
    with pytest.raises(StepError) as exc:
        services.suggestion_register(by=handler, unit=units["PT-SFJ-YS"], court=units["SH-TLFY"], kind=kind,
                                     agency=units["PT-FGJ"], number="（2026）沪7101司建9号", content="建议",
                                     on=date(2026, 11, 20))
    assert exc.value.field == "received_on" and "2027" in exc.value.message


def test_a_city_reconsideration_reply_clock_follows_the_law_in_force(handler, units):
    def reg(number, on):
        return services.city_register(by=handler, unit=units["PT-SFJ-YS"], city_case_number=number,
                                      respondent=units["PT"], agency=units["PT-FGJ"], challenged_act="征收决定",
                                      new_applicants=[{"name": "申请人"}], on=on)

    old = reg("沪府复字（2022）第1号", date(2022, 3, 9))  # 10 calendar days (2017 law)
    new = reg("沪府复字（2024）第1号", date(2024, 3, 8))  # 10 working days (2023 law)
    assert clocks.current(old, CITY_REPLY).due == date(2022, 3, 21)
    assert clocks.current(new, CITY_REPLY).due == date(2024, 3, 22)


def test_a_city_reconsideration_is_corrected_only_by_a_correcting_outcome(handler, units):
    case = services.city_register(by=handler, unit=units["PT-SFJ-YS"], city_case_number="沪府复字（2024）第2号",
                                  respondent=units["PT"], agency=units["PT-FGJ"], challenged_act="征收决定",
                                  new_applicants=[{"name": "申请人"}], on=date(2024, 3, 8))
    city_workflow.run(case, "reply", by=handler, on=date(2024, 3, 15))
    city_workflow.run(case, "decide", by=handler, on=date(2024, 5, 6), data=dict(outcome=CityOutcome.ANNUL))
    assert case.corrected and case.state == "decided"


def test_a_city_reconsideration_against_an_agency_is_refused(handler, units):
    with pytest.raises(StepError) as exc:
        services.city_register(by=handler, unit=units["PT-SFJ-YS"], city_case_number="x", respondent=units["PT-FGJ"],
                               agency=units["PT-FGJ"], challenged_act="x", new_applicants=[{"name": "a"}],
                               on=date(2024, 3, 8))
    assert exc.value.field == "respondent"


def test_a_session_needs_units_and_is_recorded(handler, units, answered):
    suit = answered()
    with pytest.raises(StepError):
        services.session_record(by=handler, unit=units["PT-SFJ-YS"], court=units["SH-TLFY"], title="三合一",
                                leaders="周文涛 副区长", units=[], on=date(2024, 6, 1))
    session = services.session_record(by=handler, unit=units["PT-SFJ-YS"], court=units["SH-TLFY"], title="三合一",
                                      leaders="周文涛 副区长", units=[units["PT-FGJ"], units["PT-DX"]], suit=suit,
                                      on=date(2024, 6, 1))
    assert session.units.count() == 2

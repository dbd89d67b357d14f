"""Each transition of a suit, its refusals and what it does to the clocks."""

from __future__ import annotations

from datetime import date

import pytest

from sifa.core import clocks
from sifa.core.cases import ConflictError
from sifa.core.models.clocks import DeadlineState
from sifa.core.workflow import StepError, TransitionNotAllowed
from sifa.litigation import services
from sifa.litigation.clocks import ANSWER, APPEAL_ANSWER, APPEAL_JUDGMENT, APPEAL_RULING, RETRIAL_OPINION
from sifa.litigation.models import Decision, Instance, SuitState
from sifa.litigation.workflow import suit_workflow


def test_registering_a_suit_starts_the_15_day_answer_clock(register):
    suit = register(on=date(2024, 3, 4))
    d = clocks.current(suit, ANSWER)
    assert suit.state == SuitState.SERVED
    assert d.due == date(2024, 3, 19)
    assert "第六十七条" in d.basis
    assert suit.number.startswith("普府应诉〔2024〕")
    assert suit.against_government


def test_a_suit_against_an_agency_alone_is_not_against_the_government(register, units):
    suit = register(defendant=units["PT-SCJG"], agency=units["PT-SCJG"])
    assert not suit.against_government


def test_a_co_defendant_government_makes_the_suit_against_the_government(register, units):
    suit = register(defendant=units["PT-FGJ"], co_defendants=[units["PT"]])
    assert suit.against_government


def test_an_answer_clock_ending_on_a_rest_day_moves_to_the_next_working_day(register):
    # 2024-09-16..17 were 中秋 rest days: 15 days from 2024-09-01 is Monday 2024-09-16.
    suit = register(on=date(2024, 9, 1))
    assert clocks.current(suit, ANSWER).due == date(2024, 9, 18)


def test_recording_the_answer_meets_the_answer_clock(register, handler):
    suit = register()
    suit_workflow.run(suit, "answer", by=handler, on=date(2024, 3, 20), data=dict(defence="事实清楚。"))
    d = clocks.for_case(suit).get(rule=ANSWER)
    assert suit.state == SuitState.ANSWERED
    assert d.state == DeadlineState.MET and d.met_on == date(2024, 3, 20)


def test_answering_twice_is_refused_with_the_reason(answered, handler):
    suit = answered()
    with pytest.raises(TransitionNotAllowed) as exc:
        suit_workflow.run(suit, "answer", by=handler, on=date(2024, 3, 10), data=dict(defence="再答辩"))
    assert "待答辩" in str(exc.value) or "Awaiting answer" in str(exc.value)


def test_an_answer_without_grounds_is_refused_on_its_field(register, handler):
    suit = register()
    with pytest.raises(StepError) as exc:
        suit_workflow.run(suit, "answer", by=handler, on=date(2024, 3, 10), data=dict(defence=" "))
    assert exc.value.field == "defence"


def test_a_stale_version_is_refused(register, handler):
    suit = register()
    with pytest.raises(ConflictError):
        suit_workflow.run(suit, "answer", by=handler, on=date(2024, 3, 10), expected_version=suit.version - 1,
                          data=dict(defence="x"))


def test_a_first_instance_judgment_starts_the_15_day_appeal_clock(answered, handler, outcome):
    suit = answered()
    suit_workflow.run(suit, "decide", by=handler, on=date(2024, 6, 3),
                      data=dict(outcome=outcome("reject_claims"), served_on=date(2024, 6, 5)))
    d = clocks.current(suit, APPEAL_JUDGMENT)
    assert suit.state == SuitState.DECIDED and suit.concluded_on == date(2024, 6, 3)
    assert d.start == date(2024, 6, 5) and d.due == date(2024, 6, 20)


def test_a_first_instance_ruling_starts_the_10_day_appeal_clock(answered, handler, outcome):
    suit = answered()
    suit_workflow.run(suit, "decide", by=handler, on=date(2024, 6, 3),
                      data=dict(outcome=outcome("dismiss_suit")))
    assert clocks.current(suit, APPEAL_RULING).due == date(2024, 6, 13)


def test_a_decision_before_the_answer_cancels_the_answer_clock(register, handler, outcome):
    suit = register()
    suit_workflow.run(suit, "decide", by=handler, on=date(2024, 3, 8),
                      data=dict(outcome=outcome("dismiss_suit")))
    assert clocks.for_case(suit).get(rule=ANSWER).state == DeadlineState.CANCELLED


def test_the_decision_cannot_be_recorded_twice(answered, handler, outcome):
    suit = answered()
    suit_workflow.run(suit, "decide", by=handler, on=date(2024, 6, 3),
                      data=dict(outcome=outcome("reject_claims")))
    with pytest.raises(TransitionNotAllowed):
        suit_workflow.run(suit, "decide", by=handler, on=date(2024, 6, 4),
                          data=dict(outcome=outcome("annul")))


def test_finalising_before_the_appeal_period_ends_is_refused(answered, handler, outcome):
    suit = answered()
    suit_workflow.run(suit, "decide", by=handler, on=date(2024, 6, 3),
                      data=dict(outcome=outcome("reject_claims")))
    with pytest.raises(StepError) as exc:
        suit_workflow.run(suit, "finalise", by=handler, on=date(2024, 6, 18))
    assert "2024-06-18" in exc.value.message
    assert "finalise" not in [t.name for t in suit_workflow.available(suit, handler, on=date(2024, 6, 18))]
    suit_workflow.run(suit, "finalise", by=handler, on=date(2024, 6, 19))
    assert suit.state == SuitState.FINAL and suit.closed_on == date(2024, 6, 19)
    assert clocks.current(suit, APPEAL_JUDGMENT) is None


def test_an_agency_appeal_after_the_period_is_refused(answered, handler, outcome):
    suit = answered()
    suit_workflow.run(suit, "decide", by=handler, on=date(2024, 6, 3), data=dict(outcome=outcome("annul")))
    with pytest.raises(StepError) as exc:
        suit_workflow.run(suit, "appeal", by=handler, on=date(2024, 6, 21), data=dict(appellant="defendant"))
    assert exc.value.field == "on"


def test_an_appeal_meets_the_appeal_clock_and_the_appeal_suit_starts_its_answer_clock(answered, handler, outcome,
                                                                                    units):
    first = answered()
    suit_workflow.run(first, "decide", by=handler, on=date(2024, 6, 3),
                      data=dict(outcome=outcome("reject_claims")))
    suit_workflow.run(first, "appeal", by=handler, on=date(2024, 6, 14), data=dict(appellant="plaintiff"))
    assert first.state == SuitState.APPEALED
    assert clocks.for_case(first).get(rule=APPEAL_JUDGMENT).state == DeadlineState.MET
    appeal = services.suit_register(
        by=handler, unit=units["PT-SFJ-YS"], court=units["SH-TLFY"], court_case_number="（2024）沪71行终9号",
        defendant=units["PT"], agency=units["PT-FGJ"], challenged_act=first.challenged_act,
        plaintiffs=list(first.plaintiffs.all()), tier=Instance.APPEAL, previous=first, on=date(2024, 7, 1))
    assert clocks.current(appeal, APPEAL_ANSWER).due == date(2024, 7, 16)


def test_an_appeal_decision_is_final_at_once_and_needs_a_disposition(answered, handler, outcome, units):
    first = answered()
    suit_workflow.run(first, "decide", by=handler, on=date(2024, 6, 3),
                      data=dict(outcome=outcome("reject_claims")))
    suit_workflow.run(first, "appeal", by=handler, on=date(2024, 6, 14), data=dict(appellant="plaintiff"))
    appeal = services.suit_register(
        by=handler, unit=units["PT-SFJ-YS"], court=units["SH-TLFY"], court_case_number="（2024）沪71行终10号",
        defendant=units["PT"], agency=units["PT-FGJ"], challenged_act="x", plaintiffs=list(first.plaintiffs.all()),
        tier=Instance.APPEAL, previous=first, on=date(2024, 7, 1))
    with pytest.raises(StepError) as exc:
        suit_workflow.run(appeal, "decide_final", by=handler, on=date(2024, 9, 1),
                          data=dict(outcome=outcome("reject_claims")))
    assert exc.value.field == "disposition"
    suit_workflow.run(appeal, "decide_final", by=handler, on=date(2024, 9, 2),
                      data=dict(outcome=outcome("reject_claims"), disposition=Decision.Disposition.UPHELD))
    assert appeal.state == SuitState.FINAL and not appeal.decision.appealable
    assert clocks.current(appeal, APPEAL_JUDGMENT) is None


def test_an_appeal_needs_an_appealed_first_instance(answered, handler, units):
    first = answered()
    with pytest.raises(StepError) as exc:
        services.suit_register(
            by=handler, unit=units["PT-SFJ-YS"], court=units["SH-TLFY"], court_case_number="（2024）沪71行终11号",
            defendant=units["PT"], agency=units["PT-FGJ"], challenged_act="x", plaintiffs=list(first.plaintiffs.all()),
            tier=Instance.APPEAL, previous=first, on=date(2024, 7, 1))
    assert exc.value.field == "previous"


def test_a_retrial_follows_a_final_suit_and_starts_the_written_opinion_clock(answered, handler, outcome, units):
    first = answered()
    suit_workflow.run(first, "withdraw", by=handler, on=date(2024, 4, 1))
    retrial = services.suit_register(
        by=handler, unit=units["PT-SFJ-YS"], court=units["SH-TLFY"], court_case_number="（2024）沪71行申1号",
        defendant=units["PT"], agency=units["PT-FGJ"], challenged_act="x", plaintiffs=list(first.plaintiffs.all()),
        tier=Instance.RETRIAL, previous=first, on=date(2024, 8, 1))
    assert "第一百一十一条" in clocks.current(retrial, RETRIAL_OPINION).basis


def test_a_withdrawal_ends_the_suit_and_closes_every_clock(register, handler):
    suit = register()
    suit_workflow.run(suit, "withdraw", by=handler, on=date(2024, 3, 12), data=dict(after_coordination=True))
    assert suit.state == SuitState.FINAL and suit.concluded_on == date(2024, 3, 12)
    assert suit.decision.outcome.code == "withdrawal" and not suit.decision.outcome.is_loss
    assert not clocks.for_case(suit).filter(state__in=["running", "overdue", "paused"]).exists()


def test_a_withdrawal_after_a_decision_is_refused(answered, handler, outcome):
    suit = answered()
    suit_workflow.run(suit, "decide", by=handler, on=date(2024, 6, 3),
                      data=dict(outcome=outcome("reject_claims")))
    with pytest.raises(TransitionNotAllowed):
        suit_workflow.run(suit, "withdraw", by=handler, on=date(2024, 6, 4))


def test_a_user_without_the_permission_is_refused(register, users):
    suit = register()
    with pytest.raises(TransitionNotAllowed):
        suit_workflow.run(suit, "answer", by=users["stats"], on=date(2024, 3, 10), data=dict(defence="x"))


def test_a_duplicate_court_case_number_is_refused_on_its_field(register):
    register(court_case_number="（2024）沪0107行初999号")
    with pytest.raises(StepError) as exc:
        register(court_case_number="（2024）沪0107行初999号")
    assert exc.value.field == "court_case_number"


def test_a_future_service_date_is_refused(register):
    with pytest.raises(StepError) as exc:
        register(on=date(2099, 1, 1))
    assert exc.value.field == "received_on"


def test_an_appeal_suit_is_not_offered_the_appealable_decision(answered, handler, outcome, units):
    first = answered()
    suit_workflow.run(first, "decide", by=handler, on=date(2024, 6, 3), data=dict(outcome=outcome("reject_claims")))
    suit_workflow.run(first, "appeal", by=handler, on=date(2024, 6, 14), data=dict(appellant="plaintiff"))
    appeal = services.suit_register(
        by=handler, unit=units["PT-SFJ-YS"], court=units["SH-TLFY"], court_case_number="（2024）沪71行终12号",
        defendant=units["PT"], agency=units["PT-FGJ"], challenged_act="x", plaintiffs=list(first.plaintiffs.all()),
        tier=Instance.APPEAL, previous=first, on=date(2024, 7, 1))
    offered = [t.name for t in suit_workflow.available(appeal, handler, on=date(2024, 9, 1))]
    assert "decide" not in offered and "decide_final" in offered
    with pytest.raises(TransitionNotAllowed):
        suit_workflow.run(appeal, "decide", by=handler, on=date(2024, 9, 1),
                          data=dict(outcome=outcome("reject_claims")))


def test_a_first_instance_mediation_statement_is_final_at_once(answered, handler, outcome):
    from sifa.litigation.models import OutcomeType

    mediation = OutcomeType.objects.filter(kind="mediation").first()
    suit = answered()
    with pytest.raises(StepError) as exc:
        suit_workflow.run(suit, "decide", by=handler, on=date(2024, 6, 3), data=dict(outcome=mediation))
    assert exc.value.field == "outcome" and suit.state == SuitState.ANSWERED
    with pytest.raises(StepError) as exc:
        suit_workflow.run(suit, "decide_final", by=handler, on=date(2024, 6, 3),
                          data=dict(outcome=outcome("reject_claims")))
    assert exc.value.field == "outcome"
    suit_workflow.run(suit, "decide_final", by=handler, on=date(2024, 6, 3), data=dict(outcome=mediation))
    assert suit.state == SuitState.FINAL and suit.closed_on == date(2024, 6, 3)
    assert not suit.decision.appealable
    assert not clocks.for_case(suit).filter(state__in=["running", "overdue", "paused"]).exists()


def test_the_tables_read_in_chinese(settings):
    import re

    from django.utils import translation

    from sifa.litigation.workflow import city_workflow, suggestion_workflow

    with translation.override("zh-hans"):
        for workflow in (suit_workflow, suggestion_workflow, city_workflow):
            for row in workflow.table():
                for text in (row["label"], row["clocks"], row["basis"]):
                    assert not re.search(r"[A-Za-z]{3,}", text), (row["name"], text)

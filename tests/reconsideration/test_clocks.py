"""The clocks of each step: periods by law version, pauses, extension, deemed acceptance."""

from __future__ import annotations

from datetime import date

import pytest

from sifa.core import clocks as core_clocks
from sifa.core.models import AuditEvent
from sifa.core.workflow import StepError
from sifa.reconsideration import clocks, services
from sifa.reconsideration.models import Application, Procedure, State
from sifa.reconsideration.workflow import WORKFLOW

D = date(2024, 3, 4)
OLD = date(2022, 3, 1)


def _clock(app, rule):
    return core_clocks.current(app, rule)


def _accept(app, by, **kw):
    return WORKFLOW.run(app, "accept", by=by, on=kw.pop("on", app.received_on), data={**kw})


def test_rules_follow_the_law_in_force(db):
    assert "2017" in core_clocks.rule_for(clocks.DECISION_ORDINARY, date(2022, 5, 1)).basis
    assert core_clocks.rule_for(clocks.DECISION_ORDINARY, date(2024, 5, 1)).basis == "行政复议法 第六十二条第一款"
    assert core_clocks.rule_for(clocks.ANSWER_ORDINARY, date(2022, 5, 1)).unit == core_clocks.DAYS
    assert core_clocks.rule_for(clocks.ANSWER_ORDINARY, date(2024, 5, 1)).unit == core_clocks.WORKING_DAYS
    with pytest.raises(core_clocks.ClockError):
        core_clocks.rule_for(clocks.DECISION_SIMPLIFIED, date(2022, 5, 1))


def test_ordinary_decision_period_is_sixty_days_rolled_past_the_may_holiday(make_app, handler):
    app = _accept(make_app(), handler)
    assert _clock(app, clocks.DECISION_ORDINARY).due == date(2024, 5, 6)  # 05-03 is a holiday
    assert _clock(app, clocks.COPY_ORDINARY).due == date(2024, 3, 13)  # 7 working days


def test_simplified_procedure_thirty_days_and_three_working_days(make_app, handler):
    app = _accept(make_app(), handler, procedure=Procedure.SIMPLIFIED, simplified_ground="warning")
    assert _clock(app, clocks.DECISION_SIMPLIFIED).due == date(2024, 4, 3)
    assert _clock(app, clocks.COPY_SIMPLIFIED).due == date(2024, 3, 7)


def test_simplified_procedure_is_refused_under_the_2017_law(make_app, handler):
    app = make_app(received_on=OLD)
    with pytest.raises(StepError) as exc:
        _accept(app, handler, procedure=Procedure.SIMPLIFIED, simplified_ground="warning")
    assert exc.value.field == "procedure"
    app.refresh_from_db()
    assert app.state == State.RECEIVED


def test_answer_period_in_working_days_under_2023_law_and_calendar_days_under_2017(make_app, handler):
    new = _accept(make_app(), handler)
    WORKFLOW.run(new, "send_copy", by=handler, on=date(2024, 3, 6))
    assert _clock(new, clocks.ANSWER_ORDINARY).due == date(2024, 3, 20)
    old = _accept(make_app(received_on=OLD), handler)
    WORKFLOW.run(old, "send_copy", by=handler, on=date(2022, 3, 3))
    assert _clock(old, clocks.ANSWER_ORDINARY).due == date(2022, 3, 14)  # 03-13 is a Sunday
    WORKFLOW.run(old, "record_answer", by=handler, on=date(2022, 3, 10))
    assert _clock(old, clocks.ANSWER_ORDINARY) is None


def test_correction_pauses_the_review_and_the_review_runs_again_under_the_2023_law(make_app, handler):
    app = make_app()
    WORKFLOW.run(app, "request_correction", by=handler, on=date(2024, 3, 5), data={"items": "x"})
    assert _clock(app, clocks.ACCEPTANCE_REVIEW).state == "paused"
    assert _clock(app, clocks.CORRECTION).due == date(2024, 3, 19)
    WORKFLOW.run(app, "receive_correction", by=handler, on=date(2024, 3, 14))
    review = _clock(app, clocks.ACCEPTANCE_REVIEW)
    assert review.start == date(2024, 3, 14) and review.due == date(2024, 3, 21)


def test_correction_time_is_not_counted_under_the_2017_law(make_app, handler):
    app = make_app(received_on=OLD)  # review due 2022-03-08
    WORKFLOW.run(app, "request_correction", by=handler, on=date(2022, 3, 2), data={"items": "x"})
    WORKFLOW.run(app, "receive_correction", by=handler, on=date(2022, 3, 9))
    # paused 03-02..03-09: 5 working days excluded → 10 working days after 03-01
    assert _clock(app, clocks.ACCEPTANCE_REVIEW).due == date(2022, 3, 15)


def test_correction_period_can_be_extended_within_the_limit(make_app, handler):
    app = make_app()
    WORKFLOW.run(app, "request_correction", by=handler, on=D, data={"items": "x"})
    WORKFLOW.run(app, "extend_correction", by=handler, on=D, data={"days": 5, "reason": "申请人住院"})
    assert _clock(app, clocks.CORRECTION).due == date(2024, 3, 25)
    with pytest.raises(StepError):
        WORKFLOW.run(app, "extend_correction", by=handler, on=D, data={"days": 6, "reason": "x"})


def test_inspection_and_appraisal_are_excluded_from_the_decision_period(make_app, handler):
    app = _accept(make_app(), handler)
    WORKFLOW.run(app, "start_investigation", by=handler, on=date(2024, 3, 11), data={"kind": "inspection",
                 "purpose": "现场勘验违建"})
    assert _clock(app, clocks.DECISION_ORDINARY).state == "paused"
    WORKFLOW.run(app, "end_investigation", by=handler, on=date(2024, 3, 21), data={"findings": "已拆除"})
    d = _clock(app, clocks.DECISION_ORDINARY)
    assert d.due == date(2024, 5, 13)  # 2024-05-03 + 10 days
    assert "第三十四条" in d.explain()


def test_plain_investigation_does_not_stop_the_clock(make_app, handler):
    app = _accept(make_app(), handler)
    WORKFLOW.run(app, "start_investigation", by=handler, on=date(2024, 3, 11), data={"kind": "investigation"})
    assert _clock(app, clocks.DECISION_ORDINARY).state != "paused"


def test_suspension_pauses_the_decision_clock_and_resumption_moves_the_due_date(make_app, handler):
    app = _accept(make_app(), handler)
    WORKFLOW.run(app, "suspend", by=handler, on=date(2024, 3, 10), data={"ground": "1"})
    assert _clock(app, clocks.DECISION_ORDINARY).state == "paused"
    assert _clock(app, clocks.SUSPENSION_TERMINATION).due == date(2024, 5, 9)
    WORKFLOW.run(app, "resume", by=handler, on=date(2024, 3, 30))
    assert _clock(app, clocks.DECISION_ORDINARY).due == date(2024, 5, 23)
    assert _clock(app, clocks.SUSPENSION_TERMINATION) is None


def test_extension_by_the_head_at_most_thirty_days(make_app, handler, head):
    app = _accept(make_app(), handler)
    WORKFLOW.run(app, "extend_decision", by=head, on=date(2024, 4, 30), data={"days": 20, "reason": "情况复杂"})
    assert _clock(app, clocks.DECISION_ORDINARY).due == date(2024, 5, 23)
    with pytest.raises(StepError) as exc:
        WORKFLOW.run(app, "extend_decision", by=head, on=date(2024, 5, 1), data={"days": 11, "reason": "x"})
    assert "30" in exc.value.message


def test_switch_to_ordinary_keeps_the_excluded_time(make_app, handler, head):
    app = _accept(make_app(), handler, procedure=Procedure.SIMPLIFIED, simplified_ground="small_amount")
    WORKFLOW.run(app, "start_investigation", by=handler, on=date(2024, 3, 11), data={"kind": "appraisal"})
    WORKFLOW.run(app, "end_investigation", by=handler, on=date(2024, 3, 21))
    WORKFLOW.run(app, "switch_to_ordinary", by=head, on=date(2024, 3, 22), data={"reason": "案情复杂"})
    assert app.procedure == Procedure.ORDINARY
    assert _clock(app, clocks.DECISION_SIMPLIFIED) is None
    assert _clock(app, clocks.DECISION_ORDINARY).due == date(2024, 5, 13)


def test_deemed_acceptance_is_set_based_and_follows_each_law(make_app, handler, django_assert_max_num_queries):
    new = make_app()  # review due 2024-03-11
    old = make_app(received_on=OLD)  # review due 2022-03-08
    fresh = make_app(received_on=date(2024, 3, 11))
    paused = make_app()
    WORKFLOW.run(paused, "request_correction", by=handler, on=D, data={"items": "x"})
    moved = services.reconsideration_deem_accepted_due(on=date(2024, 3, 12))
    assert moved == 2
    new, old, fresh, paused = (Application.objects.get(pk=a.pk) for a in (new, old, fresh, paused))
    assert new.state == State.HEARING and new.deemed_accepted and new.accepted_on == date(2024, 3, 11)
    assert old.accepted_on == OLD  # FY2017 17 ¶2: accepted from the day of receipt
    assert fresh.state == State.RECEIVED and paused.state == State.CORRECTION_REQUESTED
    assert _clock(new, clocks.DECISION_ORDINARY).start == date(2024, 3, 11)
    assert _clock(new, clocks.ACCEPTANCE_REVIEW) is None
    assert new.history.first().state == State.HEARING
    assert AuditEvent.objects.filter(action="reconsideration.deemed_accepted", object_id=str(new.pk)).exists()
    assert new.version == 2
    assert services.reconsideration_deem_accepted_due(on=date(2024, 3, 12)) == 0


def test_deem_accepted_command(make_app, capsys):
    from django.core.management import call_command

    make_app()
    call_command("reconsideration_deem_accepted", "--date", "2024-03-12")
    assert "1" in capsys.readouterr().out


def test_a_year_without_holiday_data_gives_a_message_not_a_crash(make_app, handler):
    app = make_app(received_on=date(2026, 12, 21))
    with pytest.raises(StepError) as exc:
        WORKFLOW.run(app, "accept", by=handler, on=date(2026, 12, 22))
    assert "2027" in exc.value.message

"""Every transition of the procedure, and the refusals, each saying why."""

from __future__ import annotations

from datetime import date

import pytest

from sifa.core import clocks as core_clocks
from sifa.core.cases import ConflictError
from sifa.core.workflow import StepError, TransitionNotAllowed
from sifa.reconsideration import clocks, services
from sifa.reconsideration.models import (
    CaseDocument,
    DocumentKind,
    Outcome,
    ReviewOutcome,
    State,
    TerminationGround,
)
from sifa.reconsideration.workflow import WORKFLOW

D = date(2024, 3, 4)  # a Monday, under the 2023 law


def _accepted(make_app, handler, **kw):
    app = make_app(**kw)
    return WORKFLOW.run(app, "accept", by=handler, on=app.received_on)


def test_registration_starts_the_acceptance_review_and_numbers_the_case(make_app):
    app = make_app()
    assert app.state == State.RECEIVED
    assert app.number == "普府复〔2024〕1号"
    assert app.receipt_number.startswith("FY")
    d = core_clocks.current(app, clocks.ACCEPTANCE_REVIEW)
    assert d.due == date(2024, 3, 11)
    assert "第三十条" in d.basis


def test_accept_moves_to_review_and_issues_the_acceptance_notice(make_app, handler):
    app = _accepted(make_app, handler)
    assert app.state == State.HEARING and app.review_outcome == ReviewOutcome.ACCEPTED
    assert app.accepted_on == D
    doc = CaseDocument.objects.get(case=app, kind=DocumentKind.ACCEPTANCE_NOTICE)
    assert doc.number == "普府复受字〔2024〕1号"


def test_accepting_twice_is_refused_naming_the_state(make_app, handler):
    app = _accepted(make_app, handler)
    with pytest.raises(TransitionNotAllowed) as exc:
        WORKFLOW.run(app, "accept", by=handler, on=D)
    assert "Accepted, under review" in str(exc.value) or "审理中" in str(exc.value)


def test_not_accepting_records_the_reasons_and_closes_the_clocks(make_app, handler):
    app = make_app()
    WORKFLOW.run(app, "not_accept", by=handler, on=date(2024, 3, 6), data={"reasons": "超过法定申请期限",
                 "competent_authority": "上海市公安局"})
    assert app.state == State.NOT_ACCEPTED and app.closed_on == date(2024, 3, 6)
    assert not [d for d in core_clocks.for_case(app) if d.is_open]
    assert CaseDocument.objects.filter(case=app, kind=DocumentKind.NON_ACCEPTANCE).exists()


def test_not_accepting_after_the_review_period_is_refused_because_the_case_is_deemed_accepted(make_app, handler):
    app = make_app()
    with pytest.raises(TransitionNotAllowed) as exc:
        WORKFLOW.run(app, "not_accept", by=handler, on=date(2024, 3, 12), data={"reasons": "x"})
    assert "2024-03-11" in str(exc.value)


def test_correction_round_trip(make_app, handler):
    app = make_app()
    req = WORKFLOW.run(app, "request_correction", by=handler, on=date(2024, 3, 5), data={"items": "请补充身份证明"})
    assert app.state == State.CORRECTION_REQUESTED
    assert CaseDocument.objects.get(case=app, kind=DocumentKind.CORRECTION_NOTICE).number == "普府复补字〔2024〕1号"
    WORKFLOW.run(app, "receive_correction", by=handler, on=date(2024, 3, 14))
    req.refresh_from_db()
    assert app.state == State.RECEIVED and req.materials_received_on == date(2024, 3, 14)


def test_correction_cannot_be_declared_lapsed_while_the_applicant_still_has_time(make_app, handler):
    app = make_app()
    WORKFLOW.run(app, "request_correction", by=handler, on=D, data={"items": "x"})
    with pytest.raises(TransitionNotAllowed) as exc:
        WORKFLOW.run(app, "correction_lapsed", by=handler, on=date(2024, 3, 18))
    assert "2024-03-18" in str(exc.value)
    WORKFLOW.run(app, "correction_lapsed", by=handler, on=date(2024, 3, 19))
    assert app.state == State.ABANDONED and app.review_outcome == ReviewOutcome.ABANDONED


def test_resolution_before_acceptance_records_how(make_app, handler):
    app = make_app()
    WORKFLOW.run(app, "request_correction", by=handler, on=D, data={"items": "x"})
    WORKFLOW.run(app, "resolve_before_acceptance", by=handler, on=date(2024, 3, 6),
                 data={"method": "coordination", "note": "被申请人撤销原处罚，申请人撤回申请"})
    assert app.state == State.PRE_ACCEPTANCE_RESOLVED
    assert app.review_outcome == ReviewOutcome.PRE_ACCEPTANCE_RESOLVED and app.resolution_method == "coordination"


def test_deciding_before_acceptance_is_refused_with_the_states_it_needs(make_app, handler):
    app = make_app()
    with pytest.raises(TransitionNotAllowed) as exc:
        WORKFLOW.run(app, "decide", by=handler, on=D, data={"decision_type": "WC", "reasons": "x"})
    msg = str(exc.value)
    assert "Decide" in msg or "决定" in msg


def test_decision_derives_direct_correction_and_carries_the_case_number(make_app, handler):
    app = _accepted(make_app, handler)
    WORKFLOW.run(app, "decide", by=handler, on=date(2024, 4, 10), data={"decision_type": "CX",
                 "reasons": "事实不清"})
    assert app.state == State.DECIDED and app.direct_correction and app.outcome == Outcome.DECISION
    assert app.concluded_on == date(2024, 4, 10)
    assert CaseDocument.objects.get(case=app, kind=DocumentKind.DECISION).number == app.number
    decision_clock = core_clocks.for_case(app).get(rule=clocks.DECISION_ORDINARY)
    assert decision_clock.state == "met" and decision_clock.met_on == date(2024, 4, 10)
    WORKFLOW.run(app, "serve", by=handler, on=date(2024, 4, 12), data={"method": "直接送达"})
    assert app.state == State.SERVED and app.served_on == date(2024, 4, 12)


def test_upholding_is_not_a_direct_correction(make_app, handler):
    app = _accepted(make_app, handler)
    WORKFLOW.run(app, "decide", by=handler, on=date(2024, 4, 1), data={"decision_type": "WC", "reasons": "x"})
    assert not app.direct_correction


def test_serving_before_the_decision_date_is_refused(make_app, handler):
    app = _accepted(make_app, handler)
    WORKFLOW.run(app, "decide", by=handler, on=date(2024, 4, 10), data={"decision_type": "WC",
                 "reasons": "x"})
    with pytest.raises(StepError):
        WORKFLOW.run(app, "serve", by=handler, on=date(2024, 4, 9), data={"method": "邮寄"})


def test_mediation_concludes_with_a_mediation_document(make_app, handler):
    app = _accepted(make_app, handler)
    WORKFLOW.run(app, "mediate", by=handler, on=date(2024, 3, 20), data={"terms": "被申请人将罚款变更为警告"})
    assert app.state == State.MEDIATED and app.outcome == Outcome.MEDIATION
    assert CaseDocument.objects.get(case=app, kind=DocumentKind.MEDIATION).number == "普府复调字〔2024〕1号"


def test_mediation_while_suspended_needs_ground_six(make_app, handler):
    app = _accepted(make_app, handler)
    WORKFLOW.run(app, "suspend", by=handler, on=date(2024, 3, 10), data={"ground": "5"})
    with pytest.raises(TransitionNotAllowed) as exc:
        WORKFLOW.run(app, "mediate", by=handler, on=date(2024, 3, 20), data={"terms": "x"})
    assert "⑥" in str(exc.value)


def test_withdrawal_after_mediation_counts_as_mediated(make_app, handler):
    app = _accepted(make_app, handler)
    WORKFLOW.run(app, "withdraw", by=handler, on=date(2024, 3, 20), data={"after_mediation": True})
    assert app.state == State.TERMINATED and app.outcome == Outcome.MEDIATED_WITHDRAWAL
    assert app.termination_ground == TerminationGround.WITHDRAWAL
    assert CaseDocument.objects.filter(case=app, kind=DocumentKind.TERMINATION).exists()


def test_settlement_then_withdrawal(make_app, handler):
    app = _accepted(make_app, handler)
    WORKFLOW.run(app, "withdraw", by=handler, on=date(2024, 3, 20), data={"settled": True})
    assert app.outcome == Outcome.SETTLEMENT


def test_suspension_and_resumption_issue_their_notices(make_app, handler):
    app = _accepted(make_app, handler)
    WORKFLOW.run(app, "suspend", by=handler, on=date(2024, 3, 10), data={"ground": "8", "reason": "等待法院判决"})
    assert app.state == State.SUSPENDED
    WORKFLOW.run(app, "resume", by=handler, on=date(2024, 3, 20))
    assert app.state == State.HEARING
    kinds = set(CaseDocument.objects.filter(case=app).values_list("kind", flat=True))
    assert {DocumentKind.SUSPENSION_NOTICE, DocumentKind.RESUMPTION_NOTICE} <= kinds


def test_resuming_a_case_that_is_not_suspended_is_refused(make_app, handler):
    app = _accepted(make_app, handler)
    with pytest.raises(TransitionNotAllowed):
        WORKFLOW.run(app, "resume", by=handler, on=date(2024, 3, 20))


def test_termination_after_sixty_days_of_suspension_needs_the_sixty_days(make_app, handler):
    app = _accepted(make_app, handler)
    WORKFLOW.run(app, "suspend", by=handler, on=date(2024, 3, 10), data={"ground": "1"})
    with pytest.raises(StepError) as exc:
        WORKFLOW.run(app, "terminate", by=handler, on=date(2024, 5, 1), data={"ground": "5"})
    assert "2024-05-09" in str(exc.value)
    WORKFLOW.run(app, "terminate", by=handler, on=date(2024, 5, 10), data={"ground": "5"})
    assert app.state == State.TERMINATED and app.outcome == Outcome.TERMINATION


def test_termination_ground_five_is_refused_for_other_suspension_grounds(make_app, handler):
    app = _accepted(make_app, handler)
    WORKFLOW.run(app, "suspend", by=handler, on=date(2024, 3, 10), data={"ground": "3"})
    with pytest.raises(StepError):
        WORKFLOW.run(app, "terminate", by=handler, on=date(2024, 6, 10), data={"ground": "5"})


def test_hearing_scheduled_too_soon_is_refused(make_app, handler, users):
    app = _accepted(make_app, handler)
    with pytest.raises(StepError) as exc:
        WORKFLOW.run(app, "schedule_hearing", by=handler, on=D, data={"scheduled_for": date(2024, 3, 8),
                     "presiding": users["fuyi_head"], "officers": [users["handler"], users["handler2"]],
                     "clerk": users["yingsu"]})
    assert exc.value.field == "scheduled_for" and "2024-03-11" in exc.value.message


def test_hearing_needs_a_full_panel(make_app, handler, users):
    app = _accepted(make_app, handler)
    with pytest.raises(StepError) as exc:
        WORKFLOW.run(app, "schedule_hearing", by=handler, on=D, data={"scheduled_for": date(2024, 3, 20),
                     "presiding": users["fuyi_head"], "officers": [users["handler"]],
                     "clerk": users["yingsu"]})
    assert exc.value.field == "officers"


def test_hearing_scheduled_and_held(make_app, handler, users):
    app = _accepted(make_app, handler)
    h = WORKFLOW.run(app, "schedule_hearing", by=handler, on=D, data={"scheduled_for": date(2024, 3, 11),
                     "presiding": users["fuyi_head"], "officers": [users["handler"], users["handler2"]],
                     "clerk": users["yingsu"], "place": "听证室", "matters": "处罚程序是否合法"})
    assert CaseDocument.objects.get(case=app, kind=DocumentKind.HEARING_NOTICE).ref == {"hearing": h.pk}
    WORKFLOW.run(app, "record_hearing", by=handler, on=date(2024, 3, 11), data={"hearing": h,
                 "participants": "申请人、被申请人", "record": "双方陈述意见", "respondent_head_attended": True})
    h.refresh_from_db()
    assert h.state == "held" and h.held_on == date(2024, 3, 11)


def test_a_hearing_cannot_be_recorded_without_notice(make_app, handler):
    app = _accepted(make_app, handler)
    with pytest.raises(StepError):
        WORKFLOW.run(app, "record_hearing", by=handler, on=date(2024, 3, 11), data={"kind": "hearing"})
    interview = WORKFLOW.run(app, "record_hearing", by=handler, on=date(2024, 3, 11),
                             data={"kind": "interview"})
    assert interview.state == "held"


def test_major_case_under_the_2023_law_needs_a_hearing_and_the_committee_before_the_decision(make_app, handler,
                                                                                             users, units):
    app = _accepted(make_app, handler, major=True)
    with pytest.raises(TransitionNotAllowed) as exc:
        WORKFLOW.run(app, "decide", by=handler, on=date(2024, 4, 1), data={"decision_type": "WC",
                     "reasons": "x"})
    assert "第五十条" in str(exc.value) or "FY 50" in str(exc.value)
    h = WORKFLOW.run(app, "schedule_hearing", by=handler, on=D, data={"scheduled_for": date(2024, 3, 20),
                     "presiding": users["fuyi_head"], "officers": [users["handler"], users["handler2"]],
                     "clerk": users["yingsu"]})
    WORKFLOW.run(app, "record_hearing", by=handler, on=date(2024, 3, 20), data={"hearing": h})
    with pytest.raises(TransitionNotAllowed) as exc:
        WORKFLOW.run(app, "decide", by=handler, on=date(2024, 4, 1), data={"decision_type": "WC",
                     "reasons": "x"})
    assert "第五十二条" in str(exc.value) or "FY 52" in str(exc.value)
    meeting = services.committee_meeting_create(unit=units["PT-SFJ-FY"], title="第一次案审会", held_on=date(2024, 3, 25),
                                                by=handler)
    review = WORKFLOW.run(app, "refer_to_committee", by=handler, data={"meeting": meeting, "reason": "案情复杂"})
    services.committee_meeting_record(meeting=meeting, by=handler, district_head_attended=True,
                                      opinions={review.pk: "建议维持"})
    WORKFLOW.run(app, "decide", by=handler, on=date(2024, 4, 1), data={"decision_type": "WC", "reasons": "x"})
    assert app.state == State.DECIDED


def test_only_the_head_may_extend_or_switch(make_app, handler, head):
    app = _accepted(make_app, handler)
    with pytest.raises(TransitionNotAllowed):
        WORKFLOW.run(app, "extend_decision", by=handler, on=D, data={"days": 30, "reason": "情况复杂"})
    WORKFLOW.run(app, "extend_decision", by=head, on=date(2024, 4, 20), data={"days": 30, "reason": "情况复杂"})


def test_stale_version_is_refused_with_a_conflict(make_app, handler):
    app = make_app()
    stale = app.version
    WORKFLOW.run(app, "request_correction", by=handler, on=D, data={"items": "x"}, expected_version=stale)
    from sifa.reconsideration.models import Application

    again = Application.objects.get(pk=app.pk)
    with pytest.raises(ConflictError):
        WORKFLOW.run(again, "receive_correction", by=handler, on=date(2024, 3, 6), expected_version=stale)
    again.refresh_from_db()
    assert again.state == State.CORRECTION_REQUESTED  # nothing half-written


def test_available_actions_follow_state_permission_and_guards(make_app, handler, head, users):
    app = make_app()
    names = {t.name for t in WORKFLOW.available(app, handler, on=D)}
    assert {"accept", "not_accept", "request_correction", "resolve_before_acceptance"} <= names
    assert "decide" not in names and "deem_accepted" not in names and "assign" not in names
    assert "assign" in {t.name for t in WORKFLOW.available(app, head, on=D)}
    assert WORKFLOW.available(app, users["stats"], on=D) == []
    lapsed = {t.name for t in WORKFLOW.available(app, handler, on=date(2024, 3, 12))}
    assert "accept" not in lapsed and "not_accept" not in lapsed


def test_every_transition_names_its_legal_basis_and_its_clocks_in_chinese(db):
    import re

    from django.utils import translation

    with translation.override("zh-hans"):
        for t in WORKFLOW.transitions.values():
            assert t.basis.startswith("《行政复议法"), t.name
            assert not re.search(r"[A-Za-z]", t.basis + t.clocks_text()), (t.name, t.clocks_text())
    assert WORKFLOW["deem_accepted"].manual is False  # the sweep's step, with its clocks declared like the others
    assert [e.op for e in WORKFLOW["deem_accepted"].effects] == ["meet", "start", "start"]

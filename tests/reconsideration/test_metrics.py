"""The line's figures on small hand-made data."""

from __future__ import annotations

from datetime import date

from sifa.core import metrics
from sifa.reconsideration.workflow import WORKFLOW

START, END = date(2022, 1, 1), date(2022, 10, 31)


def _compute(unit=None):
    return metrics.compute(START, END, unit, lines=["reconsideration"]).flat()


def test_figures_and_the_table_equation(make_app, handler, units):
    h = handler
    # carried over: accepted in 2021, concluded by mediation in 2022
    old = make_app(received_on=date(2021, 12, 1))
    WORKFLOW.run(old, "accept", by=h, on=date(2021, 12, 2))
    WORKFLOW.run(old, "mediate", by=h, on=date(2022, 1, 10), data={"terms": "x"})
    # received in 2022
    a = make_app(received_on=date(2022, 3, 1))
    WORKFLOW.run(a, "accept", by=h, on=date(2022, 3, 2))
    WORKFLOW.run(a, "decide", by=h, on=date(2022, 4, 1), data={"decision_type": "CX", "reasons": "x"})
    b = make_app(received_on=date(2022, 3, 1))
    WORKFLOW.run(b, "accept", by=h, on=date(2022, 3, 2))
    WORKFLOW.run(b, "record_hearing", by=h, on=date(2022, 3, 10), data={"kind": "interview"})
    WORKFLOW.run(b, "decide", by=h, on=date(2022, 4, 1), data={"decision_type": "WC", "reasons": "x"})
    c = make_app(received_on=date(2022, 3, 1), respondent_code="PT-FGJ")
    WORKFLOW.run(c, "accept", by=h, on=date(2022, 3, 2))
    WORKFLOW.run(c, "withdraw", by=h, on=date(2022, 5, 1), data={"settled": True})
    d = make_app(received_on=date(2022, 3, 1))
    WORKFLOW.run(d, "not_accept", by=h, on=date(2022, 3, 3), data={"reasons": "x"})
    e = make_app(received_on=date(2022, 3, 1))
    WORKFLOW.run(e, "resolve_before_acceptance", by=h, on=date(2022, 3, 3), data={"method": "coordination",
                 "note": "x"})
    f = make_app(received_on=date(2022, 10, 20))  # accepted, concluded after the period
    WORKFLOW.run(f, "accept", by=h, on=date(2022, 10, 21))
    WORKFLOW.run(f, "mediate", by=h, on=date(2022, 11, 20), data={"terms": "x"})
    make_app(received_on=date(2022, 11, 2))  # outside the period

    v = _compute()
    assert v["reconsideration.received"] == 6
    assert (v["reconsideration.pre_acceptance_resolved"], v["reconsideration.accepted"],
            v["reconsideration.not_accepted"]) == (1, 4, 1)
    assert v["reconsideration.concluded"] == 4  # old (mediated), a, b, c
    assert v["reconsideration.carried_over_concluded"] == 1
    assert v["reconsideration.mediated"] == 1
    assert v["reconsideration.settled_withdrawn"] == 1
    assert v["reconsideration.decided"] == 2
    assert v["reconsideration.direct_corrections"] == 1
    assert v["reconsideration.correction_rate"] == 50.0
    assert v["reconsideration.resolution_rate"] == 25.0
    assert v["reconsideration.hearings_interviews"] == 1
    res = metrics.compute(START, END, None, lines=["reconsideration"])
    assert all(e.holds for e in res.equations)
    # the drill-down returns exactly the rows behind a figure
    assert set(metrics.cases_for("reconsideration.direct_corrections", START, END).values_list("pk", flat=True)) == {a.pk}
    by_respondent = dict(metrics.breakdown("reconsideration.received", START, END, by="respondent__name"))
    assert by_respondent == {"区公安分局交通警察支队": 5, "区房管局": 1}
    assert dict(metrics.breakdown("reconsideration.hearings_interviews", START, END, by="act_kind__name")) == {"行政处罚": 1}


def test_an_application_still_under_review_breaks_the_equation(make_app):
    make_app(received_on=date(2022, 3, 1))
    res = metrics.compute(START, END, None, lines=["reconsideration"])
    assert not res.equations[0].holds
    assert res.flat()["reconsideration.under_review"] == 1


def test_unit_subtree_scopes_the_figures(make_app, units):
    make_app(received_on=date(2022, 3, 1))
    assert _compute(units["PT-SFJ"])["reconsideration.received"] == 1
    assert _compute(units["PT-SFS-CSL"])["reconsideration.received"] == 0

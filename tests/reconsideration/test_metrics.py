"""The line's figures on small hand-made data."""

from __future__ import annotations

from datetime import date

from sifa.core import metrics
from sifa.reconsideration import services

START, END = date(2022, 1, 1), date(2022, 10, 31)


def _compute(unit=None):
    return metrics.compute(START, END, unit, lines=["reconsideration"]).flat()


def test_figures_and_the_table_equation(make_app, handler, units):
    h = handler
    # carried over: accepted in 2021, concluded by mediation in 2022
    old = make_app(received_on=date(2021, 12, 1))
    services.application_accept(application=old, by=h, on=date(2021, 12, 2))
    services.application_mediate(application=old, terms="x", by=h, on=date(2022, 1, 10))
    # received in 2022
    a = make_app(received_on=date(2022, 3, 1))
    services.application_accept(application=a, by=h, on=date(2022, 3, 2))
    services.application_decide(application=a, decision_type="CX", reasons="x", by=h, on=date(2022, 4, 1))
    b = make_app(received_on=date(2022, 3, 1))
    services.application_accept(application=b, by=h, on=date(2022, 3, 2))
    services.hearing_record(application=b, kind="interview", held_on=date(2022, 3, 10), by=h)
    services.application_decide(application=b, decision_type="WC", reasons="x", by=h, on=date(2022, 4, 1))
    c = make_app(received_on=date(2022, 3, 1), respondent_code="PT-FGJ")
    services.application_accept(application=c, by=h, on=date(2022, 3, 2))
    services.application_withdraw(application=c, settled=True, by=h, on=date(2022, 5, 1))
    d = make_app(received_on=date(2022, 3, 1))
    services.application_not_accept(application=d, reasons="x", by=h, on=date(2022, 3, 3))
    e = make_app(received_on=date(2022, 3, 1))
    services.application_resolve_before_acceptance(application=e, method="coordination", note="x", by=h,
                                                   on=date(2022, 3, 3))
    f = make_app(received_on=date(2022, 10, 20))  # accepted, concluded after the period
    services.application_accept(application=f, by=h, on=date(2022, 10, 21))
    services.application_mediate(application=f, terms="x", by=h, on=date(2022, 11, 20))
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

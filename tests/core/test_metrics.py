"""The metric registry, on a test MetricSet over core.Party (counted by the day each row was created)."""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Q
from django.utils import timezone

from sifa.core import metrics
from sifa.core.models import Party

LINE = "testparties"


def party_set(**kw) -> metrics.MetricSet:
    base = dict(line=LINE, label="当事人", list_url_name="party_list", metrics=[
        metrics.Count(f"{LINE}.registered", "登记当事人", "登记的当事人", model="core.Party",
                      date_field="created_at__date", unit_label="人"),
        metrics.Count(f"{LINE}.persons", "自然人", "自然人当事人", model="core.Party", date_field="created_at__date",
                      q=Q(kind="person"), unit_label="人"),
        metrics.Count(f"{LINE}.organisations", "组织", "组织当事人", model="core.Party",
                      date_field="created_at__date", q=Q(kind="organisation")),
        metrics.Rate(f"{LINE}.person_share", "自然人占比", "自然人 ÷ 登记当事人", numerator=f"{LINE}.persons",
                     denominator=f"{LINE}.registered", decimals=1),
    ], equations=[metrics.Equation("登记 = 自然人 + 组织", f"{LINE}.registered",
                                   (f"{LINE}.persons", f"{LINE}.organisations"))],
        breakdowns=[("unit__name", "登记单位")])
    base.update(kw)
    return metrics.MetricSet(**base)


@pytest.fixture
def registered():
    metrics.register(party_set())
    yield
    metrics.unregister(LINE)


def make(unit, kind, on: date, n=1):
    for i in range(n):
        party = Party.objects.create(kind=kind, name=f"{kind}{i}", unit=unit)
        Party.objects.filter(pk=party.pk).update(
            created_at=timezone.make_aware(datetime(on.year, on.month, on.day, 10)))


@pytest.fixture
def parties(units):
    make(units["PT-SFS-CSL"], "person", date(2022, 1, 10), 5)
    make(units["PT-SFS-CSL"], "organisation", date(2022, 2, 3), 2)
    make(units["PT-SFS-CYXC"], "person", date(2022, 2, 20), 1)
    make(units["PT-SFS-CYXC"], "person", date(2022, 11, 1), 4)  # outside the period
    return units


P = (date(2022, 1, 1), date(2022, 10, 31))


def test_counts_within_period_and_unit_subtree(registered, parties):
    res = metrics.compute(*P, lines=[LINE])
    assert res[f"{LINE}.registered"] == 8
    assert res[f"{LINE}.persons"] == 6 and res[f"{LINE}.organisations"] == 2
    only = metrics.compute(*P, parties["PT-SFS-CSL"], lines=[LINE])
    assert only[f"{LINE}.registered"] == 7
    assert metrics.compute(*P, parties["PT-SFS-CSL"].parent, lines=[LINE])[f"{LINE}.registered"] == 8


def test_one_aggregate_query_per_model(registered, parties, django_assert_num_queries):
    with django_assert_num_queries(1):
        metrics.compute(*P, lines=[LINE])


def test_rate_is_a_percentage_rounded_half_up_with_its_decimals(registered, parties):
    res = metrics.compute(*P, lines=[LINE])
    assert res[f"{LINE}.person_share"] == Decimal("75.0")  # 6 / 8
    assert metrics.rate_value(1, 8, 0) == Decimal("13")  # 12.5 rounds up
    assert metrics.rate_value(2, 3, 1) == Decimal("66.7")
    assert metrics.rate_value(124, 242, 1) == Decimal("51.2")
    assert metrics.rate_value(6759, 6996, 2) == Decimal("96.61")
    assert metrics.rate_value(3, 0, 1) is None
    assert res.flat()[f"{LINE}.person_share"] == 75.0


def test_equations_are_checked_and_a_broken_one_shows(registered, parties):
    res = metrics.compute(*P, lines=[LINE])
    assert [(e.left, e.right, e.holds) for e in res.equations] == [(8, 8, True)]
    assert res.equations[0].equation.describe() == "登记当事人 = 自然人 + 组织"
    metrics.register(party_set(equations=[metrics.Equation("登记 = 自然人", f"{LINE}.registered",
                                                           (f"{LINE}.persons",))]))
    broken = metrics.compute(*P, lines=[LINE]).equations[0]
    assert not broken.holds and (broken.left, broken.right) == (8, 6)


def test_cases_for_returns_exactly_the_rows_behind_a_figure(registered, parties):
    rows = metrics.cases_for(f"{LINE}.organisations", *P)
    assert sorted(rows.values_list("name", flat=True)) == ["organisation0", "organisation1"]
    assert metrics.cases_for(f"{LINE}.person_share", *P).count() == 6  # a rate links to its numerator


def test_breakdowns_by_month_and_field_add_up_to_the_figure(registered, parties):
    by_month = metrics.breakdown(f"{LINE}.registered", *P, by="month")
    assert [(b.strftime("%Y-%m"), n) for b, n in by_month] == [("2022-01", 5), ("2022-02", 3)]
    by_unit = dict(metrics.breakdown(f"{LINE}.registered", *P, by="unit__name"))
    assert by_unit == {"长寿路街道司法所": 7, "曹杨新村街道司法所": 1}
    table = metrics.breakdown_table([f"{LINE}.persons", f"{LINE}.organisations"], *P, by="unit__name")
    assert table["长寿路街道司法所"] == {f"{LINE}.persons": 5, f"{LINE}.organisations": 2}
    assert sum(c[f"{LINE}.persons"] for c in table.values()) == 6


def test_trend_by_month_in_one_query(registered, parties, django_assert_num_queries):
    with django_assert_num_queries(1):
        trend = metrics.trend(*P, lines=[LINE])
    assert trend[f"{LINE}.persons"] == {"2022-01": 5, "2022-02": 1}
    assert metrics.months(date(2021, 11, 5), date(2022, 2, 1)) == ["2021-11", "2021-12", "2022-01", "2022-02"]


def test_a_key_cannot_be_registered_by_two_lines(registered):
    with pytest.raises(ValueError):
        metrics.register(party_set(line="other"))


def test_format_value_writes_rates_with_their_decimals():
    rate = metrics.Rate("x.r", "r", "r", numerator="a", denominator="b", decimals=2)
    assert metrics.format_value(rate, Decimal("96.61")) == "96.61"
    assert metrics.format_value(rate, Decimal("100.00"), 0) == "100"
    assert metrics.format_value(rate, None) == "—"


def test_metrics_command_prints_a_flat_json_object(registered, parties):
    out = StringIO()
    call_command("metrics", "--from", "2022-01-01", "--to", "2022-10-31", "--unit", "PT-SFS-CSL", "--json",
                 stdout=out)
    data = json.loads(out.getvalue())
    assert data[f"{LINE}.registered"] == 7 and data[f"{LINE}.person_share"] == pytest.approx(71.4)
    text = StringIO()
    call_command("metrics", "--from", "2022-01-01", "--to", "2022-10-31", stdout=text)
    assert "✓" in text.getvalue() and f"{LINE}.registered" in text.getvalue()


def test_breakdowns_show_choice_labels_not_codes(db):
    from datetime import date

    from django.utils import translation

    from sifa.core import metrics
    from sifa.core.models import Party, Unit
    from sifa.core.models.org import UnitKind

    unit = Unit.objects.create(code="T-CHOICE", name="测试单位", kind=UnitKind.OTHER)
    Party.objects.create(name="甲", unit=unit, kind="person")
    metrics.register(metrics.MetricSet(line="choicetest", label="choice test", metrics=[
        metrics.Count("choicetest.parties", "parties", definition="all parties", model="core.Party",
                      date_field="created_at__date")]))
    try:
        today = date.today()
        with translation.override("zh-hans"):
            table = metrics.breakdown_table(["choicetest.parties"], today, today, None, by="kind")
            rows = metrics.breakdown("choicetest.parties", today, today, None, by="kind")
        assert "person" not in table and "自然人" in table
        assert rows == [("自然人", 1)]
    finally:
        metrics._SETS.pop("choicetest", None)


def _fresh(*args, **kw):
    """compute through the ORM alone: no compiled statement kept from an earlier call."""
    metrics._STATEMENTS.clear()
    return metrics.compute(*args, **kw).values


def test_the_compiled_statement_gives_the_orm_figures_for_any_period_and_unit(registered, parties):
    metrics._STATEMENTS.clear()
    metrics.compute(*P, lines=[LINE])  # compiles the statement for "no unit"
    metrics.compute(*P, parties["PT-SFS-CSL"], lines=[LINE])  # ... and for "a unit subtree"
    assert len(metrics._STATEMENTS) == 2
    cases = [(P, None), ((date(2022, 2, 1), date(2022, 12, 31)), None), (P, parties["PT-SFS-CYXC"]),
             ((date(2022, 11, 1), date(2022, 11, 30)), parties["PT-SFS-CYXC"]), (P, parties["PT-SFS-CSL"].parent)]
    for period, unit in cases:
        reused = metrics.compute(*period, unit, lines=[LINE]).values
        assert reused == _fresh(*period, unit, lines=[LINE]), (period, unit)
    assert metrics.compute(date(2022, 11, 1), date(2022, 11, 30), parties["PT-SFS-CYXC"],
                           lines=[LINE])[f"{LINE}.registered"] == 4


def test_a_unit_path_with_like_wildcards_is_escaped_when_reused(registered, parties, units):
    from sifa.core.models import Unit

    odd = Unit.objects.create(code="PT_X%", name="测试_单位", parent=units["PT"])
    make(odd, "person", date(2022, 3, 1), 3)
    metrics.compute(*P, units["PT-SFS-CSL"], lines=[LINE])
    assert metrics.compute(*P, odd, lines=[LINE])[f"{LINE}.registered"] == 3
    assert metrics.compute(*P, odd, lines=[LINE]).values == _fresh(*P, odd, lines=[LINE])


def test_registering_a_set_drops_the_compiled_statements(registered, parties):
    metrics.compute(*P, lines=[LINE])
    assert metrics._STATEMENTS
    metrics.register(party_set(metrics=[
        metrics.Count(f"{LINE}.registered", "登记当事人", "登记的当事人", model="core.Party",
                      date_field="created_at__date", q=Q(kind="organisation"))], equations=[]))
    assert not metrics._STATEMENTS
    assert metrics.compute(*P, lines=[LINE])[f"{LINE}.registered"] == 2

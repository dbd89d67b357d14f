from decimal import Decimal

import pytest

from sifa.reports.placeholders import PlaceholderError, check, fill, keys_in

VALUES = {"testline.received": 302, "testline.person_rate": Decimal("100.00"), "testline.persons": 0}


def test_placeholders_are_filled_with_the_figures(line):
    text = "共收到{{ testline.received }}件，比例{{testline.person_rate}}%，取整{{ testline.person_rate:0 }}%。"
    assert fill(text, VALUES) == "共收到302件，比例100.00%，取整100%。"


def test_a_zero_figure_is_written_not_dropped(line):
    assert fill("自然人{{ testline.persons }}人", VALUES) == "自然人0人"


def test_a_placeholder_naming_no_metric_is_an_error_never_an_empty_string(line):
    with pytest.raises(PlaceholderError) as exc:
        fill("共{{ testline.recieved }}件，另{{ nosuch.metric }}件", VALUES, where="（二）")
    problems = exc.value.problems
    assert [p.placeholder for p in problems] == ["{{ testline.recieved }}", "{{ nosuch.metric }}"]
    assert all(p.where == "（二）" for p in problems)


def test_malformed_and_unclosed_placeholders_are_errors(line):
    assert [p.placeholder for p in check("{{ 收到 }}")] == ["{{ 收到 }}"]
    assert check("共{{ testline.received 件")
    assert check("{{ testline.received }}") == []


def test_a_figure_without_a_value_is_an_error(line):
    with pytest.raises(PlaceholderError):
        fill("{{ testline.organisations }}", VALUES)


def test_keys_in_lists_the_metrics_a_text_uses():
    assert keys_in("a{{ x.y }}b{{ bad }}{{ p.q:1 }}") == ["x.y", "p.q"]

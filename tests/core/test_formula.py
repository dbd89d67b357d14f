"""The formula language of derived figures (core.formula): parsed by its own parser, never eval'd; errors in
Chinese naming the key or the place."""

from __future__ import annotations

from decimal import Decimal

import pytest

from sifa.core import formula as fl

V = {"a.x": 3, "a.y": 11, "a.z": 0, "a.r": Decimal("27.3")}


@pytest.mark.parametrize(("text", "value"), [
    ("a.x / a.y * 100", Decimal("27.27272727272727272727272727272727")),
    ("(a.x + 4) ÷ a.y × 100", Decimal("63.63636363636363636363636363636364")),
    ("a.x − 5", Decimal(-2)),
    ("-a.x + 2 * (1 + 1)", Decimal(1)),
    ("a.r - 1.3", Decimal("26.0")),
    ("a.x - a.y - 1", Decimal(-9)),
    ("a.y / a.x / 2", Decimal("1.833333333333333333333333333333334")),  # left to right
    ("（a.x + a.y）", Decimal(14)),
])
def test_arithmetic_with_precedence_and_parentheses(text, value):
    assert fl.evaluate(fl.parse(text), V) == value


def test_a_zero_divisor_or_a_missing_term_gives_none():
    tree = fl.parse("a.x / (a.z * 2)")
    assert fl.evaluate(tree, V) is None
    assert fl.zero_divisors(tree, V) == ["a.z × 2"]
    assert fl.evaluate(fl.parse("a.x + a.missing"), V) is None


@pytest.mark.parametrize(("text", "message"), [
    ("", "公式为空"),
    ("a.x +", "结尾缺少数值或指标键"),
    ("(a.x + a.y", "左括号没有对应的右括号"),
    ("a.x + a.y)", "多了一个右括号"),
    ("a.x a.y", "缺少运算符"),
    ("a.x ** 2", "缺少数值或指标键"),
    ("__import__('os').system('x')", "不是指标键"),
    ("a.x % 2", "不能识别的符号“%”"),
    ("Reconsideration.X / 2", "“Reconsideration.X”不是指标键"),
])
def test_syntax_errors_in_chinese(text, message):
    with pytest.raises(fl.FormulaError) as exc:
        fl.parse(text)
    assert message in str(exc.value)


def test_unknown_keys_are_named():
    with pytest.raises(fl.FormulaError) as exc:
        fl.validate("a.x / a.q * 100", {"a.x", "a.y"})
    assert exc.value.key == "a.q" and "“a.q”未登记" in str(exc.value)
    assert fl.keys(fl.validate("a.x / a.y + a.x", {"a.x", "a.y"})) == ["a.x", "a.y"]


def test_written_back_with_labels():
    tree = fl.parse("(a.x + a.y) / a.y * 100")
    assert fl.text(tree) == "（a.x + a.y） ÷ a.y × 100"
    assert fl.text(tree, {"a.x": "纠错", "a.y": "审结"}.get) == "（纠错 + 审结） ÷ 审结 × 100"
    assert fl.text(fl.parse("a.x - (a.y - 1)")) == "a.x − （a.y − 1）"


def test_nesting_and_length_are_bounded():
    with pytest.raises(fl.FormulaError):
        fl.parse("(" * 60 + "1" + ")" * 60)
    with pytest.raises(fl.FormulaError):
        fl.parse("1+" * 600 + "1")

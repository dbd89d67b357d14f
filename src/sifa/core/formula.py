"""The formula language of derived figures (core.figures): arithmetic over registered figure keys.

    (reconsideration.direct_corrections + reconsideration.mediated) / reconsideration.concluded * 100

Terms are figure keys (`line.name`, lower case) and decimal constants; operators + − × ÷ (also written
- * /), unary minus, parentheses. The text is tokenised and parsed here by a small recursive-descent parser
into a tree of tuples — never handed to Python's eval — and evaluated with Decimal arithmetic over the
figures already computed for a period (aggregates from SQL; nothing here touches a row). A division by zero,
or a term without a value, makes the whole figure None (shown "—").

Errors are `FormulaError`s with a Chinese message that names the offending key or the position of the
syntax error.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from decimal import Decimal, InvalidOperation, localcontext

KEY = r"[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+"
_TOKEN = re.compile(rf"\s*(?:(?P<key>{KEY})|(?P<num>\d+(?:\.\d+)?)|(?P<op>[-+*/×÷−()（）]))")
_OPS = {"×": "*", "÷": "/", "−": "-", "（": "(", "）": ")"}
MAX_LENGTH = 1000
MAX_DEPTH = 50


class FormulaError(ValueError):
    """A formula that cannot be used, with a Chinese message for the one who typed it."""

    def __init__(self, message: str, *, key: str | None = None, position: int | None = None):
        self.key = key
        self.position = position
        super().__init__(message)


def tokens(text: str) -> list[tuple[str, str, int]]:
    """(kind, value, position) of each token; kind is key, num or op."""
    if len(text) > MAX_LENGTH:
        raise FormulaError(f"公式过长（超过 {MAX_LENGTH} 个字符）")
    out, pos = [], 0
    text = text.rstrip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m:
            bad = text[pos:].lstrip()
            at = len(text) - len(bad)
            word = re.match(r"[A-Za-z0-9_.]+", bad)
            if word:
                raise FormulaError(f"公式第 {at + 1} 个字符处的“{word.group(0)}”不是指标键（写作 条线.指标，小写）",
                                   key=word.group(0), position=at)
            raise FormulaError(f"公式第 {at + 1} 个字符处有不能识别的符号“{bad[:1]}”", position=at)
        kind = m.lastgroup
        value = m.group(kind)
        out.append((kind, _OPS.get(value, value), m.start(kind)))
        pos = m.end()
    return out


class _Parser:
    def __init__(self, text: str):
        self.toks = tokens(text)
        self.i = 0
        self.depth = 0

    def peek(self):
        return self.toks[self.i] if self.i < len(self.toks) else None

    def take(self):
        tok = self.peek()
        self.i += 1
        return tok

    def parse(self):
        if not self.toks:
            raise FormulaError("公式为空")
        tree = self.expr()
        tok = self.peek()
        if tok is not None:
            if tok[1] == ")":
                raise FormulaError(f"公式第 {tok[2] + 1} 个字符处多了一个右括号", position=tok[2])
            raise FormulaError(f"公式第 {tok[2] + 1} 个字符处缺少运算符（+ − × ÷）", position=tok[2])
        return tree

    def expr(self):
        left = self.term()
        while (tok := self.peek()) is not None and tok[1] in "+-" and tok[0] == "op":
            self.take()
            left = (tok[1], left, self.term())
        return left

    def term(self):
        left = self.factor()
        while (tok := self.peek()) is not None and tok[1] in "*/" and tok[0] == "op":
            self.take()
            left = (tok[1], left, self.factor())
        return left

    def factor(self):
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise FormulaError("公式嵌套过深")
        try:
            tok = self.take()
            if tok is None:
                raise FormulaError("公式不完整：结尾缺少数值或指标键")
            kind, value, pos = tok
            if kind == "num":
                return ("num", Decimal(value))
            if kind == "key":
                return ("key", value)
            if value in "+-":
                operand = self.factor()
                return operand if value == "+" else ("neg", operand)
            if value == "(":
                inner = self.expr()
                close = self.take()
                if close is None or close[1] != ")":
                    raise FormulaError(f"公式第 {pos + 1} 个字符处的左括号没有对应的右括号", position=pos)
                return inner
            raise FormulaError(f"公式第 {pos + 1} 个字符处的“{value}”前缺少数值或指标键", position=pos)
        finally:
            self.depth -= 1


def parse(text: str):
    """The formula's tree: ("num", Decimal) | ("key", str) | ("neg", t) | (op, left, right) with op in + - * /."""
    return _Parser(text or "").parse()


def keys(tree) -> list[str]:
    """The figure keys a formula refers to, in order of appearance, each once."""
    out: list[str] = []

    def walk(t):
        if t[0] == "key":
            if t[1] not in out:
                out.append(t[1])
        elif t[0] == "neg":
            walk(t[1])
        elif t[0] in "+-*/":
            walk(t[1])
            walk(t[2])

    walk(tree)
    return out


def validate(text: str, known: Callable[[str], bool] | Iterable[str]):
    """Parse and check every key against `known` (a predicate or a collection); the tree, or FormulaError."""
    tree = parse(text)
    is_known = known if callable(known) else set(known).__contains__
    for key in keys(tree):
        if not is_known(key):
            raise FormulaError(f"公式中的指标键“{key}”未登记", key=key)
    return tree


def evaluate(tree, values: dict) -> Decimal | None:
    """The formula's value over `values` (key → number); None when a term has no value or a divisor is 0."""
    with localcontext() as ctx:
        ctx.prec = 34
        try:
            return _eval(tree, values)
        except (_NoValue, InvalidOperation):
            return None


class _NoValue(Exception):
    pass


def _eval(t, values):
    op = t[0]
    if op == "num":
        return t[1]
    if op == "key":
        v = values.get(t[1])
        if v is None:
            raise _NoValue
        return v if isinstance(v, Decimal) else Decimal(str(v))
    if op == "neg":
        return -_eval(t[1], values)
    a, b = _eval(t[1], values), _eval(t[2], values)
    if op == "+":
        return a + b
    if op == "-":
        return a - b
    if op == "*":
        return a * b
    if b == 0:
        raise _NoValue
    return a / b


def zero_divisors(tree, values: dict) -> list[str]:
    """The divisors (as text) that are zero for `values`: the note beside a "—"."""
    out: list[str] = []

    def walk(t):
        if t[0] in "+-*/":
            walk(t[1])
            walk(t[2])
            if t[0] == "/":
                with localcontext() as ctx:
                    ctx.prec = 34
                    try:
                        if _eval(t[2], values) == 0:
                            out.append(text(t[2]))
                    except (_NoValue, InvalidOperation):
                        pass
        elif t[0] == "neg":
            walk(t[1])

    walk(tree)
    return out


_PRIORITY = {"+": 1, "-": 1, "*": 2, "/": 2}


def text(t, labels: Callable[[str], str] | None = None) -> str:
    """The formula written back (with × ÷ and, given `labels`, the figures' names instead of keys)."""
    op = t[0]
    if op == "num":
        return format(t[1], "f")
    if op == "key":
        return labels(t[1]) if labels else t[1]
    if op == "neg":
        return "−" + _wrap(t[1], 3, labels)
    sign = {"+": " + ", "-": " − ", "*": " × ", "/": " ÷ "}[op]
    p = _PRIORITY[op]
    right_p = p + 1 if op in "-/" else p
    return _wrap(t[1], p, labels) + sign + _wrap(t[2], right_p, labels)


def _wrap(t, priority, labels):
    inner = text(t, labels)
    if t[0] in _PRIORITY and _PRIORITY[t[0]] < priority:
        return f"（{inner}）"
    return inner

"""The one Jinja environment every document template is rendered in, shipped or uploaded (core.documents).

A .docx template is data a district uploads, so its tags are untrusted code: rendered in a plain Jinja
environment, `{{ cycler.__init__.__globals__.os.popen('id').read() }}` runs a shell command on the server every
time the document is made. Here a template may do only what a document's head needs, and this is checked twice:

1. Before a template is compiled, its syntax tree is read (`check`): it may print the document's fields
   (`FIELDS`), test them with `{% if %}`, loop over them with `{% for %}` (read `loop.index` etc. inside) and pass
   them through the filters of `FILTERS`. Anything else — another name (`cycler`, `lipsum`, `self`, `request`),
   an attribute (`x.__class__`, `x.format`), a call, `{% set %}`, `{% macro %}`, `{% include %}`,
   `{% autoescape false %}` — is refused with a message naming it: on upload the file is refused, and a stored
   template that the check refuses is not rendered.
2. It is rendered in Jinja's immutable sandbox with no globals, the filters of `FILTERS` only, no attribute but
   the loop's counters, no callable, and no arithmetic that could blow up (`**`, repeating a string with `*`).
   An unsafe access fails with `SecurityError` instead of printing nothing, so a test render shows it.

Autoescape is on (docxtpl's `autoescape=True`): a field holding `&` or `<` is written as text, not XML.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from jinja2 import nodes
from jinja2.defaults import DEFAULT_FILTERS, DEFAULT_TESTS
from jinja2.meta import find_undeclared_variables
from jinja2.runtime import LoopContext, Undefined
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

# The fields of a document's head (core.documents._context): the only names a template may read.
FIELDS = ("issuer_mark", "number", "signer", "addressee", "title", "title_lines", "signature", "date", "body")
FILTERS = ("default", "d", "escape", "e", "first", "last", "join", "length", "count", "lower", "upper", "trim",
           "truncate")
TESTS = ("defined", "undefined", "none", "string", "number", "sequence", "odd", "even", "eq", "ne", "lt", "le",
         "gt", "ge", "in")
LOOP_ATTRIBUTES = frozenset({"index", "index0", "revindex", "revindex0", "first", "last", "length", "depth",
                             "depth0", "previtem", "nextitem"})
MAX_LOOP_DEPTH = 2  # a loop over the title's lines, and one over something inside it (docxtpl's table rows)
MAX_PRODUCT = 10_000  # `*` between numbers only (docxtpl's {% hm %} multiplies a column span by loop.length)

ALLOWED_NODES = (
    nodes.Template, nodes.Output, nodes.TemplateData, nodes.Const, nodes.Name, nodes.If, nodes.For,
    nodes.Getattr, nodes.Getitem, nodes.Slice, nodes.Filter, nodes.Test, nodes.Keyword, nodes.Compare,
    nodes.Operand, nodes.And, nodes.Or, nodes.Not, nodes.Concat, nodes.CondExpr, nodes.List, nodes.Tuple,
    nodes.Pos, nodes.Neg, nodes.Add, nodes.Sub, nodes.Mul, nodes.Div, nodes.FloorDiv, nodes.Mod,
)
# What the refusal calls a construct, so that an author can find it in Word.
NODE_NAMES = {
    nodes.Assign: "{% set %}", nodes.AssignBlock: "{% set %}", nodes.With: "{% with %}", nodes.Macro: "{% macro %}",
    nodes.CallBlock: "{% call %}", nodes.Call: "( … ) (a call)", nodes.Include: "{% include %}",
    nodes.Import: "{% import %}", nodes.FromImport: "{% from … import %}", nodes.Extends: "{% extends %}",
    nodes.Block: "{% block %}", nodes.FilterBlock: "{% filter %}", nodes.Pow: "**",
    nodes.ScopedEvalContextModifier: "{% autoescape %}", nodes.EvalContextModifier: "{% autoescape %}",
    nodes.Dict: "{ … } (a dict)",
}


class TemplateRefused(SecurityError):
    """The template's tags reach outside what a document may use (the message says which tag, in the user's
    language)."""


def check(tree: nodes.Template) -> None:
    """Refuse a template whose syntax tree does anything but print, test and loop over the document's fields."""
    unknown = sorted(find_undeclared_variables(tree) - set(FIELDS))
    if unknown:
        raise TemplateRefused(_("The template uses “%(names)s”, which is not a document field; the fields are: "
                        "%(fields)s.") % {"names": "、".join(unknown), "fields": "、".join(FIELDS)})
    _check_node(tree, depth=0)


def _check_node(node: nodes.Node, *, depth: int) -> None:
    if type(node) not in ALLOWED_NODES:
        what = NODE_NAMES.get(type(node), type(node).__name__)
        raise TemplateRefused(_("The template uses %(what)s, which a document template may not: it may print fields "
                        "({{ title }}), test them ({%% if %%}), loop over them ({%% for %%}) and use the filters "
                        "%(filters)s.") % {"what": what, "filters": "、".join(FILTERS)})
    if isinstance(node, nodes.Getattr) and not (
            isinstance(node.node, nodes.Name) and node.node.name == "loop" and node.attr in LOOP_ATTRIBUTES):
        raise TemplateRefused(_("The template reads “.%(attr)s”: a document template may read fields, not their "
                        "attributes (only loop.index and the loop's other counters).") % {"attr": node.attr})
    if isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
        raise TemplateRefused(_("The template reads “[%(key)r]”: a document template may index a list by number only.")
                      % {"key": node.arg.value})
    if isinstance(node, nodes.Filter | nodes.Test):
        allowed = FILTERS if isinstance(node, nodes.Filter) else TESTS
        if node.name not in allowed:
            raise TemplateRefused(_("The template uses “%(name)s”, which a document template may not; allowed are: "
                            "%(allowed)s.") % {"name": node.name, "allowed": "、".join(allowed)})
        if node.dyn_args is not None or node.dyn_kwargs is not None or any(
                k.key == "attribute" for k in node.kwargs):
            raise TemplateRefused(_("The template passes “%(name)s” arguments a document template may not use.")
                          % {"name": node.name})
    if isinstance(node, nodes.For):
        if node.recursive:
            raise TemplateRefused(_("A document template may not use recursive loops."))
        depth += 1
        if depth > MAX_LOOP_DEPTH:
            raise TemplateRefused(_("The template nests more than %(n)s loops.") % {"n": MAX_LOOP_DEPTH})
    for child in node.iter_child_nodes():
        _check_node(child, depth=depth)


class StrictUnsafeUndefined(Undefined):
    """An ordinary undefined prints nothing (an optional field left empty); one that stands for an unsafe access
    raises its `SecurityError` however it is used, so that it cannot pass unnoticed."""

    __slots__ = ()

    def _unsafe(self) -> bool:
        return issubclass(self._undefined_exception, SecurityError)

    def __str__(self) -> str:
        if self._unsafe():
            self._fail_with_undefined_error()
        return super().__str__()

    def __iter__(self):
        if self._unsafe():
            self._fail_with_undefined_error()
        return super().__iter__()

    def __bool__(self) -> bool:
        if self._unsafe():
            self._fail_with_undefined_error()
        return super().__bool__()

    def __len__(self) -> int:
        if self._unsafe():
            self._fail_with_undefined_error()
        return super().__len__()


class DocumentSandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox narrowed to a document's head: see the module docstring."""

    intercepted_binops = frozenset({"*", "%", "**"})

    def __init__(self) -> None:
        super().__init__(autoescape=True, undefined=StrictUnsafeUndefined)
        self.globals.clear()  # range, dict, lipsum, cycler, joiner, namespace
        self.filters = {name: DEFAULT_FILTERS[name] for name in FILTERS}
        self.tests = {name: DEFAULT_TESTS[name] for name in TESTS}

    def _parse(self, source, name, filename):
        tree = super()._parse(source, name, filename)
        check(tree)
        return tree

    def is_safe_attribute(self, obj, attr, value) -> bool:
        return (isinstance(obj, LoopContext) and attr in LOOP_ATTRIBUTES
                and super().is_safe_attribute(obj, attr, value))

    def is_safe_callable(self, obj) -> bool:
        return False

    def call_binop(self, context, operator, left, right):
        numbers = all(isinstance(v, int | float) and not isinstance(v, bool) for v in (left, right))
        if operator == "**" or not numbers or (operator == "*" and abs(left * right) > MAX_PRODUCT):
            raise SecurityError(_("The template computes “%(op)s” on values a document template may not.")
                                % {"op": operator})
        return super().call_binop(context, operator, left, right)


def environment() -> DocumentSandbox:
    """A fresh environment for one render (docxtpl sets attributes on the one it is given)."""
    return DocumentSandbox()

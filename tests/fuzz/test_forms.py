"""Property-based tests over every form of sifa (issue #14, fuzzing).

The forms are found, not listed: every Form or ModelForm class defined in a `sifa.<app>.forms` module. Each is
bound to data hypothesis draws from what attackers and typing accidents send — integers past 64 bits, `1e309`,
`inf` and `nan`, dates in year 1 and 9999, texts of 20,000 characters, NUL and lone surrogates, empty values —
mixed with valid choices so that the forms' own `clean` methods run too. `is_valid()` must never raise, and a
refused form writes nothing. A new form in a new line is covered without touching this file, as long as its
constructor takes only the arguments `_construct` knows (else the test names it)."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest
from django import forms
from hypothesis import HealthCheck, given, settings

import sifa

from .conftest import SWEEP, TALLY, data_strategy, recorded_writes, uniform_data

pytestmark = pytest.mark.django_db

EXAMPLES = 10  # drawn cases per form, beside the sweep of every nasty value through every field

def form_classes() -> list[type[forms.BaseForm]]:
    found = []
    for app in pkgutil.iter_modules(sifa.__path__):
        try:
            module = importlib.import_module(f"sifa.{app.name}.forms")
        except ModuleNotFoundError:
            continue
        for _name, obj in sorted(vars(module).items()):
            if (inspect.isclass(obj) and issubclass(obj, forms.BaseForm) and obj.__module__ == module.__name__
                    and obj.base_fields):
                found.append(obj)
    return found


FORMS = form_classes()


def _construct(cls, data, objects):
    """Bind `cls` to `data` with the keyword arguments its constructor declares (user, unit, suit, ...)."""
    kwargs = {}
    line = cls.__module__.split(".")[1]
    for klass in cls.__mro__:
        init = vars(klass).get("__init__")
        if init is None:
            continue
        for name, param in inspect.signature(init).parameters.items():
            if name in objects and name not in kwargs and param.kind in (param.KEYWORD_ONLY,
                                                                         param.POSITIONAL_OR_KEYWORD):
                # a step form's case: the line's own case where the objects have one, else any line's
                kwargs[name] = objects.get("cases", {}).get(line, objects[name]) if name == "case" else objects[name]
    return cls(data, **kwargs)


def _check(cls, data, objects) -> None:
    form = _construct(cls, data, objects)
    with recorded_writes() as writes:
        valid = form.is_valid()  # must not raise, whatever the data
        form.errors.as_text()  # nor must its messages
    TALLY["form cases"] += 1
    if not valid:
        assert writes == [], f"{cls.__name__} wrote while refusing {dict(data)!r:.200}"


@pytest.mark.parametrize("cls", FORMS, ids=lambda c: f"{c.__module__.split('.')[1]}.{c.__name__}")
def test_a_form_never_raises_and_a_refused_form_writes_nothing(cls, objects, db):
    template = _construct(cls, None, objects)
    for value in SWEEP:  # the sweep: each value in every field at once, with and without valid choices
        for keep_valid in (False, True):
            _check(cls, uniform_data(template, value, keep_valid=keep_valid), objects)

    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    @given(data=data_strategy(template))
    def drawn(data):
        _check(cls, data, objects)

    drawn()


def test_every_form_module_was_found():
    apps = {cls.__module__ for cls in FORMS}
    assert {"sifa.core.forms", "sifa.litigation.forms", "sifa.mediation.forms", "sifa.portal.forms",
            "sifa.reconsideration.forms", "sifa.reports.forms"} <= apps
    assert len(FORMS) >= 50

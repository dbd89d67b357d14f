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
from datetime import date

import pytest
from django import forms
from django.utils.datastructures import MultiValueDict
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sifa

from .conftest import TALLY, recorded_writes

pytestmark = pytest.mark.django_db

EXAMPLES = 25  # per form: some 60 forms, about 1,500 cases, a few seconds on SQLite

NASTY = [
    "", " ", "0", "-1", "1", "2", "9" * 30, "-" + "9" * 30, str(2**63), str(2**31), str(-(2**63) - 1),
    "1e309", "-1e309", "1E+400", "inf", "-inf", "nan", "NaN", "Infinity", "sNaN", "1" * 30 + ".99", "0.001",
    "1_000", "١٢٣", "0x10", "9999-12-31", "0001-01-01", "1949-09-30", "1949-10-01", "2100-12-31", "2101-01-01",
    "2024-02-30", "2024-13-01", "2024-01-01", "2024-01-01T00:00:00", "99999-01-01", "abc", "\x00", "a\x00b",
    "\ud800", "王\udfff", "王" * 20_000, "<script>alert(1)</script>", "{{ 7*7 }}", "{n.__class__}", "%s%n",
    "on", "true", "110101199003077774", "11010519491231002X", "13812345678", "91310000MA1FL8TQ2X",
]
NASTY_VALUE = st.one_of(st.sampled_from(NASTY), st.text(max_size=40), st.integers().map(str),
                        st.dates(min_value=date(1, 1, 1)).map(str))


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


@pytest.fixture(scope="module")
def objects(module_db):
    """What the forms' constructors ask for (a user, a unit, a suit, an application, a meeting), built once for
    the module: the demo district's units and users and one record of each line."""
    from sifa.core.models import User
    from sifa.demo import district
    from sifa.litigation import services as litigation
    from sifa.reconsideration import services as reconsideration
    from sifa.reconsideration.models import SubjectArea

    with module_db():
        units, _ = district.load()
        users = {u.username: u for u in User.objects.all()}
        suit = litigation.suit_register(by=users["yingsu"], unit=units["PT-SFJ-YS"], court=units["PT-FY"],
                                        court_case_number="（2024）沪0107行初1号", defendant=units["PT"],
                                        agency=units["PT-FGJ"], challenged_act="房屋征收补偿决定",
                                        new_plaintiffs=[{"name": "原告"}], on=date(2024, 3, 4))
        application = reconsideration.application_register(
            unit=units["PT-SFJ-FY"], respondent=units["PT-GAFJ-JJ"], act_description="罚款200元的行政处罚决定",
            request="撤销该行政处罚决定", received_on=date(2024, 3, 4), act_kind="penalty",
            subject_area=SubjectArea.objects.get(code="traffic"),
            applicants=[reconsideration.PartyData(name="钱某某", id_number="110101199003077774")],
            handler=users["handler"], by=users["handler"])
        meeting = reconsideration.committee_meeting_create(unit=units["PT-SFJ-FY"], title="案审会",
                                                           held_on=date(2024, 4, 1), by=users["handler"])
    return {"user": users["leader"], "unit": units["PT-SFJ-FY"], "suit": suit, "application": application,
            "meeting": meeting, "lines": [("mediation", "mediation")]}


def _construct(cls, data, objects):
    """Bind `cls` to `data` with the keyword arguments its constructor declares (user, unit, suit, ...)."""
    kwargs = {}
    for klass in cls.__mro__:
        init = vars(klass).get("__init__")
        if init is None:
            continue
        for name, param in inspect.signature(init).parameters.items():
            if name in objects and name not in kwargs and param.kind in (param.KEYWORD_ONLY,
                                                                         param.POSITIONAL_OR_KEYWORD):
                kwargs[name] = objects[name]
    return cls(data, **kwargs)


def _valid_values(form) -> dict[str, list[str]]:
    """A few valid values of each choice field, so that drawn data reaches the forms' own checks."""
    out = {}
    for name, field in form.fields.items():
        if hasattr(field, "choices"):
            values = []
            for value, _label in list(field.choices)[:6]:
                value = getattr(value, "value", value)  # ModelChoiceIteratorValue
                if value not in ("", None) and not isinstance(value, list | tuple):
                    values.append(str(value))
            if values:
                out[name] = values
    return out


def _data_strategy(form):
    valid = _valid_values(form)
    per_field = {}
    for name in form.fields:
        value = st.one_of(NASTY_VALUE, st.sampled_from(valid[name])) if name in valid else NASTY_VALUE
        per_field[name] = st.lists(value, min_size=1, max_size=3)
    return st.fixed_dictionaries({}, optional=per_field).map(MultiValueDict)


@pytest.mark.parametrize("cls", FORMS, ids=lambda c: f"{c.__module__.split('.')[1]}.{c.__name__}")
def test_a_form_never_raises_and_a_refused_form_writes_nothing(cls, objects, db):
    template = _construct(cls, None, objects)

    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    @given(data=_data_strategy(template))
    def run(data):
        form = _construct(cls, data, objects)
        with recorded_writes() as writes:
            valid = form.is_valid()  # must not raise, whatever the data
            form.errors.as_text()  # nor must rendering the messages
        TALLY["form cases"] += 1
        if not valid:
            assert writes == [], f"{cls.__name__} wrote while refusing {dict(data)!r:.200}"

    run()


def test_every_form_module_was_found():
    apps = {cls.__module__ for cls in FORMS}
    assert {"sifa.core.forms", "sifa.litigation.forms", "sifa.mediation.forms", "sifa.portal.forms",
            "sifa.reconsideration.forms", "sifa.reports.forms"} <= apps
    assert len(FORMS) >= 50

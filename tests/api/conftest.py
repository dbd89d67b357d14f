"""Fixtures of the API's tests: the kernel's test case model (`Dossier`, tests/core) with a procedure table
registered for it, its permissions given to the roles as a line's would be, and machine clients' tokens.

The table is the action API's test line until the lines register theirs with `model=`: each step has a form, a
guard, clock effects and an effect of its own, so the API is tested against what a line declares."""

from __future__ import annotations

from datetime import date

import pytest
from django import forms
from django.db import models

from sifa.core import workflow as kit
from sifa.core.clocks import DAYS, WORKING_DAYS, Rule
from sifa.core.steps import StepForm
from sifa.core.workflow import Close, Meet, Start, StepError, Transition, Workflow
from tests.core.conftest import _dossier_tables, dossier_model, english, make_dossier, rules  # noqa: F401

MODEL = "core_testcases.dossier"
HANDLE = "core_testcases.change_dossier"
REVIEW = Rule(key="api.review", label="受理审查期限", length=5, unit=WORKING_DAYS, basis="FY 30")
DECISION = Rule(key="api.decision", label="复议决定期限", length=60, unit=DAYS, basis="FY 62")


class S(models.TextChoices):
    RECEIVED = "received", "已收到"
    HEARING = "hearing", "审理中"
    DECIDED = "decided", "已决定"


class DecideForm(StepForm):
    outcome = forms.CharField(label="决定", max_length=20)
    kind = forms.ChoiceField(label="种类", choices=[("upheld", "维持"), ("revoked", "撤销")])
    days = forms.IntegerField(label="天数", required=False, min_value=1, max_value=30)

    def clean_outcome(self):
        value = self.cleaned_data["outcome"]
        if value == "?":
            raise forms.ValidationError("决定不能是问号。")
        return value


def _record_outcome(case, data, *, on, by):
    if data.get("outcome") == "bad":
        raise StepError("法律没有这种决定。", field="outcome")
    case.title = data["outcome"]


def build_table(model) -> Workflow:
    return Workflow(states=S, event_prefix="dossier", model=model, transitions=[
        Transition("accept", "受理", (S.RECEIVED,), S.HEARING, HANDLE, basis="《行政复议法》第三十条",
                   not_before=(("opened_on", "收到申请"),), event="accepted",
                   clocks=(Meet("api.review", missing_ok=True), Start("api.decision"))),
        Transition("decide", "作出决定", (S.HEARING,), S.DECIDED, HANDLE, basis="《行政复议法》第六十二条",
                   form=DecideForm, effect=_record_outcome, closes=True,
                   clocks=(Close("api.decision", reason="decided"),),
                   guards=(lambda case, on: "受理后次日起方可决定" if on <= case.opened_on else None,)),
        Transition("deem", "视为受理", (S.RECEIVED,), S.HEARING, HANDLE, manual=False),
    ])


@pytest.fixture
def table(dossier_model, rules):  # noqa: F811
    """The Dossier's procedure table, registered for the test (and forgotten after it)."""
    rules(REVIEW, DECISION)
    before = kit._REGISTRY.get(MODEL)
    flow = build_table(dossier_model)
    yield flow
    if before is None:
        kit._REGISTRY.pop(MODEL, None)
    else:
        kit._REGISTRY[MODEL] = before


@pytest.fixture
def dossier_perms(dossier_model, district):  # noqa: F811
    """view_dossier for the business roles that read cases, change_dossier (the steps) for the case handler."""
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType
    from django.core.cache import cache

    from sifa.core.models import Role

    ct = ContentType.objects.get_for_model(dossier_model)
    view = Permission.objects.get_or_create(codename="view_dossier", content_type=ct, defaults={"name": "view"})[0]
    change = Permission.objects.get_or_create(codename="change_dossier", content_type=ct,
                                              defaults={"name": "change"})[0]
    Role.objects.get(code="case_handler").permissions.add(view, change)
    Role.objects.get(code="bureau_leader").permissions.add(view)
    cache.clear()
    for user in district["users"].values():
        user.refresh_from_db()
        user.__dict__.pop("_sifa_access", None)


@pytest.fixture
def service_account(district):
    """service_account(username, role, unit_code) -> a user holding one role in one unit (what a token acts as)."""
    from sifa.core.models import Membership, Role, User

    def _make(username="court_system", role="case_handler", unit="PT-SFJ-FY"):
        user = User.objects.create(username=username, last_name="区法院", first_name="系统")
        user.set_unusable_password()
        user.save()
        Membership.objects.create(user=user, unit=district["units"][unit], role=Role.objects.get(code=role))
        return user

    return _make


@pytest.fixture
def token_for(district):
    """token_for(user, **issue kwargs) -> a fresh token acting as `user`, issued by the security administrator."""
    from sifa.core import api_clients

    count = {"n": 0}

    def _issue(user, **kwargs):
        count["n"] += 1
        kwargs.setdefault("name", f"client {count['n']}")
        _client, token = api_clients.issue(by=district["users"]["security"], user=user, **kwargs)
        return token

    return _issue


@pytest.fixture
def bearer():
    """bearer(token) -> the headers of a request with that token."""
    return lambda token: {"HTTP_AUTHORIZATION": f"Bearer {token}"}


@pytest.fixture
def opened(make_dossier, table, dossier_perms, users):  # noqa: F811
    """A received dossier in 行政复议科 (opened 2024-09-27), its acceptance-review clock running."""
    from sifa.core import clocks

    case = make_dossier(title="t", opened_on=date(2024, 9, 27))
    clocks.start(case, rule="api.review", start=date(2024, 9, 27), by=users["handler"])
    return case

"""Fuzzing the pages that take user input, through the whole stack (middleware, view, form, service): the
create pages are posted data drawn from their forms' fields (nasty values mixed with valid choices, so that some
cases pass the form and reach the service), and the list pages are sent drawn query parameters (page tokens,
years, dates, sort keys). No answer may be a server error; a refused post (the form shown again, or any 4xx)
writes nothing."""

from __future__ import annotations

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .conftest import NASTY_VALUE, SWEEP, TALLY, data_strategy, recorded_writes, uniform_data

pytestmark = pytest.mark.django_db

EXAMPLES = 10


def _forms():
    from sifa.appraisal import forms as appraisal
    from sifa.core.forms import PartyForm
    from sifa.governance import forms as governance
    from sifa.lawyers import forms as lawyers
    from sifa.litigation import forms as litigation
    from sifa.mediation import forms as mediation
    from sifa.publicity import forms as publicity
    from sifa.reconsideration import forms as reconsideration

    # (url, username, the form the page posts, its constructor's keyword arguments by name)
    return [
        ("/parties/new/", "caoyang", PartyForm, {"user": "caoyang"}),
        ("/litigation/new/", "yingsu", litigation.SuitRegisterForm, {"user": "yingsu"}),
        ("/litigation/suggestions/new/", "yingsu", litigation.SuggestionRegisterForm, {"user": "yingsu"}),
        ("/litigation/city/new/", "yingsu", litigation.CityRegisterForm, {"user": "yingsu"}),
        ("/litigation/sessions/new/", "yingsu", litigation.SessionForm, {"user": "yingsu"}),
        ("/reconsideration/new/", "handler", reconsideration.ApplicationForm, {"unit": "PT-SFJ-FY"}),
        ("/mediation/new/", "mediator", mediation.DisputeForm, {"user": "mediator"}),
        ("/lawyers/licensing/new/", "lvguan", lawyers.MatterForm, {"user": "lvguan"}),
        ("/lawyers/complaints/new/", "lvguan", lawyers.ComplaintForm, {"user": "lvguan"}),
        ("/appraisal/complaints/new/", "lvguan", appraisal.ComplaintForm, {"user": "lvguan"}),
        ("/appraisal/proposals/new/", "lvguan", appraisal.ProposalForm, {"user": "lvguan"}),
        ("/governance/inspections/new/", "pufa", governance.InspectionForm, {}),
        ("/governance/tasks/new/", "pufa", governance.TaskForm, {}),
        ("/publicity/activities/new/", "pufa", publicity.ActivityForm, {}),
    ]


LIST_PAGES = [
    ("/parties/", "caoyang"), ("/audit/", "auditor"), ("/litigation/", "yingsu"), ("/litigation/hearings/", "yingsu"),
    ("/litigation/quarterly/", "yingsu"), ("/litigation/suggestions/", "yingsu"), ("/litigation/city/", "yingsu"),
    ("/litigation/sessions/", "yingsu"), ("/reconsideration/", "handler"), ("/reconsideration/committee/", "handler"),
    ("/mediation/", "mediator"), ("/mediation/centre/", "mediator"), ("/mediation/cases/", "mediator"),
    ("/mediation/campaigns/", "mediator"), ("/mediation/prelitigation/", "mediator"), ("/units/", "leader"),
    ("/lawyers/", "lvguan"), ("/lawyers/complaints/", "lvguan"), ("/lawyers/firms/", "lvguan"),
    ("/appraisal/", "lvguan"), ("/appraisal/reports/", "lvguan"), ("/appraisal/complaints/", "lvguan"),
    ("/appraisal/proposals/", "lvguan"),
    ("/governance/", "pufa"), ("/governance/inspections/", "pufa"), ("/governance/points/", "pufa"),
    ("/governance/observations/", "pufa"), ("/governance/topics/", "pufa"), ("/governance/assessment/", "pufa"),
    ("/publicity/", "pufa"), ("/publicity/responsibilities/", "pufa"), ("/publicity/projects/", "pufa"),
]
PARAMS = ["after", "year", "from", "to", "q", "sort", "metric", "unit", "kind", "state", "overdue", "upcoming",
          "date_from", "date_to", "court", "agency", "received_from", "handler", "respondent", "key"]
TOKENS = st.sampled_from(["WyJhIiwgOTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5XQ==", "W3siZCI6ICJ4In0sIDFd", "e30=",
                          "W251bGxd", "%%%", "WyJcdWQ4MDAiLCAxXQ=="])
METRICS = st.sampled_from(["litigation.suits_received", "reconsideration.received", "mediation.disputes", "x",
                           "lawyers.complaints", "appraisal.complaints_concluded_rate", "appraisal.commissions",
                           "governance.findings", "publicity.contest_entries"])


def _sendable(value: str, *, in_url: bool = False) -> str:
    """What HTTP can carry: a lone surrogate arrives as U+FFFD (Django decodes the bytes of one with
    errors="replace"), and a URL holds no NUL; the test client could not encode either."""
    value = "".join("\ufffd" if "\ud800" <= c <= "\udfff" else c for c in value)
    return value.replace("\x00", "") if in_url else value


def _client(username, users) -> Client:
    client = Client()
    client.force_login(users[username], backend="sifa.core.auth.RoleBackend")
    return client


@pytest.mark.parametrize("url,username,form_class,kwargs", _forms(), ids=lambda v: v if isinstance(v, str) else "")
def test_a_create_page_never_fails_and_a_refusal_writes_nothing(objects, db, url, username, form_class, kwargs):
    from sifa.core.models import Unit, User

    users = {u.username: u for u in User.objects.all()}
    args = {k: (users[v] if k == "user" else Unit.objects.get(code=v)) for k, v in kwargs.items()}
    client = _client(username, users)

    def post(data):
        with recorded_writes() as writes:
            response = client.post(url, {k: [_sendable(v) for v in data.getlist(k)] for k in data})
        TALLY["page posts"] += 1
        assert response.status_code < 500, f"{url}: {response.status_code}"
        if response.status_code == 200 or 400 <= response.status_code < 500:
            assert writes == [], f"{url} wrote while refusing"

    form = form_class(**args)
    for value in SWEEP:  # each kind of trouble in every field, the choices valid
        post(uniform_data(form, value, keep_valid=True))

    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    @given(data=data_strategy(form))
    def drawn(data):
        post(data)

    drawn()


@pytest.mark.parametrize("url,username", LIST_PAGES, ids=lambda v: v if isinstance(v, str) else "")
def test_a_list_page_never_fails_on_drawn_query_parameters(objects, db, url, username):
    from sifa.core.models import User

    client = _client(username, {u.username: u for u in User.objects.all()})
    values = {"after": TOKENS, "metric": METRICS}

    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    @given(query=st.fixed_dictionaries({}, optional={p: values.get(p, NASTY_VALUE) for p in PARAMS}))
    def run(query):
        query = {k: _sendable(v, in_url=True) for k, v in query.items()}
        with recorded_writes() as writes:
            response = client.get(url, query)
        TALLY["page gets"] += 1
        assert response.status_code < 500, f"{url}?{query}: {response.status_code}"
        if response.status_code >= 400:
            assert writes == [], f"{url} wrote while refusing"

    run()

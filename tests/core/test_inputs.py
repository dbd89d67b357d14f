"""Bad input is a clear error on its field, or a 400/404/422, never a server error or a stored value that breaks
pages later (issue #14, hole 6). Each test failed on the code before core.inputs."""

from __future__ import annotations

import base64
import json
from datetime import date

import pytest
from django import forms
from django.core.exceptions import ValidationError

from sifa.core.forms import AuditFilterForm
from sifa.core.models import NumberSeries, Unit, User
from sifa.core.paging import keyset_page

pytestmark = pytest.mark.django_db

PAST_64_BITS = "9" * 30


def _token(values: list) -> str:
    return base64.urlsafe_b64encode(json.dumps(values).encode()).decode()


# --- integers past any column ------------------------------------------------------------------------------

def test_a_multi_select_refuses_a_key_past_64_bits(district, english):
    field = forms.ModelMultipleChoiceField(queryset=Unit.objects.all())
    with pytest.raises(ValidationError) as exc:
        field.clean([PAST_64_BITS])
    assert exc.value.code == "invalid_choice"


def test_a_select_on_another_integer_column_refuses_a_key_past_64_bits(district):
    field = forms.ModelChoiceField(queryset=NumberSeries.objects.all(), to_field_name="last")
    with pytest.raises(ValidationError):
        field.clean(PAST_64_BITS)


def test_a_count_refuses_an_integer_the_column_cannot_hold(district, users):
    from sifa.mediation.forms import DisputeForm

    form = DisputeForm({"persons": "10000000000000000000"}, user=users["leader"])
    assert not form.is_valid()
    assert "persons" in form.errors


def test_a_litigation_form_refuses_plaintiffs_past_64_bits(district, users):
    from sifa.litigation.forms import SuitRegisterForm

    form = SuitRegisterForm({"plaintiffs": [PAST_64_BITS]}, user=users["yingsu"])
    assert not form.is_valid()  # raised OverflowError before
    assert "plaintiffs" in form.errors


# --- amounts -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("amount", ["1e309", "1" * 30, "Infinity", "NaN"])
def test_an_amount_that_no_column_holds_is_refused_on_its_field(district, units, amount):
    from sifa.reconsideration.forms import ApplicationForm

    form = ApplicationForm({"amount": amount}, unit=units["PT-SFJ-FY"])
    assert not form.is_valid()
    assert "amount" in form.errors


def test_an_import_refuses_an_amount_past_fifteen_digits():
    from sifa.core.imports import Row

    errors = []
    row = Row(2, {"金额": "1e309", "人数": "99999999999"}, errors, required=frozenset())
    assert row.decimal("金额") == 0
    assert row.integer("人数") == 0
    assert [e.column for e in errors] == ["金额", "人数"]


# --- dates -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "1949-09-30", "2101-01-01"])
def test_a_date_outside_the_bounded_range_is_refused_on_its_field(day, english):
    form = AuditFilterForm({"date_from": day})
    assert not form.is_valid()
    assert form.errors["date_from"] == ["Enter a date between 1949-10-01 and 2100-12-31."]


def test_the_bounds_themselves_are_accepted():
    assert AuditFilterForm({"date_from": "1949-10-01", "date_to": "2100-12-31"}).is_valid()


def test_the_error_reads_in_chinese(settings):
    from django.utils import translation

    with translation.override("zh-hans"):
        form = AuditFilterForm({"date_from": "9999-12-31"})
        assert not form.is_valid()
        assert "1949-10-01" in form.errors["date_from"][0] and "日期" in form.errors["date_from"][0]


@pytest.mark.parametrize("start", ["9999-12-31", "0001-01-01"])
def test_the_deadline_api_refuses_a_start_outside_the_range(district, login, start):
    from sifa.core import clocks

    clocks.register(clocks.Rule("test.api_sixty_days", "sixty days", 60, clocks.DAYS, "test basis"))
    resp = login(district["users"]["handler"]).get("/api/deadline", {"rule": "test.api_sixty_days",
                                                                     "start": start})
    assert resp.status_code == 422  # OverflowError (500) before


def test_a_clock_longer_than_a_century_is_refused_not_counted():
    from sifa.core import clocks

    with pytest.raises(clocks.ClockError):
        clocks.compute_due(unit=clocks.DAYS, length=10, start=date(2024, 1, 1), extension_days=2**31 - 1)


# --- query parameters --------------------------------------------------------------------------------------

@pytest.mark.parametrize("year", ["-1", "99999", "abc", "2024.5"])
def test_the_quarterly_table_answers_400_to_a_year_that_is_no_year(district, login, year):
    resp = login(district["users"]["yingsu"]).get("/litigation/quarterly/", {"year": year})
    assert resp.status_code == 400  # ValueError from date(-1, 1, 1): a 500 before


def test_a_drilldown_answers_400_to_a_period_outside_the_range(district, login):
    resp = login(district["users"]["yingsu"]).get("/litigation/", {
        "metric": "litigation.suits_received", "from": "0001-01-01", "to": "2024-12-31"})
    assert resp.status_code in (400, 404)


def test_a_report_section_added_after_a_non_number_is_a_400(district, login):
    from sifa.reports import services

    report = services.report_create(year=2024, by=district["users"]["leader"], unit=district["units"]["PT"],
                                    through=date(2024, 10, 31), sections=[])
    resp = login(district["users"]["leader"]).get(f"/reports/annual/{report.pk}/sections/new/", {"after": "abc"})
    assert resp.status_code == 400  # int("abc"): a 500 before


# --- page tokens -------------------------------------------------------------------------------------------

@pytest.fixture
def some_units(db):
    kind = Unit._meta.get_field("kind").choices[0][0]
    return [Unit.objects.create(code=f"T-{i}", name=f"单位{i}", kind=kind) for i in range(5)]


@pytest.mark.parametrize("values", [
    ["单位1", int(PAST_64_BITS)],  # an integer past 64 bits: OverflowError
    ["\ud800", 1],  # a lone surrogate: UnicodeEncodeError
    [["a"], 1],  # a list for a text
    [{"dt": "2024-01-01T00:00:00"}, "abc"],
    [None, None],
])
def test_a_crafted_page_token_shows_the_first_page(some_units, values):
    qs = Unit.objects.filter(code__startswith="T-")
    first = keyset_page(qs, order=("name", "pk"), size=2).rows
    assert keyset_page(qs, order=("name", "pk"), after=_token(values), size=2).rows == first


@pytest.mark.parametrize("token", [_token(["not a date", 1]), _token([{"d": "2024-13-01"}, 1]), "%%%", "e30="])
def test_a_page_token_of_the_wrong_type_for_a_date_column_shows_the_first_page(make_dossier, token):
    model = make_dossier().__class__
    make_dossier()
    first = keyset_page(model.objects.all(), order=("-opened_on", "-pk"), size=1).rows
    assert keyset_page(model.objects.all(), order=("-opened_on", "-pk"), after=token, size=1).rows == first


def test_a_list_page_with_a_crafted_token_is_not_a_server_error(district, login):
    token = _token([{"d": "not a date"}, int(PAST_64_BITS)])
    resp = login(district["users"]["yingsu"]).get("/litigation/", {"after": token})
    assert resp.status_code == 200


# --- the party search API ----------------------------------------------------------------------------------

@pytest.mark.parametrize("q", ["王" * 20_000, "\ud800王"])
def test_the_party_search_refuses_a_huge_or_invalid_text(district, login, q):
    resp = login(district["users"]["caoyang"]).post(
        "/api/parties/search", json.dumps({"q": q}), content_type="application/json")
    assert resp.status_code == 422  # the surrogate was a 500 (UnicodeEncodeError) before


def test_the_party_search_by_get_refuses_a_huge_text(district, login):
    assert login(district["users"]["caoyang"]).get("/api/parties", {"q": "王" * 20_000}).status_code == 422


# --- the API's errors --------------------------------------------------------------------------------------

def test_a_refusal_in_the_api_is_a_403_in_json_even_in_debug(district, login, settings):
    settings.DEBUG = True  # `make run`: ninja answered PermissionDenied with a 500 and a traceback
    resp = login(district["users"]["admin"]).get("/api/parties")
    assert resp.status_code == 403
    assert resp.json() == {"detail": "Permission denied"}


def test_an_unknown_unit_in_the_api_is_a_404_in_json(district, login, settings):
    settings.DEBUG = True
    resp = login(district["users"]["leader"]).get(
        "/api/metrics", {"date_from": "2022-01-01", "date_to": "2022-10-31", "unit": "NO-SUCH-UNIT"})
    assert resp.status_code == 404
    assert resp.json() == {"detail": "Not found"}


# --- the number series' format -----------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["{prefix}〔{year}〕{n号", "{prefix}〔{year}〕号", "{n.__class__}", "{nn}",
                                 "{year:>{n}}", "{n!r}", "{n:q}"])
def test_an_invalid_number_format_is_refused_when_saved(district, units, fmt):
    series = NumberSeries(kind="test", unit=units["PT-SFJ-FY"], year=2024, format=fmt)
    with pytest.raises(ValidationError) as exc:
        series.full_clean()
    assert "format" in exc.value.message_dict


def test_the_formats_in_use_are_valid(district, units):
    for fmt in ("{prefix}〔{year}〕{n}号", "{n}", "{code}-{year}-{n:05d}", "普府复〔{year}〕{n}号"):
        NumberSeries(kind="test", unit=units["PT-SFJ-FY"], year=2024, format=fmt).full_clean()


def test_the_admin_refuses_an_invalid_number_format(district, units, client):
    from django.db import transaction

    from sifa.core import numbering

    with transaction.atomic():
        numbering.take(kind="test", unit=units["PT-SFJ-FY"], year=2024)
    series = NumberSeries.objects.get(kind="test")
    root = User.objects.create_superuser("root", password="x")
    client.force_login(root, backend="sifa.core.auth.RoleBackend")
    resp = client.post(f"/admin/core/numberseries/{series.pk}/change/", {
        "kind": "test", "unit": units["PT-SFJ-FY"].pk, "year": 2024, "format": "{prefix}〔{year}〕{n号"})
    assert resp.status_code == 200 and "format" in resp.context["adminform"].form.errors
    series.refresh_from_db()
    assert series.format == "{prefix}〔{year}〕{n}号"


# --- admin history pages ----------------------------------------------------------------------------------

def test_the_history_page_of_every_registered_admin_opens(district, units, client):
    """Each ModelAdmin's history page (simple-history's needs a history manager on the model: hearings and
    sessions had none, and their history page raised)."""
    from django.contrib import admin
    from simple_history.admin import SimpleHistoryAdmin

    broken = [model._meta.label for model, model_admin in admin.site._registry.items()
              if isinstance(model_admin, SimpleHistoryAdmin)
              and not hasattr(model, model_admin.simple_history_manager_attribute
                              if hasattr(model_admin, "simple_history_manager_attribute") else "history")]
    assert broken == []


def test_the_history_page_of_a_hearing_opens(district, units, users, client):
    from sifa.litigation import services

    suit = services.suit_register(by=users["yingsu"], unit=units["PT-SFJ-YS"], court=units["PT-FY"],
                                  court_case_number="（2024）沪0107行初1号", defendant=units["PT"],
                                  agency=units["PT-FGJ"], challenged_act="房屋征收补偿决定",
                                  new_plaintiffs=[{"name": "原告"}], on=date(2024, 3, 4))
    from sifa.litigation.workflow import suit_workflow

    hearing = suit_workflow.run(suit, "schedule_hearing", by=users["yingsu"], on=date(2024, 4, 1),
                                data=dict(scheduled_on=date(2024, 5, 6)))
    root = User.objects.create_superuser("root", password="x")
    client.force_login(root, backend="sifa.core.auth.RoleBackend")
    assert client.get(f"/admin/litigation/hearing/{hearing.pk}/history/").status_code == 200


# --- amounts already stored as infinity (SQLite) -----------------------------------------------------------

def test_the_migration_clears_an_amount_stored_as_infinity(district, units, users):
    import importlib
    from types import SimpleNamespace

    from django.db import connection

    from sifa.reconsideration import services
    from sifa.reconsideration.models import Application, SubjectArea

    if connection.vendor != "sqlite":
        pytest.skip("only SQLite stored an infinity (PostgreSQL's numeric column refused it)")
    app = services.application_register(
        unit=units["PT-SFJ-FY"], respondent=units["PT-GAFJ-JJ"], act_description="罚款", request="撤销",
        received_on=date(2024, 3, 4), act_kind="penalty", subject_area=SubjectArea.objects.get(code="traffic"),
        applicants=[services.PartyData(name="钱某某")], handler=users["handler"], by=users["handler"])
    with connection.cursor() as cursor:
        cursor.execute("UPDATE reconsideration_application SET amount = 1e999 WHERE id = %s", [app.pk])
    with pytest.raises(Exception):  # noqa: B017  (what every page met: the row cannot be read)
        Application.objects.get(pk=app.pk)
    migration = importlib.import_module("sifa.reconsideration.migrations.0009_clear_overflowed_amounts")
    with connection.cursor() as cursor:  # the schema editor's execute, without its SQLite constraint dance
        migration.clear(None, SimpleNamespace(connection=connection, execute=cursor.execute))
    assert Application.objects.get(pk=app.pk).amount is None


def test_restoring_a_report_section_from_no_version_is_a_404_not_a_500(district, login):
    from sifa.reports import services

    leader = district["users"]["leader"]
    report = services.report_create(year=2024, by=leader, unit=district["units"]["PT"], through=date(2024, 10, 31),
                                    sections=[(1, "一、概况", "", "正文")])
    section = report.sections.first()
    url = f"/reports/annual/{report.pk}/sections/{section.pk}/history/"
    client = login(leader)
    assert client.post(url, {"version": section.version}).status_code == 404  # KeyError: a 500 before
    assert client.post(url, {"version": section.version, "history_id": "99999"}).status_code == 404
    real = section.history.first().history_id
    assert client.post(url, {"version": "abc", "history_id": real}).status_code == 400  # int("abc"): a 500


def test_a_text_past_its_limit_gets_a_plain_message(settings):
    from django.utils import translation

    class F(forms.Form):
        short = forms.CharField(max_length=5)
        long = forms.CharField(widget=forms.Textarea, required=False)

    with translation.override("zh-hans"):
        form = F({"short": "一二三四五六", "long": "字" * 20_001})
        assert not form.is_valid()
        assert form.errors["short"] == ["此处最多可填写5个字，现在有6个字。"]
        assert form.errors["long"] == ["此处最多可填写20000个字，现在有20001个字。"]


def test_a_date_of_something_that_happened_is_not_after_today():
    from datetime import timedelta

    from django.utils import timezone

    from sifa.core.forms import date_field

    class F(forms.Form):
        on = date_field("on", past=True)
        due = date_field("due")

    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    form = F({"on": tomorrow, "due": tomorrow})
    assert not form.is_valid() and list(form.errors) == ["on"]
    assert F({"on": timezone.localdate().isoformat(), "due": tomorrow}).is_valid()

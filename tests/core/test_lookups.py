"""core.lookups: choosing one of many units or staff by typing (a select while the choices are few)."""

from __future__ import annotations

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse

from sifa.core import lookups
from sifa.core.models import Unit

ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}

UNITS = lookups.register("test.units", lambda user: Unit.objects.visible_to(user).order_by("path"),
                         permission="core.view_unit", key="code", search=("name", "short_name", "code"),
                         label=lambda u: u.name)


class UnitForm(forms.Form):
    unit = lookups.LookupChoiceField(Unit.objects.none(), lookup=UNITS, label="单位", required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].scope(user)


@pytest.fixture
def leader(users):
    return users["leader"]


def test_a_choice_is_taken_by_key_by_primary_key_or_by_a_unique_name(units, leader):
    office = units["PT-SFS-CSL"]
    for typed in (f"{office.name} [{office.code}]", str(office.pk), office.name, f"  {office.name}  "):
        form = UnitForm({"unit": typed}, user=leader)
        assert form.is_valid(), (typed, form.errors)
        assert form.cleaned_data["unit"] == office


def test_a_name_shared_by_two_units_asks_for_a_suggestion(units, leader):
    a, b = units["PT-SFS-CSL"], units["PT-SFS-CYXC"]
    Unit.objects.filter(pk=b.pk).update(name=a.name)
    form = UnitForm({"unit": a.name}, user=leader)
    assert not form.is_valid()
    assert form.errors.as_data()["unit"][0].code == "ambiguous"
    form = UnitForm({"unit": f"{a.name} [{b.code}]"}, user=leader)
    assert form.is_valid() and form.cleaned_data["unit"] == b


def test_a_unit_outside_the_scope_is_refused_in_chinese(units, users):
    from django.utils import translation

    mediator = users["mediator"]  # 长寿路司法所: does not see 曹杨新村司法所
    other = units["PT-SFS-CYXC"]
    with translation.override("zh-hans"):
        for typed in (f"{other.name} [{other.code}]", str(other.pk), other.name, "没有这个单位"):
            form = UnitForm({"unit": typed}, user=mediator)
            assert not form.is_valid(), typed
            message = form.errors["unit"][0]
            assert "建议" in message or "选择" in message, message
    with pytest.raises(ValidationError):
        UnitForm.base_fields["unit"].to_python("[no-such-code]")


def test_few_choices_render_a_select_many_a_search_box_read_as_keys(units, leader, settings,
                                                                    django_assert_num_queries):
    office = units["PT-SFS-CSL"]
    settings.SIFA_SELECT_MAX = 10_000
    form = UnitForm({"unit": str(office.pk)}, user=leader)
    form.is_valid()
    with django_assert_num_queries(2):  # how many (keys only), then the options
        html = str(form["unit"])
    assert html.startswith("<select") and f'<option value="{office.pk}" selected>' in html
    assert html.count("<option") == Unit.objects.visible_to(leader).count() + 1  # and the empty choice

    settings.SIFA_SELECT_MAX = 3
    form = UnitForm({"unit": str(office.pk)}, user=leader)
    assert form.is_valid()
    with django_assert_num_queries(1) as ctx:  # four keys prove there are too many: no row is read, none sorted
        html = str(form["unit"])
    sql = ctx.captured_queries[0]["sql"]
    assert "LIMIT 4" in sql and "ORDER BY" not in sql and '"name"' not in sql
    assert html.startswith('<input type="search" name="unit"')
    assert f'value="{office.name} [{office.code}]"' in html  # a primary key from a link is shown as its choice
    assert f'hx-get="{reverse("lookup", args=["test.units"])}"' in html
    assert 'list="id_unit-choices"' in html and '<datalist id="id_unit-choices"></datalist>' in html
    assert "<option" not in html  # no choice is listed in the page


def test_suggestions_are_scoped_to_the_user_and_bounded(units, users, login, client):
    url = reverse("lookup", args=["test.units"])
    assert client.get(url, {"unit": "司法所"}).status_code == 302  # sign in first

    login(users["leader"])
    body = client.get(url, {"unit": "司法所"}, **ZH).content.decode()
    assert f"{units['PT-SFS-CSL'].name} [PT-SFS-CSL]" in body
    assert "[PT-SFS-CYXC]" in body
    assert body.count("<option") <= lookups.SUGGESTIONS

    login(users["mediator"])
    body = client.get(url, {"unit": "司法所"}, **ZH).content.decode()
    assert "[PT-SFS-CSL]" in body and "[PT-SFS-CYXC]" not in body
    # what the box shows after a pick searches by its name again, not by the whole "name [code]"
    body = client.get(url, {"unit": f"{units['PT-SFS-CSL'].name} [PT-SFS-CSL]"}, **ZH).content.decode()
    assert "[PT-SFS-CSL]" in body
    assert client.get(reverse("lookup", args=["no.such.lookup"]), {"q": "x"}).status_code == 404

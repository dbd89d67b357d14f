"""Selects rendered in Python (core.forms.FormRenderer) give the HTML Django's templates give, and a model
choice field reads its choices in one query."""

from __future__ import annotations

import pytest
from django import forms
from django.forms.models import ModelChoiceIterator
from django.forms.renderers import DjangoTemplates

from sifa.core.forms import FormRenderer, ModelChoiceField, ModelMultipleChoiceField
from sifa.core.models import Unit


class Sample(forms.Form):
    plain = forms.ChoiceField(choices=[("", "—"), ("a", "甲 & <乙>"), ("b", 'quote " b')], required=False)
    grouped = forms.ChoiceField(choices=[("东区", [("e1", "东一"), ("e2", "东二")]), ("w", "西")])
    several = forms.MultipleChoiceField(choices=[(1, "一"), (2, "二"), (3, "三")], required=False)
    typed = forms.TypedChoiceField(choices=[(1, "是"), (0, "否")], coerce=int,
                                   widget=forms.Select(attrs={"data-x": "<y>", "disabled": True, "hidden": False}))


def both(form_kwargs: dict) -> tuple[str, str]:
    stock = Sample(**form_kwargs, renderer=DjangoTemplates())
    fast = Sample(**form_kwargs, renderer=FormRenderer())
    return ([str(stock[name]) for name in stock.fields], [str(fast[name]) for name in fast.fields])


@pytest.mark.parametrize("form_kwargs", [{}, {"data": {"plain": "a", "grouped": "e2", "several": ["1", "3"],
                                                       "typed": "0"}},
                                         {"initial": {"plain": "b", "several": [2]}}])
def test_the_same_html_as_the_stock_templates(form_kwargs):
    stock, fast = both(form_kwargs)
    assert fast == stock


def test_the_settings_use_it():
    from django.forms.renderers import get_default_renderer

    assert isinstance(get_default_renderer(), FormRenderer)


def test_labels_and_values_are_escaped():
    html = str(Sample(renderer=FormRenderer())["plain"])
    assert "甲 &amp; &lt;乙&gt;" in html and 'value="b"' in html and "quote &quot; b" in html


def test_a_custom_option_template_falls_back_to_the_templates():
    class Odd(forms.Select):
        option_template_name = "django/forms/widgets/input_option.html"

    class F(forms.Form):
        x = forms.ChoiceField(choices=[("a", "A")], widget=Odd)

    assert str(F(renderer=FormRenderer())["x"]) == str(F(renderer=DjangoTemplates())["x"])


@pytest.mark.django_db
def test_model_choices_are_read_in_one_query(units, django_assert_num_queries):
    class F(forms.Form):
        unit = ModelChoiceField(queryset=Unit.objects.order_by("path"))
        units = ModelMultipleChoiceField(queryset=Unit.objects.order_by("path"), required=False)

    form = F()
    with django_assert_num_queries(2) as captured:
        html = str(form["unit"]) + str(form["units"])
    assert all("DECLARE" not in q["sql"] for q in captured.captured_queries)
    assert html.count("<option") == 2 * Unit.objects.count() + 1  # + the empty choice of the single select
    # through Django's own hook on sifa's fields: Django's classes are left as they are
    assert forms.ModelChoiceField.iterator is ModelChoiceIterator

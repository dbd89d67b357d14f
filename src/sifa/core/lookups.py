"""Choosing one of many: a unit or a member of staff out of thousands, by typing.

A select lists every choice on every page; for a district that is a few dozen units, for a city's or a province's
office twelve thousand units and five thousand staff in each filter form (the list pages of such a user took
250–460 ms, most of it spent on the selects). `LookupChoiceField` is a ModelChoiceField that renders as a select
while its scoped queryset is small (`settings.SIFA_SELECT_MAX`, default 200 choices) and, beyond that, as a search
box whose suggestions come from `lookup_view` as the user types (htmx fills a <datalist>; without script the box
still takes a name or a code).

A choice is written "名称 [key]" (the key is the unit's code, the user's login name): the suggestions carry it, and
the field also takes a bare primary key (links from other pages) or an exact name that is unique in the scope.
The suggestions of a lookup are computed by the function registered under its name with the user of the request,
so they are scoped exactly as the form's queryset is (register the same function the form uses), and only for a
user who holds the lookup's `permission` (that of the page whose form uses it): a signed-in user of another role
learns nothing of the names and log-in names behind a lookup they have no form for.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from .forms import ModelChoiceField

SUGGESTIONS = 20
_KEYED = re.compile(r"^(?P<text>.*?)\s*\[(?P<key>[^\[\]]+)\]\s*$")


@dataclass(frozen=True)
class Lookup:
    name: str
    queryset: Callable[[object], QuerySet]  # the user → the choices they may pick from
    permission: str  # the suggestions are only for a user who holds it (the permission of the form's page)
    key: str = "pk"  # the field that identifies a choice in "label [key]"
    search: tuple[str, ...] = ("name",)  # fields searched (icontains) for suggestions
    label: Callable[[object], str] = str


_REGISTRY: dict[str, Lookup] = {}


def register(name: str, queryset: Callable[[object], QuerySet], *, permission: str, key: str = "pk",
             search: tuple[str, ...] = ("name",), label: Callable[[object], str] = str) -> Lookup:
    """Register (or replace) the lookup `name`, answered only to users holding `permission`; returns it for
    the field's `lookup=` argument."""
    _REGISTRY[name] = lookup = Lookup(name, queryset, permission, key, search, label)
    return lookup


def get(name: str) -> Lookup:
    return _REGISTRY[name]


def select_max() -> int:
    return int(getattr(settings, "SIFA_SELECT_MAX", 200))


def choice_text(lookup: Lookup, obj) -> str:
    return f"{lookup.label(obj)} [{getattr(obj, lookup.key)}]"


def suggestions(lookup: Lookup, user, text: str, *, limit: int = SUGGESTIONS) -> list:
    """The first `limit` choices of the user's scope whose searched fields contain `text`."""
    keyed = _KEYED.match(text)
    text = (keyed.group("text") if keyed else text).strip()
    qs = lookup.queryset(user)
    if text:
        q = Q()
        for name in lookup.search:
            q |= Q(**{f"{name}__icontains": text})
        qs = qs.filter(q)
    return list(qs[:limit])


class LookupWidget(forms.Select):
    """A select while the choices are few; a search box with suggestions when they are many."""

    lookup: Lookup | None = None

    def render(self, name, value, attrs=None, renderer=None):
        iterator = self.choices
        queryset = getattr(iterator, "queryset", None)
        if self.lookup is None or queryset is None:
            return super().render(name, value, attrs, renderer)
        limit = select_max()
        # Are there more than `limit`? Asked of the keys, unordered, so that the database stops at the first
        # `limit + 1` rows it finds and no row becomes an instance (a province's office: 5,000 staff, 14,000 units);
        # only a short list is then read whole, ordered, as the select's options.
        if len(queryset.order_by().values_list("pk", flat=True)[: limit + 1]) <= limit:
            empty = [("", iterator.field.empty_label)] if iterator.field.empty_label is not None else []
            self.choices = empty + [iterator.choice(obj) for obj in queryset]
            return super().render(name, value, attrs, renderer)
        attrs = self.build_attrs(self.attrs, attrs)
        list_id = f"{attrs.get('id') or 'id_' + name}-choices"
        return format_html(
            '<input type="search" name="{name}" value="{value}" list="{list_id}" autocomplete="off"{required}{id}'
            ' class="lookup" placeholder="{hint}" hx-get="{url}" hx-trigger="input changed delay:250ms, focus once"'
            ' hx-target="#{list_id}" hx-swap="innerHTML" hx-sync="this:replace">'
            '<datalist id="{list_id}"></datalist>',
            name=name, value=iterator.field.display_text(value), list_id=list_id,
            url=reverse("lookup", args=[self.lookup.name]), required=" required" if attrs.get("required") else "",
            id=format_html(' id="{}"', attrs["id"]) if attrs.get("id") else "",
            hint=_("Type part of a name or a code"))


class LookupChoiceField(ModelChoiceField):
    """A ModelChoiceField that takes "label [key]", a primary key or a unique exact name (see the module)."""

    widget = LookupWidget

    def __init__(self, queryset, *, lookup: Lookup, **kwargs):
        super().__init__(queryset, **kwargs)
        self.lookup = lookup
        self.widget.lookup = lookup
        self._resolved: tuple[str, object] = ("", None)  # (text, choice) of the last value cleaned

    def scope(self, user) -> None:
        """Choices as the user's lookup gives them: the form and the suggestions share one definition."""
        self.queryset = self.lookup.queryset(user)

    def label_from_instance(self, obj):
        return self.lookup.label(obj)

    def display_text(self, value) -> str:
        """What the search box shows for a bound or initial value (a primary key, an instance or typed text)."""
        if value in self.empty_values:
            return ""
        if isinstance(value, self.queryset.model):
            return choice_text(self.lookup, value)
        text = str(value)
        if text.strip() == self._resolved[0]:  # the form was cleaned: its choice is known
            return choice_text(self.lookup, self._resolved[1])
        if text.isdigit():
            obj = self.queryset.filter(pk=text).first()
            return choice_text(self.lookup, obj) if obj is not None else text
        return text

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, self.queryset.model):
            value = value.pk
        text = str(value).strip()
        keyed = _KEYED.match(text)
        if keyed:
            found = list(self.queryset.filter(**{self.lookup.key: keyed.group("key")})[:2])
        elif text.isascii() and text.isdigit():  # not "²" or "١": str.isdigit takes them, int() does not
            found = list(self.queryset.filter(pk=text)[:2])
        else:
            named = any(f.name == "name" for f in self.queryset.model._meta.get_fields())
            found = list(self.queryset.filter(name=text)[:2]) if named else []
            if len(found) > 1:
                raise ValidationError(_("Several choices are called “%(text)s”: pick one of the suggestions."),
                                      code="ambiguous", params={"text": text})
        if len(found) != 1:
            raise ValidationError(_("“%(text)s” is not among the choices you may pick: type part of its name and "
                                    "pick one of the suggestions."), code="invalid_choice", params={"text": text})
        self._resolved = (text, found[0])
        return found[0]


@login_required
@require_GET
def lookup_view(request, name: str):
    """The suggestions of lookup `name` for the text typed (the box's own value, under any parameter name)."""
    try:
        lookup = get(name)
    except KeyError:
        raise Http404 from None
    if not request.user.has_perm(lookup.permission):
        raise PermissionDenied
    text = next((v for v in request.GET.values() if v), "")[:60]
    found = suggestions(lookup, request.user, text)
    html = format_html_join("", '<option value="{}"></option>', ((choice_text(lookup, obj),) for obj in found))
    return HttpResponse(html)

"""Keyset pagination: a page is the rows after the last one seen, in a stable order, with no COUNT(*).

`keyset_page(qs, order=("-opened_on", "-pk"), after=token, size=50)` returns the rows and the token of the
next page. The token encodes the sort values of the page's last row; the ordering always ends with pk so
that it is total.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import FieldError, ValidationError
from django.db import connection, models
from django.db.models import Q, QuerySet

from .inputs import has_surrogates


@dataclass
class Page:
    rows: list
    next_token: str | None
    size: int

    @property
    def has_next(self) -> bool:
        return self.next_token is not None


def _encode(values: list) -> str:
    def conv(v):
        if isinstance(v, datetime):
            return {"dt": v.isoformat()}
        if isinstance(v, date):
            return {"d": v.isoformat()}
        if isinstance(v, Decimal):
            return {"dec": str(v)}
        if isinstance(v, models.Model):
            return v.pk
        return v

    return base64.urlsafe_b64encode(json.dumps([conv(v) for v in values]).encode()).decode()


def _decode(token: str) -> list:
    def conv(v):
        if isinstance(v, dict) and "dt" in v:
            return datetime.fromisoformat(v["dt"])
        if isinstance(v, dict) and "d" in v:
            return date.fromisoformat(v["d"])
        if isinstance(v, dict) and "dec" in v:
            return Decimal(v["dec"])
        return v

    values = json.loads(base64.urlsafe_b64decode(token.encode()))
    if not isinstance(values, list):
        raise ValueError("not a page token")
    return [conv(v) for v in values]


def _typed(qs: QuerySet, order: tuple[str, ...], values: list) -> list:
    """The decoded values as the sort columns' types, or ValueError: a token is user input, and a value of
    the wrong type or range would fail in the database (a string for a date, an integer past 64 bits, a NUL
    or lone surrogate in a text) instead of showing the first page."""
    if len(values) != len(order):
        raise ValueError("token does not match the ordering")
    out = []
    for path, value in zip(order, values, strict=True):
        if value is None or isinstance(value, bool | list | dict):
            raise ValueError("not a sort value")
        field = qs.query.clone().resolve_ref(path.lstrip("-")).output_field
        try:
            value = field.to_python(value)
        except ValidationError as exc:
            raise ValueError("not a sort value") from exc
        if isinstance(field, models.IntegerField):
            low, high = connection.ops.integer_field_range(field.get_internal_type())
            if not isinstance(value, int) or not (low is None or low <= value) or not (high is None or value <= high):
                raise ValueError("out of range")
        if isinstance(value, str) and ("\x00" in value or has_surrogates(value)):
            raise ValueError("not a text value")
        if isinstance(value, Decimal) and not value.is_finite():
            raise ValueError("not a number")
        out.append(value)
    return out


def _after_q(order: tuple[str, ...], values: list) -> Q:
    """(a, b, c) > (va, vb, vc) in the given directions, as OR-of-ANDs (NULL-free columns only)."""
    q = Q()
    for i, field in enumerate(order):
        name = field.lstrip("-")
        op = "lt" if field.startswith("-") else "gt"
        term = Q(**{f"{name}__{op}": values[i]})
        for j in range(i):
            term &= Q(**{order[j].lstrip("-"): values[j]})
        q |= term
    # The OR alone cannot serve as an index condition: bound the first column too, so a deep page is an
    # index range scan instead of a scan of every row before it.
    first = order[0].lstrip("-")
    bound = Q(**{f"{first}__{'lte' if order[0].startswith('-') else 'gte'}": values[0]})
    return bound & q


def keyset_page(qs: QuerySet, *, order: tuple[str, ...], after: str | None = None, size: int = 50) -> Page:
    if not order or order[-1].lstrip("-") not in ("pk", "id"):
        order = (*order, "-pk")
    qs = qs.order_by(*order)
    deep = False
    if after:
        try:
            values = _typed(qs, order, _decode(after))
            qs, deep = qs.filter(_after_q(order, values)), True
        except (ValueError, TypeError, ArithmeticError, binascii.Error, json.JSONDecodeError, FieldError):
            pass  # a mangled, crafted or outdated token shows the first page
    # Deeper pages stay one query: with the keyset bound alone PostgreSQL may walk the sort column's index
    # backwards through every row before the page (measured: a mediator's page 101 at 1M cases, 20 → 60 ms).
    rows = list(qs[: size + 1]) if deep else _rows(qs, size + 1)
    token = None
    if len(rows) > size:
        rows = rows[:size]
        last = rows[-1]
        token = _encode([_attr(last, f.lstrip("-")) for f in order])
    return Page(rows, token, size)


def _rows(qs: QuerySet, limit: int) -> list:
    """The first `limit` rows of an ordered queryset. For model rows in two steps: the keys first, sorted and
    cut on the case table alone, then those rows with their joins, annotations and prefetches. In one step
    PostgreSQL joins every row in scope to its related rows before the top-N sort (an office of 2,000 cases:
    10 ms of SQL for a page of 50; 1–2 ms in two)."""
    q = qs.query
    joins = q.select_related or q.annotations
    if not joins or q.distinct or q.combinator or not issubclass(qs._iterable_class, models.query.ModelIterable):
        return list(qs[:limit])  # nothing to join: one query is the cheapest
    keys = list(qs.values_list("pk", flat=True)[:limit])
    return list(qs.filter(pk__in=keys)) if keys else []


def _attr(obj, path: str):
    """The sort value of a row (a model instance or a values() dict) for an ordering path."""
    if isinstance(obj, dict):
        return obj["pk" if path == "pk" and "pk" in obj else ("id" if path == "pk" else path)]
    if path == "pk":
        return obj.pk
    for part in path.split("__"):
        obj = getattr(obj, part)
    return obj.pk if isinstance(obj, models.Model) else obj

"""Searching across the lines, and searching a list by a person's whole ID or mobile number.

Two things a worker does all day:

- **The box in the header** finds a record in any line by its number, part of a party's name, or a whole ID or
  mobile number. Each line answers for itself in `sifa.<line>/search.py`:

      def search(user, query: Query) -> list[Hit]

  returning at most `LIMIT` hits the user may see (scoped with `visible_to(user)`), newest first. `query.text`
  is what was typed (stripped); `query.key` is the keyed hash of a whole ID or mobile number ("" otherwise), to
  match `id_number_hash` / `phone_hash` columns — the number itself is never decrypted to compare. The registry
  finds the module by its name; a line without one is simply not searched.

- **A list searched by a whole number**: the number must not travel in a URL (it would land in browser history
  and the access log; `core.middleware.WholeNumberQueryMiddleware` refuses it). A list's search form is posted;
  `number_search_redirect` turns a whole number in its `q` into `key=<hash>` and redirects to the list's GET
  URL with the other filters kept; the list filters on `list_key(request)`.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

from django.db.models import Q
from django.http import HttpResponseRedirect

from . import lines
from .selectors import personal_number_key

LIMIT = 10
KEY_PARAM = "key"


@dataclass(frozen=True)
class Query:
    text: str
    key: str = ""  # the keyed hash of a whole ID or mobile number in `text`, else ""

    @classmethod
    def of(cls, text: str) -> Query:
        text = (text or "").strip()[:60]
        return cls(text=text, key=personal_number_key(text))


@dataclass(frozen=True)
class Hit:
    kind: str  # what the record is, in the user's language ("法律援助申请")
    title: str  # its number and a short description; personal numbers masked, never whole
    url: str
    when: date | None = None  # its registration date, for the order of the results
    state: str = ""  # its state's label


def case_hits(user, model, query: Query, *, kind: str, parties: str = "", fields: tuple[str, ...] = (),
              date_field: str = "opened_on") -> list[Hit]:
    """The hits of a line's case model (a `core.cases.Case`), for a line's `search`: part of its number, part of
    a party's name, or a party's keyed hash; `parties` is the path from the case to `core.Party`
    ("parties__party"), `fields` further text fields matched by part. Only for a user who may view the model;
    scoped with `visible_to(user)`."""
    meta = model._meta
    if not user.has_perm(f"{meta.app_label}.view_{meta.model_name}"):
        return []
    if query.key:
        if not parties:
            return []
        match = Q(**{f"{parties}__id_number_hash": query.key}) | Q(**{f"{parties}__phone_hash": query.key})
    else:
        match = Q(number__icontains=query.text)
        for field in ((f"{parties}__name",) if parties else ()) + fields:
            match |= Q(**{f"{field}__icontains": query.text})
    pks = (model.objects.visible_to(user).filter(match).order_by(f"-{date_field}", "-pk")
           .values_list("pk", flat=True).distinct()[:LIMIT])
    found = model.objects.filter(pk__in=list(pks)).order_by(f"-{date_field}", "-pk")
    return [Hit(kind=kind, title=str(case), url=case.get_absolute_url(), when=getattr(case, date_field),
                state=case.get_state_display()) for case in found]


def searchers() -> list[tuple[lines.Line, object]]:
    """(line, its search function) for every line that has a `search` module."""
    found = []
    for line in lines.all():
        try:
            module = importlib.import_module(f"{line.app}.search")
        except ModuleNotFoundError as exc:
            if exc.name == f"{line.app}.search":
                continue
            raise
        found.append((line, module.search))
    return found


def search_all(user, text: str) -> list[tuple[lines.Line, list[Hit]]]:
    """Each line's hits for what was typed, lines without a hit left out."""
    query = Query.of(text)
    if not query.text:
        return []
    results = []
    for line, search in searchers():
        hits = list(search(user, query))[:LIMIT]
        if hits:
            results.append((line, hits))
    return results


def number_search_redirect(request, field: str = "q") -> HttpResponseRedirect:
    """The answer to a posted list search: back to the same list by GET, with the posted filters, and a whole
    ID or mobile number in `field` replaced by `key=<its keyed hash>`."""
    params = [(name, value) for name, value in request.POST.items()
              if name not in {"csrfmiddlewaretoken", field, KEY_PARAM} and value]
    text = (request.POST.get(field) or "").strip()
    key = personal_number_key(text)
    if key:
        params.append((KEY_PARAM, key))
    elif text:
        params.append((field, text))
    return HttpResponseRedirect(request.path + ("?" + urlencode(params) if params else ""))


def list_key(request) -> str:
    """The keyed hash a list was asked to filter by ("" when none)."""
    return (request.GET.get(KEY_PARAM) or "")[:64]

"""The records behind a figure without personal data: the drill-down of a user who reads statistics but not case
contents (the statistics viewer; issue #14).

The roles that handle cases (core.view_case_contents) follow a figure to the line's own list, with names, facts and
links to each case. Everyone else with core.view_statistics follows it here: each line declares in its MetricSet,
per model, the columns that carry no personal data (number, unit, dates, state, category, the public bodies
involved), and this one page and its export show those columns and nothing else, with no link to a case. The
rows are exactly `core.metrics.cases_for` within the user's units: the figure and its list always agree.
"""

from __future__ import annotations

from datetime import date

from django.apps import apps
from django.contrib.auth.decorators import login_required, permission_required
from django.db.models import ForeignObjectRel, QuerySet
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.text import capfirst
from django.views.decorators.http import require_GET

from . import metrics
from .exports import export_response
from .models import Unit
from .models.scoping import reads_case_contents, user_unit_paths, within_q
from .paging import keyset_page

STATISTICS = "core.view_statistics"


def list_url(user, line_list: str) -> str:
    """The list a figure links to for this user: the line's own (`line_list`, a URL name) for a reader of case
    contents, this drill-down for the others."""
    return reverse(line_list if reads_case_contents(user) else "drilldown")


def columns(key: str) -> tuple[object, list[tuple[str, str]]]:
    """The count behind `key` (a rate's numerator) and its columns without personal data, (path, heading);
    KeyError if it has none."""
    m = metrics.metric(key)
    if m.is_rate:
        m = metrics.metric(m.numerator)
    model = apps.get_model(m.model)
    return m, [(path, _heading(model, path)) for path in metrics.metric_set_of(m.key).columns[m.model]]


def _heading(model, path: str) -> str:
    """The verbose name of the field at `path`; for "unit__name" that of "unit"."""
    fields = []
    for name in path.split("__"):
        fields.append(model._meta.get_field(name))
        model = fields[-1].related_model
    f = fields[-2] if len(fields) > 1 and fields[-1].name == "name" else fields[-1]
    return capfirst(f.verbose_name)


def rows(*, user, key: str, start: date, end: date, unit: Unit | None) -> tuple[list[tuple[str, str]], QuerySet]:
    """The columns and the rows behind figure `key`, within the units the user sees."""
    m, cols = columns(key)
    qs = metrics.cases_for(m.key, start, end, unit).filter(within_q(user_unit_paths(user), m.unit_field))
    related = set()
    for path, _label in cols:
        parts = path.split("__")
        model = qs.model
        for i, name in enumerate(parts[:-1]):
            f = model._meta.get_field(name)
            if not f.is_relation or isinstance(f, ForeignObjectRel) or f.many_to_many:
                break
            related.add("__".join(parts[: i + 1]))
            model = f.related_model
    return cols, qs.select_related(*sorted(related))


def cell(obj, path: str):
    """The value at `path` (a choice shown by its label, a yes/no as ✓ or blank)."""
    *hops, name = path.split("__")
    for hop in hops:
        obj = getattr(obj, hop, None)
        if obj is None:
            return ""
    display = getattr(obj, f"get_{name}_display", None)
    value = display() if display is not None else getattr(obj, name, "")
    if isinstance(value, bool):
        return "✓" if value else ""
    return "" if value is None else value


def _day(text: str | None) -> date:
    try:
        return date.fromisoformat(text or "")
    except ValueError:
        raise Http404 from None


@login_required
@permission_required(STATISTICS, raise_exception=True)
@require_GET
def drilldown_view(request):
    """?metric=KEY&from=YYYY-MM-DD&to=YYYY-MM-DD[&unit=CODE][&export=csv|xlsx]: the rows behind a figure."""
    key = request.GET.get("metric", "")
    start, end = _day(request.GET.get("from")), _day(request.GET.get("to"))
    unit = None
    if request.GET.get("unit"):
        unit = Unit.objects.visible_to(request.user).filter(code=request.GET["unit"]).first()
        if unit is None:
            raise Http404
    try:
        cols, qs = rows(user=request.user, key=key, start=start, end=end, unit=unit)
    except KeyError:
        raise Http404 from None
    metric = metrics.metric(key)
    fmt = request.GET.get("export")
    if fmt in ("csv", "xlsx"):
        name = f"{metric.label}-{start:%Y%m%d}-{end:%Y%m%d}"
        return export_response(rows=([cell(o, p) for p, _label in cols] for o in qs.order_by("-pk").iterator(500)),
                               headers=[str(label) for _path, label in cols], filename=name, fmt=fmt,
                               user=request.user, action="statistics.cases.exported", summary=f"{key} {name}")
    page = keyset_page(qs, order=("-pk",), after=request.GET.get("after"), size=100)
    return render(request, "core/drilldown.html", {
        "metric": metric, "start": start, "end": end, "unit": unit, "headers": [label for _path, label in cols],
        "rows": [[cell(o, p) for p, _label in cols] for o in page.rows], "page": page,
        "query": request.GET.urlencode()})

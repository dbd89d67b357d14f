"""The line's figures for a period and a unit, each linking to its records, with breakdowns."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from sifa.core import drilldown
from sifa.core import metrics as core_metrics
from sifa.core.models import Unit
from sifa.core.models.scoping import user_unit_paths

from .. import forms
from ..metrics import LIST_FOR_MODEL, METRICS
from ..models import Source
from .common import _stats_url


def _may_see_statistics(user) -> bool:
    return user.has_perm("mediation.view_mediation_statistics") or user.has_perm("core.view_statistics")


@login_required
def stats(request):
    """The line's figures for a period and a unit, each linking to its cases, with breakdowns."""
    if not _may_see_statistics(request.user):
        raise PermissionDenied
    today = timezone.localdate()
    initial = {"date_from": date(today.year, 1, 1), "date_to": today}
    form = forms.PeriodForm(request.GET or None, user=request.user, initial=initial)
    data = form.cleaned_data if form.is_valid() else initial
    unit = data.get("unit")
    if unit is None:
        paths = user_unit_paths(request.user)
        unit = Unit.objects.filter(path=paths[0]).first() if len(paths) == 1 else None
    if unit is None and not request.user.is_superuser:
        unit = Unit.objects.visible_to(request.user).order_by("path").first()
    start, end = data["date_from"], data["date_to"]
    results = core_metrics.compute(start, end, unit, lines=["mediation"])
    query = {"from": start.isoformat(), "to": end.isoformat(), **({"unit": unit.code} if unit else {})}
    figures = []
    for m in METRICS.metrics:
        target = m if not m.is_rate else core_metrics.metric(m.numerator)
        url = drilldown.list_url(request.user, LIST_FOR_MODEL.get(target.model.lower(), "mediation:list"))
        figures.append((m, results[m.key], f"{url}?{urlencode({'metric': target.key, **query})}"))
    breakdowns = []
    for field, label in [("month", _("Month")), *METRICS.breakdowns]:
        rows = core_metrics.breakdown("mediation.accepted", start, end, unit, by=field)
        if field == "source":
            rows = [(Source(v).label if v in Source.values else v, n) for v, n in rows]
        elif field == "month":
            rows = [(v.strftime("%Y-%m") if v else "", n) for v, n in rows]
        breakdowns.append((label, rows))
    return render(request, "mediation/stats.html", {
        "form": form, "figures": figures, "breakdowns": breakdowns, "unit": unit, "start": start, "end": end,
        "reports_url": _stats_url()})

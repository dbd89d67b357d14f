"""What the line's pages share: the permissions, service errors onto the form, the statistics link
and a figure's drill-down arguments."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import NoReverseMatch, reverse

from sifa.core import inputs
from sifa.core import metrics as core_metrics
from sifa.core.cases import ConflictError
from sifa.core.models import Unit
from sifa.core.workflow import TransitionNotAllowed

VIEW = "mediation.view_dispute"
CHANGE = "mediation.change_dispute"


def _run(request, form, fn):
    """Call a service; its errors land on the form (field or non-field). True when it succeeded."""
    try:
        fn()
        return True
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            for name, errors in exc.error_dict.items():
                form.add_error(name if name in form.fields else None, errors)
        else:
            form.add_error(None, exc.messages)
    except (TransitionNotAllowed, ConflictError) as exc:
        form.add_error(None, str(exc))
    return False


def _stats_url() -> str:
    try:
        return reverse("reports:line_stats", args=["mediation"])
    except NoReverseMatch:
        return reverse("mediation:stats")


def _metric_args(request):
    """?metric=KEY&from=YYYY-MM-DD&to=YYYY-MM-DD&unit=CODE → (key, start, end, unit), or Nones."""
    key = request.GET.get("metric", "")
    if not key:
        return "", None, None, None
    try:
        core_metrics.metric(key)
        start = date.fromisoformat(request.GET.get("from", ""))
        end = date.fromisoformat(request.GET.get("to", ""))
        inputs.validate_date_in_range(start)
        inputs.validate_date_in_range(end)
    except (KeyError, ValueError, ValidationError):
        raise Http404 from None
    code = request.GET.get("unit", "")
    unit = Unit.objects.filter(code=code).first() if code else None
    return key, start, end, unit


def _metric_label(key: str) -> str:
    return str(core_metrics.metric(key).label) if key else ""

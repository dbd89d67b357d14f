"""The centres' joint reception (联合接待): registering a matter, routing it, and each handler's answer."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sifa.core import audit

from .. import forms, selectors, services
from ..models import PartyRole, RoutingState
from ..services import PartyInput
from .common import _metric_args, _metric_label, _run


@login_required
@permission_required("mediation.view_reception", raise_exception=True)
def centre(request):
    form = forms.ReceptionForm(request.POST or None, user=request.user)
    if request.method == "POST":
        if not request.user.has_perm("mediation.add_reception"):
            raise PermissionDenied
        if form.is_valid():
            d = form.cleaned_data
            result = {}

            def register():
                result["r"] = services.reception_register(
                    centre=d["centre"], visitor=PartyInput(d["visitor"], phone=d["visitor_phone"]),
                    subject=d["subject"], dispute_type=d["dispute_type"], persons=d["persons"], by=request.user,
                    on=d["on"])

            if _run(request, form, register):
                messages.success(request, _("Matter %(n)s registered; route it to its handler.") % {"n": result["r"].number})
                return redirect(result["r"])
    key, start, end, metric_unit = _metric_args(request)
    filter_form = forms.ReceptionFilterForm(request.GET or None, user=request.user)
    fdata = filter_form.cleaned_data if filter_form.is_valid() else {}
    page = selectors.reception_page(user=request.user, unit=fdata.get("unit"), state=fdata.get("state", ""),
                                    after=request.GET.get("after"), metric=key, metric_from=start, metric_to=end,
                                    metric_unit=metric_unit)
    return render(request, "mediation/centre.html", {
        "form": form, "filter_form": filter_form, "page": page, "metric": key, "metric_label": _metric_label(key),
        "metric_from": start, "metric_to": end, "agencies": selectors.centre_agencies(user=request.user)},
        status=400 if form.errors else 200)


def _reception(request, pk):
    reception = selectors.reception_for(user=request.user, pk=pk)
    if reception is None:
        raise Http404
    return reception


def _reception_context(request, reception, route_form=None, bound=None):
    routings = []
    for r in reception.routings.all():
        forms_for = []
        if r.state == RoutingState.ROUTED:
            forms_for = [("accept", forms.RoutingAcceptForm(dispute=reception, prefix=f"accept-{r.pk}")),
                         ("decline", forms.RoutingDeclineForm(dispute=reception, prefix=f"decline-{r.pk}"))]
        elif r.state == RoutingState.ACCEPTED and r.dispute_id is None:
            forms_for = [("result", forms.RoutingResultForm(dispute=reception, prefix=f"result-{r.pk}"))]
        if bound is not None:
            forms_for = [(n, bound if bound.prefix == f"{n}-{r.pk}" else f) for n, f in forms_for]
        routings.append((r, forms_for))
    return {"reception": reception, "routings": routings,
            "route_form": route_form or forms.RouteForm(dispute=reception, centre=reception.unit, prefix="route"),
            "events": audit.events_for(reception).select_related("actor")[:100]}


@login_required
@permission_required("mediation.view_reception", raise_exception=True)
def reception_detail(request, pk: int):
    return render(request, "mediation/reception.html", _reception_context(request, _reception(request, pk)))


@login_required
@require_POST
def reception_route(request, pk: int):
    if not request.user.has_perm("mediation.change_reception"):
        raise PermissionDenied
    reception = _reception(request, pk)
    form = forms.RouteForm(request.POST, dispute=reception, centre=reception.unit, prefix="route")
    if form.is_valid() and _run(request, form, lambda: services.reception_route(
            reception=reception, handler_unit=form.cleaned_data["handler_unit"], note=form.cleaned_data["note"],
            by=request.user, on=form.cleaned_data["on"], expected_version=form.cleaned_data["version"])):
        messages.success(request, _("Routed to %(unit)s.") % {"unit": form.cleaned_data["handler_unit"]})
        return redirect(reception)
    return render(request, "mediation/reception.html",
                  _reception_context(request, _reception(request, pk), route_form=form), status=400)


ROUTING_ACTIONS = {
    "accept": (forms.RoutingAcceptForm, lambda r, c, u: services.routing_accept(
        routing=r, by=u, on=c["on"], expected_version=c["version"],
        other_parties=[PartyInput(n.strip(), role=PartyRole.RESPONDENT)
                       for n in c["other_parties"].splitlines() if n.strip()])),
    "decline": (forms.RoutingDeclineForm, lambda r, c, u: services.routing_decline(
        routing=r, reason=c["reason"], by=u, on=c["on"], expected_version=c["version"])),
    "result": (forms.RoutingResultForm, lambda r, c, u: services.routing_record_result(
        routing=r, success=c["success"], note=c["note"], by=u, on=c["on"], expected_version=c["version"])),
}


@login_required
@require_POST
def routing_act(request, pk: int, action: str):
    if action not in ROUTING_ACTIONS:
        raise Http404
    if not request.user.has_perm("mediation.change_reception"):
        raise PermissionDenied
    routing = selectors.routing_for(user=request.user, pk=pk)
    if routing is None:
        raise Http404
    form_class, call = ROUTING_ACTIONS[action]
    form = form_class(request.POST, dispute=routing.reception, prefix=f"{action}-{routing.pk}")
    if form.is_valid() and _run(request, form, lambda: call(routing, form.cleaned_data, request.user)):
        messages.success(request, _("Recorded for %(unit)s.") % {"unit": routing.handler_unit})
        return redirect(routing.reception)  # the centre's view of the matter, with the dispute it became
    reception = selectors.reception_for(user=request.user, pk=routing.reception_id)
    if reception is None:
        raise Http404
    return render(request, "mediation/reception.html", _reception_context(request, reception, bound=form), status=400)

"""Disputes: the work list, the list with its filters and export, registration, the dispute's page and its
steps, and its documents."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sifa.core import audit, clocks
from sifa.core import metrics as core_metrics
from sifa.core.documents import docx_response
from sifa.core.exports import export_response
from sifa.core.navigation import WorkItem
from sifa.core.search import list_key, number_search_redirect
from sifa.core.steps import fetch_in_scope, step_view

from .. import documents, forms, selectors, services
from ..metrics import LIST_FOR_MODEL
from ..models import AgreementForm, Dispute, DisputeState, PartyRole, Routing, Source, Track
from ..services import PartyInput
from ..workflow import WORKFLOW
from .common import CHANGE, VIEW, _metric_args, _metric_label, _run, _stats_url


def my_work(user) -> list[WorkItem]:
    return [WorkItem("mediation", f"{d.number} {d.dispute_type}", d.get_absolute_url(), d.get_state_display())
            for d in selectors.my_open_disputes(user)]


EXPORT_HEADERS = [
    gettext_lazy("Number"), gettext_lazy("Registered on"), gettext_lazy("Track"), gettext_lazy("Dispute type"),
    gettext_lazy("Source"), gettext_lazy("Mediation organisation"), gettext_lazy("State"), gettext_lazy("Accepted on"),
    gettext_lazy("Agreement reached on"), gettext_lazy("Closed on"), gettext_lazy("Amount involved (yuan)"),
    gettext_lazy("Persons involved"), gettext_lazy("Risk of turning criminal (防止民转刑)"),
    gettext_lazy("Risk of a group petition (群体性上访)"), gettext_lazy("Referring court"),
    gettext_lazy("Court's reference")]


@login_required
@permission_required(VIEW, raise_exception=True)
def dispute_list(request):
    if request.method == "POST":  # the search form: a whole ID or mobile number goes by its keyed hash
        return number_search_redirect(request)
    key, start, end, metric_unit = _metric_args(request)
    if key:
        model = core_metrics.metric(key if not core_metrics.metric(key).is_rate else
                                    core_metrics.metric(key).numerator).model.lower()
        target = LIST_FOR_MODEL.get(model, "mediation:list")
        if target != "mediation:list":
            return HttpResponseRedirect(f"{reverse(target)}?{request.GET.urlencode()}")
    form = forms.DisputeFilterForm(request.GET or None, user=request.user)
    data = form.cleaned_data if form.is_valid() else {}
    filters = selectors.DisputeFilter(
        state=data.get("state", ""), track=data.get("track", ""),
        dispute_type=data["dispute_type"].pk if data.get("dispute_type") else None, source=data.get("source", ""),
        unit=data.get("unit"), date_from=data.get("date_from"), date_to=data.get("date_to"), risk=data.get("risk", ""),
        overdue=bool(data.get("overdue")), q=data.get("q", ""), key=list_key(request), metric=key, metric_from=start, metric_to=end,
        metric_unit=metric_unit)
    fmt = request.GET.get("export")
    if fmt in ("xlsx", "csv"):
        labels = {**dict(Track.choices), **dict(Source.choices), **dict(DisputeState.choices)}
        rows = ([r[0], r[1], labels.get(r[2], r[2]), r[3], labels.get(r[4], r[4]), r[5], labels.get(r[6], r[6]),
                 *r[7:12], "✓" if r[12] else "", "✓" if r[13] else "", r[14] or "", r[15]]
                for r in selectors.dispute_export_rows(user=request.user, filters=filters))
        return export_response(rows=rows, headers=EXPORT_HEADERS, filename=_("disputes"), fmt=fmt,
                               user=request.user, action="mediation.disputes.exported",
                               summary=request.GET.urlencode()[:300])
    page = selectors.dispute_page(user=request.user, filters=filters, sort=data.get("sort") or "-opened_on",
                                  after=request.GET.get("after"))
    today = timezone.localdate()
    return render(request, "mediation/list.html", {
        "form": form, "page": page, "today": today, "metric": key, "sort": data.get("sort") or "-opened_on", "metric_label": _metric_label(key),
        "metric_from": start, "metric_to": end, "metric_unit": metric_unit, "stats_url": _stats_url(),
        "export_query": urlencode([(k, v) for k, v in request.GET.items() if k not in ("after", "export")]),
    })


def _party_inputs(form) -> list[PartyInput]:
    d = form.cleaned_data
    return [PartyInput(d["applicant"], id_number=d.get("applicant_id_number", ""), phone=d.get("applicant_phone", "")),
            *[PartyInput(n, role=PartyRole.RESPONDENT) for n in form.respondent_names()]]


@login_required
@permission_required("mediation.add_dispute", raise_exception=True)
def dispute_new(request):
    form = forms.DisputeForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        result = {}

        def register():
            result["dispute"] = services.dispute_register(
                unit=d["unit"], dispute_type=d["dispute_type"], parties=_party_inputs(form), by=request.user,
                on=d["on"], track=d["track"], source=d["source"], summary=d["summary"],
                amount_involved=d["amount_involved"], persons=d["persons"], risk_criminal=d["risk_criminal"],
                risk_group_petition=d["risk_group_petition"], mediators=list(d["mediators"]), agency=d.get("agency"))

        if _run(request, form, register):
            messages.success(request, _("Dispute %(n)s registered.") % {"n": result["dispute"].number})
            return redirect(result["dispute"])
    return render(request, "mediation/form.html", {"form": form, "title": _("Register a dispute")},
                  status=400 if form.errors else 200)


def _dispute(request, pk) -> Dispute:
    return fetch_in_scope(selectors.disputes_in_scope(), request.user, pk)


def _actions(dispute, user) -> list[tuple[object, object]]:
    """(transition, its form) for each step the user may take now; each form posts to the step's page."""
    return [(t, t.form_class()(case=dispute, user=user, prefix=t.name)) for t in WORKFLOW.available(dispute, user)]


def _timeline(dispute: Dispute) -> list[tuple[date, str]]:
    """The legal acts of the dispute in date order (what happened, on the day it happened)."""
    acts = [(dispute.opened_on, _("Registered"))]
    if dispute.accepted_on:
        acts.append((dispute.accepted_on, _("Accepted for mediation")))
    acts += [(s.held_on, _("Mediation session") + (f" · {s.place}" if s.place else "")) for s in dispute.sessions.all()]
    for a in dispute.agreements.all():
        acts.append((a.agreed_on, _("Agreement reached") + f" · {a.get_form_display()} {a.number}"))
        if a.confirmation_applied_on:
            acts.append((a.confirmation_applied_on, _("Joint application for judicial confirmation")))
        if a.confirmation_decided_on:
            acts.append((a.confirmation_decided_on, _("Court's ruling") + f" · {a.get_confirmation_display()}"))
        if a.performance_on:
            acts.append((a.performance_on, a.get_performance_display()))
    acts += [(r.reported_on, _("Reported to the police") + f" · {r.police_unit}") for r in dispute.police_reports.all()]
    if dispute.state in (DisputeState.FAILED, DisputeState.WITHDRAWN, DisputeState.REFUSED) and dispute.closed_on:
        acts.append((dispute.closed_on, dispute.get_state_display()))
    if dispute.court_returned_on:
        acts.append((dispute.court_returned_on, _("Result returned to the court") + f" · {dispute.get_court_result_display()}"))
    return sorted(acts, key=lambda a: a[0])


def _detail_context(request, dispute):
    today = timezone.localdate()
    deadlines = list(clocks.for_case(dispute))
    for d in deadlines:
        d.days_left = (d.due - today).days
        d.due_soon = clocks.is_due_soon(d, today)
    return {
        "dispute": dispute, "actions": _actions(dispute, request.user), "deadlines": deadlines, "today": today,
        "timeline": _timeline(dispute), "events": audit.events_for(dispute).select_related("actor")[:100],
        "routing": Routing.objects.filter(dispute=dispute).select_related("reception").first(),
        "stats_url": _stats_url(),
    }


@login_required
@permission_required(VIEW, raise_exception=True)
def dispute_detail(request, pk: int):
    return render(request, "mediation/detail.html", _detail_context(request, _dispute(request, pk)))


@login_required
@permission_required(CHANGE, raise_exception=True)
def dispute_act(request, pk: int, action: str):
    """The page of one step of a dispute (the table's form, legal basis and clocks); POST takes it."""
    dispute = _dispute(request, pk)
    response = step_view(request, dispute, WORKFLOW, action, template="core/step.html",
                         context={"dispute": dispute}, form_kwargs={"prefix": action})
    if request.method == "POST" and response.status_code == 200:
        response.status_code = 400  # refused: the form again, with the reason on its field
    return response


@login_required
@permission_required(VIEW, raise_exception=True)
def agreement_docx(request, pk: int, agreement_pk: int):
    dispute = _dispute(request, pk)
    agreement = next((a for a in dispute.agreements.all() if a.pk == agreement_pk), None)
    if agreement is None or agreement.form != AgreementForm.WRITTEN:
        raise Http404
    return docx_response(documents.agreement_docx(dispute, agreement), filename=f"人民调解协议书{agreement.number}",
                         user=request.user, obj=dispute, action="mediation.agreement.downloaded")


@login_required
@permission_required(VIEW, raise_exception=True)
def termination_docx(request, pk: int):
    dispute = _dispute(request, pk)
    if dispute.state != DisputeState.FAILED:
        raise Http404
    return docx_response(documents.termination_docx(dispute), filename=f"终止调解告知书{dispute.number}",
                         user=request.user, obj=dispute, action="mediation.termination.downloaded")

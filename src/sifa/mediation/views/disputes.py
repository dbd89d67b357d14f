"""The thin edges of the line: read through selectors, write through services, show errors where they belong."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from sifa.core import audit, clocks, drilldown, inputs
from sifa.core import metrics as core_metrics
from sifa.core.cases import ConflictError
from sifa.core.documents import docx_response
from sifa.core.exports import export_response
from sifa.core.models import Unit
from sifa.core.models.scoping import user_unit_paths
from sifa.core.navigation import WorkItem
from sifa.core.workflow import TransitionNotAllowed

from .. import documents, forms, selectors, services
from ..metrics import LIST_FOR_MODEL, METRICS
from ..models import (
    AgreementForm,
    Dispute,
    DisputeState,
    PartyRole,
    Routing,
    RoutingState,
    Source,
    Track,
)
from ..services import PartyInput
from ..workflow import WORKFLOW

VIEW = "mediation.view_dispute"
CHANGE = "mediation.change_dispute"


def my_work(user) -> list[WorkItem]:
    return [WorkItem("mediation", f"{d.number} {d.dispute_type}", d.get_absolute_url(), d.get_state_display())
            for d in selectors.my_open_disputes(user)]


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


# --- disputes -----------------------------------------------------------------------------------------------

EXPORT_HEADERS = [
    gettext_lazy("Number"), gettext_lazy("Registered on"), gettext_lazy("Track"), gettext_lazy("Dispute type"),
    gettext_lazy("Source"), gettext_lazy("Organisation"), gettext_lazy("State"), gettext_lazy("Accepted on"),
    gettext_lazy("Agreement reached on"), gettext_lazy("Closed on"), gettext_lazy("Amount involved (yuan)"),
    gettext_lazy("Persons involved"), gettext_lazy("Risk of turning criminal (防止民转刑)"),
    gettext_lazy("Risk of a group petition (群体性上访)"), gettext_lazy("Referring court"),
    gettext_lazy("Court's reference")]


@login_required
@permission_required(VIEW, raise_exception=True)
def dispute_list(request):
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
        overdue=bool(data.get("overdue")), q=data.get("q", ""), metric=key, metric_from=start, metric_to=end,
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
        "form": form, "page": page, "today": today, "metric": key, "metric_label": _metric_label(key),
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
    dispute = selectors.dispute_for(user=request.user, pk=pk)
    if dispute is None:
        raise Http404
    return dispute


# action → (form, service call); whether it may be taken now is the workflow table's (states and guards)
ACTIONS = {
    "accept": (forms.AcceptForm,
               lambda d, c, u: services.dispute_accept(dispute=d, by=u, on=c["on"], expected_version=c["version"])),
    "refuse": (forms.RefuseForm,
               lambda d, c, u: services.dispute_refuse(dispute=d, party_name=c["party_name"], note=c["note"], by=u,
                                                       on=c["on"], expected_version=c["version"])),
    "hold_session": (forms.SessionForm,
                     lambda d, c, u: services.dispute_hold_session(
                         dispute=d, by=u, on=c["on"], place=c["place"], mediators=list(c["mediators"]),
                         record=c["record"], public=c["public"], expected_version=c["version"])),
    "agree": (forms.AgreeForm,
              lambda d, c, u: services.dispute_record_agreement(
                  dispute=d, form=c["form"], terms=c["terms"], facts=c["facts"], by=u, on=c["on"],
                  performance_method=c["performance_method"], performance_due=c["performance_due"],
                  seek_confirmation=c["seek_confirmation"], expected_version=c["version"])),
    "fail": (forms.FailForm,
             lambda d, c, u: services.dispute_fail(dispute=d, routes=c["routes"], note=c["note"], by=u, on=c["on"],
                                                   expected_version=c["version"])),
    "withdraw": (forms.WithdrawForm,
                 lambda d, c, u: services.dispute_withdraw(dispute=d, note=c["note"], by=u, on=c["on"],
                                                           expected_version=c["version"])),
    "perform": (forms.PerformanceForm,
                lambda d, c, u: services.dispute_record_performance(
                    dispute=d, performed=c["performed"], note=c["note"], by=u, on=c["on"],
                    expected_version=c["version"])),
    "apply_confirmation": (forms.ConfirmationApplyForm,
                           lambda d, c, u: services.dispute_apply_confirmation(
                               dispute=d, court=c["court"], by=u, on=c["on"], expected_version=c["version"])),
    "confirmation_ruling": (forms.ConfirmationRulingForm,
                            lambda d, c, u: services.dispute_record_confirmation(
                                dispute=d, confirmed=c["confirmed"], reference=c["reference"], by=u, on=c["on"],
                                expected_version=c["version"])),
    "remediate": (forms.RemediateForm,
                  lambda d, c, u: services.dispute_remediate(dispute=d, by=u, on=c["on"],
                                                             expected_version=c["version"])),
    "report_to_police": (forms.PoliceForm,
                         lambda d, c, u: services.dispute_report_to_police(
                             dispute=d, police_unit=c["police_unit"], risk=c["risk"], note=c["note"], by=u,
                             on=c["on"], expected_version=c["version"])),
    "extend_period": (forms.ExtendForm,
                      lambda d, c, u: services.dispute_extend_period(
                          dispute=d, days=c["days"], reason=c["reason"], by=u, on=c["on"],
                          expected_version=c["version"])),
    "return_to_court": (forms.ReturnForm,
                        lambda d, c, u: services.dispute_return_to_court(dispute=d, note=c["note"], by=u, on=c["on"],
                                                                         expected_version=c["version"])),
}
# "breach" is taken through the performance form (performed or breached).
FORM_FOR_TRANSITION = {"breach": "perform"}


def _actions(dispute, user, bound=None) -> list[tuple[object, object]]:
    """(transition, form) for each step the user may take now."""
    out, seen = [], set()
    for t in WORKFLOW.available(dispute, user):
        name = FORM_FOR_TRANSITION.get(t.name, t.name)
        if name in seen:
            continue
        form_class, _call = ACTIONS[name]
        seen.add(name)
        form = bound if (bound is not None and bound.prefix == name) else form_class(
            dispute=dispute, user=user, prefix=name)
        out.append((WORKFLOW[name], form))
    return out


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


def _detail_context(request, dispute, bound=None):
    today = timezone.localdate()
    deadlines = list(clocks.for_case(dispute))
    for d in deadlines:
        d.days_left = (d.due - today).days
        d.due_soon = clocks.is_due_soon(d, today)
    actions = _actions(dispute, request.user, bound)
    # a step that is not available now still shows why it was refused
    shown = {t.name for t, _form in actions}
    step_errors = bound.non_field_errors() if bound is not None and bound.prefix not in shown else []
    return {
        "dispute": dispute, "actions": actions, "step_errors": step_errors, "deadlines": deadlines, "today": today,
        "timeline": _timeline(dispute), "events": audit.events_for(dispute).select_related("actor")[:100],
        "routing": Routing.objects.filter(dispute=dispute).select_related("reception").first(),
        "stats_url": _stats_url(),
    }


@login_required
@permission_required(VIEW, raise_exception=True)
def dispute_detail(request, pk: int):
    return render(request, "mediation/detail.html", _detail_context(request, _dispute(request, pk)))


@login_required
@require_POST
def dispute_act(request, pk: int, action: str):
    if action not in ACTIONS:
        raise Http404
    if not request.user.has_perm(CHANGE):
        raise PermissionDenied
    dispute = _dispute(request, pk)
    form_class, call = ACTIONS[action]
    form = form_class(request.POST, dispute=dispute, user=request.user, prefix=action)
    if form.is_valid() and _run(request, form, lambda: call(dispute, form.cleaned_data, request.user)):
        messages.success(request, _("Recorded: %(step)s.") % {"step": WORKFLOW[action].label})
        return redirect(dispute)
    dispute = _dispute(request, pk)  # the stored state, not the half-applied one
    return render(request, "mediation/detail.html", _detail_context(request, dispute, bound=form), status=400)


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


# --- pre-litigation mediation -------------------------------------------------------------------------------

@login_required
@permission_required(VIEW, raise_exception=True)
def prelitigation(request):
    form = forms.PrelitigationForm(request.POST or None, user=request.user)
    if request.method == "POST":
        if not request.user.has_perm("mediation.add_dispute"):
            raise PermissionDenied
        if form.is_valid():
            d = form.cleaned_data
            result = {}

            def receive():
                result["dispute"] = services.prelitigation_receive(
                    unit=d["unit"], court=d["court"], court_reference=d["court_reference"],
                    dispute_type=d["dispute_type"], parties=_party_inputs(form), by=request.user, on=d["on"],
                    referral_kind=d["referral_kind"], referred_on=d["referred_on"], summary=d["summary"],
                    amount_involved=d["amount_involved"])

            if _run(request, form, receive):
                messages.success(request, _("Court referral %(n)s received; the mediation period runs.") % {
                    "n": result["dispute"].number})
                return redirect(result["dispute"])
    filters = selectors.DisputeFilter(track=Track.PRELITIGATION, state=request.GET.get("state", ""),
                                      overdue=request.GET.get("overdue") == "1")
    page = selectors.dispute_page(user=request.user, filters=filters, after=request.GET.get("after"))
    return render(request, "mediation/prelitigation.html", {"form": form, "page": page, "today": timezone.localdate(),
                                                            "states": DisputeState.choices},
                  status=400 if form.errors else 200)


# --- the centres' joint reception ---------------------------------------------------------------------------

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


# --- campaigns ----------------------------------------------------------------------------------------------

@login_required
@permission_required("mediation.view_campaign", raise_exception=True)
def campaigns(request):
    form = forms.CampaignForm(request.POST or None, user=request.user)
    if request.method == "POST":
        if not request.user.has_perm("mediation.add_campaign"):
            raise PermissionDenied
        if form.is_valid():
            d = form.cleaned_data
            result = {}

            def create():
                result["c"] = services.campaign_create(
                    unit=d["unit"], title=d["title"], held_on=d["held_on"], ended_on=d["ended_on"], method=d["method"],
                    scope_units=list(d["scope_units"]), sectors=list(d["sectors"]), teams=d["teams"],
                    summary=d["summary"], by=request.user)

            if _run(request, form, create):
                return redirect(result["c"])
    key, start, end, metric_unit = _metric_args(request)
    page = selectors.campaign_page(user=request.user, after=request.GET.get("after"), metric=key, metric_from=start,
                                   metric_to=end, metric_unit=metric_unit)
    return render(request, "mediation/campaigns.html", {
        "form": form, "page": page, "metric": key, "metric_label": _metric_label(key), "metric_from": start,
        "metric_to": end}, status=400 if form.errors else 200)


def _campaign(request, pk):
    campaign = selectors.campaign_for(user=request.user, pk=pk)
    if campaign is None:
        raise Http404
    return campaign


@login_required
@permission_required("mediation.view_campaign", raise_exception=True)
def campaign_detail(request, pk: int):
    campaign = _campaign(request, pk)
    finding_form = forms.FindingForm(request.POST or None, user=request.user, prefix="finding")
    register_form = forms.FindingsToDisputesForm(request.POST or None, prefix="register")
    if request.method == "POST":
        if not request.user.has_perm("mediation.change_campaign"):
            raise PermissionDenied
        if "register-on" in request.POST:
            if register_form.is_valid():
                result = {}

                def register():
                    result["d"] = services.campaign_findings_to_disputes(
                        campaign=campaign, by=request.user, on=register_form.cleaned_data["on"])

                if _run(request, register_form, register):
                    messages.success(request, _("%(n)s findings registered as disputes.") % {"n": len(result["d"])})
                    return redirect(campaign)
            finding_form = forms.FindingForm(user=request.user, prefix="finding")
        else:
            register_form = forms.FindingsToDisputesForm(prefix="register")
            if finding_form.is_valid():
                d = finding_form.cleaned_data
                if _run(request, finding_form, lambda: services.campaign_record_finding(
                        campaign=campaign, description=d["description"], dispute_type=d["dispute_type"],
                        handling_unit=d["handling_unit"], by=request.user, on=d["on"], sector=d["sector"],
                        location=d["location"], party_names=d["party_names"], persons=d["persons"],
                        risk_criminal=d["risk_criminal"], risk_group_petition=d["risk_group_petition"],
                        state=d["state"])):
                    return redirect(campaign)
        campaign = _campaign(request, pk)
    pending = [f for f in campaign.findings.all() if f.state == "pending"]
    return render(request, "mediation/campaign.html", {
        "campaign": campaign, "finding_form": finding_form, "register_form": register_form, "pending": pending},
        status=400 if (finding_form.errors or register_form.errors) else 200)


# --- excellent cases ----------------------------------------------------------------------------------------

@login_required
@permission_required("mediation.view_excellentcase", raise_exception=True)
def cases(request):
    form = forms.CaseForm(request.POST or None, user=request.user)
    if request.method == "POST":
        if not request.user.has_perm("mediation.add_excellentcase"):
            raise PermissionDenied
        if form.is_valid():
            d = form.cleaned_data
            dispute = None
            if d["dispute_number"]:
                dispute = Dispute.objects.visible_to(request.user).filter(number=d["dispute_number"].strip()).first()
                if dispute is None:
                    form.add_error("dispute_number", _("No dispute you can see has this number."))
            if not form.errors and _run(request, form, lambda: services.case_submit(
                    unit=d["unit"], title=d["title"], summary=d["summary"], by=request.user, on=d["on"],
                    dispute=dispute)):
                return redirect("mediation:cases")
    key, start, end, metric_unit = _metric_args(request)
    page = selectors.case_page(user=request.user, after=request.GET.get("after"), metric=key, metric_from=start,
                               metric_to=end, metric_unit=metric_unit)
    rows = [(c, forms.CaseSelectForm(prefix=f"select-{c.pk}") if not c.selected_on else None,
             forms.CasePublishForm(prefix=f"publish-{c.pk}") if not c.published_on else None) for c in page.rows]
    return render(request, "mediation/cases.html", {
        "form": form, "page": page, "rows": rows, "metric": key, "metric_label": _metric_label(key),
        "metric_from": start, "metric_to": end}, status=400 if form.errors else 200)


@login_required
@require_POST
def case_act(request, pk: int, action: str):
    if not request.user.has_perm("mediation.change_excellentcase"):
        raise PermissionDenied
    case = selectors.case_for(user=request.user, pk=pk)
    if case is None or action not in ("select", "publish"):
        raise Http404
    if action == "select":
        form = forms.CaseSelectForm(request.POST, prefix=f"select-{pk}")
        call = lambda c: services.case_select(case=case, selected_by=c["selected_by"], by=request.user, on=c["on"])  # noqa: E731
    else:
        form = forms.CasePublishForm(request.POST, prefix=f"publish-{pk}")
        call = lambda c: services.case_publish(case=case, published_in=c["published_in"], by=request.user, on=c["on"])  # noqa: E731
    if form.is_valid() and _run(request, form, lambda: call(form.cleaned_data)):
        messages.success(request, _("Recorded."))
    else:
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
    return redirect("mediation:cases")


# --- statistics and organisations ---------------------------------------------------------------------------

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


@login_required
@permission_required("mediation.view_mediator", raise_exception=True)
def organisations(request):
    return render(request, "mediation/organisations.html", {
        "committees": selectors.committees(user=request.user), "centres": selectors.centres(user=request.user),
        "agencies": selectors.centre_agencies(user=request.user),
        "mediators": selectors.mediator_directory(user=request.user)[:500]})

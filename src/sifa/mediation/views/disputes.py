"""Disputes: the work list, the list with its filters and export, registration, the dispute's page and its
steps, and its documents."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from sifa.core import audit, clocks
from sifa.core import metrics as core_metrics
from sifa.core.documents import docx_response
from sifa.core.exports import export_response
from sifa.core.navigation import WorkItem

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

"""Screening campaigns (排查): the campaigns, a campaign's findings, and registering them as disputes."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .. import forms, selectors, services
from .common import _metric_args, _metric_label, _run


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

"""The pages of forensic appraisal: the register, the monthly reports, complaints (core.complaint_views) and
rectification proposals (the kit's step page)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sifa.core import complaint_views, metrics
from sifa.core.documents import docx_response
from sifa.core.figure_links import figure_from
from sifa.core.lists import case_clocks, with_clocks
from sifa.core.steps import fetch_in_scope, register_view, step_view

from . import documents, services
from .forms import ComplaintForm, ProposalForm
from .models import AppraisalInstitution, CommissionReport, RectificationProposal
from .workflow import KIT, PROPOSAL_WORKFLOW

VIEW = "appraisal.view_appraisalinstitution"
TABS = "appraisal/_tabs.html"
RELATED = ("respondent_institution", "respondent_appraiser")
DRILL = {"appraisal.appraisalcomplaint": "appraisal:complaints", "appraisal.rectificationproposal": "appraisal:proposals",
         "appraisal.commissionreport": "appraisal:reports"}


def _registered(obj) -> str:
    return _("Registered %(n)s.") % {"n": obj.number}


def _figure_rows(request, model):
    figure = figure_from(request)
    if figure is None:
        return None, None
    m = metrics.metric(figure.metric.numerator) if figure.metric.is_rate else figure.metric
    if not m.key.startswith("appraisal.") or m.model.lower() != model._meta.label_lower:
        raise Http404
    return figure, metrics.cases_for(m.key, figure.start, figure.end, figure.unit).values("pk")


@login_required
@permission_required(VIEW, raise_exception=True)
def institution_list(request):
    figure = figure_from(request)
    if figure is not None:  # the line's figures drill down here: each goes on to its own list
        m = metrics.metric(figure.metric.numerator) if figure.metric.is_rate else figure.metric
        target = DRILL.get(m.model.lower()) if m.key.startswith("appraisal.") else None
        if target is None and not m.key.startswith("appraisal."):
            raise Http404
        if target:
            return redirect(f"{reverse(target)}?{request.GET.urlencode()}")
    qs = AppraisalInstitution.objects.visible_to(request.user).prefetch_related("assessments")
    q = request.GET.get("q", "").strip()
    if q:
        qs = qs.filter(name__icontains=q) | qs.filter(licence_number__icontains=q)
    if request.GET.get("status"):
        qs = qs.filter(status=request.GET["status"])
    order = {"licence": ("licence_number", "pk")}.get(request.GET.get("sort", ""), ("name", "pk"))
    return render(request, "appraisal/institutions.html", {"institutions": qs.order_by(*order), "q": q})


@login_required
@permission_required(VIEW, raise_exception=True)
def institution_detail(request, pk):
    inst = fetch_in_scope(AppraisalInstitution, request.user, pk)
    return render(request, "appraisal/institution.html", {
        "inst": inst, "appraisers": inst.practitioners.order_by("name"), "changes": inst.status_changes.all(),
        "grades": inst.assessments.all(), "reports": inst.reports.order_by("-month")[:24],
        "proposals": inst.proposals.order_by("-issued_on")})


@login_required
@permission_required("appraisal.view_commissionreport", raise_exception=True)
def report_list(request):
    qs = CommissionReport.objects.visible_to(request.user).select_related("institution")
    figure, behind = _figure_rows(request, CommissionReport)
    if behind is not None:
        qs = qs.filter(pk__in=behind)
    if request.GET.get("institution", "").isdigit():
        qs = qs.filter(institution_id=int(request.GET["institution"]))
    order = ("month", "institution__name") if request.GET.get("sort") == "month" else ("-month", "institution__name")
    return render(request, "appraisal/reports.html", {"reports": qs.order_by(*order)[:500], "figure": figure})


@login_required
@permission_required("appraisal.view_appraisalcomplaint", raise_exception=True)
def complaint_list(request):
    return complaint_views.complaint_list(request, KIT, tabs=TABS, related=RELATED,
                                          search=("respondent_institution__name", "respondent_appraiser__name"))


@login_required
@permission_required("appraisal.add_appraisalcomplaint", raise_exception=True)
def complaint_new(request):
    form = ComplaintForm(request.POST or None, user=request.user, initial={"received_on": timezone.localdate()})

    def create(d):
        return services.complaint_register(
            unit=request.user.primary_unit, by=request.user, received_on=d["received_on"], channel=d["channel"],
            complainant=d["complainant"], complainant_address=d["complainant_address"], matter=d["matter"],
            respondent_institution=d["respondent_institution"])

    return register_view(request, form, create, success=_registered, tabs=TABS, title=_("Register a complaint"),
                         back=reverse("appraisal:complaints"))


@login_required
@permission_required("appraisal.view_appraisalcomplaint", raise_exception=True)
def complaint_detail(request, pk):
    return complaint_views.complaint_detail(request, KIT, pk, tabs=TABS, related=RELATED)


@login_required
@permission_required("appraisal.view_appraisalcomplaint", raise_exception=True)
def complaint_action(request, pk, action):
    return complaint_views.complaint_action(request, KIT, pk, action)


@login_required
@permission_required("appraisal.view_appraisalcomplaint", raise_exception=True)
def complaint_document(request, pk, kind):
    return complaint_views.complaint_document(request, KIT, pk, kind, related=RELATED)


@login_required
@permission_required("appraisal.view_rectificationproposal", raise_exception=True)
def proposal_list(request):
    qs = with_clocks(RectificationProposal.objects.visible_to(request.user).select_related("institution"))
    figure, behind = _figure_rows(request, RectificationProposal)
    if behind is not None:
        qs = qs.filter(pk__in=behind)
    if request.GET.get("state"):
        qs = qs.filter(state=request.GET["state"])
    order = ("issued_on", "pk") if request.GET.get("sort") == "issued" else ("-issued_on", "-pk")
    return render(request, "appraisal/proposals.html", {"proposals": qs.order_by(*order)[:500], "figure": figure})


@login_required
@permission_required("appraisal.add_rectificationproposal", raise_exception=True)
def proposal_new(request):
    form = ProposalForm(request.POST or None, user=request.user, initial={"issued_on": timezone.localdate()})

    def create(d):
        return services.proposal_issue(unit=request.user.primary_unit, by=request.user, **d)

    return register_view(request, form, create, success=_registered, tabs=TABS,
                         title=_("Issue a rectification proposal"), back=reverse("appraisal:proposals"))


@login_required
@permission_required("appraisal.view_rectificationproposal", raise_exception=True)
def proposal_detail(request, pk):
    prop = fetch_in_scope(RectificationProposal.objects.select_related("institution", "unit"), request.user, pk)
    return render(request, "appraisal/proposal.html", {
        "case": prop, "actions": PROPOSAL_WORKFLOW.available(prop, request.user), "clocks": case_clocks(prop),
        "timeline": prop.timeline().select_related("actor")[:200]})


@login_required
@permission_required("appraisal.view_rectificationproposal", raise_exception=True)
def proposal_action(request, pk, action):
    return step_view(request, fetch_in_scope(RectificationProposal, request.user, pk), PROPOSAL_WORKFLOW, action)


@login_required
@permission_required("appraisal.view_rectificationproposal", raise_exception=True)
def proposal_document(request, pk, kind):
    prop = fetch_in_scope(RectificationProposal.objects.select_related("institution", "unit"), request.user, pk)
    if kind not in documents.KINDS:
        raise Http404
    return docx_response(documents.render(prop, kind), filename=f"{documents.KINDS[kind]}-{prop.number}",
                         user=request.user, obj=prop, action="appraisal.document.downloaded")

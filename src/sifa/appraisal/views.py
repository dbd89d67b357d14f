"""The pages of forensic appraisal: the register, the monthly reports, complaints (core.complaint_views) and
rectification proposals (the kit's step page)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from sifa.core import complaint_views, metrics, register
from sifa.core.documents import docx_response
from sifa.core.figure_links import figure_from
from sifa.core.lists import case_clocks, with_clocks
from sifa.core.steps import fetch_in_scope, register_view, step_view

from . import documents, services
from .forms import ComplaintForm, ProposalForm
from .models import AppraisalInstitution, Appraiser, CommissionReport, Grade, RectificationProposal
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
                         template="appraisal/form.html",
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


# --- editing the register (through the services, audited) -------------------------------------------------------

@login_required
@permission_required(VIEW, raise_exception=True)
def appraiser_detail(request, pk):
    a = fetch_in_scope(Appraiser.objects.select_related("institution"), request.user, pk)
    return render(request, "appraisal/appraiser.html", {"a": a, "changes": a.status_changes.all()})


def _status(request, record):
    form = register.StatusForm(request.POST or None, record=record)
    return register.edit_view(
        request, form, lambda d: services.status_change(record, status=d["status"], on=d["on"], reason=d["reason"],
                                                        basis=d["basis"], by=request.user,
                                                        expected_version=d["version"]),
        record=record, title=_("Change the status of %(name)s") % {"name": record.name}, tabs=TABS,
        success=_("The status is changed."))


@login_required
@permission_required("appraisal.change_appraisalinstitution", raise_exception=True)
def institution_status(request, pk):
    return _status(request, fetch_in_scope(AppraisalInstitution, request.user, pk))


@login_required
@permission_required("appraisal.change_appraiser", raise_exception=True)
def appraiser_status(request, pk):
    return _status(request, fetch_in_scope(Appraiser.objects.select_related("institution"), request.user, pk))


@login_required
@permission_required("appraisal.add_creditgrade", raise_exception=True)
def institution_grade(request, pk):
    inst = fetch_in_scope(AppraisalInstitution, request.user, pk)
    form = register.AssessmentForm(request.POST or None, results=Grade.choices)
    return register.edit_view(
        request, form, lambda d: services.grade_record(inst, year=d["year"], grade=d["result"], on=d["on"],
                                                       note=d["note"], by=request.user),
        record=inst, title=_("Record the credit grade of %(name)s") % {"name": inst.name}, tabs=TABS,
        success=_("The credit grade is recorded."))


@never_cache
def public_lookup(request):
    """On the citizens' portal, without an account: is this person a practising appraiser, where, in what
    status."""
    return register.public_lookup(
        request, practitioners=Appraiser.objects.all(), institutions=AppraisalInstitution.objects.all(),
        title=_("Look up a forensic appraiser or institution"), scope="appraisal.lookup_per_address",
        intro=_("Type an appraiser's or an appraisal institution's whole name, or the whole licence number, to see "
                "whether they are registered in the district, where they practise and their practice status."))


# --- the online patrol (网上巡查) and the complaints white paper ----------------------------------------------------

WARNING_SORTS = {"month": ("month", "pk"), "-month": ("-month", "-pk"), "raised": ("raised_on", "pk"),
                 "-raised": ("-raised_on", "-pk")}


@login_required
@permission_required("appraisal.view_patrolwarning", raise_exception=True)
def warning_list(request):
    from .models import PatrolRule, PatrolWarning, WarningState

    qs = PatrolWarning.objects.visible_to(request.user).select_related("institution")
    for name in ("state", "rule"):
        if request.GET.get(name):
            qs = qs.filter(**{name: request.GET[name]})
    if request.GET.get("institution", "").isdigit():
        qs = qs.filter(institution_id=int(request.GET["institution"]))
    sort = request.GET.get("sort", "")
    order = ("state", *WARNING_SORTS[sort]) if sort in WARNING_SORTS else ("state", "-month", "pk")
    return render(request, "appraisal/warnings.html", {
        "warnings": qs.order_by(*order)[:500], "sort": sort, "rules": PatrolRule.choices,
        "states": WarningState.choices})


@login_required
@require_POST
@permission_required("appraisal.add_patrolwarning", raise_exception=True)
def patrol_run(request):
    n = services.patrol_run(by=request.user)
    from django.contrib import messages

    messages.success(request, _("The patrol raised %(n)s new warnings.") % {"n": n})
    return redirect("appraisal:warnings")


@login_required
@permission_required("appraisal.view_patrolwarning", raise_exception=True)
def warning_detail(request, pk):
    from sifa.core.steps import add_error

    from .forms import CloseWarningForm
    from .models import PatrolWarning, WarningState

    w = fetch_in_scope(PatrolWarning.objects.select_related("institution", "closed_by"), request.user, pk)
    can_close = w.state == WarningState.OPEN and request.user.has_perm("appraisal.change_patrolwarning")
    form = CloseWarningForm(request.POST or None, initial={"on": timezone.localdate()}) if can_close else None
    if request.method == "POST":
        if not can_close:
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied
        if form.is_valid():
            try:
                services.warning_close(w, handling=form.cleaned_data["handling"], on=form.cleaned_data["on"],
                                       by=request.user)
            except Exception as exc:
                if not add_error(form, exc):
                    raise
            else:
                from django.contrib import messages

                messages.success(request, _("The warning is closed."))
                return redirect(w)
    return render(request, "appraisal/warning.html", {"w": w, "form": form})


@login_required
@permission_required("appraisal.view_appraisalcomplaint", raise_exception=True)
def white_paper(request):
    from datetime import date

    from .forms import PeriodForm

    today = timezone.localdate()
    form = PeriodForm(request.GET or None, initial={"start": date(today.year, 1, 1), "end": today})
    start, end = (form.cleaned_data["start"], form.cleaned_data["end"]) if form.is_valid() else (
        date(today.year, 1, 1), today)
    unit = request.user.primary_unit
    if request.GET.get("download") and form.is_valid():
        return docx_response(documents.render_white_paper(start, end, unit),
                             filename=f"司法鉴定投诉举报处理情况白皮书-{start:%Y%m%d}-{end:%Y%m%d}", user=request.user,
                             obj=None, action="appraisal.white_paper.downloaded")
    f = documents.white_paper_figures(start, end, unit)
    rows = [(metrics.metric(k).label, metrics.format_value(metrics.metric(k), f["r"][k])) for k in WHITE_PAPER_ROWS]
    return render(request, "appraisal/white_paper.html", {"form": form, "start": start, "end": end, "f": f,
                                                          "rows": rows})


WHITE_PAPER_ROWS = ("appraisal.commissions", "appraisal.completed", "appraisal.complaints",
                    "appraisal.complaints_accepted", "appraisal.complaints_concluded", "appraisal.complaints_answered",
                    "appraisal.complaints_answered_in_time", "appraisal.complaints_concluded_rate",
                    "appraisal.complaints_answered_rate", "appraisal.penalties", "appraisal.proposals",
                    "appraisal.proposals_rectified", "appraisal.graded", "appraisal.grade_a")

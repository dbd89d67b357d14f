"""The pages of notarisation: thin edges over the selectors, the services and the kit's step page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from sifa.core import metrics
from sifa.core.documents import docx_response
from sifa.core.exports import export_response
from sifa.core.figure_links import figure_from, stats_url
from sifa.core.lists import case_clocks
from sifa.core.paging import keyset_page
from sifa.core.steps import add_error, fetch_in_scope, step_view

from . import documents, selectors, services
from .forms import ApplicationForm, AssessmentForm, FilterForm, NotaryForm
from .models import Matter, Notarisation
from .workflow import WORKFLOW

VIEW = "notary.view_notarisation"
ADD = "notary.add_notarisation"

HEADERS = [gettext_lazy("Case number"), gettext_lazy("Notarial matter"), gettext_lazy("Matter group"),
           pgettext_lazy("notarisation", "Channel"), gettext_lazy("Applicant"), gettext_lazy("Received on"),
           gettext_lazy("Accepted on"), gettext_lazy("Issued on"), gettext_lazy("Certificate number"),
           gettext_lazy("Refused on"), gettext_lazy("State")]


def _row(c: Notarisation) -> list:
    return [c.number, c.get_matter_display(), c.get_group_display(), c.get_channel_display(), c.applicant.name,
            c.received_on, c.accepted_on, c.issued_on, c.certificate_number, c.refused_on, c.get_state_display()]


@login_required
@permission_required(VIEW, raise_exception=True)
def notarisation_list(request):
    form = FilterForm(request.GET or None)
    f, sort = selectors.Filter(), None
    if form.is_valid():
        d = form.cleaned_data
        f = selectors.Filter(q=d["q"].strip(), state=d["state"], matter=d["matter"], group=d["group"],
                             channel=d["channel"], due=d["due"], date_from=d["date_from"], date_to=d["date_to"])
        sort = d["sort"]
    qs = selectors.notarisations(user=request.user, filters=f)
    figure = figure_from(request)  # a drill-down from a figure of the statistics
    if figure is not None:
        if not figure.metric.key.startswith("notary."):
            raise Http404
        if figure.metric.model == MONTHLY:  # a figure of the monthly totals: their own list
            return redirect(f"{reverse('notary:monthly')}?{request.GET.urlencode()}")
        qs = qs.filter(pk__in=metrics.cases_for(figure.metric.key, figure.start, figure.end, figure.unit)
                       .values("pk"))
    order = selectors.SORTS.order(sort)
    fmt = request.GET.get("export")
    if fmt in ("xlsx", "csv"):
        rows = (_row(c) for c in qs.order_by(*order).iterator(chunk_size=500))
        return export_response(rows=rows, headers=[str(h) for h in HEADERS], filename=_("Notarisations"), fmt=fmt,
                               user=request.user, action="notary.exported", summary=request.GET.urlencode())
    if selectors.SORTS.key(sort).lstrip("-") == "accepted":
        qs = qs.filter(accepted_on__isnull=False)  # keyset paging needs non-null sort values
    page = keyset_page(qs, order=order, after=request.GET.get("after"), size=50)
    work = list(selectors.open_work(user=request.user)[:20]) if not request.GET else []
    return render(request, "notary/list.html", {
        "form": form, "page": page, "work": work, "query": request.GET.urlencode(),
        "metric_info": figure and figure.as_context(), "stats_url": stats_url("notary"),
        "monthly_also": figure is not None and bool(figure.metric.plus)})


MONTHLY = "notary.MonthlyTotal"
MONTHLY_HEADERS = [gettext_lazy("Notary office"), gettext_lazy("Month"), gettext_lazy("Notarial matter"),
                   gettext_lazy("Matter group"), gettext_lazy("Accepted"), gettext_lazy("Online, no visit"),
                   gettext_lazy("Online, at most one visit"), pgettext_lazy("notarisation", "Issued"), pgettext_lazy("notarisation", "Refused"),
                   gettext_lazy("Fees (yuan)")]


@login_required
@permission_required(VIEW, raise_exception=True)
def monthly_list(request):
    """The months imported as totals, by office, month and matter; filtered by a figure's drill-down, the office or
    the year, sorted by month, exported to Excel."""
    qs = selectors.monthly_totals(user=request.user, year=request.GET.get("year", ""),
                                  matter=request.GET.get("matter", ""))
    figure = figure_from(request)
    if figure is not None:
        if not figure.metric.key.startswith("notary."):
            raise Http404
        if figure.metric.model == MONTHLY:
            qs = qs.filter(pk__in=metrics.cases_for(figure.metric.key, figure.start, figure.end, figure.unit)
                           .values("pk"))
        else:
            qs = qs.filter(month__range=(figure.start.replace(day=1), figure.end))
    sort = request.GET.get("sort", "-month")
    order = {"month": ("month", "matter"), "-month": ("-month", "matter"), "accepted": ("accepted", "pk"),
             "-accepted": ("-accepted", "pk")}.get(sort, ("-month", "matter"))
    qs = qs.order_by(*order)
    rows = ([t.unit.name, f"{t.month:%Y-%m}", t.get_matter_display(), t.get_group_display(), t.accepted, t.online,
             t.one_visit, t.issued, t.refused, t.fees] for t in qs)
    fmt = request.GET.get("export")
    if fmt in ("xlsx", "csv"):
        return export_response(rows=rows, headers=[str(h) for h in MONTHLY_HEADERS], filename=_("Monthly totals"),
                               fmt=fmt, user=request.user, action="notary.exported",
                               summary=request.GET.urlencode())
    totals = selectors.monthly_sums(qs)
    return render(request, "notary/monthly.html", {
        "rows": qs[:500], "totals": totals, "query": request.GET.urlencode(), "sort": sort,
        "metric_info": figure and figure.as_context(), "year": request.GET.get("year", ""),
        "matters": Matter.choices, "matter": request.GET.get("matter", "")})


@login_required
@permission_required(ADD, raise_exception=True)
def application_new(request):
    form = ApplicationForm(request.POST or None, initial={"received_on": timezone.localdate(), "accept_now": True})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            case = services.application_register(
                unit=request.user.primary_unit, by=request.user, name=d["name"], id_number=d["id_number"],
                phone=d["phone"], received_on=d["received_on"], channel=d["channel"], matter=d["matter"],
                for_use_abroad=d["for_use_abroad"], purpose=d["purpose"], accept_now=d["accept_now"],
                notary=d["notary"])
        except Exception as exc:
            if not add_error(form, exc):
                raise
        else:
            messages.success(request, _("Registered %(n)s.") % {"n": case.number})
            return redirect(case)
    return render(request, "notary/form.html", {"form": form, "title": _("Register an application"),
                                                "back": reverse("notary:list")})


@login_required
@permission_required(VIEW, raise_exception=True)
def notarisation_detail(request, pk):
    case = fetch_in_scope(Notarisation.objects.select_related("applicant", "unit", "handler"), request.user, pk)
    return render(request, "notary/detail.html", {
        "case": case, "actions": WORKFLOW.available(case, request.user), "clocks": case_clocks(case),
        "documents": documents.issued(case), "timeline": case.timeline().select_related("actor")[:200]})


@login_required
@permission_required(VIEW, raise_exception=True)
def notarisation_action(request, pk, action):
    case = fetch_in_scope(Notarisation, request.user, pk)
    return step_view(request, case, WORKFLOW, action)


@login_required
@permission_required(VIEW, raise_exception=True)
def document(request, pk, kind):
    case = fetch_in_scope(Notarisation.objects.select_related("applicant", "unit"), request.user, pk)
    try:
        content = documents.render(case, kind)
    except documents.DocumentNotIssued:
        raise Http404 from None
    return docx_response(content, filename=f"{documents.KINDS[kind]}-{case.number}", user=request.user, obj=case,
                         action="notary.document.downloaded")


# --- the roster of notaries ---------------------------------------------------------------------------------

ROSTER_SORTS = {"name": ("name", "pk"), "-name": ("-name", "pk"), "number": ("certificate_number",),
                "-number": ("-certificate_number",)}
ROSTER_HEADERS = [pgettext_lazy("person", "Name"), gettext_lazy("Practice certificate number"),
                  gettext_lazy("Notary office"), gettext_lazy("Practising since"), gettext_lazy("Practising"),
                  gettext_lazy("Latest assessment")]


@login_required
@permission_required(VIEW, raise_exception=True)
def roster(request):
    """The office's notaries with their certificate numbers and latest annual assessment; filter, sort, export."""
    qs = selectors.notaries(user=request.user, q=request.GET.get("q", "").strip(),
                            active=request.GET.get("active", ""))
    sort = request.GET.get("sort", "name")
    qs = qs.order_by(*ROSTER_SORTS.get(sort, ROSTER_SORTS["name"]))
    rows = list(qs[:500])
    if request.GET.get("export") in ("xlsx", "csv"):
        data = ([n.name, n.certificate_number, n.unit.name, n.practising_since, _("Yes") if n.active else _("No"),
                 n.latest or ""] for n in rows)
        return export_response(rows=data, headers=[str(h) for h in ROSTER_HEADERS], filename=_("Roster of notaries"),
                               fmt=request.GET["export"], user=request.user, action="notary.exported",
                               summary="roster")
    return render(request, "notary/roster.html", {"rows": rows, "sort": sort, "q": request.GET.get("q", ""),
                                                  "active": request.GET.get("active", ""),
                                                  "query": request.GET.urlencode()})


@login_required
@permission_required(ADD, raise_exception=True)
def roster_edit(request, pk=None):
    notary = selectors.notary_in_scope(request.user, pk) if pk else None
    initial = ({"name": notary.name, "certificate_number": notary.certificate_number,
                "practising_since": notary.practising_since, "active": notary.active} if notary else {"active": True})
    form = NotaryForm(request.POST or None, initial=initial)
    assess = AssessmentForm(request.POST or None, prefix="a") if notary else None
    if request.method == "POST":
        if "a-year" in request.POST and notary is not None:
            if assess.is_valid():
                try:
                    services.assessment_record(notary=notary, by=request.user, **assess.cleaned_data)
                except Exception as exc:
                    if not add_error(assess, exc):
                        raise
                else:
                    messages.success(request, _("Assessment recorded."))
                    return redirect("notary:roster_edit", pk=notary.pk)
            form = NotaryForm(initial=initial)
        elif form.is_valid():
            try:
                n = services.notary_save(unit=notary.unit if notary else request.user.primary_unit, by=request.user,
                                         notary=notary, **form.cleaned_data)
            except Exception as exc:
                if not add_error(form, exc):
                    raise
            else:
                messages.success(request, _("Saved %(n)s.") % {"n": n})
                return redirect("notary:roster")
    return render(request, "notary/roster_form.html", {
        "form": form, "assess": assess, "notary": notary,
        "assessments": notary.assessments.order_by("-year") if notary else []})

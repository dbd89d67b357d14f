"""The pages of the lawyers' line: thin edges over the selectors, the services, the kit's step page and the
complaints kit's pages (core.complaint_views)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from sifa.core import complaint_views, metrics, register
from sifa.core.documents import docx_response
from sifa.core.exports import export_response
from sifa.core.figure_links import figure_from
from sifa.core.lists import case_clocks
from sifa.core.paging import keyset_page
from sifa.core.steps import fetch_in_scope, register_view, step_view

from . import documents, selectors, services
from .forms import SORTS, ComplaintForm, MatterFilterForm, MatterForm, PenaltyForm
from .models import LawFirm, Lawyer, LawyerComplaint, LicensingMatter, PenaltyDecision
from .services import FIRM_RESULTS, LAWYER_RESULTS
from .workflow import KIT, LICENSING

VIEW = "lawyers.view_licensingmatter"
VIEW_COMPLAINTS = "lawyers.view_lawyercomplaint"
VIEW_FIRMS = "lawyers.view_lawfirm"
TABS = "lawyers/_tabs.html"
RELATED = ("respondent_firm", "respondent_lawyer")
HEADERS = [gettext_lazy("Number"), gettext_lazy("Matter"), gettext_lazy("Applicant"), gettext_lazy("Law firm"),
           gettext_lazy("Accepted on"), gettext_lazy("Reported to the city on"), gettext_lazy("State")]


@login_required
@permission_required(VIEW, raise_exception=True)
def matter_list(request):
    figure = figure_from(request)
    if figure is not None:
        m = metrics.metric(figure.metric.numerator) if figure.metric.is_rate else figure.metric
        if not m.key.startswith("lawyers."):
            raise Http404
        if m.model.lower() == "lawyers.lawyercomplaint":  # the line's figures drill down here: complaints go on
            return redirect(f"{reverse('lawyers:complaints')}?{request.GET.urlencode()}")
        if m.model.lower() != "lawyers.licensingmatter":
            return redirect(f"{reverse('lawyers:firms')}")
    form = MatterFilterForm(request.GET or None)
    d = form.cleaned_data if form.is_valid() else {}
    qs = selectors.matter_list(user=request.user, d=d)
    if figure is not None:
        qs = qs.filter(pk__in=metrics.cases_for(m.key, figure.start, figure.end, figure.unit).values("pk"))
    order = SORTS.order(d.get("sort"))
    fmt = request.GET.get("export")
    if fmt in ("xlsx", "csv"):
        rows = ([x.number, x.get_kind_display(), x.applicant, x.firm.name if x.firm_id else "", x.received_on,
                 x.reported_on, x.get_state_display()] for x in qs.order_by(*order).iterator(chunk_size=500))
        return export_response(rows=rows, headers=[str(h) for h in HEADERS], filename=_("Licensing matters"),
                               fmt=fmt, user=request.user, action="lawyers.exported", summary=request.GET.urlencode())
    page = keyset_page(qs, order=order, after=request.GET.get("after"), size=50)
    return render(request, "lawyers/list.html", {"form": form, "page": page, "query": request.GET.urlencode(),
                                                  "figure": figure})


def _registered(obj) -> str:
    return _("Registered %(n)s.") % {"n": obj.number}


@login_required
@permission_required("lawyers.add_licensingmatter", raise_exception=True)
def matter_new(request):
    form = MatterForm(request.POST or None, user=request.user, initial={"received_on": timezone.localdate()})

    def create(d):
        return services.matter_register(unit=request.user.primary_unit, by=request.user, kind=d["kind"],
                                        applicant=d["applicant"], received_on=d["received_on"], firm=d["firm"])

    return register_view(request, form, create, success=_registered, tabs=TABS,
                         title=_("Accept a licensing matter"), back=reverse("lawyers:list"))


@login_required
@permission_required(VIEW, raise_exception=True)
def matter_detail(request, pk):
    m = fetch_in_scope(LicensingMatter.objects.select_related("unit", "firm", "lawyer"), request.user, pk)
    return render(request, "lawyers/matter.html", {
        "case": m, "actions": LICENSING.available(m, request.user), "clocks": case_clocks(m),
        "timeline": m.timeline().select_related("actor")[:200]})


@login_required
@permission_required(VIEW, raise_exception=True)
def matter_action(request, pk, action):
    return step_view(request, fetch_in_scope(LicensingMatter, request.user, pk), LICENSING, action)


@login_required
@permission_required(VIEW, raise_exception=True)
def matter_document(request, pk, kind):
    m = fetch_in_scope(LicensingMatter.objects.select_related("unit", "firm"), request.user, pk)
    try:
        content = documents.render(m, kind)
    except documents.DocumentNotIssued:
        raise Http404 from None
    return docx_response(content, filename=f"{documents.KINDS[kind]}-{m.number}", user=request.user, obj=m,
                         action="lawyers.document.downloaded")


@login_required
@permission_required(VIEW_COMPLAINTS, raise_exception=True)
def complaint_list(request):
    return complaint_views.complaint_list(request, KIT, tabs=TABS,
                                          related=RELATED, search=("respondent_lawyer__name", "respondent_firm__name"))


@login_required
@permission_required("lawyers.add_lawyercomplaint", raise_exception=True)
def complaint_new(request):
    form = ComplaintForm(request.POST or None, user=request.user, initial={"received_on": timezone.localdate()})

    def create(d):
        return services.complaint_register(
            unit=request.user.primary_unit, by=request.user, received_on=d["received_on"], channel=d["channel"],
            complainant=d["complainant"], complainant_address=d["complainant_address"], matter=d["matter"],
            respondent_firm=d["respondent_firm"], respondent_lawyer=d["respondent_lawyer"])

    return register_view(request, form, create, success=_registered, tabs=TABS, title=_("Register a complaint"),
                         template="lawyers/form.html",
                         back=reverse("lawyers:complaints"))


@login_required
@permission_required(VIEW_COMPLAINTS, raise_exception=True)
def complaint_detail(request, pk):
    return complaint_views.complaint_detail(request, KIT, pk, tabs=TABS, related=RELATED)


@login_required
@permission_required(VIEW_COMPLAINTS, raise_exception=True)
def complaint_action(request, pk, action):
    return complaint_views.complaint_action(request, KIT, pk, action)


@login_required
@permission_required(VIEW_COMPLAINTS, raise_exception=True)
def complaint_document(request, pk, kind):
    return complaint_views.complaint_document(request, KIT, pk, kind, related=RELATED)


@login_required
@permission_required(VIEW_FIRMS, raise_exception=True)
def firm_list(request):
    qs = LawFirm.objects.visible_to(request.user)
    q = request.GET.get("q", "").strip()
    if q:
        qs = qs.filter(name__icontains=q) | qs.filter(licence_number__icontains=q)
    status = request.GET.get("status", "")
    if status:
        qs = qs.filter(status=status)
    order = {"name": ("name", "pk"), "licence": ("licence_number", "pk")}.get(request.GET.get("sort", ""), ("name", "pk"))
    return render(request, "lawyers/firms.html", {"firms": qs.order_by(*order), "q": q, "status": status})


@login_required
@permission_required(VIEW_FIRMS, raise_exception=True)
def firm_detail(request, pk):
    firm = fetch_in_scope(LawFirm, request.user, pk)
    return render(request, "lawyers/firm.html", {
        "firm": firm, "lawyers": firm.practitioners.order_by("name"), "changes": firm.status_changes.all(),
        "assessments": firm.assessments.all()})


@login_required
@permission_required(VIEW_FIRMS, raise_exception=True)
def lawyer_detail(request, pk):
    lawyer = fetch_in_scope(Lawyer.objects.select_related("institution"), request.user, pk)
    return render(request, "lawyers/lawyer.html", {
        "lawyer": lawyer, "changes": lawyer.status_changes.all(), "assessments": lawyer.assessments.all()})


# --- editing the register (through the services, audited) -------------------------------------------------------

def _status(request, record, title):
    form = register.StatusForm(request.POST or None, record=record)
    return register.edit_view(
        request, form, lambda d: services.status_change(record, status=d["status"], on=d["on"], reason=d["reason"],
                                                        basis=d["basis"], by=request.user,
                                                        expected_version=d["version"]),
        record=record, title=title, tabs=TABS, success=_("The status is changed."))


def _assessment(request, record, results, title, record_it):
    form = register.AssessmentForm(request.POST or None, results=[(r.value, r.label) for r in results])
    return register.edit_view(request, form, record_it, record=record, title=title, tabs=TABS,
                              success=_("The assessment is recorded."))


@login_required
@permission_required("lawyers.change_lawfirm", raise_exception=True)
def firm_status(request, pk):
    firm = fetch_in_scope(LawFirm, request.user, pk)
    return _status(request, firm, _("Change the status of %(name)s") % {"name": firm.name})


@login_required
@permission_required("lawyers.change_lawyer", raise_exception=True)
def lawyer_status(request, pk):
    lawyer = fetch_in_scope(Lawyer.objects.select_related("institution"), request.user, pk)
    return _status(request, lawyer, _("Change the status of %(name)s") % {"name": lawyer.name})


@login_required
@permission_required("lawyers.change_lawfirm", raise_exception=True)
def firm_inspection(request, pk):
    firm = fetch_in_scope(LawFirm, request.user, pk)
    return _assessment(request, firm, FIRM_RESULTS, _("Record the annual inspection of %(name)s") % {"name": firm.name},
                       lambda d: services.inspection_record(firm, year=d["year"], result=d["result"], on=d["on"],
                                                            note=d["note"], by=request.user))


@login_required
@permission_required("lawyers.change_lawyer", raise_exception=True)
def lawyer_assessment(request, pk):
    lawyer = fetch_in_scope(Lawyer.objects.select_related("institution"), request.user, pk)
    return _assessment(request, lawyer, LAWYER_RESULTS,
                       _("Record the annual assessment of %(name)s") % {"name": lawyer.name},
                       lambda d: services.inspection_record(lawyer, year=d["year"], result=d["result"], on=d["on"],
                                                            note=d["note"], by=request.user))


@never_cache
def public_lookup(request):
    """On the citizens' portal, without an account: is this person a practising lawyer, where, in what status."""
    return register.public_lookup(
        request, practitioners=Lawyer.objects.all(), institutions=LawFirm.objects.all(),
        title=_("Look up a lawyer or law firm"), scope="lawyers.lookup_per_address",
        intro=_("Type a lawyer's or a law firm's whole name, or the whole licence number, to see whether they are "
                "registered in the district, where they practise and their practice status."))


# --- penalty decisions (the discretion table, the 行政处罚决定书) -------------------------------------------------

PENALTY_SORTS = {"decided": ("decided_on", "pk"), "-decided": ("-decided_on", "-pk"), "number": ("number", "pk")}


@login_required
@permission_required(VIEW_COMPLAINTS, raise_exception=True)
def penalty_list(request):
    from sifa.core.complaints import Outcome

    qs = PenaltyDecision.objects.visible_to(request.user).select_related(
        "complaint", "complaint__respondent_firm", "complaint__respondent_lawyer")
    kind = request.GET.get("kind", "")
    if kind:
        qs = qs.filter(penalty_kind=kind)
    if request.GET.get("departed") == "1":
        qs = qs.exclude(departure="")
    order = PENALTY_SORTS.get(request.GET.get("sort", ""), PENALTY_SORTS["-decided"])
    waiting = (LawyerComplaint.objects.visible_to(request.user).filter(outcome=Outcome.PENALTY,
                                                                       penalty_decision__isnull=True)
               .select_related("respondent_firm", "respondent_lawyer").order_by("concluded_on", "pk"))
    from . import penalties

    table = [(penalties.ARTICLES[a].number + item, text,
              [penalties.suggest(k, c).text for c in penalties.Circumstance.values])
             for k, (a, item, text) in penalties.VIOLATIONS.items()]
    return render(request, "lawyers/penalties.html", {
        "decisions": qs.order_by(*order)[:500], "waiting": waiting[:100], "table": table, "kind": kind,
        "kinds": PenaltyDecision._meta.get_field("penalty_kind").choices,
        "circumstances": penalties.Circumstance.choices, "sort": request.GET.get("sort", "")})


@login_required
@permission_required("lawyers.handle_lawyercomplaint", raise_exception=True)
def penalty_new(request, pk):
    complaint = fetch_in_scope(LawyerComplaint.objects.select_related("respondent_firm", "respondent_lawyer"),
                               request.user, pk)
    form = PenaltyForm(request.POST or None, complaint=complaint, initial={"on": timezone.localdate()})

    def create(d):
        return services.penalty_decide(complaint, violation=d["violation"], circumstance=d["circumstance"],
                                       facts=d["facts"], penalty_kind=d["penalty_kind"], on=d["on"], by=request.user,
                                       fine=d["fine"] or 0, months=d["months"] or 0, confiscated=d["confiscated"] or 0,
                                       departure_reason=d["departure_reason"])

    return register_view(request, form, create, success=lambda d: _("Penalty decision %(n)s recorded.") % {
        "n": d.number}, tabs=TABS, title=_("Penalty decision on %(n)s") % {"n": complaint.number},
        back=complaint.get_absolute_url())


@login_required
@permission_required(VIEW_COMPLAINTS, raise_exception=True)
def penalty_detail(request, pk):
    from . import penalties

    d = fetch_in_scope(PenaltyDecision.objects.select_related("complaint", "complaint__respondent_firm",
                                                              "complaint__respondent_lawyer"), request.user, pk)
    return render(request, "lawyers/penalty.html", {
        "d": d, "violation": penalties.violation_choices()[list(penalties.VIOLATIONS).index(d.violation)][1],
        "circumstance": penalties.Circumstance(d.circumstance).label})


@login_required
@permission_required(VIEW_COMPLAINTS, raise_exception=True)
def penalty_document(request, pk):
    d = fetch_in_scope(PenaltyDecision.objects.select_related("complaint", "complaint__unit",
                                                              "complaint__respondent_firm",
                                                              "complaint__respondent_lawyer"), request.user, pk)
    return docx_response(documents.render_penalty(d), filename=f"行政处罚决定书-{d.number}", user=request.user,
                         obj=d.complaint, action="lawyers.penalty.document.downloaded")

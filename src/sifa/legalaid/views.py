"""The pages of legal aid: thin edges over the selectors, the services and the kit's step page."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from sifa.core import files, metrics
from sifa.core.documents import docx_response
from sifa.core.exports import export_response
from sifa.core.figure_links import figure_from
from sifa.core.lists import case_clocks
from sifa.core.paging import keyset_page
from sifa.core.search import list_key, number_search_redirect
from sifa.core.steps import add_error, fetch_in_scope, step_view
from sifa.core.workflow import StepError

from . import documents, selectors, services
from .forms import (
    ApplicationForm,
    CallbackForm,
    CaseFilterForm,
    ConsultationFilterForm,
    ConsultationForm,
    DutyFilterForm,
    DutyHelpForm,
    DutyRecordForm,
    DutyShiftForm,
    MaterialForm,
    NotificationForm,
    PortalMaterialsForm,
    SubsidyFilterForm,
)
from .models import Consultation, Evaluation, LegalAidCase, Material
from .workflow import WORKFLOW

VIEW = "legalaid.view_legalaidcase"
ADD = "legalaid.add_legalaidcase"
VIEW_CONSULTATIONS = "legalaid.view_consultation"
ADD_CONSULTATION = "legalaid.add_consultation"



def _metric_rows(request, model):
    """The rows behind a figure (?metric=KEY&from=&to=&unit=CODE), within the user's scope; None without a metric."""
    from datetime import date

    from sifa.core.inputs import query_date
    from sifa.core.models import Unit

    key = request.GET.get("metric")
    if not key:
        return None
    if not key.startswith("legalaid.") or key not in metrics.all_keys():
        raise Http404
    m = metrics.metric(key)
    if m.is_rate:
        m = metrics.metric(m.numerator)
    if m.model.lower() != model._meta.label_lower:
        raise Http404
    today = timezone.localdate()
    start = query_date(request, "from", default=date(today.year, 1, 1))
    end = query_date(request, "to", default=today)
    unit = Unit.objects.filter(code=request.GET.get("unit", "")).first()
    return metrics.cases_for(m.key, start, end, unit).values("pk")


# --- cases ----------------------------------------------------------------------------------------------------

L = "legal aid"
CASE_HEADERS = [gettext_lazy("Case number"), pgettext_lazy(L, "Source"), gettext_lazy("Matter type"),
                gettext_lazy("Form of service"), gettext_lazy("Applicant or aided person"), gettext_lazy("Received on"),
                pgettext_lazy(L, "Decision"), pgettext_lazy(L, "Decided on"), gettext_lazy("Law firm"),
                gettext_lazy("Lawyer"), gettext_lazy("Assigned on"), gettext_lazy("Closed on"), gettext_lazy("State")]


def _case_row(c: LegalAidCase) -> list:
    return [c.number, c.get_source_display(), c.get_matter_type_display(), c.get_service_form_display(),
            c.applicant.name, c.received_on, c.get_decision_display(), c.decided_on,
            c.law_firm.name if c.law_firm_id else "", c.lawyer, c.assigned_on, c.closed_on, c.get_state_display()]


@login_required
@permission_required(VIEW, raise_exception=True)
@require_http_methods(["GET", "POST"])
def case_list(request):
    key = request.GET.get("metric", "")
    if key.startswith("legalaid.subsidy") or key in DUTY_METRICS:  # figures whose rows have their own list
        target = "legalaid:subsidies" if key.startswith("legalaid.subsidy") else "legalaid:duty"
        return redirect(reverse(target) + "?" + request.GET.urlencode())
    if request.method == "POST":  # the search form is posted: a whole ID or mobile number never goes in a URL
        return number_search_redirect(request)
    form = CaseFilterForm(request.GET or None)
    f = selectors.CaseFilter(key=list_key(request))
    if form.is_valid():
        d = form.cleaned_data
        f = selectors.CaseFilter(q=d["q"].strip(), state=d["state"], source=d["source"],
                                 matter_type=d["matter_type"], mine=d["mine"], due=d["due"],
                                 date_from=d["date_from"], date_to=d["date_to"], key=list_key(request))
    sort = selectors.SORTS.key(request.GET.get("sort"))
    qs = selectors.case_list(user=request.user, filters=f)
    behind = _metric_rows(request, LegalAidCase)
    if behind is not None:
        qs = qs.filter(pk__in=behind)
    order = selectors.SORTS.order(sort)
    fmt = request.GET.get("export")
    if fmt in ("xlsx", "csv"):
        rows = (_case_row(c) for c in qs.order_by(*order).iterator(chunk_size=500))
        return export_response(rows=rows, headers=[str(h) for h in CASE_HEADERS], filename=_("Legal-aid cases"),
                               fmt=fmt, user=request.user, action="legalaid.exported",
                               summary=request.GET.urlencode())
    page = keyset_page(qs, order=order, after=request.GET.get("after"), size=50)
    work = list(selectors.open_cases(user=request.user)[:20]) if not request.GET else []
    return render(request, "legalaid/list.html", {
        "form": form, "page": page, "work": work, "query": request.GET.urlencode(), "today": timezone.localdate(),
        "sort": sort, "by_number": bool(f.key)})


def _register_page(request, form, create, title):
    if request.method == "POST" and form.is_valid():
        try:
            case = create(form.cleaned_data)
        except Exception as exc:
            if not add_error(form, exc):
                raise
        else:
            messages.success(request, _("Registered %(n)s.") % {"n": case.number})
            return redirect(case)
    return render(request, "legalaid/form.html", {"form": form, "title": title, "back": reverse("legalaid:list")})


@login_required
@permission_required(ADD, raise_exception=True)
def application_new(request):
    form = ApplicationForm(request.POST or None, initial={"received_on": timezone.localdate()}, user=request.user)

    def create(d):
        return services.application_register(
            unit=request.user.primary_unit, by=request.user, name=d["name"], id_number=d["id_number"],
            phone=d["phone"], address=d["address"], received_on=d["received_on"], channel=d["channel"],
            matter_type=d["matter_type"], service_form=d["service_form"], matter=d["matter"],
            opposing_party=d["opposing_party"], handling_organ=d["handling_organ"])

    return _register_page(request, form, create, _("Register an application"))


@login_required
@permission_required(ADD, raise_exception=True)
def notification_new(request):
    form = NotificationForm(request.POST or None, initial={"received_on": timezone.localdate()}, user=request.user)

    def create(d):
        return services.notification_register(
            unit=request.user.primary_unit, by=request.user, name=d["name"], id_number=d["id_number"],
            phone=d["phone"], address=d["address"], received_on=d["received_on"],
            notifying_organ=d["notifying_organ"], notifying_unit=d["notifying_unit"],
            notice_number=d["notice_number"], mandatory_ground=d["mandatory_ground"],
            service_form=d["service_form"], matter=d["matter"])

    return _register_page(request, form, create, _("Register a notified case"))


@login_required
@permission_required(VIEW, raise_exception=True)
def case_detail(request, pk):
    case = fetch_in_scope(LegalAidCase.objects.select_related("applicant", "unit", "law_firm", "notifying_unit"),
                          request.user, pk)
    return render(request, "legalaid/detail.html", {
        "case": case, "actions": WORKFLOW.available(case, request.user), "clocks": case_clocks(case),
        "checks": case.checks.select_related("standard"), "reports": case.reports.all(),
        "objections": case.objections.all(), "documents": documents.issued(case),
        "evaluation": Evaluation.objects.filter(case=case).select_related("sheet", "rate").first(),
        "materials": case.materials.all(),
        "material_form": MaterialForm() if request.user.has_perm("legalaid.add_material") else None,
        "timeline": case.timeline().select_related("actor")[:200]})


@login_required
@permission_required(VIEW, raise_exception=True)
def case_action(request, pk, action):
    case = fetch_in_scope(LegalAidCase, request.user, pk)
    return step_view(request, case, WORKFLOW, action)


@login_required
@permission_required(VIEW, raise_exception=True)
def document(request, pk, kind):
    case = fetch_in_scope(LegalAidCase.objects.select_related("applicant", "unit", "law_firm"), request.user, pk)
    try:
        content = documents.render(case, kind)
    except documents.DocumentNotIssued:
        raise Http404 from None
    return docx_response(content, filename=f"{documents.KINDS[kind]}-{case.number}", user=request.user, obj=case,
                         action="legalaid.document.downloaded")


# --- consultations ----------------------------------------------------------------------------------------------

CONSULTATION_HEADERS = [gettext_lazy("Date"), pgettext_lazy("consultation", "Channel"), gettext_lazy("Category"),
                        gettext_lazy("Persons"), gettext_lazy("Referred to"), gettext_lazy("Callback requested"),
                        gettext_lazy("Called back on"), gettext_lazy("Satisfaction"), gettext_lazy("Unit")]


def _consultation_row(c: Consultation) -> list:
    return [c.consulted_on, c.get_channel_display(), c.get_category_display(), c.persons, c.get_referral_display(),
            _("Yes") if c.callback_requested else _("No"), c.callback_done_on, c.get_satisfaction_display(), c.unit.name]


@login_required
@permission_required(VIEW_CONSULTATIONS, raise_exception=True)
def consultation_list(request):
    form = ConsultationFilterForm(request.GET or None)
    f = selectors.ConsultationFilter()
    if form.is_valid():
        d = form.cleaned_data
        f = selectors.ConsultationFilter(channel=d["channel"], category=d["category"], callback_open=d["callback"],
                                         date_from=d["date_from"], date_to=d["date_to"])
    qs = selectors.consultation_list(user=request.user, filters=f)
    behind = _metric_rows(request, Consultation)
    if behind is not None:
        qs = qs.filter(pk__in=behind)
    sort = selectors.CONSULTATION_SORTS.key(request.GET.get("sort"))
    order = selectors.CONSULTATION_SORTS.order(sort)
    fmt = request.GET.get("export")
    if fmt in ("xlsx", "csv"):
        rows = (_consultation_row(c) for c in qs.order_by(*order).iterator(chunk_size=2000))
        return export_response(rows=rows, headers=[str(h) for h in CONSULTATION_HEADERS],
                               filename=_("Consultations"), fmt=fmt, user=request.user,
                               action="legalaid.consultations.exported", summary=request.GET.urlencode())
    page = keyset_page(qs, order=order, after=request.GET.get("after"), size=50)
    return render(request, "legalaid/consultations.html", {"form": form, "page": page, "sort": sort,
                                                           "query": request.GET.urlencode()})


@login_required
@permission_required(ADD_CONSULTATION, raise_exception=True)
def consultation_new(request):
    form = ConsultationForm(request.POST or None, initial={"consulted_on": timezone.localdate(), "persons": 1})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            c = services.consultation_register(
                unit=request.user.primary_unit, by=request.user, consulted_on=d["consulted_on"], channel=d["channel"],
                name=d["name"], persons=d["persons"], category=d["category"], question=d["question"],
                answer=d["answer"], referral=d["referral"], callback_requested=d["callback_requested"],
                satisfaction=d["satisfaction"])
        except Exception as exc:
            if not add_error(form, exc):
                raise
        else:
            messages.success(request, _("Consultation recorded."))
            return redirect(c)
    return render(request, "legalaid/form.html", {"form": form, "title": _("Record a consultation"),
                                                  "back": reverse("legalaid:consultations")})


@login_required
@permission_required(VIEW_CONSULTATIONS, raise_exception=True)
def consultation_detail(request, pk):
    c = fetch_in_scope(Consultation.objects.select_related("unit", "referred_unit", "handler"), request.user, pk)
    form = None
    if c.callback_open and request.user.has_perm("legalaid.change_consultation"):
        form = CallbackForm(request.POST or None, initial={"on": timezone.localdate()})
        if request.method == "POST" and form.is_valid():
            d = form.cleaned_data
            try:
                services.consultation_callback(consultation=c, by=request.user, on=d["on"], reached=d["reached"],
                                               satisfaction=d["satisfaction"])
            except Exception as exc:
                if not add_error(form, exc):
                    raise
            else:
                messages.success(request, _("Callback recorded."))
                return redirect(c)
    elif request.method == "POST":
        raise Http404
    return render(request, "legalaid/consultation.html", {"c": c, "form": form, "clocks": case_clocks(c)})


# --- materials ----------------------------------------------------------------------------------------------------

@login_required
@permission_required(VIEW, raise_exception=True)
def material_download(request, pk, material):
    """A file of the case's materials, to a user who sees the case (404 outside their units), the read audited."""
    case = fetch_in_scope(LegalAidCase, request.user, pk)
    m = Material.objects.filter(case=case, pk=material).first()
    if m is None:
        raise Http404
    return files.download(request, file=m.file, filename=m.name, obj=case, action="legalaid.material.downloaded")


@login_required
@permission_required("legalaid.add_material", raise_exception=True)
@require_POST
def material_add(request, pk):
    case = fetch_in_scope(LegalAidCase, request.user, pk)
    form = MaterialForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            for f in form.cleaned_data["files"]:
                services.material_add(case=case, file=f, by=request.user,
                                      description=form.cleaned_data["description"])
        except StepError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Materials added."))
    else:
        for errors in form.errors.values():
            for e in errors:
                messages.error(request, e)
    return redirect(reverse("legalaid:detail", args=[case.pk]) + "#materials")


@require_POST
def portal_materials(request):
    """The applicant adds materials from the portal's progress page (a public page: the signed token of the
    look-up just made names the case; nothing is served back but the names)."""
    from . import portal

    form = PortalMaterialsForm(request.POST, request.FILES)
    case = portal.case_of_token(request.POST.get("token", ""))
    if case is None:
        return render(request, "legalaid/portal/materials.html", {"expired": True}, status=400)
    added = []
    if form.is_valid():
        try:
            with transaction.atomic():
                added = [services.material_add(case=case, file=f, by=None, from_applicant=True)
                         for f in form.cleaned_data["files"]]
        except StepError as exc:
            form.add_error("files", exc.message)
    status = 200 if added else 400
    return render(request, "legalaid/portal/materials.html", {
        "form": form, "added": added, "receipt": case.receipt_number,
        "upload_form": form if not added else None}, status=status)


# --- subsidies (办案补贴) -------------------------------------------------------------------------------------------

SUBSIDY_HEADERS = [gettext_lazy("Case number"), gettext_lazy("Form of service"), gettext_lazy("Law firm"),
                   gettext_lazy("Lawyer"), gettext_lazy("Closing reviewed on"), pgettext_lazy("quality grade", "Grade"),
                   gettext_lazy("Subsidy (yuan)"), gettext_lazy("How the subsidy is computed"),
                   gettext_lazy("Subsidy approved on")]


def _subsidy_row(e: Evaluation) -> list:
    return [e.case.number, e.case.get_service_form_display(), e.case.law_firm.name if e.case.law_firm_id else "",
            e.case.lawyer, e.reviewed_on, e.get_grade_display(), e.subsidy, e.subsidy_explanation, e.approved_on]


@login_required
@permission_required("legalaid.view_evaluation", raise_exception=True)
def subsidy_list(request):
    """The closing reviews with their subsidies: filters, sort, the total of what is listed, export; the drill-down
    of the subsidy figures (?metric=legalaid.subsidy_approved_amount&from=&to=)."""
    form = SubsidyFilterForm(request.GET or None)
    f = selectors.SubsidyFilter()
    if form.is_valid():
        d = form.cleaned_data
        f = selectors.SubsidyFilter(q=d["q"].strip(), grade=d["grade"], approval=d["approval"],
                                    law_firm=d["law_firm"], date_from=d["date_from"], date_to=d["date_to"])
    qs = selectors.subsidy_list(user=request.user, filters=f)
    figure = None
    if request.GET.get("metric"):
        figure = figure_from(request)
        if not figure.metric.key.startswith("legalaid.subsidy"):
            raise Http404
        qs = qs.filter(case__in=metrics.cases_for(figure.metric.key, figure.start, figure.end, figure.unit)
                       .values("pk"))
    sort = selectors.SUBSIDY_SORTS.key(request.GET.get("sort"))
    order = selectors.SUBSIDY_SORTS.order(sort)
    fmt = request.GET.get("export")
    if fmt in ("xlsx", "csv"):
        rows = (_subsidy_row(e) for e in qs.order_by(*order).iterator(chunk_size=500))
        return export_response(rows=rows, headers=[str(h) for h in SUBSIDY_HEADERS], filename=_("Case subsidies"),
                               fmt=fmt, user=request.user, action="legalaid.subsidies.exported",
                               summary=request.GET.urlencode())
    total = selectors.subsidy_total(qs)
    page = keyset_page(qs, order=order, after=request.GET.get("after"), size=50)
    return render(request, "legalaid/subsidies.html", {
        "form": form, "page": page, "total": total, "sort": sort, "figure": figure,
        "query": request.GET.urlencode()})


# --- the duty schedule (值班表) -------------------------------------------------------------------------------------

DUTY_HEADERS = [gettext_lazy("Duty date"), gettext_lazy("Duty period"), gettext_lazy("Duty place"),
                gettext_lazy("Duty lawyer"), gettext_lazy("Law firm"), gettext_lazy("Duty record"),
                gettext_lazy("Persons helped"), gettext_lazy("Note")]


def _duty_row(s) -> list:
    record = _("Not yet recorded") if s.served is None else (_("Served") if s.served else _("Missed"))
    return [s.on, s.get_period_display(), s.place.name, s.lawyer.name, s.lawyer.law_firm.name, record,
            s.helped or 0, s.note]


def _centre_of(user):
    """The legal-aid centre whose schedule the user keeps: their unit, if it is a centre (else the district's)."""
    from sifa.core.models import UnitKind

    unit = user.primary_unit
    if unit is not None and unit.kind == UnitKind.LEGAL_AID_CENTRE:
        return unit
    from . import district

    return district.centre()


@login_required
@permission_required("legalaid.view_dutyshift", raise_exception=True)
def duty_list(request):
    """The duty schedule: by default the coming two weeks; filters by place, lawyer, record and dates; sort by day
    or place; export; drill-down of the duty figures."""
    today = timezone.localdate()
    form = DutyFilterForm(request.GET or None)
    f = selectors.DutyFilter(date_from=today - timedelta(days=today.weekday()),
                             date_to=today - timedelta(days=today.weekday()) + timedelta(days=13))
    if form.is_valid() and any(form.cleaned_data.values()):
        d = form.cleaned_data
        f = selectors.DutyFilter(place=d["place"], lawyer=d["lawyer"].strip(), status=d["status"],
                                 date_from=d["date_from"], date_to=d["date_to"])
    qs = selectors.duty_list(user=request.user, filters=f)
    figure = None
    if request.GET.get("metric"):
        figure = figure_from(request)
        if figure.metric.key not in DUTY_METRICS:
            raise Http404
        rows = metrics.cases_for(figure.metric.key, figure.start, figure.end, figure.unit)
        qs = selectors.duty_list(user=request.user).filter(
            pk__in=rows.values("shift_id") if figure.metric.model == "legalaid.DutyHelp" else rows.values("pk"))
    sort = selectors.DUTY_SORTS.key(request.GET.get("sort"))
    order = selectors.DUTY_SORTS.order(sort)
    fmt = request.GET.get("export")
    if fmt in ("xlsx", "csv"):
        rows = (_duty_row(s) for s in qs.order_by(*order).iterator(chunk_size=500))
        return export_response(rows=rows, headers=[str(h) for h in DUTY_HEADERS], filename=_("Duty schedule"),
                               fmt=fmt, user=request.user, action="legalaid.duty.exported",
                               summary=request.GET.urlencode())
    page = keyset_page(qs, order=order, after=request.GET.get("after"), size=100)
    return render(request, "legalaid/duty.html", {
        "form": form, "page": page, "sort": sort, "figure": figure, "filters": f, "today": today,
        "query": request.GET.urlencode()})


DUTY_METRICS = ("legalaid.duty_shifts", "legalaid.duty_shifts_missed", "legalaid.duty_helped")


@login_required
@permission_required("legalaid.add_dutyshift", raise_exception=True)
def duty_new(request):
    centre = _centre_of(request.user)
    form = DutyShiftForm(request.POST or None, centre=centre, initial={"on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            shift = services.duty_schedule(unit=centre, by=request.user, place=d["place"], lawyer=d["lawyer"],
                                           on=d["on"], period=d["period"], note=d["note"])
        except Exception as exc:
            if not add_error(form, exc):
                raise
        else:
            messages.success(request, _("Duty scheduled."))
            if "again" in request.POST:
                return redirect("legalaid:duty_new")
            return redirect(shift)
    return render(request, "legalaid/form.html", {"form": form, "title": _("Schedule a duty"),
                                                  "back": reverse("legalaid:duty")})


@login_required
@permission_required("legalaid.view_dutyshift", raise_exception=True)
def duty_shift(request, pk):
    from .models import DutyShift

    shift = fetch_in_scope(DutyShift.objects.select_related("place", "lawyer__law_firm", "unit"), request.user, pk)
    may_record = request.user.has_perm("legalaid.change_dutyshift")
    record_form = help_form = None
    if may_record:
        posted = request.POST if request.method == "POST" else None
        which = request.POST.get("form") if posted else None
        record_form = DutyRecordForm(posted if which == "record" else None, prefix="record")
        help_form = DutyHelpForm(posted if which == "help" else None, prefix="help", initial={"persons": 1})
        if posted is not None:
            try:
                if which == "record" and record_form.is_valid():
                    d = record_form.cleaned_data
                    services.duty_record(shift=shift, by=request.user, served=d["served"], note=d["note"])
                    messages.success(request, _("Duty recorded."))
                    return redirect(shift)
                if which == "help" and help_form.is_valid():
                    d = help_form.cleaned_data
                    services.duty_help_add(shift=shift, by=request.user, kind=d["kind"], persons=d["persons"],
                                           category=d["category"], note=d["note"])
                    messages.success(request, _("Help recorded."))
                    return redirect(shift)
                if which == "cancel":
                    services.duty_cancel(shift=shift, by=request.user)
                    messages.success(request, _("Duty taken off the schedule."))
                    return redirect("legalaid:duty")
            except StepError as exc:
                target = help_form if which == "help" else record_form
                if not add_error(target, exc):
                    raise
    elif request.method == "POST":
        raise Http404
    return render(request, "legalaid/duty_shift.html", {
        "shift": shift, "helps": shift.helps.all(), "record_form": record_form, "help_form": help_form})

"""The pages of legal aid: thin edges over the selectors, the services and the kit's step page."""

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
from sifa.core.lists import case_clocks
from sifa.core.paging import keyset_page
from sifa.core.steps import add_error, fetch_in_scope, step_view

from . import documents, selectors, services
from .forms import (
    ApplicationForm,
    CallbackForm,
    CaseFilterForm,
    ConsultationFilterForm,
    ConsultationForm,
    NotificationForm,
)
from .models import Consultation, Evaluation, LegalAidCase
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
def case_list(request):
    form = CaseFilterForm(request.GET or None)
    f, sort = selectors.CaseFilter(), None
    if form.is_valid():
        d = form.cleaned_data
        f = selectors.CaseFilter(q=d["q"].strip(), state=d["state"], source=d["source"],
                                 matter_type=d["matter_type"], mine=d["mine"], due=d["due"],
                                 date_from=d["date_from"], date_to=d["date_to"])
        sort = d["sort"]
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
        "form": form, "page": page, "work": work, "query": request.GET.urlencode(), "today": timezone.localdate()})


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
    form = ApplicationForm(request.POST or None, initial={"received_on": timezone.localdate()})

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
    form = NotificationForm(request.POST or None, initial={"received_on": timezone.localdate()})

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
    order = ("-consulted_on", "-pk")
    fmt = request.GET.get("export")
    if fmt in ("xlsx", "csv"):
        rows = (_consultation_row(c) for c in qs.order_by(*order).iterator(chunk_size=2000))
        return export_response(rows=rows, headers=[str(h) for h in CONSULTATION_HEADERS],
                               filename=_("Consultations"), fmt=fmt, user=request.user,
                               action="legalaid.consultations.exported", summary=request.GET.urlencode())
    page = keyset_page(qs, order=order, after=request.GET.get("after"), size=50)
    return render(request, "legalaid/consultations.html", {"form": form, "page": page,
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

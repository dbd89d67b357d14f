"""The pages of the people's supervisors' line: thin edges over the selectors, the services and the kit's step page."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from sifa.core import audit, metrics
from sifa.core.documents import docx_response
from sifa.core.exports import export_response
from sifa.core.figure_links import figure_from
from sifa.core.lists import case_clocks
from sifa.core.paging import keyset_page
from sifa.core.search import list_key, number_search_redirect
from sifa.core.steps import add_error, fetch_in_scope, step_view

from . import documents, selectors, services, sortition
from .forms import (
    AssessmentForm,
    EligibilityForm,
    PoolFilterForm,
    RemoveForm,
    RenewForm,
    RequestFilterForm,
    RequestForm,
    SupervisorForm,
    TrainingForm,
)
from .models import DrawRequest, Field, Seat, Supervisor
from .workflow import WORKFLOW, strata_of

VIEW = "supervisors.view_drawrequest"
ADD = "supervisors.add_drawrequest"
VIEW_POOL = "supervisors.view_supervisor"
MANAGE_POOL = "supervisors.manage_pool"


def _behind(request, model):
    """The rows behind a figure (?metric=KEY&from=&to=), as pks of `model`; None when the list was not opened
    from a figure."""
    figure = figure_from(request)
    if figure is None:
        return None
    m = figure.metric
    if not m.key.startswith("supervisors."):
        raise Http404
    if m.is_rate:
        m = metrics.metric(m.numerator)
    rows = metrics.cases_for(m.key, figure.start, figure.end, figure.unit)
    label = m.model.lower()
    if label == model._meta.label_lower:
        return rows.values("pk")
    if label == Seat._meta.label_lower and model is DrawRequest:
        return rows.values("request_id")
    raise Http404


HEADERS = [gettext_lazy("Number"), gettext_lazy("Procuratorate"), gettext_lazy("Activity"),
           gettext_lazy("Activity and case"), gettext_lazy("Activity on"), gettext_lazy("Supervisors requested"),
           gettext_lazy("Received on"), gettext_lazy("Drawn on"), gettext_lazy("State")]


def _row(r: DrawRequest) -> list:
    return [r.number, r.procuratorate.name, r.get_activity_kind_display(), r.activity, r.activity_on, r.requested,
            r.received_on, r.drawn_on, r.get_state_display()]


@login_required
@permission_required(VIEW, raise_exception=True)
def request_list(request):
    form = RequestFilterForm(request.GET or None)
    f, sort = selectors.RequestFilter(), None
    if form.is_valid():
        d = form.cleaned_data
        f = selectors.RequestFilter(q=d["q"].strip(), state=d["state"], activity_kind=d["activity_kind"],
                                    due=d["due"], date_from=d["date_from"], date_to=d["date_to"])
        sort = d["sort"]
    qs = selectors.request_list(user=request.user, filters=f)
    behind = _behind(request, DrawRequest)
    if behind is not None:
        qs = qs.filter(pk__in=behind)
    order = selectors.SORTS.order(sort)
    fmt = request.GET.get("export")
    if fmt in ("xlsx", "csv"):
        rows = (_row(r) for r in qs.order_by(*order).iterator(chunk_size=500))
        return export_response(rows=rows, headers=[str(h) for h in HEADERS], filename=_("Draw requests"), fmt=fmt,
                               user=request.user, action="supervisors.exported", summary=request.GET.urlencode())
    page = keyset_page(qs, order=order, after=request.GET.get("after"), size=50)
    work = list(selectors.open_requests(user=request.user).select_related("procuratorate")[:20]) \
        if not request.GET else []
    return render(request, "supervisors/list.html", {"form": form, "page": page, "work": work,
                                                     "query": request.GET.urlencode(),
                                                     "sort": selectors.SORTS.key(sort)})


def _form_page(request, form, save, title, back):
    if request.method == "POST" and form.is_valid():
        try:
            obj = save(form.cleaned_data)
        except Exception as exc:
            if not add_error(form, exc):
                raise
        else:
            messages.success(request, _("Saved."))
            return redirect(obj)
    return render(request, "supervisors/form.html", {"form": form, "title": title, "back": back})


@login_required
@permission_required(ADD, raise_exception=True)
def request_new(request):
    form = RequestForm(request.POST or None, initial={"received_on": timezone.localdate()}, user=request.user)

    def save(d):
        d.pop("register_anyway", None)
        return services.request_register(unit=request.user.primary_unit, by=request.user, **d)

    return _form_page(request, form, save, _("Register a request of the procuratorate"), reverse("supervisors:list"))


@login_required
@permission_required(VIEW, raise_exception=True)
def request_detail(request, pk):
    r = fetch_in_scope(DrawRequest.objects.select_related("procuratorate", "unit"), request.user, pk)
    people = {s.code: s for s in Supervisor.objects.filter(code__in=[*r.drawn, *r.reserves]).select_related("person")}
    strata = {c.code: c.stratum for c in sortition.parse_listing(r.listing)}
    candidates = [{"code": code, "stratum": ("—" if st == sortition.ALL else Field(st).label),
                   "probability": r.probabilities.get(code, "")} for code, st in strata.items()]
    return render(request, "supervisors/detail.html", {
        "case": r, "actions": WORKFLOW.available(r, request.user), "clocks": case_clocks(r),
        "seats": r.seats.select_related("supervisor__person"), "documents": documents.issued(r),
        "candidates": candidates, "reserves": [people.get(c) or c for c in r.reserves],
        "quotas": [(Field(k).label if k in Field.values else k, v) for k, v in sorted(r.quotas.items())],
        "timeline": r.timeline().select_related("actor")[:200]})


@login_required
@permission_required(VIEW, raise_exception=True)
def request_action(request, pk, action):
    r = fetch_in_scope(DrawRequest, request.user, pk)
    return step_view(request, r, WORKFLOW, action)


@login_required
@permission_required(VIEW, raise_exception=True)
def document(request, pk, kind):
    r = fetch_in_scope(DrawRequest.objects.select_related("procuratorate", "unit"), request.user, pk)
    try:
        content = documents.render(r, kind)
    except documents.DocumentNotIssued:
        raise Http404 from None
    return docx_response(content, filename=f"{documents.KINDS[kind]}-{r.number}", user=request.user, obj=r,
                         action="supervisors.document.downloaded")


@login_required
@permission_required(VIEW, raise_exception=True)
def verify(request, pk):
    """Re-run the draw from its record, as `sifa supervisors verify` does; the listing can be downloaded as text."""
    r = fetch_in_scope(DrawRequest, request.user, pk)
    if not r.drawn_on:
        raise Http404
    if request.GET.get("listing"):
        from django.http import HttpResponse

        response = HttpResponse(r.listing, content_type="text/plain; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="listing-{r.pk}.txt"'
        return response
    result = services.verify(r)
    audit.record_read(request.user, "supervisors.verified", r, summary="ok" if result.ok else "mismatch")
    return render(request, "supervisors/verify.html", {"case": r, "result": result,
                                                       "quotas_json": json.dumps(strata_of(r), ensure_ascii=False)})


# --- the pool -------------------------------------------------------------------------------------------------

@login_required
@permission_required(VIEW_POOL, raise_exception=True)
def pool(request):
    if request.method == "POST":  # a whole ID or mobile number never travels in the URL (core.search)
        return number_search_redirect(request)
    form = PoolFilterForm(request.GET or None)
    f, sort = selectors.PoolFilter(), None
    if form.is_valid():
        d = form.cleaned_data
        f, sort = selectors.PoolFilter(q=d["q"].strip(), field=d["field"], status=d["status"]), d["sort"]
    qs = selectors.pool_list(user=request.user, filters=f)
    behind = _behind(request, Supervisor)
    if behind is not None:
        qs = qs.filter(pk__in=behind)
    key = list_key(request)
    if key:
        qs = qs.filter(Q(person__id_number_hash=key) | Q(person__phone_hash=key))
    order = selectors.POOL_SORTS.order(sort)
    fmt = request.GET.get("export")
    if fmt in ("xlsx", "csv"):
        rows = ([s.code, s.person.name, s.get_field_display(), s.street, s.occupation, s.selected_on,
                 s.get_status_display(), s.terms_served, s.attended] for s in qs.order_by(*order).iterator(chunk_size=500))
        return export_response(rows=rows, headers=[str(h) for h in POOL_HEADERS], filename=_("People's supervisors"),
                               fmt=fmt, user=request.user, action="supervisors.pool_exported",
                               summary=request.GET.urlencode())
    page = keyset_page(qs, order=order, after=request.GET.get("after"), size=50)
    return render(request, "supervisors/pool.html", {"form": form, "page": page, "query": request.GET.urlencode(),
                                                     "size": selectors.pool_size(user=request.user),
                                                     "sort": selectors.POOL_SORTS.key(sort), "by_number": bool(key)})


POOL_HEADERS = [gettext_lazy("Public code"), pgettext_lazy("person", "Name"), gettext_lazy("Field"),
                gettext_lazy("Street or town"), gettext_lazy("Occupation"), gettext_lazy("Term starts"),
                pgettext_lazy("supervisor", "Status"), gettext_lazy("Terms"), gettext_lazy("Attended this year")]


@login_required
@permission_required(MANAGE_POOL, raise_exception=True)
def supervisor_new(request):
    form = SupervisorForm(request.POST or None)

    def save(d):
        answers = form.answers()
        source = d.pop("source")
        return services.supervisor_select(unit=request.user.primary_unit, by=request.user, **d, eligibility=answers,
                                          eligibility_source=source)

    return _form_page(request, form, save, _("Enter a selected supervisor"), reverse("supervisors:pool"))


@login_required
@permission_required(VIEW_POOL, raise_exception=True)
def supervisor_detail(request, pk):
    s = fetch_in_scope(Supervisor.objects.select_related("person", "unit"), request.user, pk)
    return render(request, "supervisors/supervisor.html", {
        "s": s, "checks": s.checks.all()[:5], "terms": s.terms.all(), "trainings": s.trainings.all(), "assessments": s.assessments.all(),
        "seats": s.seats.select_related("request").order_by("-activity_on")[:50]})


POOL_FORMS = {
    "training": (TrainingForm, gettext_lazy("Record a training"),
                 lambda s, d, by: services.training_record(supervisor=s, by=by, **d)),
    "assessment": (AssessmentForm, gettext_lazy("Record the annual assessment"),
                   lambda s, d, by: services.assessment_record(supervisor=s, by=by, **d)),
    "renew": (RenewForm, gettext_lazy("Renew the term"),
              lambda s, d, by: services.term_renew(supervisor=s, by=by, **d)),
    "eligibility": (EligibilityForm, gettext_lazy("Check the eligibility (Art 10)"),
                    lambda s, d, by: services.eligibility_record(supervisor=s, by=by, on=d["on"],
                                                                 answers=d["answers"], source=d["source"])),
    "remove": (RemoveForm, gettext_lazy("Remove from the pool"),
               lambda s, d, by: services.supervisor_remove(supervisor=s, by=by, **d)),
}


@login_required
@permission_required(MANAGE_POOL, raise_exception=True)
def supervisor_action(request, pk, what):
    s = fetch_in_scope(Supervisor.objects.select_related("person"), request.user, pk)
    if what not in POOL_FORMS:
        raise Http404
    form_class, title, save = POOL_FORMS[what]
    form = form_class(request.POST or None)

    def do(d):
        if isinstance(form, EligibilityForm):
            d["answers"] = form.answers()
        save(s, d, request.user)
        return s

    return _form_page(request, form, do, f"{title} · {s.code} {s.person.name}", s.get_absolute_url())

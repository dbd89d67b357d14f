"""The pages of the petitions line: thin edges over the selectors, the services and the kit's step page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from sifa.core import metrics, referrals
from sifa.core.documents import docx_response
from sifa.core.exports import export_response
from sifa.core.figure_links import figure_from
from sifa.core.lists import case_clocks
from sifa.core.paging import keyset_page
from sifa.core.search import list_key, number_search_redirect
from sifa.core.steps import add_error, fetch_in_scope, step_view

from . import documents, selectors, services
from .forms import PetitionFilterForm, PetitionForm
from .models import Petition
from .workflow import WORKFLOW

VIEW = "petitions.view_petition"
ADD = "petitions.add_petition"

HEADERS = [gettext_lazy("Number"), pgettext_lazy("petition", "Channel"), gettext_lazy("Work order number"),
           pgettext_lazy("petition", "Kind"), gettext_lazy("Subject"), gettext_lazy("Received on"),
           gettext_lazy("Answered on"), gettext_lazy("Satisfaction"), gettext_lazy("State"), gettext_lazy("Open or closed")]


def _row(p: Petition) -> list:
    return [p.number, p.get_channel_display(), p.external_id, p.get_kind_display(), p.subject, p.received_on,
            p.answered_on, p.get_satisfaction_display(), p.get_state_display(), p.open311_status]


@login_required
@permission_required(VIEW, raise_exception=True)
def petition_list(request):
    if request.method == "POST":  # a whole ID or mobile number never travels in the URL (core.search)
        return number_search_redirect(request)
    form = PetitionFilterForm(request.GET or None)
    f, sort = selectors.PetitionFilter(), None
    if form.is_valid():
        d = form.cleaned_data
        f = selectors.PetitionFilter(q=d["q"].strip(), status=d["status"], state=d["state"], channel=d["channel"],
                                     kind=d["kind"], due=d["due"], date_from=d["date_from"], date_to=d["date_to"])
        sort = d["sort"]
    qs = selectors.petition_list(user=request.user, filters=f)
    key = list_key(request)
    if key:
        qs = qs.filter(Q(petitioner__id_number_hash=key) | Q(petitioner__phone_hash=key))
    figure = figure_from(request)
    if figure is not None:
        m = figure.metric
        if not m.key.startswith("petitions."):
            raise Http404
        key = m.numerator if m.is_rate else m.key
        qs = qs.filter(pk__in=metrics.cases_for(key, figure.start, figure.end, figure.unit).values("pk"))
    order = selectors.SORTS.order(sort)
    fmt = request.GET.get("export")
    if fmt in ("xlsx", "csv"):
        rows = (_row(p) for p in qs.order_by(*order).iterator(chunk_size=500))
        return export_response(rows=rows, headers=[str(h) for h in HEADERS], filename=_("Petitions and work orders"),
                               fmt=fmt, user=request.user, action="petitions.exported",
                               summary=request.GET.urlencode())
    page = keyset_page(qs, order=order, after=request.GET.get("after"), size=50)
    work = list(selectors.queue(user=request.user)[:20]) if not request.GET else []
    return render(request, "petitions/list.html", {"form": form, "page": page, "work": work,
                                                   "query": request.GET.urlencode(), "sort": selectors.SORTS.key(sort),
                                                   "by_number": bool(key)})


@login_required
@permission_required(ADD, raise_exception=True)
def petition_new(request):
    form = PetitionForm(request.POST or None, initial={"received_on": timezone.localdate()}, user=request.user)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            p = services.petition_register(unit=request.user.primary_unit, by=request.user, record=services.OrderRecord(
                channel=d["channel"], kind=d["kind"], hotline_kind=d["hotline_kind"], external_id=d["external_id"],
                name=d["name"], phone=d["phone"], id_number=d["id_number"], subject=d["subject"], content=d["content"],
                received_on=d["received_on"]))
        except Exception as exc:
            if not add_error(form, exc):
                raise
        else:
            messages.success(request, _("Registered %(n)s.") % {"n": p.number})
            return redirect(p)
    return render(request, "petitions/form.html", {"form": form, "title": _("Register a petition or work order"),
                                                   "back": reverse("petitions:list")})


@login_required
@permission_required(VIEW, raise_exception=True)
def petition_detail(request, pk):
    p = fetch_in_scope(Petition.objects.select_related("petitioner", "unit", "division", "routing_rule"),
                       request.user, pk)
    return render(request, "petitions/detail.html", {
        "case": p, "actions": WORKFLOW.available(p, request.user), "clocks": case_clocks(p),
        "documents": documents.issued(p), "referrals": _referrals(p), "timeline": p.timeline().select_related("actor")[:200]})


def _referrals(p: Petition) -> list:
    rows = list(referrals.for_record(p))
    for r in rows:
        r.to_label = referrals.line_label(r.to_line)
    return rows


@login_required
@permission_required(VIEW, raise_exception=True)
def petition_action(request, pk, action):
    p = fetch_in_scope(Petition, request.user, pk)
    return step_view(request, p, WORKFLOW, action)


@login_required
@permission_required(VIEW, raise_exception=True)
def document(request, pk, kind):
    p = fetch_in_scope(Petition.objects.select_related("petitioner", "unit", "division"), request.user, pk)
    try:
        content = documents.render(p, kind)
    except documents.DocumentNotIssued:
        raise Http404 from None
    return docx_response(content, filename=f"{documents.title(p, kind)}-{p.number}", user=request.user, obj=p,
                         action="petitions.document.downloaded")

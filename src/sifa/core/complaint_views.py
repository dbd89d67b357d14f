"""The pages of the complaints kit, shared by every line that declares a `core.complaints.Kit`: the list (filters,
sort, the figure behind it, export), the case page with its clocks, actions and documents, the step page and the
document download. A line's views are one-line calls that pass its kit, its permissions and its tabs template.
"""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from . import metrics
from .complaints import Channel, DocumentNotIssued, Kit, Outcome, State
from .documents import docx_response
from .exports import export_response
from .figure_links import figure_from
from .forms import date_field
from .lists import Sorts, case_clocks, filter_due, with_clocks
from .paging import keyset_page
from .steps import fetch_in_scope, step_view

C = "complaint"
SORTS = Sorts({"-received": ("-received_on", "-pk"), "received": ("received_on", "pk"),
               "number": ("number", "pk")}, default="-received")
SORT_CHOICES = [("-received", gettext_lazy("Newest first")), ("received", gettext_lazy("Oldest first")),
                ("number", gettext_lazy("By number"))]
DUE = [("", "—"), ("overdue", gettext_lazy("Overdue")), ("soon", gettext_lazy("Due soon"))]


class FilterForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Number or complainant"), required=False, max_length=60)
    state = forms.ChoiceField(label=gettext_lazy("State"), required=False, choices=[("", "—"), *State.choices])
    outcome = forms.ChoiceField(label=pgettext_lazy("complaint", "Outcome"), required=False,
                                choices=[("", "—"), *Outcome.choices])
    due = forms.ChoiceField(label=gettext_lazy("Time limits"), required=False, choices=DUE)
    date_from = date_field(gettext_lazy("Received from"), required=False)
    date_to = date_field(gettext_lazy("Received to"), required=False)
    sort = forms.ChoiceField(label=gettext_lazy("Sort"), required=False, choices=SORT_CHOICES)


class RegisterForm(forms.Form):
    """The fields of every complaint's registration; a line's form adds its respondent fields."""

    received_on = date_field(pgettext_lazy("complaint", "Received on"))
    channel = forms.ChoiceField(label=pgettext_lazy("complaint", "Channel"), choices=Channel.choices)
    complainant = forms.CharField(label=pgettext_lazy("complaint", "Complainant"), max_length=120)
    complainant_address = forms.CharField(label=pgettext_lazy("complaint", "Complainant's address"), max_length=200,
                                          required=False)
    matter = forms.CharField(label=pgettext_lazy("complaint", "What is complained of"), widget=forms.Textarea)
HEADERS = [gettext_lazy("Number"), pgettext_lazy("complaint", "Received on"), pgettext_lazy("complaint", "Channel"),
           pgettext_lazy("complaint", "Complainant"), pgettext_lazy("complaint", "Complained of"), gettext_lazy("State"),
           pgettext_lazy("complaint", "Outcome"), pgettext_lazy("complaint", "Concluded on"), pgettext_lazy("complaint", "Replied on")]


def _row(c) -> list:
    return [c.number, c.received_on, c.get_channel_display(), c.complainant, c.respondent_label(),
            c.get_state_display(), c.get_outcome_display(), c.concluded_on, c.replied_on]


def complaint_list(request, kit: Kit, *, tabs: str, related=(), search=(), filter_form=FilterForm, sorts=SORTS):
    """The line's complaints in the user's scope: filter (?q, state, outcome, due, date_from, date_to), sort, the
    rows behind a figure (?metric=…&from=…&to=…), export (?export=xlsx|csv)."""
    form = filter_form(request.GET or None)
    qs = kit.model.objects.visible_to(request.user).select_related("unit", *related)
    sort = None
    if form.is_valid():
        d = form.cleaned_data
        if d.get("q"):
            q = Q(number__icontains=d["q"]) | Q(complainant__icontains=d["q"])
            for path in search:
                q |= Q(**{f"{path}__icontains": d["q"]})
            qs = qs.filter(q)
        for name in ("state", "outcome"):
            if d.get(name):
                qs = qs.filter(**{name: d[name]})
        if d.get("date_from"):
            qs = qs.filter(received_on__gte=d["date_from"])
        if d.get("date_to"):
            qs = qs.filter(received_on__lte=d["date_to"])
        qs = filter_due(qs, d.get("due") or "")
        sort = d.get("sort")
    figure = figure_from(request)
    if figure is not None:
        m = metrics.metric(figure.metric.numerator) if figure.metric.is_rate else figure.metric
        if not m.key.startswith(f"{kit.line}.") or m.model.lower() != kit.model._meta.label_lower:
            raise Http404
        qs = qs.filter(pk__in=metrics.cases_for(m.key, figure.start, figure.end, figure.unit).values("pk"))
    order = sorts.order(sort)
    fmt = request.GET.get("export")
    if fmt in ("xlsx", "csv"):
        rows = (_row(c) for c in qs.order_by(*order).iterator(chunk_size=500))
        return export_response(rows=rows, headers=[str(h) for h in HEADERS], filename=_("Complaints"), fmt=fmt,
                               user=request.user, action=f"{kit.line}.complaint.exported",
                               summary=request.GET.urlencode())
    page = keyset_page(with_clocks(qs), order=order, after=request.GET.get("after"), size=50)
    return render(request, "core/complaints/list.html", {
        "form": form, "page": page, "query": request.GET.urlencode(), "tabs": tabs, "line": kit.line,
        "figure": figure, "today": timezone.localdate()})


def complaint_detail(request, kit: Kit, pk, *, tabs: str, related=()):
    case = fetch_in_scope(kit.model.objects.select_related("unit", *related), request.user, pk)
    return render(request, "core/complaints/detail.html", {
        "case": case, "actions": kit.workflow.available(case, request.user), "clocks": case_clocks(case),
        "documents": kit.issued(case), "tabs": tabs, "line": kit.line, "action_url": kit.url_name,
        "document_url": f"{kit.line}:complaint_document",
        "timeline": case.timeline().select_related("actor")[:200]})


def complaint_action(request, kit: Kit, pk, action):
    case = fetch_in_scope(kit.model, request.user, pk)
    return step_view(request, case, kit.workflow, action)


def complaint_document(request, kit: Kit, pk, kind, *, related=()):
    case = fetch_in_scope(kit.model.objects.select_related("unit", *related), request.user, pk)
    try:
        content = kit.render(case, kind)
    except DocumentNotIssued:
        raise Http404 from None
    return docx_response(content, filename=f"{kit.document_for(case, kind).title}-{case.number}", user=request.user,
                         obj=case, action=f"{kit.line}.complaint.document.downloaded")

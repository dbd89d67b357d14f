"""The privacy officer's pages (core.privacy): requests about a person's own data, what sifa holds about the
person, its export, and the answer."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import privacy
from .exports import export_response
from .forms import VersionedFormMixin, date_field
from .lists import case_clocks
from .locking import ConflictError
from .models import DataRequest, DataRequestKind, DataRequestState
from .paging import keyset_page
from .search import list_key, number_search_redirect

SORTS = {"received": ("received_on", "pk"), "-received": ("-received_on", "-pk"), "state": ("state", "-pk"),
         "-state": ("-state", "-pk")}


class DataRequestForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name of the requesting person"), max_length=120)
    id_number = forms.CharField(label=gettext_lazy("ID number"), max_length=18, min_length=18,
                                help_text=gettext_lazy("Checked against the person's ID card at the window"))
    kind = forms.ChoiceField(label=gettext_lazy("What is asked"), choices=DataRequestKind.choices)
    received_on = date_field(gettext_lazy("Request received on"), past=True)
    details = forms.CharField(label=gettext_lazy("The request in the person's words"), required=False,
                              widget=forms.Textarea(attrs={"rows": 4}), max_length=4000)


class AnswerForm(VersionedFormMixin, forms.Form):
    outcome = forms.ChoiceField(label=gettext_lazy("Outcome"), choices=[
        (DataRequestState.ANSWERED, gettext_lazy("Answered as asked")),
        (DataRequestState.REFUSED, gettext_lazy("Refused with reasons"))])
    answer = forms.CharField(label=gettext_lazy("Answer given to the person"), widget=forms.Textarea(attrs={"rows": 5}),
                             max_length=8000)
    on = date_field(gettext_lazy("Answered on"), past=True)


class FilterForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Search"), required=False, max_length=60,
                        help_text=gettext_lazy("A request number, part of a name, or a whole ID number"))
    state = forms.ChoiceField(label=gettext_lazy("State"), required=False,
                              choices=[("", "—"), *DataRequestState.choices])
    kind = forms.ChoiceField(label=gettext_lazy("What is asked"), required=False,
                             choices=[("", "—"), *DataRequestKind.choices])


@login_required
@permission_required("core.view_datarequest", raise_exception=True)
def data_request_list(request):
    if request.method == "POST":
        return number_search_redirect(request)
    form = FilterForm(request.GET or None)
    qs = DataRequest.objects.visible_to(request.user).select_related("unit")
    if form.is_valid():
        d = form.cleaned_data
        if d["q"]:
            qs = qs.filter(Q(number__icontains=d["q"]) | Q(name__icontains=d["q"]))
        if d["state"]:
            qs = qs.filter(state=d["state"])
        if d["kind"]:
            qs = qs.filter(kind=d["kind"])
    key = list_key(request)
    if key:
        qs = qs.filter(id_number_hash=key)
    sort = request.GET.get("sort") if request.GET.get("sort") in SORTS else "-received"
    if request.GET.get("export") == "xlsx":
        rows = ([r.number, r.name, r.id_number_masked, r.get_kind_display(), r.received_on, r.get_state_display(),
                 r.answered_on] for r in qs.order_by(*SORTS[sort]).iterator(chunk_size=500))
        return export_response(rows=rows, headers=[_("Request number"), _("Name of the requesting person"), _("ID number"), _("What is asked"),
                                                   _("Request received on"), _("State"), _("Answered on")],
                               filename=_("personal-data requests"), fmt="xlsx", user=request.user,
                               action="privacy.requests.exported")
    page = keyset_page(qs, order=SORTS[sort], after=request.GET.get("after"), size=50)
    return render(request, "core/data_requests.html", {"form": form, "page": page, "sort": sort})


@login_required
@permission_required("core.add_datarequest", raise_exception=True)
def data_request_new(request):
    unit = request.user.primary_unit
    form = DataRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            req = privacy.register(unit=unit, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Request %(number)s registered.") % {"number": req.number})
            return redirect(req)
    return render(request, "core/data_request_new.html", {"form": form})


def _add_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _request_for(request, pk: int) -> DataRequest:
    req = DataRequest.objects.visible_to(request.user).filter(pk=pk).first()
    if req is None:
        raise Http404
    return req


@login_required
@permission_required("core.view_datarequest", raise_exception=True)
def data_request_detail(request, pk: int):
    req = _request_for(request, pk)
    form = None
    if req.state == DataRequestState.RECEIVED and request.user.has_perm("core.change_datarequest"):
        form = AnswerForm(request.POST or None, initial={"version": req.version, "on": timezone.localdate()})
        if request.method == "POST" and form.is_valid():
            d = form.cleaned_data
            try:
                privacy.answer(req, refused=d["outcome"] == DataRequestState.REFUSED, text=d["answer"], on=d["on"],
                               by=request.user, expected_version=d["version"] or req.version)
            except ConflictError:
                form.add_error(None, _("Someone else changed this request while you were answering it: "
                                       "reload the page to see their change."))
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                messages.success(request, _("The answer is recorded."))
                return redirect(req)
    found = privacy.holdings(req, user=request.user)
    privacy.holdings_viewed(req, by=request.user)
    return render(request, "core/data_request.html", {"req": req, "form": form, "holdings": found,
                                                      "clocks": case_clocks(req)})


@login_required
@permission_required("core.view_datarequest", raise_exception=True)
def data_request_export(request, pk: int):
    req = _request_for(request, pk)
    found = privacy.holdings(req, user=request.user)
    rows = ([h.kind, h.record, h.unit, h.via] for h in found)
    return export_response(rows=rows, headers=[_("What it is"), _("Record"), _("Unit"), _("Found through the party")],
                           filename=_("data held about %(number)s") % {"number": req.number}, fmt="xlsx",
                           user=request.user, action="privacy.holdings.exported", summary=req.number)

"""The pages of the line: thin edges that read through selectors and write through services."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from sifa.core import audit, files
from sifa.core.cases import ConflictError
from sifa.core.documents import docx_response
from sifa.core.exports import export_response
from sifa.core.figure_links import figure_from, stats_url
from sifa.core.lists import case_clocks, with_clocks
from sifa.core.models import Unit
from sifa.core.paging import keyset_page
from sifa.core.search import by_key, list_key, number_search_redirect
from sifa.core.steps import add_error, fetch_in_scope, step_view

from . import district, documents, forms, selectors, services
from .workflow import WORKFLOW

VIEW = "reconsideration.view_application"


# --- the list ---------------------------------------------------------------------------------------------

EXPORT_HEADERS = [_("Case number"), _("Received on"), _("Channel"), _("Applicants"), _("Respondent"), _("Kind of act"),
                  _("Subject area"), _("Challenged act"), _("State"), _("Handler"), _("Accepted on"),
                  _("Concluded on"), _("Outcome"), _("Decision")]


def _export_rows(qs):
    for a in qs.iterator(chunk_size=500):
        yield [a.number, a.received_on, a.get_channel_display(), "、".join(cp.party.name for cp in a.applicants),
               a.respondent.name, a.act_kind.name, a.subject_area.name if a.subject_area else "",
               a.act_description, a.get_state_display(), str(a.handler or ""), a.accepted_on, a.concluded_on,
               a.get_outcome_display(), a.get_decision_type_display()]


@login_required
@permission_required(VIEW, raise_exception=True)
def application_list(request):
    if request.method == "POST":  # the search form: a whole ID or mobile number goes by its keyed hash
        return number_search_redirect(request)
    user = request.user
    form = forms.FilterForm(request.GET or None, user=user)
    figure = figure_from(request)  # a drill-down from a figure of the statistics
    if figure is not None:
        qs = selectors.applications_for_metric(user=user, key=figure.metric.key, start=figure.start,
                                               end=figure.end, unit=figure.unit)
    else:
        f = selectors.ApplicationFilter()
        if form.is_valid():
            d = form.cleaned_data
            f = selectors.ApplicationFilter(
                state=d["state"], respondent=d["respondent"],
                act_kind=d["act_kind"].code if d["act_kind"] else "",
                subject_area=d["subject_area"].pk if d["subject_area"] else None,
                handler=d["handler"].pk if d["handler"] else None, received_from=d["received_from"],
                received_to=d["received_to"], concluded_from=d["concluded_from"], concluded_to=d["concluded_to"],
                overdue=d["overdue"], q=d["q"])
        qs = by_key(selectors.application_list(user=user, filters=f), list_key(request), parties="parties__party")
    qs = selectors.with_applicants(with_clocks(qs))
    sort = selectors.SORTS.key(request.GET.get("sort"))
    order = selectors.SORTS.order(sort)
    fmt = request.GET.get("export")
    if fmt in ("csv", "xlsx"):
        return export_response(rows=_export_rows(qs.order_by(*order)), headers=EXPORT_HEADERS,
                               filename=_("reconsideration cases"), fmt=fmt, user=user,
                               action="reconsideration.exported")
    if sort.lstrip("-") == "concluded":
        qs = qs.filter(concluded_on__isnull=False)  # keyset paging needs non-null sort values
    page = keyset_page(qs, order=order, after=request.GET.get("after"), size=50)
    return render(request, "reconsideration/list.html", {
        "form": form, "page": page, "metric_info": figure and figure.as_context(),
        "stats_url": stats_url("reconsideration"), "sort": sort,
        "query": request.GET.urlencode()})


# --- a new application ------------------------------------------------------------------------------------

def _office_of(user) -> Unit | None:
    unit = district.office()
    if unit is not None and user.memberships.filter(unit__path__in=_ancestor_paths(unit)).exists():
        return unit
    return user.primary_unit


def _ancestor_paths(unit: Unit) -> list[str]:
    parts = unit.path.strip("/").split("/")
    return ["/" + "/".join(parts[:i]) + "/" for i in range(1, len(parts) + 1)]


@login_required
@permission_required("reconsideration.add_application", raise_exception=True)
def application_new(request):
    unit = _office_of(request.user)
    if unit is None:
        raise PermissionDenied
    form = forms.ApplicationForm(request.POST or None, request.FILES or None, unit=unit)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            app = services.application_register(
                unit=unit, respondent=d["respondent"], act_description=d["act_description"], request=d["request"],
                applicants=[form.party_data()], by=request.user, channel=d["channel"],
                received_on=d["received_on"], act_kind=d["act_kind"].code, subject_area=d["subject_area"],
                act_number=d["act_number"], act_date=d["act_date"], known_on=d["known_on"], amount=d["amount"],
                reasons=d["reasons"], major=d["major"], handler=d["handler"] or request.user,
                internal_notes=d["internal_notes"])
            if d.get("attachment"):
                services.attachment_add(application=app, file=d["attachment"], by=request.user)
        except Exception as exc:
            if not add_error(form, exc):
                raise
        else:
            messages.success(request, _("Registered as %(number)s.") % {"number": app.number})
            return redirect(app)
    return render(request, "reconsideration/form.html", {"form": form, "title": _("Register an application"),
                                                        "multipart": True})


# --- the case page ----------------------------------------------------------------------------------------

def _case(request, pk: int):
    return fetch_in_scope(selectors.application_detail_qs(), request.user, pk)


@login_required
@permission_required(VIEW, raise_exception=True)
def application_detail(request, pk: int):
    app = _case(request, pk)
    today = timezone.localdate()
    deadlines = case_clocks(app, today)
    return render(request, "reconsideration/detail.html", {
        "app": app, "deadlines": deadlines, "actions": WORKFLOW.available(app, request.user, on=today),
        "timeline": audit.events_for(app).select_related("actor")[:200],
        "history": app.history.select_related("history_user").order_by("-history_date")[:30],
        "parties": list(app.parties.all()), "stats_url": stats_url("reconsideration"),
        "can_reveal": request.user.has_perm("core.view_full_id_number"),
    })


@login_required
@permission_required(VIEW, raise_exception=True)
def application_action(request, pk: int, action: str):
    """One step of the procedure: its form, legal basis, clocks and, when refused, why (core.steps)."""
    return step_view(request, _case(request, pk), WORKFLOW, action, template="reconsideration/form.html")


@login_required
@permission_required(VIEW, raise_exception=True)
def document_download(request, pk: int, doc_pk: int):
    app = _case(request, pk)
    doc = next((d for d in app.documents.all() if d.pk == doc_pk), None)
    if doc is None:
        raise Http404
    return docx_response(documents.render(doc), filename=documents.filename(doc), user=request.user, obj=app,
                         action="reconsideration.document.downloaded")


@login_required
@permission_required(VIEW, raise_exception=True)
def attachment_download(request, pk: int, att_pk: int):
    att = selectors.attachment_detail(user=request.user, case_pk=pk, pk=att_pk)
    if att is None:
        raise Http404
    return files.download(request, file=att.file, filename=att.name, obj=att.case,
                          action="reconsideration.attachment.downloaded")


# --- the committee ----------------------------------------------------------------------------------------

@login_required
@permission_required(VIEW, raise_exception=True)
def meeting_list(request):
    page = keyset_page(selectors.meeting_list(user=request.user), order=("-held_on", "-pk"),
                       after=request.GET.get("after"), size=50)
    return render(request, "reconsideration/meetings.html", {"page": page})


@login_required
@permission_required("reconsideration.add_committeemeeting", raise_exception=True)
def meeting_new(request):
    unit = _office_of(request.user)
    form = forms.MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and unit is not None:
        meeting = services.committee_meeting_create(unit=unit, by=request.user, **form.cleaned_data)
        return redirect(meeting)
    return render(request, "reconsideration/form.html", {"form": form, "title": _("New committee meeting")})


@login_required
@permission_required(VIEW, raise_exception=True)
def meeting_detail(request, pk: int):
    meeting = fetch_in_scope(selectors.meeting_detail_qs(), request.user, pk)
    return render(request, "reconsideration/meeting.html", {"meeting": meeting})


@login_required
@permission_required("reconsideration.change_committeemeeting", raise_exception=True)
def meeting_record(request, pk: int):
    meeting = fetch_in_scope(selectors.meeting_detail_qs(), request.user, pk)
    initial = {"members": list(meeting.members.all()), "district_head_attended": meeting.district_head_attended,
               "notes": meeting.notes, "version": meeting.version}
    form = forms.MeetingRecordForm(request.POST or None, meeting=meeting, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.committee_meeting_record(
                meeting=meeting, by=request.user, members=form.cleaned_data["members"],
                district_head_attended=form.cleaned_data["district_head_attended"], notes=form.cleaned_data["notes"],
                opinions=form.opinions(), expected_version=form.cleaned_data["version"])
        except ConflictError as exc:  # recorded by someone else since this form was opened: keep the input
            add_error(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect(meeting)
    return render(request, "reconsideration/form.html", {"form": form, "title": meeting.title})

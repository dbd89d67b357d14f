"""The pages of the line: thin edges that read through selectors and write through services."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sifa.core import audit, files
from sifa.core import clocks as core_clocks
from sifa.core import metrics as core_metrics
from sifa.core.cases import ConflictError
from sifa.core.documents import docx_response
from sifa.core.exports import export_response
from sifa.core.inputs import DATE_MAX, DATE_MIN
from sifa.core.models import Unit
from sifa.core.paging import keyset_page
from sifa.core.workflow import TransitionNotAllowed

from . import district, documents, forms, selectors, services, workflow

VIEW = "reconsideration.view_application"


def _stats_url() -> str:
    try:
        return reverse("reports:line_stats", args=["reconsideration"])
    except NoReverseMatch:
        return ""


def _parse_date(text: str | None) -> date | None:
    try:
        day = date.fromisoformat(text) if text else None
    except ValueError:
        return None
    return day if day is None or DATE_MIN <= day <= DATE_MAX else None


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
    user = request.user
    form = forms.FilterForm(request.GET or None, user=user)
    metric_key = request.GET.get("metric", "")
    metric_info = None
    if metric_key:
        start, end = _parse_date(request.GET.get("from")), _parse_date(request.GET.get("to"))
        unit = Unit.objects.filter(code=request.GET.get("unit")).first() if request.GET.get("unit") else None
        try:
            m = core_metrics.metric(metric_key)
        except KeyError:
            raise Http404 from None
        if not (start and end):
            raise Http404
        qs = selectors.applications_for_metric(user=user, key=metric_key, start=start, end=end, unit=unit)
        metric_info = {"metric": m, "from": start, "to": end, "unit": unit}
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
        qs = selectors.application_list(user=user, filters=f)
    qs = selectors.with_applicants(selectors.with_overdue(qs))
    sort = request.GET.get("sort") or "-received"
    order = selectors.SORTS.get(sort, selectors.SORTS["-received"])
    fmt = request.GET.get("export")
    if fmt in ("csv", "xlsx"):
        return export_response(rows=_export_rows(qs.order_by(*order)), headers=EXPORT_HEADERS,
                               filename=_("reconsideration cases"), fmt=fmt, user=user,
                               action="reconsideration.exported")
    if sort.lstrip("-") == "concluded":
        qs = qs.filter(concluded_on__isnull=False)  # keyset paging needs non-null sort values
    page = keyset_page(qs, order=order, after=request.GET.get("after"), size=50)
    return render(request, "reconsideration/list.html", {
        "form": form, "page": page, "metric_info": metric_info, "stats_url": _stats_url(), "sort": sort,
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
        except services.ServiceError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("Registered as %(number)s.") % {"number": app.number})
            return redirect(app)
    return render(request, "reconsideration/form.html", {"form": form, "title": _("Register an application"),
                                                        "multipart": True})


# --- the case page ----------------------------------------------------------------------------------------

def _case(request, pk: int):
    app = selectors.application_detail(user=request.user, pk=pk)
    if app is None:
        raise Http404
    return app


@login_required
@permission_required(VIEW, raise_exception=True)
def application_detail(request, pk: int):
    app = _case(request, pk)
    today = timezone.localdate()
    deadlines = list(core_clocks.for_case(app))
    for d in deadlines:
        d.explanation = d.explain()
        d.overdue_now = d.is_open and d.state != "paused" and d.due < today
    return render(request, "reconsideration/detail.html", {
        "app": app, "deadlines": deadlines, "actions": workflow.available(app, request.user, on=today),
        "timeline": audit.events_for(app).select_related("actor")[:200],
        "history": app.history.select_related("history_user").order_by("-history_date")[:30],
        "parties": list(app.parties.all()), "stats_url": _stats_url(),
        "can_reveal": request.user.has_perm("core.view_full_id_number"),
    })


@dataclass
class Step:
    form: type
    run: Callable  # (application, user, cleaned_data, version, on) -> str (a message)


STEPS: dict[str, Step] = {
    "request_correction": Step(forms.RequestCorrectionForm, lambda a, u, d, v, on: services.application_request_correction(
        application=a, items=d["items"], by=u, on=on, version=v)),
    "extend_correction": Step(forms.ExtendForm, lambda a, u, d, v, on: services.application_extend_correction(
        application=a, days=d["days"], reason=d["reason"], by=u, on=on, version=v)),
    "receive_correction": Step(forms.StepForm, lambda a, u, d, v, on: services.application_receive_correction(
        application=a, by=u, on=on, version=v)),
    "correction_lapsed": Step(forms.StepForm, lambda a, u, d, v, on: services.application_correction_lapsed(
        application=a, by=u, on=on, version=v)),
    "resolve_before_acceptance": Step(forms.ResolveForm,
                                      lambda a, u, d, v, on: services.application_resolve_before_acceptance(
                                          application=a, method=d["method"], note=d["note"], by=u, on=on,
                                          version=v)),
    "accept": Step(forms.AcceptForm, lambda a, u, d, v, on: services.application_accept(
        application=a, procedure=d["procedure"], simplified_ground=d["simplified_ground"], by=u, on=on, version=v)),
    "not_accept": Step(forms.NotAcceptForm, lambda a, u, d, v, on: services.application_not_accept(
        application=a, reasons=d["reasons"], competent_authority=d["competent_authority"], by=u, on=on, version=v)),
    "switch_to_ordinary": Step(forms.ReasonForm, lambda a, u, d, v, on: services.application_switch_to_ordinary(
        application=a, reason=d["reason"], by=u, on=on, version=v)),
    "send_copy": Step(forms.SendCopyForm, lambda a, u, d, v, on: services.application_send_copy(
        application=a, respondent_received_on=d["respondent_received_on"], by=u, on=on, version=v)),
    "record_answer": Step(forms.StepForm, lambda a, u, d, v, on: services.application_record_answer(
        application=a, by=u, on=on, version=v)),
    "extend_decision": Step(forms.ExtendForm, lambda a, u, d, v, on: services.application_extend_decision(
        application=a, days=d["days"], reason=d["reason"], by=u, on=on, version=v)),
    "start_investigation": Step(forms.InvestigationStartForm, lambda a, u, d, v, on: services.investigation_start(
        application=a, kind=d["kind"], purpose=d["purpose"], by=u, on=on, version=v)),
    "end_investigation": Step(forms.InvestigationEndForm, lambda a, u, d, v, on: services.investigation_end(
        application=a, findings=d["findings"], by=u, on=on, version=v)),
    "schedule_hearing": Step(forms.ScheduleHearingForm, lambda a, u, d, v, on: services.hearing_schedule(
        application=a, scheduled_for=d["scheduled_for"], place=d["place"], matters=d["matters"],
        presiding=d["presiding"], officers=d["officers"], clerk=d["clerk"], by=u, on=on, version=v)),
    "record_hearing": Step(forms.RecordHearingForm, lambda a, u, d, v, on: services.hearing_record(
        application=a, hearing=d["hearing"], kind=d["hearing"].kind if d["hearing"] else d["kind"], held_on=on,
        place=d["place"], participants=d["participants"], record=d["record"],
        respondent_head_attended=d["respondent_head_attended"], by=u, version=v)),
    "refer_to_committee": Step(forms.ReferForm, lambda a, u, d, v, on: services.committee_refer(
        application=a, meeting=d["meeting"], reason=d["reason"], by=u, version=v)),
    "suspend": Step(forms.SuspendForm, lambda a, u, d, v, on: services.application_suspend(
        application=a, ground=d["ground"], reason=d["reason"], by=u, on=on, version=v)),
    "resume": Step(forms.StepForm, lambda a, u, d, v, on: services.application_resume(
        application=a, by=u, on=on, version=v)),
    "terminate": Step(forms.TerminateForm, lambda a, u, d, v, on: services.application_terminate(
        application=a, ground=d["ground"], note=d["note"], by=u, on=on, version=v)),
    "withdraw": Step(forms.WithdrawForm, lambda a, u, d, v, on: services.application_withdraw(
        application=a, settled=d["settled"], after_mediation=d["after_mediation"], note=d["note"], by=u, on=on,
        version=v)),
    "mediate": Step(forms.MediateForm, lambda a, u, d, v, on: services.application_mediate(
        application=a, terms=d["terms"], by=u, on=on, version=v)),
    "decide": Step(forms.DecideForm, lambda a, u, d, v, on: services.application_decide(
        application=a, decision_type=d["decision_type"], reasons=d["reasons"], order_redo=d["order_redo"],
        compensation=d["compensation"], by=u, on=on, version=v)),
    "serve": Step(forms.ServeForm, lambda a, u, d, v, on: services.application_serve(
        application=a, method=d["method"], by=u, on=on, version=v)),
    "assign": Step(forms.AssignForm, lambda a, u, d, v, on: services.application_assign(
        application=a, handler=d["handler"], by=u, version=v)),
    "add_party": Step(forms.AddPartyForm, lambda a, u, d, v, on: services.application_add_party(
        application=a, role=d["role"], data=_party_data(d), represents=d["represents"],
        representative_kind=d["representative_kind"] or "", by=u, version=v)),
}


def _party_data(d):
    return services.PartyData(name=d["name"], kind=d["party_kind"], id_number=d["id_number"], phone=d["phone"],
                              address=d["address"], credit_code=d["credit_code"])


@login_required
@permission_required(VIEW, raise_exception=True)
def application_action(request, pk: int, action: str):
    app = _case(request, pk)
    step = STEPS.get(action)
    if step is None:
        raise Http404
    transition = workflow.WORKFLOW[action]
    form = step.form(request.POST or None, application=app, user=request.user)
    refused = ""
    if request.method == "GET":
        try:
            workflow.check(app, action, request.user, on=timezone.localdate())
        except TransitionNotAllowed as exc:
            refused = str(exc)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            step.run(app, request.user, d, d["version"], d["on"])
        except (TransitionNotAllowed, ConflictError) as exc:
            form.add_error(None, str(exc))
        except services.ServiceError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Done: %(action)s.") % {"action": transition.label})
            return redirect(app)
    return render(request, "reconsideration/form.html", {
        "form": form, "app": app, "title": transition.label, "basis": transition.basis, "refused": refused,
        "multipart": False})


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
    meeting = selectors.meeting_detail(user=request.user, pk=pk)
    if meeting is None:
        raise Http404
    return render(request, "reconsideration/meeting.html", {"meeting": meeting})


@login_required
@permission_required("reconsideration.change_committeemeeting", raise_exception=True)
def meeting_record(request, pk: int):
    meeting = selectors.meeting_detail(user=request.user, pk=pk)
    if meeting is None:
        raise Http404
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
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Saved."))
            return redirect(meeting)
    return render(request, "reconsideration/form.html", {"form": form, "title": meeting.title})

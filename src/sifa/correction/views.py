"""The pages of community correction: thin edges over the selectors, the services and the kit's step page. Every
view of a person's file is audited (`correction.viewed`)."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from sifa.core import audit, metrics
from sifa.core.documents import docx_response
from sifa.core.exports import export_response
from sifa.core.inputs import query_date
from sifa.core.lists import case_clocks
from sifa.core.models import Unit
from sifa.core.paging import keyset_page
from sifa.core.search import list_key, number_search_redirect
from sifa.core.steps import add_error, fetch_in_scope, register_view, step_view

from . import assessments, contacts, documents, ladder, selectors, services
from . import workflow as wf
from .forms import (
    AftercareForm,
    AssessmentForm,
    FilterForm,
    HandOverForm,
    IntakeForm,
    ReleaseForm,
    ReoffendedForm,
    SessionForm,
)
from .models import (
    Assessment,
    AssessmentState,
    HandOver,
    Participation,
    Release,
    SanctionKind,
    Session,
    SessionKind,
    Supervisee,
)
from .workflow import WORKFLOW

VIEW = "correction.view_supervisee"
ADD = "correction.add_supervisee"
VIEW_SESSIONS = "correction.view_session"
ADD_SESSION = "correction.add_session"
VIEW_RELEASES = "correction.view_release"
ADD_RELEASE = "correction.add_release"
HAND_OVER = "correction.hand_over_release"


def _metric_rows(request, model):
    """The rows behind a figure (?metric=KEY&from=&to=&unit=CODE) as a queryset of `model`'s pks (a figure over
    contacts, sanctions, participations or learning records drills down to their persons), or None."""
    key = request.GET.get("metric")
    if not key:
        return None
    if not key.startswith("correction.") or key not in metrics.all_keys():
        raise Http404
    m = metrics.metric(key)
    if m.is_rate:
        m = metrics.metric(m.numerator)
    today = timezone.localdate()
    start = query_date(request, "from", default=date(today.year, 1, 1))
    end = query_date(request, "to", default=today)
    unit = Unit.objects.filter(code=request.GET.get("unit", "")).first()
    rows = metrics.cases_for(m.key, start, end, unit)
    label = m.model.lower()
    if label == model._meta.label_lower:
        return rows.values("pk")
    if model is Supervisee and label in ("correction.contact", "correction.sanction", "correction.participation",
                                         "correction.learningrecord"):
        return rows.values("supervisee_id")
    if model is Session and label == "correction.participation":
        return rows.values("session_id")
    raise Http404


# --- persons under correction -----------------------------------------------------------------------------------

HEADERS = [gettext_lazy("Case number"), gettext_lazy("Full name"), pgettext_lazy("correction", "Type"),
           gettext_lazy("Classification level"), gettext_lazy("Justice office"), gettext_lazy("Judgment effective on"),
           gettext_lazy("Reported in on"), gettext_lazy("Term ends"), gettext_lazy("State")]


def _row(c: Supervisee) -> list:
    return [c.number, c.person.name, c.get_kind_display(), c.get_level_display(), c.unit.name, c.effective_on,
            c.reported_on, c.term_end, c.get_state_display()]


FORM, TABS = "correction/form.html", "correction/_tabs.html"  # a registration page (core.steps.register_view)


@login_required
@permission_required(VIEW, raise_exception=True)
def case_list(request):
    if request.method == "POST":  # a whole ID or mobile number never travels in a URL (core.search)
        return number_search_redirect(request)
    form = FilterForm(request.GET or None)
    f, sort = selectors.Filter(), None
    if form.is_valid():
        d = form.cleaned_data
        f = selectors.Filter(q=d["q"].strip(), state=d["state"], kind=d["kind"], level=d["level"], due=d["due"],
                             contact_overdue=d["contact_overdue"], key=list_key(request))
        sort = d["sort"]
    elif list_key(request):
        f = selectors.Filter(key=list_key(request))
    qs = selectors.case_list(user=request.user, filters=f)
    behind = _metric_rows(request, Supervisee)
    if behind is not None:
        qs = qs.filter(pk__in=behind)
    order = selectors.SORTS.order(sort)
    fmt = request.GET.get("export")
    if fmt in ("xlsx", "csv"):
        rows = (_row(c) for c in qs.order_by(*order).iterator(chunk_size=500))
        return export_response(rows=rows, headers=[str(h) for h in HEADERS], filename=_("Persons under correction"),
                               fmt=fmt, user=request.user, action="correction.exported",
                               summary=request.GET.urlencode())
    page = keyset_page(qs, order=order, after=request.GET.get("after"), size=50)
    work = list(selectors.open_cases(user=request.user)[:20]) if not request.GET else []
    return render(request, "correction/list.html", {"form": form, "page": page, "work": work,
                                                    "query": request.GET.urlencode(),
                                                    "sort": selectors.SORTS.key(sort)})


@login_required
@permission_required(ADD, raise_exception=True)
def intake_new(request):
    form = IntakeForm(request.POST or None, initial={"notice_received_on": timezone.localdate(),
                                                     "unit": request.user.primary_unit}, user=request.user)
    def create(d):
        return services.intake(
            unit=d["unit"], by=request.user, name=d["name"], id_number=d["id_number"], kind=d["kind"],
            offence=d["offence"], deciding_organ=d["deciding_organ"], deciding_body=d["deciding_body"],
            decision_number=d["decision_number"], notice_received_on=d["notice_received_on"],
            effective_on=d["effective_on"], term_start=d["term_start"], term_end=d["term_end"])

    return register_view(request, form, create, success=lambda case: _("Registered %(n)s.") % {"n": case.number},
                         tabs=TABS, title=_("Register a notice"), back=reverse("correction:list"), template=FORM)


@login_required
@permission_required(VIEW, raise_exception=True)
def case_detail(request, pk):
    case = fetch_in_scope(Supervisee.objects.select_related("person", "unit"), request.user, pk)
    audit.record_read(request.user, "correction.viewed", case, summary=case.number)
    kind, basis = ladder.propose_for(case)
    proposal = (SanctionKind(kind).label, basis)
    return render(request, "correction/detail.html", {
        "case": case, "actions": WORKFLOW.available(case, request.user), "clocks": case_clocks(case),
        "contact": contacts.current(case),
        "contacts": case.contacts.filter(met_on__isnull=False).order_by("-met_on", "-pk")[:20],
        "lost": case.contacts.filter(lost=True).order_by("-lost_after"),
        "sanctions": case.sanctions.all(), "leaves": case.leaves.all(), "proposal": proposal,
        "team": case.team.filter(until__isnull=True), "searches": case.searches.all(),
        "team_problems": wf.team_problems(case, [(m.name, m.role, m.sex) for m in case.team.filter(
            until__isnull=True)]) if case.state in ("reported", "supervised") else [],
        "transfers": case.transfers.select_related("from_unit", "to_unit"), "monitoring": case.monitoring.all(),
        "now": timezone.now(),
        "participations": case.participations.select_related("session").order_by("-held_on")[:20],
        "learning_hours": sum(case.learning.values_list("hours", flat=True)),
        "documents": documents.issued(case), "timeline": case.timeline().select_related("actor")[:200],
        "today": timezone.localdate()})


@login_required
@permission_required(VIEW, raise_exception=True)
def case_action(request, pk, action):
    case = fetch_in_scope(Supervisee, request.user, pk)
    return step_view(request, case, WORKFLOW, action)


@login_required
@permission_required(VIEW, raise_exception=True)
def document(request, pk, kind, ref):
    case = fetch_in_scope(Supervisee.objects.select_related("person", "unit"), request.user, pk)
    try:
        content, title, number = documents.render(case, kind, ref)
    except documents.DocumentNotIssued:
        raise Http404 from None
    return docx_response(content, filename=f"{title}-{number}", user=request.user, obj=case,
                         action="correction.document.downloaded")


# --- sessions --------------------------------------------------------------------------------------------------

@login_required
@permission_required(VIEW_SESSIONS, raise_exception=True)
def session_list(request):
    kind = request.GET.get("kind", "")
    kind = kind if kind in SessionKind.values else ""
    qs = selectors.sessions(user=request.user, kind=kind)
    behind = _metric_rows(request, Session)
    if behind is not None:
        qs = qs.filter(pk__in=behind)
    sort = request.GET.get("sort", "-held")
    order = {"held": ("held_on", "pk"), "-held": ("-held_on", "-pk")}.get(sort, ("-held_on", "-pk"))
    page = keyset_page(qs, order=order, after=request.GET.get("after"), size=50)
    return render(request, "correction/sessions.html", {"page": page, "kinds": SessionKind.choices, "kind": kind,
                                                        "sort": sort, "query": request.GET.urlencode()})


@login_required
@permission_required(ADD_SESSION, raise_exception=True)
def session_new(request):
    form = SessionForm(request.POST or None, initial={"held_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        people = list(Supervisee.objects.visible_to(request.user).filter(number__in=d["participants"]))
        unknown = sorted(set(d["participants"]) - {p.number for p in people})
        if unknown:
            form.add_error("participants", _("Unknown case numbers: %(n)s") % {"n": "、".join(unknown)})
        else:
            try:
                s = services.session_record(unit=request.user.primary_unit, by=request.user, kind=d["kind"],
                                            held_on=d["held_on"], title=d["title"], hours=d["hours"],
                                            participants=people)
            except Exception as exc:
                if not add_error(form, exc):
                    raise
            else:
                messages.success(request, _("Session recorded."))
                return redirect(s)
    return render(request, "correction/form.html", {"form": form, "title": _("Record an education session"),
                                                    "back": reverse("correction:sessions")})


@login_required
@permission_required(VIEW_SESSIONS, raise_exception=True)
def session_detail(request, pk):
    s = fetch_in_scope(Session.objects.select_related("unit"), request.user, pk)
    people = Participation.objects.filter(session=s).select_related("supervisee__person")
    return render(request, "correction/session.html", {"s": s, "people": people})


# --- resettlement ---------------------------------------------------------------------------------------------

@login_required
@permission_required(VIEW_RELEASES, raise_exception=True)
def release_list(request):
    state = request.GET.get("hand_over", "")
    state = state if state in HandOver.values else ""
    qs = selectors.releases(user=request.user, hand_over=state)
    behind = _metric_rows(request, Release)
    if behind is not None:
        qs = qs.filter(pk__in=behind)
    sort = request.GET.get("sort", "-release")
    order = {"release": ("release_on", "pk"), "-release": ("-release_on", "-pk")}.get(sort, ("-release_on", "-pk"))
    page = keyset_page(qs, order=order, after=request.GET.get("after"), size=50)
    return render(request, "correction/releases.html", {"page": page, "states": HandOver.choices, "state": state,
                                                        "sort": sort, "today": timezone.localdate()})


@login_required
@permission_required(ADD_RELEASE, raise_exception=True)
def release_new(request):
    form = ReleaseForm(request.POST or None, initial={"notice_received_on": timezone.localdate(),
                                                      "unit": request.user.primary_unit})
    def create(d):
        return services.release_register(unit=d["unit"], by=request.user, name=d["name"], id_number=d["id_number"],
                                         prison=d["prison"], offence=d["offence"],
                                         notice_received_on=d["notice_received_on"], release_on=d["release_on"],
                                         key_person=d["key_person"])

    return register_view(request, form, create, success=lambda r: _("Release notice registered."), tabs=TABS,
                         title=_("Register a release notice"), back=reverse("correction:releases"), template=FORM)


@login_required
@permission_required(VIEW_RELEASES, raise_exception=True)
def release_detail(request, pk):
    r = fetch_in_scope(Release.objects.select_related("unit", "person"), request.user, pk)
    audit.record_read(request.user, "correction.viewed", r, summary=str(r))
    form = None
    if r.hand_over == HandOver.PENDING and request.user.has_perm(HAND_OVER):
        form = HandOverForm(request.POST or None, initial={"on": timezone.localdate(), "version": r.version})
        if request.method == "POST" and form.is_valid():
            d = form.cleaned_data
            try:
                services.release_hand_over(r, by=request.user, on=d["on"], escorted=d["escorted"],
                                           expected_version=d["version"])
            except Exception as exc:
                if not add_error(form, exc):
                    raise
            else:
                messages.success(request, _("Hand-over recorded."))
                return redirect(r)
    elif request.method == "POST" and request.POST.get("form") not in ("aftercare", "reoffended"):
        raise Http404
    can = request.user.has_perm(HAND_OVER)
    aftercare = AftercareForm(request.POST if request.POST.get("form") == "aftercare" else None,
                              initial={"on": timezone.localdate()}) if can else None
    reoffended = (ReoffendedForm(request.POST if request.POST.get("form") == "reoffended" else None,
                                 initial={"version": r.version}) if can and not r.reoffended_on else None)
    if request.method == "POST" and not can:
        raise Http404
    for name, f in (("aftercare", aftercare), ("reoffended", reoffended)):
        if request.method == "POST" and request.POST.get("form") == name and f is not None and f.is_valid():
            d = f.cleaned_data
            try:
                if name == "aftercare":
                    services.aftercare_record(r, by=request.user, kind=d["kind"], on=d["on"], note=d["note"])
                else:
                    services.release_reoffended(r, by=request.user, on=d["reoffended_on"],
                                                expected_version=d["version"])
            except Exception as exc:
                if not add_error(f, exc):
                    raise
            else:
                messages.success(request, _("Recorded."))
                return redirect(r)
    return render(request, "correction/release.html", {
        "r": r, "form": form, "aftercare_form": aftercare, "reoffended_form": reoffended,
        "aftercare": r.aftercare.all()})


@login_required
@permission_required(VIEW_RELEASES, raise_exception=True)
def release_document(request, pk):
    r = fetch_in_scope(Release.objects.select_related("unit", "person"), request.user, pk)
    return docx_response(documents.render_release(r), filename=f"刑满释放人员衔接登记表-{r.register_number}",
                         user=request.user, obj=r, action="correction.document.downloaded")



# --- pre-sentence assessments (调查评估) ------------------------------------------------------------------------

ASSESSMENT_HEADERS = [gettext_lazy("Case number"), gettext_lazy("Full name"), gettext_lazy("Commissioning body"),
                      gettext_lazy("Commission received on"), gettext_lazy("Assessment due by"),
                      gettext_lazy("Opinion submitted on"), gettext_lazy("Assessment opinion"), gettext_lazy("State")]


@login_required
@permission_required(VIEW, raise_exception=True)
def assessment_list(request):
    if request.method == "POST":
        return number_search_redirect(request)
    state = request.GET.get("state", "")
    state = state if state in AssessmentState.values else ""
    q = request.GET.get("q", "").strip()
    qs = selectors.assessments(user=request.user, state=state, q=q, overdue=request.GET.get("overdue") == "1",
                              key=list_key(request))
    sort = request.GET.get("sort", "-received")
    order = selectors.ASSESSMENT_SORTS.order(sort)
    fmt = request.GET.get("export")
    if fmt in ("xlsx", "csv"):
        rows = ([a.number, a.subject.name, a.commissioning_body, a.received_on, a.due_on, a.submitted_on,
                 a.get_opinion_display(), a.get_state_display()] for a in qs.order_by(*order).iterator(chunk_size=500))
        return export_response(rows=rows, headers=[str(h) for h in ASSESSMENT_HEADERS],
                               filename=_("Pre-sentence assessments"), fmt=fmt, user=request.user,
                               action="correction.assessment.exported", summary=request.GET.urlencode())
    page = keyset_page(qs, order=order, after=request.GET.get("after"), size=50)
    return render(request, "correction/assessments.html", {
        "page": page, "states": AssessmentState.choices, "state": state, "q": q, "sort": sort,
        "overdue": request.GET.get("overdue") == "1", "query": request.GET.urlencode(), "today": timezone.localdate()})


@login_required
@permission_required(ADD, raise_exception=True)
def assessment_new(request):
    form = AssessmentForm(request.POST or None, initial={"received_on": timezone.localdate(),
                                                         "unit": request.user.primary_unit})
    def create(d):
        return assessments.register(
            unit=d["unit"], by=request.user, name=d["name"], id_number=d["id_number"],
            commissioning_organ=d["commissioning_organ"], commissioning_body=d["commissioning_body"],
            commission_number=d["commission_number"], offence=d["offence"], proposed_kind=d["proposed_kind"],
            received_on=d["received_on"], expedited=d["expedited"])

    return register_view(request, form, create, success=lambda a: _("Registered %(n)s.") % {"n": a.number},
                         tabs=TABS, title=_("Register a commission to assess"), back=reverse("correction:assessments"),
                         template=FORM)


@login_required
@permission_required(VIEW, raise_exception=True)
def assessment_detail(request, pk):
    a = fetch_in_scope(Assessment.objects.select_related("subject", "unit"), request.user, pk)
    audit.record_read(request.user, "correction.assessment.viewed", a, summary=a.number)
    return render(request, "correction/assessment.html", {
        "a": a, "actions": assessments.WORKFLOW.available(a, request.user), "clocks": case_clocks(a),
        "timeline": a.timeline().select_related("actor")[:200]})


@login_required
@permission_required(VIEW, raise_exception=True)
def assessment_action(request, pk, action):
    a = fetch_in_scope(Assessment, request.user, pk)
    return step_view(request, a, assessments.WORKFLOW, action)

"""The pages of governance: lists with filters, sort, export and the rows behind a figure; detail pages with
what can be done now; the inspection report and the rectification notice as .docx."""

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
from django.views.decorators.http import require_GET

from sifa.core import audit, metrics
from sifa.core.documents import docx_response
from sifa.core.exports import export_response
from sifa.core.inputs import query_date
from sifa.core.lists import case_clocks
from sifa.core.models import Unit
from sifa.core.paging import keyset_page
from sifa.core.steps import add_error, fetch_in_scope, step_view

from . import assessment, documents, forms, selectors, services
from .models import (
    Assessment,
    AssessmentScheme,
    Inspection,
    Observation,
    ObservationPoint,
    ResearchTopic,
    Task,
)
from .workflow import INSPECTION, TOPIC

LISTS = {  # the model a figure counts -> the list that shows its rows
    "governance.task": "governance:list", "governance.inspection": "governance:inspections",
    "governance.finding": "governance:inspections", "governance.observationpoint": "governance:points",
    "governance.observation": "governance:observations", "governance.researchtopic": "governance:topics",
    "governance.assessment": "governance:schemes",
}


def _metric_rows(request, model):
    """The pks behind a figure (?metric=KEY&from=&to=&unit=CODE), within the user's scope; None without one."""
    key = request.GET.get("metric")
    if not key:
        return None
    if not key.startswith("governance.") or key not in metrics.all_keys():
        raise Http404
    m = metrics.metric(key)
    if m.is_rate:
        m = metrics.metric(m.numerator)
    today = timezone.localdate()
    start = query_date(request, "from", default=date(today.year, 1, 1))
    end = query_date(request, "to", default=today)
    unit = Unit.objects.filter(code=request.GET.get("unit", "")).first()
    rows = metrics.cases_for(m.key, start, end, unit)
    if m.model.lower() == "governance.finding" and model is Inspection:
        return rows.values("inspection_id")
    if m.model.lower() == "governance.assessment" and model is AssessmentScheme:
        return rows.values("scheme_id")
    if m.model.lower() != model._meta.label_lower:
        raise Http404
    return rows.values("pk")


@login_required
@require_GET
def figure(request):
    """A figure's drill-down: on to the list of the records it counts, with the same query."""
    key = request.GET.get("metric", "")
    if not key.startswith("governance.") or key not in metrics.all_keys():
        raise Http404
    m = metrics.metric(key)
    if m.is_rate:
        m = metrics.metric(m.numerator)
    return redirect(f"{reverse(LISTS[m.model.lower()])}?{request.GET.urlencode()}")


def _list(request, *, form, rows, sorts, columns, title, template="governance/list.html", extra=None):
    """A list page: filtered rows `rows(cleaned_data)` of the user's scope, sorted, paged, exported."""
    data = form.cleaned_data if form.is_valid() else {}
    qs = rows(data)
    behind = _metric_rows(request, qs.model)
    if behind is not None:
        qs = qs.filter(pk__in=behind)
    order = sorts.order(data.get("sort"))
    fmt = request.GET.get("export")
    headers = [str(h) for h, _fn in columns]
    if fmt in ("xlsx", "csv"):
        out = ([fn(o) for _h, fn in columns] for o in qs.order_by(*order).iterator(chunk_size=500))
        return export_response(rows=out, headers=headers, filename=str(title), fmt=fmt, user=request.user,
                               action="governance.exported", summary=request.GET.urlencode())
    page = keyset_page(qs, order=order, after=request.GET.get("after"), size=50)
    page_rows = [(o.get_absolute_url(), getattr(o, "is_overdue", False) or getattr(o, "has_overdue", False),
                  [fn(o) for _h, fn in columns]) for o in page.rows]
    return render(request, template, {"form": form, "page": page, "rows": page_rows, "headers": headers,
                                      "title": title, "query": request.GET.urlencode(), **(extra or {})})


def _d(value) -> str:
    return value.isoformat() if value else ""


def _form_page(request, form, create, title, back):
    if request.method == "POST" and form.is_valid():
        try:
            obj = create(form.cleaned_data)
        except Exception as exc:
            if not add_error(form, exc):
                raise
        else:
            messages.success(request, _("Saved."))
            return redirect(obj)
    return render(request, "governance/form.html", {"form": form, "title": title, "back": back})


def _act(request, form, do):
    """A POSTed action of a detail page: the service's refusal goes on the form, which is shown again."""
    if form.is_valid():
        try:
            do(form.cleaned_data)
        except Exception as exc:
            if not add_error(form, exc):
                raise
        else:
            messages.success(request, _("Saved."))
            return True
    return False


# --- tasks --------------------------------------------------------------------------------------------------

TASK_COLUMNS = [
    (gettext_lazy("Item number"), lambda t: t.code), (gettext_lazy("Task"), lambda t: t.title),
    (gettext_lazy("Responsible unit"), lambda t: t.responsible.name),
    (gettext_lazy("Assisting units"), lambda t: "、".join(u.name for u in t.assisting.all())),
    (gettext_lazy("Due date"), lambda t: _d(t.due_on)), (gettext_lazy("Done on"), lambda t: _d(t.done_on)),
]


@login_required
@permission_required("governance.view_task", raise_exception=True)
def task_list(request):
    form = forms.TaskFilterForm(request.GET or None)
    today = timezone.localdate()

    def rows(d):
        qs = selectors.tasks(user=request.user, year=d.get("year"), responsible=d.get("responsible"),
                             status=d.get("status", ""), q=(d.get("q") or "").strip())
        return qs.annotate(is_overdue=_overdue_expr(today))

    overdue = selectors.tasks(user=request.user, status="overdue").order_by("due_on", "pk")
    return _list(request, form=form, rows=rows, sorts=selectors.TASK_SORTS, columns=TASK_COLUMNS,
                 title=_("The year's task list"), extra={"overdue": overdue[:20], "overdue_count": overdue.count()})


def _overdue_expr(today):
    from django.db.models import BooleanField, ExpressionWrapper

    return ExpressionWrapper(selectors.overdue_task_q(today), output_field=BooleanField())


@login_required
@permission_required("governance.add_task", raise_exception=True)
def task_new(request):
    form = forms.TaskForm(request.POST or None, user=request.user, initial={"year": timezone.localdate().year})

    def create(d):
        return services.task_create(unit=request.user.primary_unit, by=request.user, year=d["year"], code=d["code"],
                                    title=d["title"], source=d["source"], responsible=d["responsible"],
                                    assisting=d["assisting"], due_on=d["due_on"])

    return _form_page(request, form, create, _("Add a task"), reverse("governance:list"))


@login_required
@permission_required("governance.view_task", raise_exception=True)
def task_detail(request, pk):
    task = fetch_in_scope(Task.objects.select_related("responsible"), request.user, pk)
    form = None
    if request.user.has_perm("governance.report_task") and task.done_on is None:
        form = forms.TaskReportForm(request.POST or None,
                                    initial={"reported_on": timezone.localdate(), "version": task.version})
        if request.method == "POST" and _act(request, form, lambda d: services.task_report(
                task, by=request.user, on=d["reported_on"], text=d["text"], done=d["done"],
                expected_version=d["version"])):
            return redirect(task)
    overdue = task.done_on is None and task.due_on < timezone.localdate()
    return render(request, "governance/task.html", {"task": task, "form": form, "overdue": overdue})


# --- inspections ----------------------------------------------------------------------------------------------

INSPECTION_COLUMNS = [
    (gettext_lazy("Number"), lambda i: i.number), (gettext_lazy("Publicity campaign"), lambda i: i.campaign),
    (gettext_lazy("Inspected unit"), lambda i: i.inspected.name),
    (gettext_lazy("Inspected on"), lambda i: _d(i.visited_on)),
    (gettext_lazy("Report issued on"), lambda i: _d(i.reported_on)),
    (gettext_lazy("State"), lambda i: i.get_state_display()),
]


@login_required
@permission_required("governance.view_inspection", raise_exception=True)
def inspection_list(request):
    form = forms.InspectionFilterForm(request.GET or None)

    def rows(d):
        return selectors.inspections(user=request.user, campaign=(d.get("campaign") or "").strip(),
                                     kind=d.get("kind", ""), state=d.get("state", ""), q=(d.get("q") or "").strip())

    return _list(request, form=form, rows=rows, sorts=selectors.INSPECTION_SORTS, columns=INSPECTION_COLUMNS,
                 title=_("Rule-of-law inspections"))


@login_required
@permission_required("governance.add_inspection", raise_exception=True)
def inspection_new(request):
    form = forms.InspectionForm(request.POST or None, initial={"visited_on": timezone.localdate()})

    def create(d):
        return services.inspection_register(unit=request.user.primary_unit, by=request.user, campaign=d["campaign"],
                                            kind=d["kind"], inspected=d["inspected"], visited_on=d["visited_on"],
                                            summary=d["summary"])

    return _form_page(request, form, create, _("Register an inspection"), reverse("governance:inspections"))


def _inspection(request, pk):
    return fetch_in_scope(Inspection.objects.select_related("inspected", "unit"), request.user, pk)


@login_required
@permission_required("governance.view_inspection", raise_exception=True)
def inspection_detail(request, pk):
    insp = _inspection(request, pk)
    today = timezone.localdate()
    findings = list(insp.findings.all())
    for f in findings:
        f.clocks = case_clocks(f, today)
    return render(request, "governance/inspection.html", {
        "insp": insp, "findings": findings, "documents": documents.available(insp),
        "actions": INSPECTION.available(insp, request.user, on=today),
        "timeline": audit.events_for(insp).select_related("actor")[:100]})


@login_required
@permission_required("governance.change_inspection", raise_exception=True)
def inspection_action(request, pk, action):
    """One step of an inspection (core.workflow table `workflow.INSPECTION`): its form, basis, clocks, refusal."""
    return step_view(request, _inspection(request, pk), INSPECTION, action)


@login_required
@permission_required("governance.view_inspection", raise_exception=True)
def inspection_document(request, pk, kind):
    insp = fetch_in_scope(Inspection.objects.select_related("inspected", "unit"), request.user, pk)
    try:
        content = documents.render(insp, kind)
    except documents.DocumentNotIssued:
        raise Http404 from None
    return docx_response(content, filename=f"{documents.KINDS[kind]}-{insp.report_number}", user=request.user,
                         obj=insp, action="governance.document.downloaded")


# --- observation points and observations ----------------------------------------------------------------------

POINT_COLUMNS = [
    (gettext_lazy("Name of the point"), lambda p: p.name), (pgettext_lazy("observation point", "Kind"),
                                                           lambda p: p.get_kind_display()),
    (gettext_lazy("Street or town"), lambda p: p.street.name if p.street_id else ""),
    (gettext_lazy("Established on"), lambda p: _d(p.established_on)),
]


@login_required
@permission_required("governance.view_observationpoint", raise_exception=True)
def point_list(request):
    form = forms.PointFilterForm(request.GET or None)

    def rows(d):
        return selectors.points(user=request.user, kind=d.get("kind", ""), q=(d.get("q") or "").strip())

    return _list(request, form=form, rows=rows, sorts=selectors.POINT_SORTS, columns=POINT_COLUMNS,
                 title=_("Observation points"))


@login_required
@permission_required("governance.add_observationpoint", raise_exception=True)
def point_new(request):
    form = forms.PointForm(request.POST or None, initial={"established_on": timezone.localdate()})

    def create(d):
        return services.point_establish(unit=request.user.primary_unit, by=request.user, name=d["name"],
                                        kind=d["kind"], street=d["street"], established_on=d["established_on"],
                                        observers=d["observers"])

    return _form_page(request, form, create, _("Establish an observation point"), reverse("governance:points"))


@login_required
@permission_required("governance.view_observationpoint", raise_exception=True)
def point_detail(request, pk):
    point = fetch_in_scope(ObservationPoint.objects.select_related("street"), request.user, pk)
    form = None
    if request.user.has_perm("governance.add_observation"):
        form = forms.ObservationForm(request.POST or None, point=point,
                                     initial={"submitted_on": timezone.localdate()})
        if request.method == "POST" and _act(request, form, lambda d: services.observation_submit(
                point, by=request.user, on=d["submitted_on"], subject=d["subject"], text=d["text"],
                observer=d["observer"])):
            return redirect(point)
    return render(request, "governance/point.html", {
        "point": point, "observers": point.observers.all(),
        "observations": selectors.observations(user=request.user, point=point).order_by("-submitted_on", "-pk"),
        "form": form})


OBSERVATION_COLUMNS = [
    (gettext_lazy("Submitted on"), lambda o: _d(o.submitted_on)), (gettext_lazy("Observation point"),
                                                                   lambda o: o.point.name),
    (gettext_lazy("Subject"), lambda o: o.subject), (gettext_lazy("Replied on"), lambda o: _d(o.replied_on)),
]


@login_required
@permission_required("governance.view_observation", raise_exception=True)
def observation_list(request):
    form = forms.ObservationFilterForm(request.GET or None)

    def rows(d):
        return selectors.observations(user=request.user, replied=d.get("replied", ""), q=(d.get("q") or "").strip())

    return _list(request, form=form, rows=rows, sorts=selectors.OBSERVATION_SORTS, columns=OBSERVATION_COLUMNS,
                 title=_("Observations"))


@login_required
@permission_required("governance.view_observation", raise_exception=True)
def observation_detail(request, pk):
    obs = fetch_in_scope(Observation.objects.select_related("point", "observer"), request.user, pk)
    form = None
    if request.user.has_perm("governance.change_observation") and obs.replied_on is None:
        form = forms.ReplyForm(request.POST or None, initial={"replied_on": timezone.localdate(),
                                                              "version": obs.version})
        if request.method == "POST" and _act(request, form, lambda d: services.observation_reply(
                obs, by=request.user, on=d["replied_on"], reply=d["reply"], expected_version=d["version"])):
            return redirect(obs)
    return render(request, "governance/observation.html", {"obs": obs, "form": form,
                                                           "clocks": case_clocks(obs)})


# --- research topics ------------------------------------------------------------------------------------------

TOPIC_COLUMNS = [
    (gettext_lazy("Title"), lambda t: t.title), (gettext_lazy("Lead unit"), lambda t: t.lead.name),
    (gettext_lazy("Status"), lambda t: t.get_status_display()),
    (gettext_lazy("Approved on"), lambda t: _d(t.approved_on)),
]


@login_required
@permission_required("governance.view_researchtopic", raise_exception=True)
def topic_list(request):
    form = forms.TopicFilterForm(request.GET or None)

    def rows(d):
        return selectors.topics(user=request.user, year=d.get("year"), status=d.get("status", ""),
                                q=(d.get("q") or "").strip())

    return _list(request, form=form, rows=rows, sorts=selectors.TOPIC_SORTS, columns=TOPIC_COLUMNS,
                 title=_("Research topics"))


@login_required
@permission_required("governance.add_researchtopic", raise_exception=True)
def topic_new(request):
    form = forms.TopicForm(request.POST or None, initial={"year": timezone.localdate().year,
                                                          "proposed_on": timezone.localdate()})

    def create(d):
        return services.topic_propose(unit=request.user.primary_unit, by=request.user, year=d["year"],
                                      title=d["title"], lead=d["lead"], on=d["proposed_on"])

    return _form_page(request, form, create, _("Propose a research topic"), reverse("governance:topics"))


def _topic(request, pk):
    return fetch_in_scope(ResearchTopic.objects.select_related("lead"), request.user, pk)


@login_required
@permission_required("governance.view_researchtopic", raise_exception=True)
def topic_detail(request, pk):
    topic = _topic(request, pk)
    return render(request, "governance/topic.html", {
        "topic": topic, "actions": TOPIC.available(topic, request.user, on=timezone.localdate()),
        "timeline": audit.events_for(topic).select_related("actor")[:100]})


@login_required
@permission_required("governance.change_researchtopic", raise_exception=True)
def topic_action(request, pk, action):
    return step_view(request, _topic(request, pk), TOPIC, action)


# --- assessment ---------------------------------------------------------------------------------------------

SCHEME_COLUMNS = [
    (gettext_lazy("Title"), lambda s: str(s)), (gettext_lazy("Year"), lambda s: s.year),
    (gettext_lazy("Published on"), lambda s: _d(s.published_on)),
]
SCHEME_SORTS = selectors.Sorts({"-year": ("-year", "-edition", "-pk"), "title": ("title", "pk")}, default="-year")


@login_required
@permission_required("governance.view_assessmentscheme", raise_exception=True)
def scheme_list(request):
    form = forms.TopicFilterForm(request.GET or None)
    form.fields["sort"].choices = [("-year", _("Latest first")), ("title", _("Title"))]
    del form.fields["status"]

    def rows(d):
        qs = AssessmentScheme.objects.visible_to(request.user)
        if d.get("year"):
            qs = qs.filter(year=d["year"])
        if d.get("q"):
            qs = qs.filter(title__icontains=d["q"].strip())
        return qs

    return _list(request, form=form, rows=rows, sorts=SCHEME_SORTS, columns=SCHEME_COLUMNS,
                 title=_("Assessment of rule-of-law building"))


@login_required
@permission_required("governance.view_assessmentscheme", raise_exception=True)
def scheme_detail(request, pk):
    scheme = fetch_in_scope(AssessmentScheme, request.user, pk)
    if request.method == "POST":
        if not request.user.has_perm("governance.change_assessment"):
            raise Http404
        assessment.recompute(scheme)
        audit.record(request.user, "governance.assessment.recomputed", scheme, summary=str(scheme))
        messages.success(request, _("The results have been recomputed from the scores."))
        return redirect(scheme)
    return render(request, "governance/scheme.html", {
        "scheme": scheme, "indicators": scheme.indicators.select_related("parent"),
        "figures": assessment.summary(scheme),
        "ranking": assessment.ranking(scheme),
        "pending": scheme.assessments.filter(scored_on__isnull=True).select_related("assessed")})


@login_required
@permission_required("governance.add_assessmentscheme", raise_exception=True)
def scheme_new(request):
    """A new scheme, or (?from=<pk>) the next edition of one, started from its indicators."""
    initial = {"year": timezone.localdate().year, "published_on": timezone.localdate(), "pass_mark": 60}
    source = request.GET.get("from")
    if source and source.isdigit():
        old = fetch_in_scope(AssessmentScheme, request.user, int(source))
        initial.update(year=old.year, title=old.title, pass_mark=old.pass_mark,
                       indicators=assessment.items_text(old))
    form = forms.SchemeForm(request.POST or None, initial=initial)

    def create(d):
        return assessment.scheme_publish(unit=request.user.primary_unit, by=request.user, year=d["year"],
                                         title=d["title"], published_on=d["published_on"], items=d["indicators"],
                                         pass_mark=d["pass_mark"])

    return _form_page(request, form, create, _("Publish an assessment scheme"), reverse("governance:schemes"))


@login_required
@permission_required("governance.add_assessment", raise_exception=True)
def scheme_enrol(request, pk):
    scheme = fetch_in_scope(AssessmentScheme, request.user, pk)
    form = forms.EnrolForm(request.POST or None, scheme=scheme)
    if request.method == "POST" and _act(request, form, lambda d: assessment.assessment_enrol(
            scheme, by=request.user, units=d["units"])):
        return redirect(scheme)
    return render(request, "governance/form.html", {"form": form, "title": _("Put units under assessment"),
                                                    "back": scheme.get_absolute_url()})


@login_required
@permission_required("governance.view_assessmentscheme", raise_exception=True)
def scheme_results(request, pk):
    scheme = fetch_in_scope(AssessmentScheme, request.user, pk)
    rows = list(assessment.ranking(scheme))
    if not rows:
        raise Http404
    return docx_response(documents.assessment_results(scheme, rows), filename=f"{scheme.title}考核结果",
                         user=request.user, obj=scheme, action="governance.document.downloaded")


@login_required
@permission_required("governance.view_assessment", raise_exception=True)
def assessment_detail(request, pk):
    a = fetch_in_scope(Assessment.objects.select_related("scheme", "assessed"), request.user, pk)
    form, bureau = None, a.self_submitted_on is not None
    if request.user.has_perm("governance.change_assessment") and a.scored_on is None:
        form = forms.ScoresForm(request.POST or None, assessment=a, bureau=bureau,
                                initial={"on": timezone.localdate(), "version": a.version})
        service = assessment.bureau_score if bureau else assessment.self_assess
        if request.method == "POST" and _act(request, form, lambda d: service(
                a, by=request.user, on=d["on"], rows=form.rows_for(bureau=bureau), expected_version=d["version"])):
            return redirect(a)
    return render(request, "governance/assessment.html", {
        "a": a, "scores": a.scores.select_related("indicator"), "form": form, "bureau": bureau})

"""The pages of publicity: activities (with a contest's entries and prizes), the members' responsibility lists with
their review and ranking, the best-project selection; the plan and the review results as .docx."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_GET

from sifa.core import metrics
from sifa.core.documents import docx_response
from sifa.core.exports import export_response
from sifa.core.inputs import query_date
from sifa.core.locking import ConflictError
from sifa.core.models import Unit
from sifa.core.paging import keyset_page
from sifa.core.steps import add_error, fetch_in_scope
from sifa.core.workflow import StepError

from . import documents, forms, selectors, services
from .models import Activity, ActivityKind, Prize, Responsibility

LISTS = {"publicity.activity": "publicity:list", "publicity.contestentry": "publicity:list",
         "publicity.responsibility": "publicity:responsibilities", "publicity.project": "publicity:projects"}


def _metric(request):
    key = request.GET.get("metric", "")
    if not key.startswith("publicity.") or key not in metrics.all_keys():
        raise Http404
    return metrics.metric(key)


def _metric_rows(request, model):
    """The pks behind a figure (?metric=KEY&from=&to=&unit=CODE), within the user's scope; None without one."""
    if not request.GET.get("metric"):
        return None
    m = _metric(request)
    today = timezone.localdate()
    start = query_date(request, "from", default=date(today.year, 1, 1))
    end = query_date(request, "to", default=today)
    unit = Unit.objects.filter(code=request.GET.get("unit", "")).first()
    rows = metrics.cases_for(m.key, start, end, unit)
    if m.model.lower() == "publicity.contestentry" and model is Activity:
        return rows.values("contest_id")
    if m.model.lower() != model._meta.label_lower:
        raise Http404
    return rows.values("pk")


@login_required
@require_GET
def figure(request):
    """A figure's drill-down: on to the list of the records it counts, with the same query."""
    m = _metric(request)
    return redirect(f"{reverse(LISTS[m.model.lower()])}?{request.GET.urlencode()}")


def _d(value) -> str:
    return value.isoformat() if value else ""


def _act(request, form, do) -> bool:
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


def _form_page(request, form, create, title, back):
    if request.method == "POST" and _act(request, form, lambda d: setattr(request, "_created", create(d))):
        return redirect(request._created)
    return render(request, "publicity/form.html", {"form": form, "title": title, "back": back})


# --- activities ---------------------------------------------------------------------------------------------

COLUMNS = [(gettext_lazy("Item number"), lambda a: a.number), (pgettext_lazy("publicity", "Kind"),
                                                               lambda a: a.get_kind_display()),
           (gettext_lazy("Title"), lambda a: a.title), (gettext_lazy("Series"), lambda a: a.series),
           (gettext_lazy("Held or published on"), lambda a: _d(a.held_on)),
           (gettext_lazy("Participant count"), lambda a: a.participants), (gettext_lazy("Views"), lambda a: a.views)]


@login_required
@permission_required("publicity.view_activity", raise_exception=True)
def activity_list(request):
    form = forms.ActivityFilterForm(request.GET or None)
    d = form.cleaned_data if form.is_valid() else {}
    qs = selectors.activities(user=request.user, kind=d.get("kind", ""), series=(d.get("series") or "").strip(),
                              q=(d.get("q") or "").strip(), date_from=d.get("date_from"), date_to=d.get("date_to"))
    behind = _metric_rows(request, Activity)
    if behind is not None:
        qs = qs.filter(pk__in=behind)
    order = selectors.ACTIVITY_SORTS.order(d.get("sort"))
    fmt = request.GET.get("export")
    if fmt in ("xlsx", "csv"):
        rows = ([fn(a) for _h, fn in COLUMNS] for a in qs.order_by(*order).iterator(chunk_size=500))
        return export_response(rows=rows, headers=[str(h) for h, _fn in COLUMNS], filename=_("Publicity activities"),
                               fmt=fmt, user=request.user, action="publicity.exported",
                               summary=request.GET.urlencode())
    page = keyset_page(qs, order=order, after=request.GET.get("after"), size=50)
    return render(request, "publicity/activities.html", {"form": form, "page": page, "query": request.GET.urlencode()})


@login_required
@permission_required("publicity.add_activity", raise_exception=True)
def activity_new(request):
    form = forms.ActivityForm(request.POST or None, initial={"held_on": timezone.localdate(), "participants": 0})

    def create(d):
        return services.activity_register(unit=request.user.primary_unit, by=request.user, kind=d["kind"],
                                          title=d["title"], series=d["series"], held_on=d["held_on"],
                                          organiser=d["organiser"], place=d["place"], participants=d["participants"])

    return _form_page(request, form, create, _("Register an activity"), reverse("publicity:list"))


@login_required
@permission_required("publicity.view_activity", raise_exception=True)
def activity_detail(request, pk):
    a = fetch_in_scope(Activity.objects.select_related("organiser"), request.user, pk)
    may = request.user.has_perm("publicity.change_activity")
    do = request.POST.get("do")
    participants = entries_form = award_form = None
    if may:
        participants = forms.ParticipantsForm(request.POST if do == "participants" else None,
                                              initial={"participants": a.participants, "version": a.version})
        if a.kind == ActivityKind.CONTEST and not a.entries.filter(awarded_on__isnull=False).exists():
            entries_form = forms.EntriesForm(request.POST if do == "entries" else None,
                                             initial={"submitted_on": timezone.localdate()})
            if a.entries.exists():
                award_form = forms.AwardForm(request.POST if do == "award" else None,
                                             entries=a.entries.order_by("pk")[:300],
                                             initial={"awarded_on": timezone.localdate()})
    if request.method == "POST":
        if not may:
            raise Http404
        done = False
        if do == "participants":
            done = _act(request, participants, lambda d: services.activity_participants(
                a, by=request.user, participants=d["participants"], expected_version=d["version"]))
        elif do == "entries" and entries_form is not None:
            done = _act(request, entries_form, lambda d: services.entries_add(
                a, by=request.user, on=d["submitted_on"],
                entries=[services.Entry(t, au, s) for t, au, s in d["entries"]]))
        elif do == "award" and award_form is not None:
            done = _act(request, award_form, lambda d: services.prizes_award(
                a, by=request.user, on=d["awarded_on"], prizes=award_form.prizes()))
        if done:
            return redirect(a)
    entries = a.entries.order_by("prize", "pk") if a.kind == ActivityKind.CONTEST else None
    prizes = (a.entries.exclude(prize="").values("prize").annotate(n=Count("pk")).order_by("prize")
              if entries is not None else [])
    labels = dict(Prize.choices)
    return render(request, "publicity/activity.html", {
        "a": a, "entries": entries[:300] if entries is not None else None,
        "entry_count": entries.count() if entries is not None else 0,
        "prizes": [(labels[r["prize"]], r["n"]) for r in prizes], "participants_form": participants,
        "entries_form": entries_form, "award_form": award_form})


# --- responsibility lists ---------------------------------------------------------------------------------

@login_required
@permission_required("publicity.view_responsibility", raise_exception=True)
def responsibility_list(request):
    form = forms.ResponsibilityFilterForm(request.GET or None)
    d = form.cleaned_data if form.is_valid() else {}
    year = d.get("year")
    qs = selectors.responsibilities(user=request.user, year=year, reviewed=d.get("reviewed", ""))
    behind = _metric_rows(request, Responsibility)
    if behind is not None:
        qs = qs.filter(pk__in=behind)
    order = selectors.RESPONSIBILITY_SORTS.order(d.get("sort"))
    page = keyset_page(qs, order=order, after=request.GET.get("after"), size=50)
    ranking = services.ranking(user=request.user, year=year) if year else []
    return render(request, "publicity/responsibilities.html", {
        "form": form, "page": page, "query": request.GET.urlencode(), "year": year, "ranking": ranking})


@login_required
@permission_required("publicity.add_responsibility", raise_exception=True)
def responsibility_new(request):
    form = forms.ResponsibilityForm(request.POST or None, initial={"year": timezone.localdate().year})

    def create(d):
        return services.responsibility_file(unit=request.user.primary_unit, by=request.user, year=d["year"],
                                            member=d["member"], duties=d["duties"], plan=d["plan"],
                                            plan_filed_on=d["plan_filed_on"])

    return _form_page(request, form, create, _("File a responsibility list"), reverse("publicity:responsibilities"))


@login_required
@permission_required("publicity.view_responsibility", raise_exception=True)
def responsibility_detail(request, pk):
    r = fetch_in_scope(Responsibility.objects.select_related("member"), request.user, pk)
    form = None
    if request.user.has_perm("publicity.change_responsibility") and r.reviewed_on is None:
        form = forms.ReviewForm(request.POST or None, initial={"reviewed_on": timezone.localdate(),
                                                               "version": r.version})
        if request.method == "POST" and _act(request, form, lambda d: services.responsibility_review(
                r, by=request.user, on=d["reviewed_on"], score=d["score"], comment=d["comment"],
                expected_version=d["version"])):
            return redirect(r)
    return render(request, "publicity/responsibility.html", {"r": r, "form": form})


@login_required
@permission_required("publicity.view_responsibility", raise_exception=True)
def plan_document(request, pk):
    r = fetch_in_scope(Responsibility.objects.select_related("member", "unit"), request.user, pk)
    if not r.plan:
        raise Http404
    return docx_response(documents.plan_document(r), filename=f"{r.member.name}{r.year}年度普法计划", user=request.user,
                         obj=r, action="publicity.document.downloaded")


@login_required
@permission_required("publicity.view_responsibility", raise_exception=True)
def review_document(request, year):
    rows = services.ranking(user=request.user, year=year)
    if not rows:
        raise Http404
    return docx_response(documents.review_document(rows, year, rows[0].unit), filename=f"{year}年度履职评议结果",
                         user=request.user, obj=None, action="publicity.document.downloaded")


# --- best projects ----------------------------------------------------------------------------------------------

@login_required
@permission_required("publicity.view_project", raise_exception=True)
def project_list(request):
    try:
        year = int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        year = timezone.localdate().year
    qs = selectors.projects(user=request.user, year=year)
    if request.GET.get("metric"):
        qs = qs.filter(pk__in=_metric_rows(request, qs.model))
    qs = qs.order_by("-selected", "-score", "pk")
    form = None
    if request.method == "POST" and request.POST.get("do") == "score":
        if not request.user.has_perm("publicity.change_project"):
            raise Http404
        project = fetch_in_scope(qs.model, request.user, request.POST.get("project") or 0)
        try:
            services.project_score(project, by=request.user, score=request.POST.get("score") or None,
                                   expected_version=request.POST.get("version"))
        except ConflictError as exc:
            messages.error(request, exc.message)
        except StepError as exc:
            messages.error(request, exc.message)
        return redirect(f"{reverse('publicity:projects')}?year={year}")
    if request.user.has_perm("publicity.change_project") and not qs.filter(selected_on__isnull=False).exists():
        form = forms.SelectionForm(request.POST or None, initial={"on": timezone.localdate(), "count": 10})
        if request.method == "POST" and _act(request, form, lambda d: services.projects_select(
                unit=request.user.primary_unit, by=request.user, year=year, count=d["count"], on=d["on"])):
            return redirect(f"{reverse('publicity:projects')}?year={year}")
    counts = qs.aggregate(nominees=Count("pk"), chosen=Count("pk", filter=Q(selected=True)))
    return render(request, "publicity/projects.html", {"projects": qs, "year": year, "form": form, **counts})


@login_required
@permission_required("publicity.add_project", raise_exception=True)
def project_new(request):
    form = forms.ProjectForm(request.POST or None, initial={"year": timezone.localdate().year,
                                                            "nominated_on": timezone.localdate()})

    def create(d):
        return services.project_nominate(unit=request.user.primary_unit, by=request.user, year=d["year"],
                                         title=d["title"], member=d["member"], on=d["nominated_on"])

    return _form_page(request, form, create, _("Nominate a project"), reverse("publicity:projects"))


# --- the leaders' study list (领导干部学法清单) ----------------------------------------------------------------

STUDY_SORTS = {"-year": ("-year", "-pk"), "year": ("year", "pk"), "title": ("title", "pk")}


@login_required
@permission_required("publicity.view_studylist", raise_exception=True)
def study_lists(request):
    from .models import StudyList

    qs = StudyList.objects.visible_to(request.user).annotate(
        n_items=Count("items", distinct=True), n_sessions=Count("sessions", distinct=True))
    year, q = request.GET.get("year", ""), request.GET.get("q", "").strip()
    if year.isdigit():
        qs = qs.filter(year=int(year))
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(items__law__icontains=q)).distinct()
    sort = request.GET.get("sort", "-year")
    qs = qs.order_by(*STUDY_SORTS.get(sort, STUDY_SORTS["-year"]))
    headers = [_("Title"), _("Year"), _("Published on"), _("Laws to know"), _("Study sessions")]
    if request.GET.get("export") in ("xlsx", "csv"):
        rows = ([s.title, s.year, _d(s.published_on), s.n_items, s.n_sessions] for s in qs)
        return export_response(rows=rows, headers=[str(h) for h in headers], filename=_("Leaders' study lists"),
                               fmt=request.GET["export"], user=request.user, action="publicity.exported",
                               summary=request.GET.urlencode())
    return render(request, "publicity/study_lists.html", {"lists": qs[:200], "year": year, "q": q, "sort": sort,
                                                          "query": request.GET.urlencode()})


@login_required
@permission_required("publicity.add_studylist", raise_exception=True)
def study_list_new(request):
    form = forms.StudyListForm(request.POST or None, initial={"year": timezone.localdate().year,
                                                              "published_on": timezone.localdate()})

    def create(d):
        return services.study_list_publish(unit=request.user.primary_unit, by=request.user, year=d["year"],
                                           title=d["title"], published_on=d["published_on"], items=d["items"])

    return _form_page(request, form, create, _("Publish a leaders' study list"), reverse("publicity:study_lists"))


@login_required
@permission_required("publicity.view_studylist", raise_exception=True)
def study_list_detail(request, pk):
    from .models import StudyList

    sl = fetch_in_scope(StudyList, request.user, pk)
    form = None
    if request.user.has_perm("publicity.add_studysession"):
        form = forms.StudySessionForm(request.POST or None, study_list=sl,
                                      initial={"held_on": timezone.localdate(), "host": request.user.primary_unit})
        if request.method == "POST" and _act(request, form, lambda d: services.study_session_record(
                sl, by=request.user, held_on=d["held_on"], kind=d["kind"], host=d["host"], topic=d["topic"],
                items=d["items"], attendees=d["attendees"])):
            return redirect(sl)
    elif request.method == "POST":
        raise Http404
    items = sl.items.annotate(n_sessions=Count("sessions"))
    sessions = sl.sessions.select_related("host").prefetch_related("attendance", "items")
    return render(request, "publicity/study_list.html", {"sl": sl, "items": items, "sessions": sessions,
                                                         "figures": services.study_figures(sl), "form": form})

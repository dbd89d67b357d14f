"""The pages of enforcement supervision: thin edges over the selectors, the services and the kit's step page.

Lists share one template (`enforcement/list.html`): a filter form, export, the rows with their links; every list
filters and sorts, and the application list is where the line's figures drill down (`?metric=KEY`; a figure
counting another record goes to that record's list)."""

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

from sifa.core import metrics
from sifa.core.documents import docx_response
from sifa.core.exports import export_response
from sifa.core.lists import case_clocks, filter_due
from sifa.core.models import Unit
from sifa.core.paging import keyset_page
from sifa.core.search import list_key, number_search_redirect
from sifa.core.steps import add_error, fetch_in_scope, step_view

from . import documents, forms, selectors, services
from .models import (
    AdviserWorkItem,
    AgreementReview,
    CertificateApplication,
    EvaluatedFile,
    EvaluationCampaign,
    FilingState,
    LegalityReview,
    NormativeFiling,
    Officer,
    Rectification,
    ScoringSheet,
    WorkKind,
)
from .workflow import WORKFLOW

VIEW = "enforcement.view_certificateapplication"
ADD = "enforcement.add_certificateapplication"
VIEW_OFFICERS = "enforcement.view_officer"
ADD_OFFICER = "enforcement.add_officer"
CHANGE_OFFICER = "enforcement.change_officer"
VIEW_CAMPAIGNS = "enforcement.view_evaluationcampaign"
ADD_CAMPAIGN = "enforcement.add_evaluationcampaign"
CHANGE_CAMPAIGN = "enforcement.change_evaluationcampaign"
VIEW_RECTIFICATIONS = "enforcement.view_rectification"
CHANGE_RECTIFICATION = "enforcement.change_rectification"
VIEW_WORK = "enforcement.view_adviserworkitem"
ADD_WORK = "enforcement.add_adviserworkitem"
CHANGE_WORK = "enforcement.change_adviserworkitem"
VIEW_AGREEMENTS = "enforcement.view_agreementreview"
ADD_AGREEMENT = "enforcement.add_agreementreview"
CHANGE_AGREEMENT = "enforcement.change_agreementreview"

# where a figure counting another record than an application drills down
METRIC_LISTS = {"enforcement.CampaignAgency": "enforcement:campaigns", "enforcement.EvaluatedFile": "enforcement:campaigns",
                "enforcement.Rectification": "enforcement:rectifications",
                "enforcement.AdviserWorkItem": "enforcement:work_items",
                "enforcement.AgreementReview": "enforcement:agreements",
                "enforcement.LegalityReview": "enforcement:legality_list",
                "enforcement.NormativeFiling": "enforcement:filings"}


def _metric_model(request):
    key = request.GET.get("metric")
    if not key:
        return None, None
    if not key.startswith("enforcement.") or key not in metrics.all_keys():
        raise Http404
    m = metrics.metric(key)
    if m.is_rate:
        m = metrics.metric(m.numerator)
    return m, m.model


def _behind(request, model):
    """The rows behind a figure (?metric=KEY&from=&to=&unit=CODE), within the user's scope; None without one."""
    from sifa.core.inputs import query_date

    m, label = _metric_model(request)
    if m is None:
        return None
    if label.lower() != model._meta.label_lower:
        raise Http404
    today = timezone.localdate()
    start = query_date(request, "from", default=date(today.year, 1, 1))
    end = query_date(request, "to", default=today)
    unit = Unit.objects.filter(code=request.GET.get("unit", "")).first()
    return metrics.cases_for(m.key, start, end, unit).values("pk")


def _list_page(request, *, title, form, qs, order, headers, row, link, export_name, tabs=True, extra=None,
               sortable=None):
    """A list: `sortable` maps a header's label to its (ascending, descending) sort keys (core's sort_header)."""
    sortable = {str(k): v for k, v in (sortable or {}).items()}
    fmt = request.GET.get("export")
    if fmt in ("xlsx", "csv"):
        rows = (row(x) for x in qs.order_by(*order).iterator(chunk_size=500))
        return export_response(rows=rows, headers=[str(h) for h in headers], filename=export_name, fmt=fmt,
                               user=request.user, action="enforcement.exported", summary=request.GET.urlencode())
    page = keyset_page(qs, order=order, after=request.GET.get("after"), size=50)
    rows = [(link(x), row(x), getattr(x, "is_overdue", False)) for x in page.rows]
    return render(request, "enforcement/list.html", {
        "title": title, "form": form, "page": page, "rows": rows, "columns": [
            (h, *sortable.get(str(h), ("", ""))) for h in headers], "sort": request.GET.get("sort", ""),
        "query": request.GET.urlencode(), **(extra or {})})


def _new_page(request, form, create, title, back, done=None):
    """A registration page: the form, the service on POST (its refusal on the form, the input kept), the record."""
    if request.method == "POST" and form.is_valid():
        try:
            obj = create(form.cleaned_data)
        except Exception as exc:
            if not add_error(form, exc):
                raise
        else:
            messages.success(request, done or _("Saved."))
            return redirect(obj)
    return render(request, "enforcement/form.html", {"form": form, "title": title, "back": back})


# --- certificate applications ---------------------------------------------------------------------------------

APP_HEADERS = [gettext_lazy("Case number"), gettext_lazy("Agency"), gettext_lazy("Officer"),
               gettext_lazy("Kind of application"), gettext_lazy("Received on"), gettext_lazy("Decided on"),
               gettext_lazy("Enforcement certificate number"), gettext_lazy("State"), gettext_lazy("Next time limit")]


def _app_row(c: CertificateApplication) -> list:
    return [c.number, c.agency.name, c.officer.person.name, c.get_kind_display(), c.received_on, c.decided_on,
            c.certificate_number, c.get_state_display(), getattr(c, "next_due", None)]


@login_required
@permission_required(VIEW, raise_exception=True)
def application_list(request):
    if request.method == "POST":
        return number_search_redirect(request)
    m, label = _metric_model(request)
    if m is not None and label in METRIC_LISTS:
        return redirect(f"{reverse(METRIC_LISTS[label])}?{request.GET.urlencode()}")
    form = forms.ApplicationFilterForm(request.GET or None)
    f, sort = selectors.ApplicationFilter(), None
    if form.is_valid():
        d = form.cleaned_data
        f = selectors.ApplicationFilter(q=d["q"].strip(), kind=d["kind"], state=d["state"],
                                        agency_id=d["agency"].pk if d["agency"] else None, due=d["due"],
                                        date_from=d["date_from"], date_to=d["date_to"])
        sort = d["sort"]
    qs = selectors.application_list(user=request.user, filters=f)
    if list_key(request):
        qs = qs.filter(officer__person__id_number_hash=list_key(request))
    behind = _behind(request, CertificateApplication)
    if behind is not None:
        qs = qs.filter(pk__in=behind)
    work = list(selectors.open_applications(user=request.user)[:20]) if not request.GET else []
    return _list_page(request, title=_("Enforcement-certificate applications"), form=form, qs=qs,
                      order=selectors.SORTS.order(sort), headers=APP_HEADERS, row=_app_row,
                      link=lambda c: c.get_absolute_url(), export_name=_("Certificate applications"),
                      extra={"work": work, "post_search": True},
                      sortable={APP_HEADERS[0]: ("number", "-number"), APP_HEADERS[4]: ("received", "-received"),
                                APP_HEADERS[5]: ("decided", "-decided")})


@login_required
@permission_required(VIEW, raise_exception=True)
def application_detail(request, pk):
    case = fetch_in_scope(CertificateApplication.objects.select_related("agency", "officer__person", "unit"),
                          request.user, pk)
    return render(request, "enforcement/detail.html", {
        "case": case, "actions": WORKFLOW.available(case, request.user), "clocks": case_clocks(case),
        "timeline": case.timeline().select_related("actor")[:200]})


@login_required
@permission_required(VIEW, raise_exception=True)
def application_action(request, pk, action):
    case = fetch_in_scope(CertificateApplication, request.user, pk)
    return step_view(request, case, WORKFLOW, action)


def _docx(request, kind, obj, name):
    try:
        content = documents.render(kind, obj)
    except documents.DocumentNotIssued:
        raise Http404 from None
    return docx_response(content, filename=f"{documents.KINDS[kind]}-{name}", user=request.user, obj=obj,
                         action="enforcement.document.downloaded")


@login_required
@permission_required(VIEW, raise_exception=True)
def application_document(request, pk):
    case = fetch_in_scope(CertificateApplication.objects.select_related("agency", "officer__person", "unit"),
                          request.user, pk)
    return _docx(request, "review_opinion", case, case.number)


# --- officers: the register of holders and the annual review ------------------------------------------------------

OFFICER_HEADERS = [gettext_lazy("Agency"), gettext_lazy("Name"), gettext_lazy("Post"), gettext_lazy("Qualification"),
                   gettext_lazy("Enforcement certificate number"), gettext_lazy("Certificate status"),
                   gettext_lazy("Certificate issued on"), gettext_lazy("Annual review")]


def _officer_row(o: Officer) -> list:
    flags = [str(x) for x, on in ((_("off post"), not o.on_post), (_("under investigation"), o.under_investigation),
                                  (_("sanctioned"), o.sanctioned)) if on]
    return [o.agency.name, o.person.name, o.post, o.get_qualification_display(), o.certificate_number,
            o.get_certificate_status_display(), o.issued_on, "、".join(flags)]


@login_required
@permission_required(VIEW_OFFICERS, raise_exception=True)
def officer_list(request):
    if request.method == "POST":
        return number_search_redirect(request)
    form = forms.OfficerFilterForm(request.GET or None)
    f, sort = selectors.OfficerFilter(), None
    if form.is_valid():
        d = form.cleaned_data
        f = selectors.OfficerFilter(q=d["q"].strip(), agency_id=d["agency"].pk if d["agency"] else None,
                                    status=d["status"], review=d["review"])
        sort = d["sort"]
    qs = selectors.officer_list(user=request.user, filters=f)
    if list_key(request):
        qs = qs.filter(person__id_number_hash=list_key(request))
    return _list_page(request, title=_("Register of certificate holders"), form=form, qs=qs,
                      order=selectors.OFFICER_SORTS.order(sort), headers=OFFICER_HEADERS, row=_officer_row,
                      link=lambda o: o.get_absolute_url(), export_name=_("Certificate holders"),
                      extra={"post_search": True},
                      sortable={OFFICER_HEADERS[0]: ("agency", "agency"), OFFICER_HEADERS[1]: ("name", "name"),
                                OFFICER_HEADERS[6]: ("-issued", "-issued")})


@login_required
@permission_required(ADD_OFFICER, raise_exception=True)
def officer_new(request):
    form = forms.OfficerForm(request.POST or None, user=request.user)
    return _new_page(request, form, lambda d: services.officer_register(
        unit=request.user.primary_unit, by=request.user, agency=d["agency"], name=d["name"], id_number=d["id_number"],
        post=d["post"], qualification=d["qualification"], staff_number=d["staff_number"]),
        _("Register an officer"), reverse("enforcement:officers"), _("Officer registered."))


@login_required
@permission_required(VIEW_OFFICERS, raise_exception=True)
def officer_detail(request, pk):
    officer = fetch_in_scope(Officer.objects.select_related("agency", "person"), request.user, pk)
    flag_form = apply_form = None
    if request.user.has_perm(CHANGE_OFFICER):
        flag_form = forms.FlagForm(request.POST if "flag" in request.POST else None, initial={
            "version": officer.version, "on_post": officer.on_post,
            "under_investigation": officer.under_investigation, "sanctioned": officer.sanctioned})
    if request.user.has_perm(ADD):
        apply_form = forms.ApplicationForm(request.POST if "apply" in request.POST else None,
                                           initial={"received_on": timezone.localdate(), "post": officer.post})
    if request.method == "POST":
        if "flag" in request.POST and flag_form is not None and flag_form.is_valid():
            d = flag_form.cleaned_data
            try:
                services.officer_flag(officer=officer, by=request.user, on_post=d["on_post"],
                                      under_investigation=d["under_investigation"], sanctioned=d["sanctioned"],
                                      expected_version=d["version"])
            except Exception as exc:
                if not add_error(flag_form, exc):
                    raise
            else:
                messages.success(request, _("Saved."))
                return redirect(officer)
        elif "apply" in request.POST and apply_form is not None and apply_form.is_valid():
            d = apply_form.cleaned_data
            try:
                case = services.application_register(
                    unit=request.user.primary_unit, by=request.user, officer=officer, kind=d["kind"],
                    received_on=d["received_on"], post=d["post"], qualification=d["qualification"],
                    reason=d["reason"])
            except Exception as exc:
                if not add_error(apply_form, exc):
                    raise
            else:
                messages.success(request, _("Registered %(n)s.") % {"n": case.number})
                return redirect(case)
        elif not (flag_form or apply_form):
            raise Http404
    return render(request, "enforcement/officer.html", {
        "officer": officer, "flag_form": flag_form, "apply_form": apply_form,
        "applications": officer.applications.order_by("-received_on")})


# --- case-file evaluation ------------------------------------------------------------------------------------------

@login_required
@permission_required(VIEW_CAMPAIGNS, raise_exception=True)
def campaign_list(request):
    qs = selectors.campaign_list(user=request.user)
    behind = None
    m, label = _metric_model(request)
    if m is not None:
        from sifa.core.inputs import query_date

        today = timezone.localdate()
        rows = metrics.cases_for(m.key, query_date(request, "from", default=date(today.year, 1, 1)),
                                 query_date(request, "to", default=today),
                                 Unit.objects.filter(code=request.GET.get("unit", "")).first())
        behind = rows.values("campaign")
        qs = qs.filter(pk__in=behind)
    sort = request.GET.get("sort")
    order = ("started_on", "pk") if sort == "started" else ("-started_on", "-pk")
    headers = [gettext_lazy("Name"), gettext_lazy("Year"), gettext_lazy("Started on"), gettext_lazy("Drawn on"),
               gettext_lazy("Bulletin issued on"), gettext_lazy("Bulletin number")]
    return _list_page(request, title=_("Case-file evaluation campaigns"), form=None, qs=qs, order=order,
                      headers=headers, link=lambda c: c.get_absolute_url(), export_name=_("Evaluation campaigns"),
                      row=lambda c: [c.name, c.year, c.started_on, c.drawn_on, c.reported_on, c.bulletin_number],
                      extra={"sorts": [("", _("Newest first")), ("started", _("Oldest first"))],
                             "new_url": reverse("enforcement:campaign_new")
                             if request.user.has_perm(ADD_CAMPAIGN) else ""})


def _parse_lines(text: str, field: str):
    """'CODE: a, b, c' lines (agencies and their candidate files) or 'name, CODE' lines (evaluators)."""
    return [line.strip() for line in text.splitlines() if line.strip()]


@login_required
@permission_required(ADD_CAMPAIGN, raise_exception=True)
def campaign_new(request):
    from django import forms as djforms

    from sifa.core.forms import date_field

    class CampaignForm(djforms.Form):
        name = djforms.CharField(label=gettext_lazy("Name"), max_length=120)
        year = djforms.IntegerField(label=gettext_lazy("Year"), min_value=2000, max_value=2100,
                                    initial=timezone.localdate().year)
        started_on = date_field(gettext_lazy("Started on"))
        files_per_agency = djforms.IntegerField(label=gettext_lazy("Files drawn per agency"), min_value=1,
                                                max_value=50, initial=3)
        sheet = djforms.ModelChoiceField(label=gettext_lazy("Scoring sheet"), required=False,
                                         queryset=_sheets(request.user).order_by("name"),
                                         help_text=gettext_lazy("Empty: the district's default sheet."))
        agencies = djforms.CharField(label=gettext_lazy("Agencies and their candidate files"),
                                     widget=djforms.Textarea(attrs={"rows": 6}),
                                     help_text=gettext_lazy("One agency a line: its unit code, a colon, then its "
                                                            "candidate file numbers separated by commas."))
        evaluators = djforms.CharField(label=gettext_lazy("Evaluators"), widget=djforms.Textarea(attrs={"rows": 4}),
                                       help_text=gettext_lazy("One a line: the name, a comma, the unit code of "
                                                              "their own agency (empty for the bureau's staff)."))

        def clean_agencies(self):
            out = {}
            for line in _parse_lines(self.cleaned_data["agencies"], "agencies"):
                code, _sep, files = line.replace("：", ":").partition(":")
                unit = Unit.objects.filter(code=code.strip()).first()
                if unit is None:
                    raise djforms.ValidationError(_("Unknown unit code “%(c)s”.") % {"c": code.strip()})
                out[unit] = [f for f in files.replace("，", ",").split(",") if f.strip()]
            return out

        def clean_evaluators(self):
            out = []
            for line in _parse_lines(self.cleaned_data["evaluators"], "evaluators"):
                name, _sep, code = line.replace("，", ",").partition(",")
                unit = None
                if code.strip():
                    unit = Unit.objects.filter(code=code.strip()).first()
                    if unit is None:
                        raise djforms.ValidationError(_("Unknown unit code “%(c)s”.") % {"c": code.strip()})
                out.append((name.strip(), unit))
            return out

    form = CampaignForm(request.POST or None, initial={"started_on": timezone.localdate()})
    return _new_page(request, form, lambda d: services.campaign_create(
        unit=request.user.primary_unit, by=request.user, name=d["name"], year=d["year"], started_on=d["started_on"],
        candidates=d["agencies"], evaluators=d["evaluators"], files_per_agency=d["files_per_agency"],
        sheet=d["sheet"]),
        _("New evaluation campaign"), reverse("enforcement:campaigns"), _("Campaign created."))


@login_required
@permission_required(VIEW_CAMPAIGNS, raise_exception=True)
def campaign_detail(request, pk):
    campaign = fetch_in_scope(EvaluationCampaign.objects.select_related("sheet", "unit"), request.user, pk)
    may_change = request.user.has_perm(CHANGE_CAMPAIGN)
    draw_form = rect_form = None
    if may_change and not campaign.drawn_on:
        draw_form = forms.DrawForm(request.POST if "draw" in request.POST else None,
                                   initial={"version": campaign.version, "on": timezone.localdate()})
    if may_change and campaign.drawn_on:
        rect_form = forms.RectificationForm(request.POST if "rectify" in request.POST else None, campaign=campaign,
                                            initial={"on": timezone.localdate()})
    if request.method == "POST":
        if not may_change:
            raise Http404
        try:
            if "draw" in request.POST and draw_form is not None and draw_form.is_valid():
                d = draw_form.cleaned_data
                services.campaign_draw(campaign=campaign, by=request.user, seed=d["seed"], on=d["on"],
                                       expected_version=d["version"])
                return redirect(campaign)
            if "report" in request.POST:
                services.campaign_report(campaign=campaign, by=request.user, on=timezone.localdate(),
                                         expected_version=int(request.POST.get("version") or 0) or None)
                return redirect(campaign)
            if "rectify" in request.POST and rect_form is not None and rect_form.is_valid():
                d = rect_form.cleaned_data
                r = services.rectification_notify(campaign=campaign, agency=d["agency"], by=request.user,
                                                  on=d["on"], findings=d["findings"])
                return redirect(r)
        except Exception as exc:
            target = draw_form if "draw" in request.POST else rect_form
            if target is None or not add_error(target, exc):
                if not hasattr(exc, "message"):
                    raise
                messages.error(request, exc.message)
    replay = services.redraw(campaign) if campaign.seed else {}
    return render(request, "enforcement/campaign.html", {
        "campaign": campaign, "draw_form": draw_form, "rect_form": rect_form, "may_change": may_change,
        "agencies": campaign.agencies.select_related("agency").order_by("agency__sort"),
        "files": campaign.files.select_related("agency", "evaluator__agency"),
        "evaluators": campaign.evaluators.select_related("agency"), "replay": replay,
        "rectifications": campaign.rectifications.select_related("agency")})


@login_required
@permission_required(VIEW_CAMPAIGNS, raise_exception=True)
def file_score(request, pk):
    file = fetch_in_scope(EvaluatedFile.objects.select_related("campaign__sheet", "agency", "evaluator"),
                          request.user, pk)
    form = forms.ScoreForm(request.POST or None, sheet=file.campaign.sheet, initial={"on": timezone.localdate()})
    if request.method == "POST":
        if not request.user.has_perm(CHANGE_CAMPAIGN):
            raise Http404
        if form.is_valid():
            d = form.cleaned_data
            try:
                services.file_score(file=file, by=request.user, on=d["on"], vetoes=d["vetoes"],
                                    deductions=form.deductions(), findings=d["findings"], disclosed=d["disclosed"],
                                    recorded=d["recorded"], legally_reviewed=d["legally_reviewed"])
            except Exception as exc:
                if not add_error(form, exc):
                    raise
            else:
                messages.success(request, _("Saved."))
                return redirect(file.campaign)
    return render(request, "enforcement/form.html", {
        "form": form, "title": f"{_('Score the case file')} {file}", "back": file.campaign.get_absolute_url(),
        "readonly": not request.user.has_perm(CHANGE_CAMPAIGN), "record": file})


@login_required
@permission_required(VIEW_CAMPAIGNS, raise_exception=True)
def campaign_document(request, pk):
    campaign = fetch_in_scope(EvaluationCampaign, request.user, pk)
    return _docx(request, "bulletin", campaign, campaign.bulletin_number or str(campaign.pk))


# --- rectification -------------------------------------------------------------------------------------------------

@login_required
@permission_required(VIEW_RECTIFICATIONS, raise_exception=True)
def rectification_list(request):
    qs = selectors.rectification_list(user=request.user, open_only=request.GET.get("open") == "1")
    behind = _behind(request, Rectification)
    if behind is not None:
        qs = qs.filter(pk__in=behind)
    order = ("due", "pk") if request.GET.get("sort") == "due" else ("-notified_on", "-pk")
    headers = [gettext_lazy("Notice number"), gettext_lazy("Agency"), gettext_lazy("Notified on"), gettext_lazy("Due"),
               gettext_lazy("Closed on")]
    return _list_page(request, title=_("Rectification items"), form=None, qs=qs, order=order, headers=headers,
                      link=lambda r: r.get_absolute_url(), export_name=_("Rectification items"),
                      row=lambda r: [r.notice_number, r.agency.name, r.notified_on, r.due, r.closed_on],
                      extra={"open_filter": True,
                             "sorts": [("", _("Newest first")), ("due", _("By the day due"))]})


def _close_page(request, obj, *, perm, template, service, context):
    form = None
    if request.user.has_perm(perm) and service is not None:
        form = forms.CloseForm(request.POST or None, initial={"version": obj.version, "on": timezone.localdate()})
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            d = form.cleaned_data
            try:
                service(d)
            except Exception as exc:
                if not add_error(form, exc):
                    raise
            else:
                messages.success(request, _("Saved."))
                return redirect(obj)
    return render(request, template, {"form": form, "clocks": case_clocks(obj), **context})


@login_required
@permission_required(VIEW_RECTIFICATIONS, raise_exception=True)
def rectification_detail(request, pk):
    r = fetch_in_scope(Rectification.objects.select_related("agency", "campaign", "unit"), request.user, pk)
    return _close_page(request, r, perm=CHANGE_RECTIFICATION, template="enforcement/record.html",
                       service=None if r.closed_on else lambda d: services.rectification_close(
                           rectification=r, by=request.user, on=d["on"], report=d["text"],
                           expected_version=d["version"]),
                       context={"record": r, "title": str(r), "document_url": reverse(
                           "enforcement:rectification_document", args=[r.pk]), "back": reverse(
                           "enforcement:rectifications"), "facts": [
                           (_("Agency"), r.agency.name), (_("Campaign"), r.campaign.name),
                           (_("Findings"), r.findings), (_("Notified on"), r.notified_on), (_("Due"), r.due),
                           (_("Closed on"), r.closed_on), (_("Rectification report"), r.report)]})


@login_required
@permission_required(VIEW_RECTIFICATIONS, raise_exception=True)
def rectification_document(request, pk):
    r = fetch_in_scope(Rectification.objects.select_related("agency", "campaign", "unit"), request.user, pk)
    return _docx(request, "rectification_notice", r, r.notice_number)


# --- legal advisers -------------------------------------------------------------------------------------------------

@login_required
@permission_required(VIEW_WORK, raise_exception=True)
def work_item_list(request):
    q, kind = request.GET.get("q", "").strip(), request.GET.get("kind", "")
    qs = selectors.work_item_list(user=request.user, q=q, kind=kind if kind in WorkKind.values else "",
                                  open_only=request.GET.get("open") == "1")
    behind = _behind(request, AdviserWorkItem)
    if behind is not None:
        qs = qs.filter(pk__in=behind)
    order = ("due", "pk") if request.GET.get("sort") == "due" else ("-assigned_on", "-pk")
    headers = [gettext_lazy("Legal adviser"), gettext_lazy("Kind of work"), gettext_lazy("Subject"),
               gettext_lazy("Assigned on"), gettext_lazy("Due"), gettext_lazy("Opinion delivered on")]
    return _list_page(request, title=_("Work items of the legal advisers"), form=None, qs=qs, order=order,
                      headers=headers, link=lambda w: w.get_absolute_url(), export_name=_("Legal-adviser work items"),
                      row=lambda w: [w.adviser, w.get_kind_display(), w.subject, w.assigned_on, w.due, w.delivered_on],
                      extra={"search": q, "open_filter": True, "kinds": WorkKind.choices, "kind": kind,
                             "sorts": [("", _("Newest first")), ("due", _("By the day due"))],
                             "new_url": reverse("enforcement:work_item_new") if request.user.has_perm(ADD_WORK) else ""})


@login_required
@permission_required(ADD_WORK, raise_exception=True)
def work_item_new(request):
    form = forms.WorkItemForm(request.POST or None, initial={"assigned_on": timezone.localdate()})
    return _new_page(request, form, lambda d: services.work_item_assign(
        unit=request.user.primary_unit, by=request.user, adviser=d["adviser"], kind=d["kind"], subject=d["subject"],
        requested_by=d["requested_by"], assigned_on=d["assigned_on"], due=d["due"]),
        _("Assign a work item to a legal adviser"), reverse("enforcement:work_items"))


@login_required
@permission_required(VIEW_WORK, raise_exception=True)
def work_item_detail(request, pk):
    w = fetch_in_scope(AdviserWorkItem.objects.select_related("requested_by"), request.user, pk)
    return _close_page(request, w, perm=CHANGE_WORK, template="enforcement/record.html",
                       service=None if w.delivered_on else lambda d: services.work_item_deliver(
                           item=w, by=request.user, on=d["on"], opinion=d["text"], expected_version=d["version"]),
                       context={"record": w, "title": w.subject, "back": reverse("enforcement:work_items"), "facts": [
                           (_("Legal adviser"), w.adviser), (_("Kind of work"), w.get_kind_display()),
                           (_("Requested by"), w.requested_by.name if w.requested_by_id else ""),
                           (_("Assigned on"), w.assigned_on), (_("Due"), w.due),
                           (_("Opinion delivered on"), w.delivered_on), (_("Opinion delivered"), w.opinion)]})


# --- agreement review -------------------------------------------------------------------------------------------------

@login_required
@permission_required(VIEW_AGREEMENTS, raise_exception=True)
def agreement_list(request):
    q = request.GET.get("q", "").strip()
    qs = selectors.agreement_list(user=request.user, q=q, open_only=request.GET.get("open") == "1")
    behind = _behind(request, AgreementReview)
    if behind is not None:
        qs = qs.filter(pk__in=behind)
    order = ("received_on", "pk") if request.GET.get("sort") == "received" else ("-received_on", "-pk")
    headers = [gettext_lazy("Agreement"), gettext_lazy("Counterparty"), gettext_lazy("Received on"),
               gettext_lazy("Reviewed on"), gettext_lazy("Working days taken"), gettext_lazy("Review opinion number")]
    return _list_page(request, title=_("Agreements reviewed"), form=None, qs=qs, order=order, headers=headers,
                      link=lambda a: a.get_absolute_url(), export_name=_("Agreement reviews"),
                      row=lambda a: [a.title, a.counterparty, a.received_on, a.reviewed_on, a.working_days_taken,
                                     a.opinion_number],
                      extra={"search": q, "open_filter": True,
                             "sorts": [("", _("Newest first")), ("received", _("Oldest first"))],
                             "new_url": reverse("enforcement:agreement_new")
                             if request.user.has_perm(ADD_AGREEMENT) else ""})


@login_required
@permission_required(ADD_AGREEMENT, raise_exception=True)
def agreement_new(request):
    form = forms.AgreementForm(request.POST or None, initial={"received_on": timezone.localdate()})
    return _new_page(request, form, lambda d: services.agreement_register(
        unit=request.user.primary_unit, by=request.user, title=d["title"], counterparty=d["counterparty"],
        submitted_by=d["submitted_by"], received_on=d["received_on"]),
        _("Register an agreement for review"), reverse("enforcement:agreements"))


@login_required
@permission_required(VIEW_AGREEMENTS, raise_exception=True)
def agreement_detail(request, pk):
    a = fetch_in_scope(AgreementReview.objects.select_related("submitted_by", "unit"), request.user, pk)
    return _close_page(request, a, perm=CHANGE_AGREEMENT, template="enforcement/record.html",
                       service=None if a.reviewed_on else lambda d: services.agreement_review(
                           review=a, by=request.user, on=d["on"], opinion=d["text"], expected_version=d["version"]),
                       context={"record": a, "title": a.title, "back": reverse("enforcement:agreements"),
                                "document_url": reverse("enforcement:agreement_document", args=[a.pk])
                                if a.opinion_number else "", "facts": [
                           (_("Counterparty"), a.counterparty),
                           (_("Submitted by"), a.submitted_by.name if a.submitted_by_id else ""),
                           (_("Received on"), a.received_on), (_("Reviewed on"), a.reviewed_on),
                           (_("Working days taken"), a.working_days_taken), (_("Audit opinion"), a.opinion),
                           (_("Review opinion number"), a.opinion_number)]})


@login_required
@permission_required(VIEW_AGREEMENTS, raise_exception=True)
def agreement_document(request, pk):
    a = fetch_in_scope(AgreementReview.objects.select_related("submitted_by", "unit"), request.user, pk)
    return _docx(request, "legal_opinion", a, a.opinion_number or str(a.pk))





# --- legality review (合法性审查) -----------------------------------------------------------------------------------

VIEW_LEGALITY = "enforcement.view_legalityreview"
ADD_LEGALITY = "enforcement.add_legalityreview"
CHANGE_LEGALITY = "enforcement.change_legalityreview"
VIEW_FILINGS = "enforcement.view_normativefiling"
ADD_FILING = "enforcement.add_normativefiling"
CHANGE_FILING = "enforcement.change_normativefiling"
VIEW_SHEETS = "enforcement.view_scoringsheet"
CHANGE_SHEET = "enforcement.change_scoringsheet"


@login_required
@permission_required(VIEW_LEGALITY, raise_exception=True)
def legality_list(request):
    form = forms.LegalityFilterForm(request.GET or None)
    d = form.cleaned_data if form.is_valid() else {}
    qs = selectors.legality_list(user=request.user, q=(d.get("q") or "").strip(), subject=d.get("subject") or "",
                                 conclusion=d.get("conclusion") or "", open_only=bool(d.get("open")),
                                 submitted_by_id=d["submitted_by"].pk if d.get("submitted_by") else None)
    qs = filter_due(qs, d.get("due") or "")
    behind = _behind(request, LegalityReview)
    if behind is not None:
        qs = qs.filter(pk__in=behind)
    headers = [gettext_lazy("Draft reviewed"), gettext_lazy("Subject of the review"), gettext_lazy("Drafting body"),
               gettext_lazy("Received on"), gettext_lazy("Due"), gettext_lazy("Opinion issued on"),
               gettext_lazy("Conclusion of the review"), gettext_lazy("Review opinion number")]
    return _list_page(request, title=_("Legality reviews"), form=form, qs=qs,
                      order=selectors.LEGALITY_SORTS.order(d.get("sort")), headers=headers,
                      link=lambda r: r.get_absolute_url(), export_name=_("Legality reviews"),
                      row=lambda r: [r.title, r.get_subject_display(), r.submitted_by.name, r.received_on, r.due,
                                     r.reviewed_on, r.get_conclusion_display(), r.opinion_number],
                      extra={"new_url": reverse("enforcement:legality_new")
                             if request.user.has_perm(ADD_LEGALITY) else ""},
                      sortable={headers[3]: ("received", "-received"), headers[4]: ("due", "due")})


@login_required
@permission_required(ADD_LEGALITY, raise_exception=True)
def legality_new(request):
    form = forms.LegalityForm(request.POST or None, user=request.user, initial={"received_on": timezone.localdate()})
    return _new_page(request, form, lambda d: services.legality_register(
        unit=request.user.primary_unit, by=request.user, subject=d["subject"], title=d["title"],
        submitted_by=d["submitted_by"], received_on=d["received_on"]),
        _("Receive a draft for the legality review"), reverse("enforcement:legality_list"))


@login_required
@permission_required(VIEW_LEGALITY, raise_exception=True)
def legality_detail(request, pk):
    r = fetch_in_scope(LegalityReview.objects.select_related("submitted_by", "unit"), request.user, pk)
    form = None
    if request.user.has_perm(CHANGE_LEGALITY) and not r.reviewed_on:
        form = forms.LegalityOpinionForm(request.POST or None, initial={"version": r.version,
                                                                        "on": timezone.localdate()})
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            d = form.cleaned_data
            try:
                services.legality_conclude(review=r, by=request.user, on=d["on"], conclusion=d["conclusion"],
                                           opinion=d["opinion"], expected_version=d["version"])
            except Exception as exc:
                if not add_error(form, exc):
                    raise
            else:
                messages.success(request, _("Saved."))
                return redirect(r)
    in_time = {True: _("Yes"), False: _("No")}.get(r.in_time, "")
    return render(request, "enforcement/record.html", {
        "form": form, "clocks": case_clocks(r), "record": r, "title": r.title,
        "back": reverse("enforcement:legality_list"),
        "document_url": reverse("enforcement:legality_document", args=[r.pk]) if r.opinion_number else "",
        "facts": [(_("Subject of the review"), r.get_subject_display()), (_("Drafting body"), r.submitted_by.name),
                  (_("Received on"), r.received_on), (_("Due"), r.due), (_("Opinion issued on"), r.reviewed_on),
                  (_("Reviewed within the time limit"), in_time), (_("Working days taken"), r.working_days_taken),
                  (_("Conclusion of the review"), r.get_conclusion_display()), (_("Review opinion"), r.opinion),
                  (_("Review opinion number"), r.opinion_number)]})


@login_required
@permission_required(VIEW_LEGALITY, raise_exception=True)
def legality_document(request, pk):
    r = fetch_in_scope(LegalityReview.objects.select_related("submitted_by", "unit"), request.user, pk)
    return _docx(request, "legality_opinion", r, r.opinion_number or str(r.pk))


# --- filing review (备案审查) ---------------------------------------------------------------------------------------

FILING_STEPS = {  # step: (label, the states it applies to)
    "extend": (gettext_lazy("Extend the filing review"), (FilingState.UNDER_REVIEW,)),
    "review": (gettext_lazy("Conclude the filing review"), (FilingState.UNDER_REVIEW,)),
    "corrected": (gettext_lazy("Record the correction by the issuing body"), (FilingState.CORRECTION,)),
    "not_corrected": (gettext_lazy("Record that the correction period ran out"), (FilingState.CORRECTION,)),
    "revoke": (gettext_lazy("Record the revocation"), (FilingState.REVOCATION,)),
}


def _filing_step(step, f, by, d):
    common = {"filing": f, "by": by, "on": d["on"], "expected_version": d["version"]}
    if step == "extend":
        return services.filing_extend(days=d["days"], reason=d["text"], **common)
    if step == "review":
        return services.filing_review(problem_found=d["problem_found"], opinion=d["text"], **common)
    if step == "corrected":
        return services.filing_corrected(note=d["text"], **common)
    if step == "not_corrected":
        return services.filing_not_corrected(note=d["text"], **common)
    return services.filing_revoke(decision_number=d["decision_number"], **common)


@login_required
@permission_required(VIEW_FILINGS, raise_exception=True)
def filing_list(request):
    form = forms.FilingFilterForm(request.GET or None)
    d = form.cleaned_data if form.is_valid() else {}
    qs = selectors.filing_list(user=request.user, q=(d.get("q") or "").strip(), state=d.get("state") or "",
                               outcome=d.get("outcome") or "",
                               issued_by_id=d["issued_by"].pk if d.get("issued_by") else None,
                               late_only=bool(d.get("late")), filed_from=d.get("date_from"), filed_to=d.get("date_to"))
    qs = filter_due(qs, d.get("due") or "")
    behind = _behind(request, NormativeFiling)
    if behind is not None:
        qs = qs.filter(pk__in=behind)
    headers = [gettext_lazy("Normative document"), gettext_lazy("Document number (文号)"), gettext_lazy("Issuing body"),
               pgettext_lazy("filing", "Published on"), gettext_lazy("Filed on"), gettext_lazy("Filed within the time limit"),
               pgettext_lazy("filing", "State"), pgettext_lazy("filing", "Outcome"), gettext_lazy("Next time limit")]
    yes_no = {True: _("Yes"), False: _("No")}
    today = timezone.localdate()
    return _list_page(request, title=_("Filing review of normative documents"), form=form, qs=qs,
                      order=selectors.FILING_SORTS.order(d.get("sort")), headers=headers,
                      link=lambda f: f.get_absolute_url(), export_name=_("Normative documents filed"),
                      row=lambda f: [f.title, f.document_number, f.issued_by.name, f.published_on, f.filed_on,
                                     yes_no.get(f.filed_in_time, ""), f.get_state_display(),
                                     f.get_outcome_display(), getattr(f, "next_due", None)],
                      extra={"new_url": reverse("enforcement:filing_new")
                             if request.user.has_perm(ADD_FILING) else "",
                             "catalogue_url": f"{reverse('enforcement:catalogue')}?year={today.year}"
                                              f"&quarter={(today.month - 1) // 3 + 1}"},
                      sortable={headers[3]: ("published", "published"), headers[4]: ("filed", "-filed")})


@login_required
@permission_required(ADD_FILING, raise_exception=True)
def filing_new(request):
    form = forms.FilingForm(request.POST or None, initial={"filed_on": timezone.localdate()})
    return _new_page(request, form, lambda d: services.filing_register(
        unit=request.user.primary_unit, by=request.user, title=d["title"], document_number=d["document_number"],
        issued_by=d["issued_by"], published_on=d["published_on"], filed_on=d["filed_on"]),
        _("Register a normative document filed"), reverse("enforcement:filings"))


@login_required
@permission_required(VIEW_FILINGS, raise_exception=True)
def filing_detail(request, pk):
    f = fetch_in_scope(NormativeFiling.objects.select_related("issued_by", "unit"), request.user, pk)
    may = request.user.has_perm(CHANGE_FILING)
    posted = request.POST.get("step") if request.method == "POST" else None
    steps = []
    if may:
        for step, (label, states) in FILING_STEPS.items():
            if f.state in states:
                data = request.POST if posted == step else None
                steps.append((step, label, forms.FilingStepForm(data, step=step, initial={
                    "version": f.version, "on": timezone.localdate()})))
    if request.method == "POST":
        form = next((frm for step, _label, frm in steps if step == posted), None)
        if form is None:
            raise Http404
        if form.is_valid():
            try:
                _filing_step(posted, f, request.user, form.cleaned_data)
            except Exception as exc:
                if not add_error(form, exc):
                    raise
            else:
                messages.success(request, _("Saved."))
                return redirect(f)
    yes_no = {True: _("Yes"), False: _("No")}
    return render(request, "enforcement/filing.html", {
        "record": f, "title": str(f), "steps": steps, "posted": posted, "clocks": case_clocks(f),
        "document_url": reverse("enforcement:filing_document", args=[f.pk]) if f.opinion_number else "",
        "facts": [(_("Issuing body"), f.issued_by.name), (_("Document number (文号)"), f.document_number),
                  (pgettext_lazy("filing", "Published on"), f.published_on), (_("Filed on"), f.filed_on),
                  (_("Filed within the time limit"), yes_no.get(f.filed_in_time, "")),
                  (pgettext_lazy("filing", "State"), f.get_state_display()),
                  (_("Review concluded on"), f.reviewed_on),
                  (_("Reviewed within the time limit"), yes_no.get(f.reviewed_in_time, "")),
                  (pgettext_lazy("filing", "Problem found"), yes_no.get(f.problem_found, "")), (_("Filing review opinion"), f.opinion),
                  (_("Filing review opinion number"), f.opinion_number), (_("Correction due"), f.correction_due),
                  (_("Corrected on"), f.corrected_on), (_("How it was corrected"), f.correction_note),
                  (_("Revocation due"), f.revocation_due), (_("Revoked on"), f.revoked_on),
                  (_("Revocation decision number"), f.revocation_number),
                  (pgettext_lazy("filing", "Outcome"), f.get_outcome_display())]})


@login_required
@permission_required(VIEW_FILINGS, raise_exception=True)
def filing_document(request, pk):
    f = fetch_in_scope(NormativeFiling.objects.select_related("issued_by", "unit"), request.user, pk)
    return _docx(request, "filing_opinion", f, f.opinion_number or str(f.pk))


@login_required
@permission_required(VIEW_FILINGS, raise_exception=True)
def catalogue(request):
    """The quarterly catalogue of the normative documents filed (备案目录), on screen and as .docx."""
    form = forms.QuarterForm(request.GET or None)
    today = timezone.localdate()
    if form.is_valid():
        year, quarter = form.cleaned_data["year"], int(form.cleaned_data["quarter"])
    else:
        year, quarter = today.year, (today.month - 1) // 3 + 1
    start, end = services.quarter_bounds(year, quarter)
    filings = list(selectors.catalogue(user=request.user, start=start, end=end))
    if request.GET.get("export") == "docx":
        unit = request.user.primary_unit
        if unit is None:
            raise Http404
        doc = documents.Catalogue(unit=unit, year=year, quarter=quarter, filings=filings, on=today)
        return docx_response(documents.render("filing_catalogue", doc),
                             filename=f"{documents.KINDS['filing_catalogue']}-{year}-Q{quarter}", user=request.user,
                             obj=None, action="enforcement.document.downloaded")
    return render(request, "enforcement/catalogue.html", {
        "title": _("Catalogue of normative documents filed"), "form": form, "filings": filings, "year": year,
        "quarter": quarter, "start": start, "end": end, "query": request.GET.urlencode()})


# --- the scoring sheet ------------------------------------------------------------------------------------------

def _sheets(user):
    """The sheets a user may use: their units' and the installation's default (no unit)."""
    from django.db.models import Q

    from sifa.core.models.scoping import scope_q

    return ScoringSheet.objects.filter(scope_q(user) | Q(unit__isnull=True))


@login_required
@permission_required(VIEW_SHEETS, raise_exception=True)
def sheet_list(request):
    from django.db.models import Count

    scored = dict(EvaluatedFile.objects.filter(score__isnull=False).values_list("campaign__sheet")
                  .annotate(n=Count("pk")).values_list("campaign__sheet", "n"))
    sheets = list(_sheets(request.user).order_by("name"))
    for sheet in sheets:
        sheet.scored = scored.get(sheet.pk, 0)
    return render(request, "enforcement/sheets.html", {"title": _("Scoring sheets"), "sheets": sheets,
                                                       "may_change": request.user.has_perm(CHANGE_SHEET)})


@login_required
@permission_required(CHANGE_SHEET, raise_exception=True)
def sheet_edit(request, pk=None):
    from . import evaluation

    sheet = None if pk is None else fetch_in_scope(ScoringSheet, request.user, pk)
    copy = request.GET.get("copy", "")
    copy_of = _sheets(request.user).filter(pk=int(copy)).first() if sheet is None and copy.isdigit() else None
    base = sheet or copy_of
    initial = {"name": "", "excellent_from": 90, "pass_from": 60}
    if base is not None:
        initial = {"version": sheet.version if sheet else None,
                   "name": base.name if sheet else f"{base.name}（{_('copy')}）",
                   "vetoes": evaluation.vetoes_text(base.vetoes), "sections": evaluation.sections_text(base.sections),
                   "excellent_from": base.excellent_from, "pass_from": base.pass_from}
    form = forms.SheetForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            saved = services.sheet_save(sheet=sheet, by=request.user, unit=request.user.primary_unit, name=d["name"], vetoes=d["vetoes"],
                                        sections=d["sections"], excellent_from=d["excellent_from"],
                                        pass_from=d["pass_from"], expected_version=d.get("version"))
        except Exception as exc:
            if not add_error(form, exc):
                raise
        else:
            messages.success(request, _("Saved."))
            return redirect(reverse("enforcement:sheet", args=[saved.pk]))
    return render(request, "enforcement/form.html", {
        "form": form, "title": sheet.name if sheet else _("New scoring sheet"),
        "back": reverse("enforcement:sheets")})

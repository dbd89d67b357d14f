"""The pages of the litigation line: thin edges over the selectors and the services."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.db.models import prefetch_related_objects
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sifa.core import metrics
from sifa.core.documents import docx_response
from sifa.core.exports import export_response
from sifa.core.inputs import DATE_MAX, DATE_MIN, query_date, query_int
from sifa.core.lists import case_clocks
from sifa.core.models import Unit
from sifa.core.paging import keyset_page
from sifa.core.search import by_key, list_key, number_search_redirect
from sifa.core.steps import add_error, fetch_in_scope, step_view

from . import documents, selectors, services
from .forms import (
    CityRegisterForm,
    SessionForm,
    SuggestionRegisterForm,
    SuitFilterForm,
    SuitRegisterForm,
)
from .models import Suit
from .workflow import city_workflow, suggestion_workflow, suit_workflow

VIEW = "litigation.view_suit"


def _line_links() -> dict:
    try:
        stats = reverse("reports:line_stats", args=["litigation"])
    except NoReverseMatch:  # the reports app is not installed in this build
        stats = ""
    return {"stats_url": stats}


def _render(request, template, context):
    return render(request, template, {**_line_links(), **context})


def _create_page(request, form, *, create, title: str, back: str):
    """A "register something" page: on a valid POST run the service, show its refusal on the form or go on."""
    if request.method == "POST" and form.is_valid():
        try:
            created = create(form.cleaned_data)
        except Exception as exc:
            if not add_error(form, exc):
                raise
        else:
            return redirect(created or back)
    return _render(request, "litigation/form.html", {"form": form, "title": title, "back": back})



def _period(request) -> tuple[date, date]:
    today = timezone.localdate()
    return (query_date(request, "from", default=date(today.year, 1, 1)),
            query_date(request, "to", default=today))


# --- suits: list, drill-down, export --------------------------------------------------------------

SUIT_HEADERS = [_("Court case number"), _("Our number"), _("Instance"), _("Court"), _("Plaintiffs"), _("Defendant"),
                _("Agency responsible"), _("Act challenged in court"), _("Received"), _("Concluded"), _("Outcome"), _("State")]


def _suit_row(s: Suit) -> list:
    outcome = getattr(getattr(s, "decision", None), "outcome", None)
    return [s.court_case_number, s.number, s.get_tier_display(), s.court.name,
            "、".join(p.name for p in s.plaintiffs.all()), s.defendant.name, s.agency.name, s.challenged_act,
            s.received_on, s.concluded_on, str(outcome or ""), s.get_state_display()]


@login_required
@permission_required(VIEW, raise_exception=True)
def suit_list(request):
    if request.method == "POST":  # the search form: a whole ID or mobile number goes by its keyed hash
        return number_search_redirect(request)
    if request.GET.get("metric"):
        return _drilldown(request)
    form = SuitFilterForm(request.GET or None)
    f = selectors.SuitFilter()
    sort = "received"
    if form.is_valid():
        d = form.cleaned_data
        f = selectors.SuitFilter(state=d["state"], court=getattr(d["court"], "pk", None),
                                 agency=getattr(d["agency"], "pk", None), date_from=d["date_from"],
                                 date_to=d["date_to"], head_appeared=d["head_appeared"], overdue=d["overdue"],
                                 q=d["q"].strip())
        sort = d["sort"] or "received"
    qs = by_key(selectors.suit_list(user=request.user, filters=f), list_key(request), parties="plaintiffs")
    if sort == "concluded":
        qs = qs.filter(concluded_on__isnull=False)
    fmt = request.GET.get("export")
    if fmt in ("xlsx", "csv"):
        rows = (_suit_row(s) for s in qs.prefetch_related("plaintiffs").order_by(*selectors.SORTS[sort])
                .iterator(chunk_size=500))
        return export_response(rows=rows, headers=SUIT_HEADERS, filename=_("Suits"), fmt=fmt, user=request.user,
                               action="litigation.suits.exported", summary=request.GET.urlencode())
    page = keyset_page(selectors.with_next_clock(qs.prefetch_related("plaintiffs")), order=selectors.SORTS[sort],
                       after=request.GET.get("after"), size=50)
    return _render(request, "litigation/list.html", {"form": form, "page": page, "query": request.GET.urlencode(),
                                                     "sort": sort})


def _drilldown(request):
    key = request.GET["metric"]
    if key not in metrics.all_keys() or not key.startswith("litigation."):
        raise Http404
    start, end = _period(request)
    qs = selectors.metric_cases(user=request.user, key=key, start=start, end=end,
                                unit_code=request.GET.get("unit", ""))
    page = keyset_page(qs, order=("-pk",), after=request.GET.get("after"), size=100)
    if qs.model is Suit:
        prefetch_related_objects(page.rows, "plaintiffs")
    return _render(request, "litigation/drilldown.html", {
        "metric": metrics.metric(key), "start": start, "end": end, "page": page,
        "kind": qs.model._meta.model_name, "unit": request.GET.get("unit", "")})


@login_required
@permission_required("litigation.add_suit", raise_exception=True)
def suit_new(request):
    form = SuitRegisterForm(request.POST or None, user=request.user,
                            initial={"received_on": timezone.localdate()})

    def create(d):
        suit = services.suit_register(
            by=request.user, unit=request.user.primary_unit, court=d["court"],
            court_case_number=d["court_case_number"], defendant=d["defendant"], agency=d["agency"],
            challenged_act=d["challenged_act"], plaintiffs=d["plaintiffs"], new_plaintiffs=form.new_parties(),
            co_defendants=d["co_defendants"], tier=d["tier"], previous=d["previous"],
            filed_on=d["filed_on"], act_kind=d["act_kind"], claims=d["claims"],
            via_reconsideration=d["via_reconsideration"], reconsideration_note=d["reconsideration_note"],
            on=d["received_on"])
        messages.success(request, _("Registered %(n)s.") % {"n": suit.number})
        return suit

    return _create_page(request, form, create=create, title=_("Register a suit"), back=reverse("litigation:list"))


# --- the case page and its actions ----------------------------------------------------------------

def _detail(request, suit: Suit):
    hearings = list(suit.hearings.select_related("court", "agency"))
    chain = []
    node = suit.previous
    while node is not None:  # a chain has at most three instances
        chain.insert(0, node)
        node = node.previous
    return _render(request, "litigation/detail.html", {
        "suit": suit, "hearings": hearings, "coordinations": list(suit.coordinations.all()),
        "decision": getattr(suit, "decision", None), "chain": chain,
        "next_instances": list(suit.next_instances.select_related("court")),
        "clocks": case_clocks(suit), "timeline": suit.timeline().select_related("actor")[:200],
        "history": [(h, suit_workflow.state_label(h.state)) for h in
                    suit.history.select_related("history_user").order_by("-history_date")[:30]],
        "suggestions": list(suit.suggestions.select_related("court")),
        "actions": suit_workflow.available(suit, request.user), "action_url": suit_workflow.url_name,
        "state_label": suit_workflow.state_label(suit.state),
    })


def _suit_or_404(request, pk) -> Suit:
    return fetch_in_scope(selectors.suit_detail(), request.user, pk)


@login_required
@permission_required(VIEW, raise_exception=True)
def suit_detail(request, pk: int):
    return _detail(request, _suit_or_404(request, pk))


@login_required
@permission_required(VIEW, raise_exception=True)
def suit_act(request, pk: int, action: str):
    return step_view(request, _suit_or_404(request, pk), suit_workflow, action, context=_line_links())


@login_required
@permission_required(VIEW, raise_exception=True)
def answer_docx(request, pk: int):
    suit = _suit_or_404(request, pk)
    return docx_response(documents.answer_docx(suit), filename=f"答辩状-{suit.court_case_number}", user=request.user,
                         obj=suit, action="litigation.answer.downloaded")


@login_required
@permission_required(VIEW, raise_exception=True)
def appearance_docx(request, pk: int):
    hearing = selectors.hearing_list(user=request.user).filter(pk=pk).first()
    if hearing is None:
        raise Http404
    name = "负责人出庭应诉身份证明" if hearing.head_name else "出庭人员身份证明"
    return docx_response(documents.appearance_docx(hearing), filename=f"{name}-{hearing.suit.court_case_number}",
                         user=request.user, obj=hearing.suit, action="litigation.appearance.downloaded")


# --- hearings and the quarterly table ---------------------------------------------------------------

@login_required
@permission_required(VIEW, raise_exception=True)
def hearing_list(request):
    qs = selectors.hearing_list(user=request.user)
    start, end = query_date(request, "from"), query_date(request, "to")
    if start:
        qs = qs.filter(scheduled_on__gte=start)
    if end:
        qs = qs.filter(scheduled_on__lte=end)
    if request.GET.get("upcoming"):
        qs = qs.filter(held=False)
    page = keyset_page(qs, order=("-scheduled_on", "-pk"), after=request.GET.get("after"), size=100)
    return _render(request, "litigation/hearings.html", {"page": page, "params": request.GET})


@login_required
@permission_required(VIEW, raise_exception=True)
def quarterly(request):
    year = query_int(request, "year", default=timezone.localdate().year, min_value=DATE_MIN.year,
                     max_value=DATE_MAX.year)
    return _render(request, "litigation/quarterly.html", {
        "year": year, "rows": selectors.quarterly(user=request.user, year=year),
        "years": range(timezone.localdate().year, timezone.localdate().year - 6, -1)})


# --- judicial suggestions ---------------------------------------------------------------------------

@login_required
@permission_required("litigation.view_judicialsuggestion", raise_exception=True)
def suggestion_list(request):
    page = keyset_page(selectors.with_next_clock(selectors.suggestion_list(user=request.user)),
                       order=("-received_on", "-pk"), after=request.GET.get("after"), size=50)
    return _render(request, "litigation/suggestions.html", {"page": page})


@login_required
@permission_required("litigation.add_judicialsuggestion", raise_exception=True)
def suggestion_new(request):
    form = SuggestionRegisterForm(request.POST or None, user=request.user,
                                  initial={"received_on": timezone.localdate()})
    return _create_page(request, form, title=_("Register a judicial suggestion"),
                        back=reverse("litigation:suggestions"), create=lambda d: services.suggestion_register(
                            by=request.user, unit=request.user.primary_unit, court=d["court"], kind=d["kind"],
                            agency=d["agency"], number=d["number"], content=d["content"], suit=d["suit"],
                            on=d["received_on"]))


@login_required
@permission_required("litigation.view_judicialsuggestion", raise_exception=True)
def suggestion_detail(request, pk: int):
    item = fetch_in_scope(selectors.suggestion_list(user=request.user), request.user, pk)
    return _render(request, "litigation/suggestion_detail.html", {
        "item": item, "clocks": case_clocks(item), "timeline": item.timeline()[:100], "case": item,
        "actions": suggestion_workflow.available(item, request.user), "action_url": suggestion_workflow.url_name})


@login_required
@permission_required("litigation.view_judicialsuggestion", raise_exception=True)
def suggestion_act(request, pk: int, action: str):
    item = fetch_in_scope(selectors.suggestion_list(user=request.user), request.user, pk)
    return step_view(request, item, suggestion_workflow, action, context=_line_links())


# --- city-level reconsiderations ----------------------------------------------------------------------

@login_required
@permission_required("litigation.view_cityreconsideration", raise_exception=True)
def city_list(request):
    page = keyset_page(selectors.city_list(user=request.user), order=("-received_on", "-pk"),
                       after=request.GET.get("after"), size=50)
    return _render(request, "litigation/cities.html", {"page": page})


@login_required
@permission_required("litigation.add_cityreconsideration", raise_exception=True)
def city_new(request):
    form = CityRegisterForm(request.POST or None, user=request.user,
                            initial={"received_on": timezone.localdate(),
                                     "respondent": Unit.objects.filter(kind="district_government").first()})
    return _create_page(request, form, title=_("Register a city-level reconsideration"),
                        back=reverse("litigation:cities"), create=lambda d: services.city_register(
                            by=request.user, unit=request.user.primary_unit, city_case_number=d["city_case_number"],
                            respondent=d["respondent"], agency=d["agency"], challenged_act=d["challenged_act"],
                            applicants=d["applicants"], new_applicants=form.new_parties(),
                            authority=d["authority"], on=d["received_on"]))


def _city(request, pk):
    return fetch_in_scope(selectors.city_list(user=request.user).prefetch_related("applicants"), request.user, pk)


@login_required
@permission_required("litigation.view_cityreconsideration", raise_exception=True)
def city_detail(request, pk: int):
    case = _city(request, pk)
    return _render(request, "litigation/city_detail.html", {
        "case": case, "clocks": case_clocks(case), "timeline": case.timeline()[:100],
        "actions": city_workflow.available(case, request.user), "action_url": city_workflow.url_name})


@login_required
@permission_required("litigation.view_cityreconsideration", raise_exception=True)
def city_act(request, pk: int, action: str):
    return step_view(request, _city(request, pk), city_workflow, action, context=_line_links())


# --- 三合一 sessions ----------------------------------------------------------------------------------

@login_required
@permission_required("litigation.view_session", raise_exception=True)
def session_list(request):
    page = keyset_page(selectors.session_list(user=request.user), order=("-held_on", "-pk"),
                       after=request.GET.get("after"), size=50)
    return _render(request, "litigation/sessions.html", {"page": page})


@login_required
@permission_required("litigation.add_session", raise_exception=True)
def session_new(request):
    form = SessionForm(request.POST or None, user=request.user, initial={"on": timezone.localdate()})

    def create(d):
        services.session_record(by=request.user, unit=request.user.primary_unit, court=d["court"], title=d["title"],
                                leaders=d["leaders"], units=d["units"], suit=d["suit"], reviewer=d["reviewer"],
                                notes=d["notes"], on=d["on"])

    return _create_page(request, form, create=create, title=_("Record a session"),
                        back=reverse("litigation:sessions"))

"""The pages of the litigation line: thin edges over the selectors and the services."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import prefetch_related_objects
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sifa.core import clocks, metrics
from sifa.core.cases import ConflictError
from sifa.core.documents import docx_response
from sifa.core.exports import export_response
from sifa.core.inputs import DATE_MAX, DATE_MIN, query_date, query_int
from sifa.core.models import Deadline, Unit
from sifa.core.paging import keyset_page
from sifa.core.workflow import TransitionNotAllowed

from . import documents, selectors, services
from .forms import (
    AnswerForm,
    AppealForm,
    CityDecideForm,
    CityRegisterForm,
    CityReplyForm,
    CoordinationForm,
    DecideForm,
    FinaliseForm,
    HearingRecordForm,
    HearingScheduleForm,
    ReassignForm,
    SessionForm,
    SuggestionRegisterForm,
    SuggestionReplyForm,
    SuitFilterForm,
    SuitRegisterForm,
    WithdrawForm,
    apply_errors,
)
from .models import JudicialSuggestion, Suit
from .workflow import city_workflow, suggestion_workflow, suit_workflow

VIEW = "litigation.view_suit"
REFUSALS = (ValidationError, TransitionNotAllowed, ConflictError)


def _line_links() -> dict:
    try:
        stats = reverse("reports:line_stats", args=["litigation"])
    except NoReverseMatch:  # the reports app is not installed in this build
        stats = ""
    return {"stats_url": stats}


def _render(request, template, context, status=200):
    return render(request, template, {**_line_links(), **context}, status=status)


def _refuse(form, exc) -> None:
    if isinstance(exc, ValidationError):
        apply_errors(form, exc)
    else:
        form.add_error(None, str(exc))


def _create_page(request, form, *, create, title: str, back: str):
    """A "register something" page: on a valid POST run the service, show its refusal on the form or go on."""
    if request.method == "POST" and form.is_valid():
        try:
            created = create(form.cleaned_data)
        except REFUSALS as exc:
            _refuse(form, exc)
        else:
            return redirect(created or back)
    return _render(request, "litigation/form.html", {"form": form, "title": title, "back": back})


def _clock_rows(case) -> list[Deadline]:
    today = timezone.localdate()
    rows = list(clocks.for_case(case))
    for d in rows:
        d.days_left = (d.due - today).days
        d.due_soon = clocks.is_due_soon(d, today)
        d.late = d.is_open and d.due < today
    return rows


def _next_due(model, ids) -> dict[int, Deadline]:
    """The nearest open clock of each case on a page (one query for the page)."""
    ct = ContentType.objects.get_for_model(model)
    out: dict[int, Deadline] = {}
    for d in (Deadline.objects.filter(content_type=ct, object_id__in=ids, state__in=selectors.OPEN_CLOCK)
              .order_by("due")):
        out.setdefault(d.object_id, d)
    return out


def _period(request) -> tuple[date, date]:
    today = timezone.localdate()
    return (query_date(request, "from", default=date(today.year, 1, 1)),
            query_date(request, "to", default=today))


# --- suits: list, drill-down, export --------------------------------------------------------------

SUIT_HEADERS = [_("Court case number"), _("Our number"), _("Instance"), _("Court"), _("Plaintiffs"), _("Defendant"),
                _("Agency responsible"), _("Challenged act"), _("Received"), _("Concluded"), _("Outcome"), _("State")]


def _suit_row(s: Suit) -> list:
    outcome = getattr(getattr(s, "decision", None), "outcome", None)
    return [s.court_case_number, s.number, s.get_tier_display(), s.court.name,
            "、".join(p.name for p in s.plaintiffs.all()), s.defendant.name, s.agency.name, s.challenged_act,
            s.received_on, s.concluded_on, str(outcome or ""), s.get_state_display()]


@login_required
@permission_required(VIEW, raise_exception=True)
def suit_list(request):
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
    qs = selectors.suit_list(user=request.user, filters=f)
    if sort == "concluded":
        qs = qs.filter(concluded_on__isnull=False)
    fmt = request.GET.get("export")
    if fmt in ("xlsx", "csv"):
        rows = (_suit_row(s) for s in qs.prefetch_related("plaintiffs").order_by(*selectors.SORTS[sort])
                .iterator(chunk_size=500))
        return export_response(rows=rows, headers=SUIT_HEADERS, filename=_("Suits"), fmt=fmt, user=request.user,
                               action="litigation.suits.exported", summary=request.GET.urlencode())
    page = keyset_page(qs.prefetch_related("plaintiffs"), order=selectors.SORTS[sort],
                       after=request.GET.get("after"), size=50)
    due = _next_due(Suit, [s.pk for s in page.rows])
    today = timezone.localdate()
    for s in page.rows:
        s.next_due = due.get(s.pk)
        s.is_late = bool(s.next_due and s.next_due.due < today)
    return _render(request, "litigation/list.html", {"form": form, "page": page, "query": request.GET.urlencode()})


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

def _form_for(action: str, suit: Suit, user, data=None):
    initial = {"version": suit.version, "on": timezone.localdate()}
    kwargs = {"data": data, "initial": initial, "prefix": action}
    if action == "answer":
        return AnswerForm(**kwargs)
    if action == "schedule_hearing":
        return HearingScheduleForm(suit=suit, **kwargs)
    if action == "record_hearing":
        return HearingRecordForm(suit=suit, **kwargs)
    if action == "coordinate":
        return CoordinationForm(**kwargs)
    if action == "decide":
        return DecideForm(suit=suit, **kwargs)
    if action == "withdraw":
        return WithdrawForm(**kwargs)
    if action == "appeal":
        return AppealForm(**kwargs)
    if action == "finalise":
        return FinaliseForm(**kwargs)
    if action == "reassign":
        return ReassignForm(user=user, **kwargs)
    raise Http404


def _run(action: str, suit: Suit, by, d: dict):
    common = {"suit": suit, "by": by, "expected_version": d["version"]}
    if action == "answer":
        return services.suit_answer(**common, defence=d["defence"], evidence=d["evidence"], on=d["on"])
    if action == "schedule_hearing":
        return services.hearing_schedule(**common, scheduled_on=d["scheduled_on"], court=d["court"],
                                         agency=d["agency"], summons_served_on=d["summons_served_on"],
                                         head_name=d["head_name"], head_post=d["head_post"], head_rank=d["head_rank"])
    if action == "record_hearing":
        return services.hearing_record(**common, hearing=d["hearing"], on=d["on"], court=d["court"],
                                       agency=d["agency"], summons_served_on=d["summons_served_on"],
                                       head_appeared=d["head_appeared"], head_name=d["head_name"],
                                       head_post=d["head_post"], head_rank=d["head_rank"], staff=d["staff"],
                                       lawyers=d["lawyers"], absence_reason=d["absence_reason"],
                                       absence_explanation=d["absence_explanation"], notes=d["notes"])
    if action == "coordinate":
        return services.coordination_record(**common, participants=d["participants"], content=d["content"],
                                            result=d["result"], on=d["on"])
    if action == "decide":
        return services.suit_decide(**common, outcome=d["outcome"], served_on=d["served_on"], summary=d["summary"],
                                    disposition=d.get("disposition", ""), after_coordination=d["after_coordination"],
                                    on=d["on"])
    if action == "withdraw":
        return services.suit_withdraw(**common, summary=d["summary"], after_coordination=d["after_coordination"],
                                      on=d["on"])
    if action == "appeal":
        return services.suit_appeal(**common, appellant=d["appellant"], on=d["on"])
    if action == "finalise":
        return services.suit_finalise(**common, on=d["on"])
    if action == "reassign":
        return services.suit_reassign(**common, handler=d["handler"])
    raise Http404


def _available(suit: Suit, user) -> list:
    return [t for t in suit_workflow.available(suit, user) if t.name not in ("register", "decide_final")]


def _detail(request, suit: Suit, bound: tuple[str, object] | None = None, status: int = 200):
    forms = []
    for t in _available(suit, request.user):
        form = bound[1] if bound and bound[0] == t.name else _form_for(t.name, suit, request.user)
        forms.append((t, form))
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
        "clocks": _clock_rows(suit), "timeline": suit.timeline().select_related("actor")[:200],
        "history": [(h, suit_workflow.state_label(h.state)) for h in
                    suit.history.select_related("history_user").order_by("-history_date")[:30]],
        "suggestions": list(suit.suggestions.select_related("court")), "forms": forms,
        "open_action": bound[0] if bound else "", "state_label": suit_workflow.state_label(suit.state),
    }, status=status)


def _suit_or_404(request, pk) -> Suit:
    suit = selectors.suit_detail(user=request.user, pk=pk)
    if suit is None:
        raise Http404
    return suit


@login_required
@permission_required(VIEW, raise_exception=True)
def suit_detail(request, pk: int):
    return _detail(request, _suit_or_404(request, pk))


@login_required
@require_POST
def suit_act(request, pk: int, action: str):
    suit = _suit_or_404(request, pk)
    if action not in {t.name for t in _available(suit, request.user)}:
        if action in suit_workflow.transitions:
            messages.error(request, str(_refusal(suit, action, request.user)))
            return redirect(suit)
        raise Http404
    form = _form_for(action, suit, request.user, data=request.POST)
    if form.is_valid():
        try:
            _run(action, suit, request.user, form.cleaned_data)
        except REFUSALS as exc:
            _refuse(form, exc)
            suit = _suit_or_404(request, pk)  # the failed transaction rolled back: show the stored case
        else:
            messages.success(request, _("Saved: %(action)s.") % {"action": suit_workflow[action].label})
            return redirect(suit)
    return _detail(request, suit, bound=(action, form), status=400)


def _refusal(suit, action, user) -> str:
    try:
        suit_workflow.check(suit, action, user)
    except TransitionNotAllowed as exc:
        return str(exc)
    return _("You may not do this.")


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
    page = keyset_page(selectors.suggestion_list(user=request.user), order=("-received_on", "-pk"),
                       after=request.GET.get("after"), size=50)
    due = _next_due(JudicialSuggestion, [s.pk for s in page.rows])
    for s in page.rows:
        s.next_due = due.get(s.pk)
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
    item = selectors.suggestion_list(user=request.user).filter(pk=pk).first()
    if item is None:
        raise Http404
    form = None
    if any(t.name == "reply" for t in suggestion_workflow.available(item, request.user)):
        form = SuggestionReplyForm(request.POST or None, initial={"version": item.version,
                                                                  "on": timezone.localdate()})
        if request.method == "POST" and form.is_valid():
            try:
                services.suggestion_reply(suggestion=item, by=request.user, reply=form.cleaned_data["reply"],
                                          on=form.cleaned_data["on"],
                                          expected_version=form.cleaned_data["version"])
            except REFUSALS as exc:
                _refuse(form, exc)
            else:
                return redirect(item)
    elif request.method == "POST":
        raise PermissionDenied
    return _render(request, "litigation/suggestion_detail.html", {
        "item": item, "form": form, "clocks": _clock_rows(item), "timeline": item.timeline()[:100]})


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


@login_required
@permission_required("litigation.view_cityreconsideration", raise_exception=True)
def city_detail(request, pk: int):
    case = selectors.city_list(user=request.user).prefetch_related("applicants").filter(pk=pk).first()
    if case is None:
        raise Http404
    available = {t.name for t in city_workflow.available(case, request.user)}
    initial = {"version": case.version, "on": timezone.localdate()}
    action = request.POST.get("action") if request.method == "POST" else ""
    forms = {}
    for name, cls in (("reply", CityReplyForm), ("decide", CityDecideForm)):
        if name in available:
            forms[name] = cls(request.POST if action == name else None, initial=initial, prefix=name)
    if action:
        form = forms.get(action)
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            d = form.cleaned_data
            try:
                if action == "reply":
                    services.city_reply(case=case, by=request.user, on=d["on"], expected_version=d["version"])
                else:
                    services.city_decide(case=case, by=request.user, outcome=d["outcome"], on=d["on"],
                                         expected_version=d["version"])
            except REFUSALS as exc:
                _refuse(form, exc)
            else:
                return redirect(case)
    return _render(request, "litigation/city_detail.html", {
        "case": case, "forms": [(city_workflow[n], f) for n, f in forms.items()], "clocks": _clock_rows(case),
        "timeline": case.timeline()[:100]})


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

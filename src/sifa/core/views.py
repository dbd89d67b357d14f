"""The kernel's pages: my work, units, parties, the audit log. Thin: selectors read, services write."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from . import clocks, failed_tasks, health, monitoring, navigation, selectors, services
from . import search as cross_search
from .forms import AuditFilterForm, PartyForm, PartySearchForm, UnitSearchForm
from .locking import ConflictError
from .models import Party, User
from .models.scoping import reads_case_contents
from .paging import keyset_page


def home(request):
    """A visitor (a citizen) gets the public home page; a member of staff their work."""
    if not request.user.is_authenticated:
        return public_home(request)
    return my_work(request)


def public_home(request):
    """The citizens' front page: apply online, follow progress, what each service needs, where the offices are
    and when they are open (the units with an address), and a small link for staff to sign in."""
    return render(request, "core/public_home.html", {"offices": selectors.public_offices()})


@login_required
def my_work(request):
    """我的工作: the user's running clocks in due order, and each line's open items."""
    user = request.user
    leader = user.has_perm("core.lead_unit")
    deadlines = list(clocks.open_for_user(user, leader_units=leader).select_related("assignee")[:100])
    today = timezone.localdate()
    for d in deadlines:
        d.days_left = (d.due - today).days
        d.due_soon = clocks.is_due_soon(d, today)
    work = navigation.work_for(user)
    return render(request, "core/home.html", {
        "deadlines": deadlines, "leader": leader, "work": work, "today": today,
        "overdue": sum(d.state == "overdue" for d in deadlines),
        "due_soon": sum(bool(d.due_soon) for d in deadlines),
        "open_items": sum(len(rows) for _item, rows in work),
        "memberships": selectors.memberships_of(user),
    })


@login_required
@permission_required("core.view_unit", raise_exception=True)
def unit_tree(request):
    form = UnitSearchForm(request.GET or None)
    q = kind = ""
    if form.is_valid():
        q, kind = form.cleaned_data["q"], form.cleaned_data["kind"]
    rows = selectors.unit_tree(user=request.user, q=q, kind=kind)
    return render(request, "core/unit_tree.html", {"form": form, "rows": rows, "searching": bool(q or kind)})


@login_required
@permission_required("core.view_party", raise_exception=True)
def party_list(request):
    if request.method == "POST":
        # A whole ID or mobile number is searched through its keyed hash: the number never goes into a
        # URL, so it cannot land in browser history or access logs.
        form = PartySearchForm(request.POST)
        params = {}
        if form.is_valid():
            q, kind = form.cleaned_data["q"], form.cleaned_data["kind"]
            key = selectors.personal_number_key(q)
            params = {"key": key} if key else ({"q": q} if q else {})
            if kind:
                params["kind"] = kind
        return redirect(reverse("party_list") + ("?" + urlencode(params) if params else ""))
    form = PartySearchForm(request.GET or None)
    q = kind = ""
    if form.is_valid():
        q, kind = form.cleaned_data["q"], form.cleaned_data["kind"]
    key = request.GET.get("key", "")[:64]
    page = keyset_page(selectors.party_search(user=request.user, q=q, key=key, kind=kind), order=("name", "pk"),
                       after=request.GET.get("after"), size=50)
    return render(request, "core/party_list.html", {"form": form, "page": page, "q": q, "by_key": bool(key)})


@login_required
def search(request):
    """The box in the header: a record of any line by its number, part of a party's name, or a whole ID or mobile
    number. A whole number comes by POST and its results are shown on the POST, so it never enters a URL; any
    other text is redirected to `?q=` so that the results can be bookmarked and gone back to."""
    if not reads_case_contents(request.user):
        raise PermissionDenied
    text = (request.POST.get("q") if request.method == "POST" else request.GET.get("q")) or ""
    query = cross_search.Query.of(text)
    if request.method == "POST" and query.text and not query.key:
        return redirect(reverse("search") + "?" + urlencode({"q": query.text}))
    results = cross_search.search_all(request.user, query.text) if query.text else []
    parties = []
    if query.text and request.user.has_perm("core.view_party"):
        parties = list(selectors.party_search(user=request.user, q=query.text)[:cross_search.LIMIT])
    return render(request, "core/search.html", {
        "q": "" if query.key else query.text, "by_key": bool(query.key), "searched": bool(query.text),
        "results": results, "parties": parties, "limit": cross_search.LIMIT,
    })


def _party_for(request, pk: int) -> Party:
    party = selectors.party_detail(user=request.user, pk=pk)
    if party is None:
        raise Http404
    return party


def _party_page(request, party: Party, revealed: dict | None = None):
    return render(request, "core/party_detail.html", {
        "party": party, "revealed": revealed,
        "history": party.history.select_related("history_user").order_by("-history_date")[:50],
        "can_reveal": request.user.has_perm("core.view_full_id_number", party),
        "can_change": request.user.has_perm("core.change_party", party),
    })


@login_required
@permission_required("core.view_party", raise_exception=True)
def party_detail(request, pk: int):
    return _party_page(request, _party_for(request, pk))


@login_required
@require_POST
def party_reveal(request, pk: int):
    """The whole ID and mobile numbers, for a user whose role grants it in the party's unit; audited."""
    if not request.user.has_perm("core.view_full_id_number"):
        raise PermissionDenied
    party = _party_for(request, pk)
    if not request.user.has_perm("core.view_full_id_number", party):
        raise PermissionDenied
    revealed = services.party_reveal_id(party=party, by=request.user)
    if request.htmx:
        return render(request, "core/_party_revealed.html", {"party": party, **revealed})
    return _party_page(request, party, revealed)


@login_required
def party_edit(request, pk: int | None = None):
    if not request.user.has_perm("core.change_party" if pk else "core.add_party"):
        raise PermissionDenied
    party = _party_for(request, pk) if pk else Party()
    if request.method == "POST":
        form = PartyForm(request.POST, instance=party, user=request.user)
        if form.is_valid():
            try:
                services.party_save(party=form.save(commit=False), by=request.user,
                                    id_number=form.cleaned_data["id_number"] or (None if pk else ""),
                                    phone=form.cleaned_data["phone"] or (None if pk else ""),
                                    id_type=form.cleaned_data.get("id_type"),
                                    expected_version=form.cleaned_data["version"])
            except ValidationError as exc:  # a rule only the model knows: show it on its field
                form.add_error(None, exc)
            except ConflictError as exc:  # someone saved the party since this form was opened: keep the input
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("Saved."))
                return redirect("party_detail", pk=party.pk)
    else:
        initial = {}
        if not pk:
            unit = request.user.primary_unit
            initial = {"unit": unit.pk if unit else None}
        form = PartyForm(instance=party, user=request.user, initial=initial)
    return render(request, "core/party_form.html", {"form": form, "party": party})


@login_required
@permission_required("core.view_auditevent", raise_exception=True)
def audit_list(request):
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    actor = None
    if filters.get("actor"):
        actor = User.objects.filter(username=filters["actor"]).first()
    qs = selectors.audit_events(
        actor=actor, object_type=filters.get("object_type", ""), object_id=filters.get("object_id", ""),
        action=filters.get("action", ""), date_from=filters.get("date_from"), date_to=filters.get("date_to"))
    if filters.get("actor") and actor is None:
        qs = qs.none()
    page = keyset_page(qs, order=("-seq",), after=request.GET.get("after"), size=100)
    return render(request, "core/audit_list.html", {"form": form, "page": page})


def healthz(request):
    return HttpResponse("ok", content_type="text/plain")


@never_cache
def readyz(request):
    """200 when every readiness check passes, else 503 naming the failing ones (core.health)."""
    result = health.readiness()
    return JsonResponse(result, status=200 if result["ok"] else 503)


@never_cache
def metrics(request):
    """Prometheus's scrape (core.monitoring): from SIFA_METRICS_ALLOWED addresses or with SIFA_METRICS_TOKEN."""
    if not monitoring.metrics_allowed(request):
        return HttpResponse(status=403, content_type="text/plain")
    return HttpResponse(monitoring.exposition(), content_type=monitoring.CONTENT_TYPE)




@login_required
@permission_required(failed_tasks.PERMISSION, raise_exception=True)
def failed_task_list(request):
    """The task worker's failed jobs, for the system administrator: name, when, the error without its message."""
    return render(request, "core/failed_tasks.html", {"tasks": failed_tasks.failed_tasks(),
                                                       "shown": failed_tasks.SHOWN})


@login_required
@require_POST
@permission_required(failed_tasks.PERMISSION, raise_exception=True)
def failed_task_retry(request, pk):
    try:
        failed_tasks.task_retry(result_id=str(pk), by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The task was queued again; the worker runs it shortly."))
    return redirect("failed_tasks")

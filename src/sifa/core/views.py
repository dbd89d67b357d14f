from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import clocks, navigation, selectors, services
from .forms import PartyForm, PartySearchForm
from .models import AuditEvent, Party, User
from .paging import keyset_page


@login_required
def home(request):
    """我的工作: the user's running clocks in due order, and each line's open items."""
    user = request.user
    leader = user.has_perm("core.lead_unit")
    deadlines = list(clocks.open_for_user(user, leader_units=leader).select_related("assignee")[:100])
    today = timezone.localdate()
    for d in deadlines:
        d.days_left = (d.due - today).days
        d.due_soon = clocks.is_due_soon(d, today)
    return render(request, "core/home.html", {
        "deadlines": deadlines, "leader": leader, "work": navigation.work_for(user), "today": today,
    })


@login_required
@permission_required("core.view_unit", raise_exception=True)
def unit_tree(request):
    q = request.GET.get("q", "").strip()
    units = selectors.unit_tree(user=request.user)
    if q:
        units = units.filter(name__icontains=q)
    return render(request, "core/unit_tree.html", {"units": units, "q": q})


@login_required
@permission_required("core.view_party", raise_exception=True)
def party_list(request):
    form = PartySearchForm(request.GET or None)
    q = form.cleaned_data["q"] if form.is_valid() else ""
    page = keyset_page(selectors.party_search(user=request.user, q=q), order=("name", "pk"),
                       after=request.GET.get("after"), size=50)
    return render(request, "core/party_list.html", {"form": form, "page": page, "q": q})


def _party_for(request, pk: int) -> Party:
    party = Party.objects.visible_to(request.user).select_related("unit").filter(pk=pk).first()
    if party is None:
        raise Http404
    return party


@login_required
@permission_required("core.view_party", raise_exception=True)
def party_detail(request, pk: int):
    party = _party_for(request, pk)
    return render(request, "core/party_detail.html", {
        "party": party, "history": party.history.select_related("history_user").order_by("-history_date")[:50],
        "can_reveal": request.user.has_perm("core.view_full_id_number"),
    })


@login_required
@require_POST
def party_reveal(request, pk: int):
    if not request.user.has_perm("core.view_full_id_number"):
        raise PermissionDenied
    party = _party_for(request, pk)
    revealed = services.party_reveal_id(party=party, by=request.user)
    return render(request, "core/_party_revealed.html", {"party": party, **revealed})


@login_required
def party_edit(request, pk: int | None = None):
    party = _party_for(request, pk) if pk else Party()
    if not request.user.has_perm("core.change_party" if pk else "core.add_party"):
        raise PermissionDenied
    if request.method == "POST":
        form = PartyForm(request.POST, instance=party, user=request.user)
        if form.is_valid():
            services.party_save(party=form.save(commit=False), by=request.user,
                                id_number=form.cleaned_data["id_number"] or (None if pk else ""),
                                phone=form.cleaned_data["phone"] or (None if pk else ""),
                                id_type=form.cleaned_data.get("id_type"))
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
    actor = None
    if request.GET.get("actor"):
        actor = User.objects.filter(username=request.GET["actor"]).first()
    qs = selectors.audit_events(
        actor=actor, object_type=request.GET.get("object_type", ""), object_id=request.GET.get("object_id", ""),
        action=request.GET.get("action", ""), date_from=request.GET.get("from") or None,
        date_to=request.GET.get("to") or None)
    page = keyset_page(qs, order=("-seq",), after=request.GET.get("after"), size=100)
    object_types = (AuditEvent.objects.order_by().values_list("object_type", flat=True).distinct()[:50])
    return render(request, "core/audit_list.html", {"page": page, "object_types": object_types,
                                                     "params": request.GET})


def healthz(request):
    return HttpResponse("ok", content_type="text/plain")

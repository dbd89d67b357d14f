"""Court referrals (诉前调解): receiving one, and the list of referrals with their mediation periods."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import forms, selectors, services
from ..models import DisputeState, Track
from .common import VIEW, _run
from .disputes import _party_inputs


@login_required
@permission_required(VIEW, raise_exception=True)
def prelitigation(request):
    form = forms.PrelitigationForm(request.POST or None, user=request.user)
    if request.method == "POST":
        if not request.user.has_perm("mediation.add_dispute"):
            raise PermissionDenied
        if form.is_valid():
            d = form.cleaned_data
            result = {}

            def receive():
                result["dispute"] = services.prelitigation_receive(
                    unit=d["unit"], court=d["court"], court_reference=d["court_reference"],
                    dispute_type=d["dispute_type"], parties=_party_inputs(form), by=request.user, on=d["on"],
                    referral_kind=d["referral_kind"], referred_on=d["referred_on"], summary=d["summary"],
                    amount_involved=d["amount_involved"])

            if _run(request, form, receive):
                messages.success(request, _("Court referral %(n)s received; the mediation period runs.") % {
                    "n": result["dispute"].number})
                return redirect(result["dispute"])
    filters = selectors.DisputeFilter(track=Track.PRELITIGATION, state=request.GET.get("state", ""),
                                      overdue=request.GET.get("overdue") == "1")
    sort = selectors.SORTS.key(request.GET.get("sort"))
    page = selectors.dispute_page(user=request.user, filters=filters, sort=sort, after=request.GET.get("after"))
    return render(request, "mediation/prelitigation.html", {"form": form, "page": page, "today": timezone.localdate(),
                                                            "sort": sort,
                                                            "states": DisputeState.choices},
                  status=400 if form.errors else 200)

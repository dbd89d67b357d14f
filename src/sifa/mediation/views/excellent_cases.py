"""The library of excellent cases: submitting, selecting, publishing."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import forms, selectors, services
from ..models import Dispute
from .common import _metric_args, _metric_label, _run


@login_required
@permission_required("mediation.view_excellentcase", raise_exception=True)
def cases(request):
    form = forms.CaseForm(request.POST or None, user=request.user)
    if request.method == "POST":
        if not request.user.has_perm("mediation.add_excellentcase"):
            raise PermissionDenied
        if form.is_valid():
            d = form.cleaned_data
            dispute = None
            if d["dispute_number"]:
                dispute = Dispute.objects.visible_to(request.user).filter(number=d["dispute_number"].strip()).first()
                if dispute is None:
                    form.add_error("dispute_number", _("No dispute you can see has this number."))
            if not form.errors and _run(request, form, lambda: services.case_submit(
                    unit=d["unit"], title=d["title"], summary=d["summary"], by=request.user, on=d["on"],
                    dispute=dispute)):
                return redirect("mediation:cases")
    key, start, end, metric_unit = _metric_args(request)
    page = selectors.case_page(user=request.user, after=request.GET.get("after"), metric=key, metric_from=start,
                               metric_to=end, metric_unit=metric_unit)
    rows = [(c, forms.CaseSelectForm(prefix=f"select-{c.pk}") if not c.selected_on else None,
             forms.CasePublishForm(prefix=f"publish-{c.pk}") if not c.published_on else None) for c in page.rows]
    return render(request, "mediation/cases.html", {
        "form": form, "page": page, "rows": rows, "metric": key, "metric_label": _metric_label(key),
        "metric_from": start, "metric_to": end}, status=400 if form.errors else 200)


@login_required
@require_POST
def case_act(request, pk: int, action: str):
    if not request.user.has_perm("mediation.change_excellentcase"):
        raise PermissionDenied
    case = selectors.case_for(user=request.user, pk=pk)
    if case is None or action not in ("select", "publish"):
        raise Http404
    if action == "select":
        form = forms.CaseSelectForm(request.POST, prefix=f"select-{pk}")
        call = lambda c: services.case_select(case=case, selected_by=c["selected_by"], by=request.user, on=c["on"])  # noqa: E731
    else:
        form = forms.CasePublishForm(request.POST, prefix=f"publish-{pk}")
        call = lambda c: services.case_publish(case=case, published_in=c["published_in"], by=request.user, on=c["on"])  # noqa: E731
    if form.is_valid() and _run(request, form, lambda: call(form.cleaned_data)):
        messages.success(request, _("Recorded."))
    else:
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
    return redirect("mediation:cases")

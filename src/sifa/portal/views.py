"""Online, without an account: apply to a line that offers it (`core.lines.OnlineService`, today administrative
reconsideration), then follow the application's progress with the receipt number and the mobile number given.
With several lines online, /apply/?service=<line> chooses one (the first declared by default). Submissions are rate-limited per client address and per
applicant, look-ups per address and per receipt number; the counts are kept in the database (`core.limits`)
so that every worker process counts against the same budget, and the limits are SIFA_PORTAL_* settings."""

from __future__ import annotations

import math

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from sifa.core import crypto, limits, lines
from sifa.core.lines import OnlineService

from .forms import ProgressForm


def _limits(*uses: tuple[str, str]) -> list[tuple[limits.Limit, str]]:
    """(setting name, key) pairs as limits of the portal, e.g. ("APPLY_PER_ADDRESS", "10.0.0.1")."""
    return [(limits.Limit.of(f"portal.{name.lower()}", getattr(settings, f"SIFA_PORTAL_{name}")), key)
            for name, key in uses]


REFUSALS = {
    "portal.apply_per_address": gettext_lazy(
        "Too many applications have been sent from your network address. Please try again in %(minutes)s "
        "minutes, or apply at the reconsideration office."),
    "portal.apply_per_applicant": gettext_lazy(
        "Too many applications have been sent for this applicant. Please try again in %(minutes)s minutes, "
        "or apply at the reconsideration office."),
    "portal.lookup_per_address": gettext_lazy(
        "Too many look-ups from your network address. Please try again in %(minutes)s minutes."),
    "portal.lookup_per_receipt": gettext_lazy(
        "Too many look-ups of this receipt number. Please try again in %(minutes)s minutes."),
}


def _refuse(form, refused: limits.Refused) -> None:
    form.add_error(None, REFUSALS[refused.limit.scope] % {"minutes": math.ceil(refused.retry_after / 60)})


def _refusal_response(response, refused: limits.Refused | None):
    """429 with Retry-After when a limit refused the request (the page keeps what was typed)."""
    if refused is not None:
        response.status_code = 429
        response["Retry-After"] = str(refused.retry_after)
    return response


def _service(key: str | None) -> OnlineService:
    services = lines.online_services()
    for service in services:
        if service.key == key:
            return service
    if services and not key:
        return services[0]
    raise Http404


def _page(service: OnlineService, **context) -> dict:
    """The chosen service, and every service online by its line's name (the page links to the others)."""
    others = [(s.key, lines.get(s.key).label) for s in lines.online_services()]
    return {"service": service, "services": others, **context}


@never_cache
def apply(request):
    service = _service(request.GET.get("service"))
    form = service.form(request.POST or None, request.FILES or None)
    refused = None
    if request.method == "POST" and form.is_valid():
        applicant = form.applicant_key()
        try:
            limits.take(_limits(("APPLY_PER_ADDRESS", limits.client_address(request)),
                                ("APPLY_PER_APPLICANT", crypto.lookup_hash(applicant) if applicant else "")))
        except limits.Refused as exc:
            refused = exc
            _refuse(form, exc)
        else:
            try:
                app = service.register(form, request)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                request.session["portal_receipt"] = [service.key, app.receipt_number]
                return redirect("portal:receipt")
    return _refusal_response(render(request, "portal/apply.html", _page(service, form=form)), refused)


@never_cache
def receipt(request):
    key, number = request.session.get("portal_receipt") or (None, None)
    app = None
    if number:
        try:
            service = _service(key)
        except Http404:
            service = None
        app = service.by_receipt(number) if service else None
    if app is None:
        return redirect("portal:apply")
    return render(request, "portal/receipt.html", _page(service, app=app))


@never_cache
def progress(request):
    form = ProgressForm(request.POST or None)
    app = refused = found_in = None
    if request.method == "POST" and form.is_valid():
        receipt_number = form.cleaned_data["receipt_number"]
        try:
            limits.take(_limits(("LOOKUP_PER_ADDRESS", limits.client_address(request)),
                                ("LOOKUP_PER_RECEIPT", receipt_number)))
        except limits.Refused as exc:
            refused = exc
            _refuse(form, exc)
        else:
            for service in lines.online_services():
                app = service.lookup(receipt_number, form.cleaned_data["phone"])
                if app is not None:
                    found_in = service
                    break
            if app is None:
                form.add_error(None, _("No application matches this receipt number and mobile number."))
    context = {"form": form, "app": app, "service": found_in,
               "stylesheets": sorted({css for s in lines.online_services() for css in s.stylesheets})}
    if app is not None:
        context.update(found_in.progress_context(app))
    return _refusal_response(render(request, "portal/progress.html", context), refused)

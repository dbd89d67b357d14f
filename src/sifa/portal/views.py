"""Online, without an account: apply for administrative reconsideration, then follow its progress with the
receipt number and the mobile number given. Submissions are rate-limited per client address and per
applicant, look-ups per address and per receipt number; the counts are kept in the database (`core.limits`)
so that every worker process counts against the same budget, and the limits are SIFA_PORTAL_* settings."""

from __future__ import annotations

import math

from django.conf import settings
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from sifa.core import crypto, limits
from sifa.core.models import Unit
from sifa.reconsideration import services
from sifa.reconsideration.models import Application, Channel, PartyRole, State

from .forms import OnlineApplicationForm, ProgressForm


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


def _office() -> Unit | None:
    return Unit.objects.filter(code=getattr(settings, "SIFA_RECONSIDERATION_OFFICE", "PT-SFJ-FY")).first()


@never_cache
def apply(request):
    form = OnlineApplicationForm(request.POST or None, request.FILES or None)
    refused = None
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        applicant = d["id_number"] or d["credit_code"]
        try:
            limits.take(_limits(("APPLY_PER_ADDRESS", limits.client_address(request)),
                                ("APPLY_PER_APPLICANT", crypto.lookup_hash(applicant) if applicant else "")))
        except limits.Refused as exc:
            refused = exc
            _refuse(form, exc)
        else:
            app = services.application_register(
                unit=_office(), respondent=d["respondent"], act_description=d["act_description"],
                request=d["request"], reasons=d["reasons"], applicants=[form.party_data()], by=None,
                channel=Channel.ONLINE, act_kind=d["act_kind"].code, act_number=d["act_number"], act_date=d["act_date"],
                known_on=d["known_on"])
            for f in d["attachments"]:
                services.attachment_add(application=app, file=f, by=None)
            request.session["portal_receipt"] = app.receipt_number
            return redirect("portal:receipt")
    return _refusal_response(render(request, "portal/apply.html", {"form": form}), refused)


@never_cache
def receipt(request):
    number = request.session.get("portal_receipt")
    app = Application.objects.filter(receipt_number=number).first() if number else None
    if app is None:
        return redirect("portal:apply")
    return render(request, "portal/receipt.html", {"app": app})


# What an applicant sees of the documents issued to them.
PUBLIC_DOCUMENTS = ("correction_notice", "acceptance_notice", "non_acceptance", "hearing_notice",
                    "suspension_notice", "resumption_notice", "termination", "mediation", "decision")


@never_cache
def progress(request):
    form = ProgressForm(request.POST or None)
    app = refused = None
    if request.method == "POST" and form.is_valid():
        receipt_number = form.cleaned_data["receipt_number"]
        try:
            limits.take(_limits(("LOOKUP_PER_ADDRESS", limits.client_address(request)),
                                ("LOOKUP_PER_RECEIPT", receipt_number)))
        except limits.Refused as exc:
            refused = exc
            _refuse(form, exc)
        else:
            app = _lookup(receipt_number, form.cleaned_data["phone"])
            if app is None:
                form.add_error(None, _("No application matches this receipt number and mobile number."))
    context = {"form": form, "app": app}
    if app is not None:
        context.update({
            "documents": [d for d in app.documents.all() if d.kind in PUBLIC_DOCUMENTS],
            "corrections": list(app.corrections.all()) if app.state == State.CORRECTION_REQUESTED else [],
            "hearings": [h for h in app.hearings.all() if h.kind == "hearing" and h.state == "scheduled"],
        })
    return _refusal_response(render(request, "portal/progress.html", context), refused)


def _lookup(receipt_number: str, phone: str) -> Application | None:
    app = (Application.objects.filter(receipt_number=receipt_number).select_related("respondent")
           .prefetch_related("documents", "corrections", "hearings").first())
    if app is None:
        return None
    wanted = crypto.lookup_hash(phone.strip())
    if not app.parties.filter(role=PartyRole.APPLICANT, party__phone_hash=wanted).exists():
        return None
    return app

"""Online, without an account: apply for administrative reconsideration, then follow its progress with the
receipt number and the mobile number given. Submissions and look-ups are rate-limited per address."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from sifa.core import crypto
from sifa.core.models import Unit
from sifa.reconsideration import services
from sifa.reconsideration.models import Application, Channel, PartyRole, State

from .forms import OnlineApplicationForm, ProgressForm

APPLY_LIMIT = (5, 3600)  # submissions per address per hour
LOOKUP_LIMIT = (20, 3600)  # look-ups per address per hour


def _client_ip(request) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _over_limit(request, kind: str, limit: tuple[int, int]) -> bool:
    """Count this request against the address's budget (Django's cache: LocMem here, shared in production)."""
    n, window = getattr(settings, f"SIFA_PORTAL_{kind.upper()}_LIMIT", limit)
    key = f"portal:{kind}:{_client_ip(request)}"
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=window)
        count = 1
    return count > n


def _office() -> Unit | None:
    return Unit.objects.filter(code=getattr(settings, "SIFA_RECONSIDERATION_OFFICE", "PT-SFJ-FY")).first()


@never_cache
def apply(request):
    form = OnlineApplicationForm(request.POST or None, request.FILES or None)
    limited = False
    if request.method == "POST":
        limited = _over_limit(request, "apply", APPLY_LIMIT)
        if limited:
            form.add_error(None, _("Too many applications from your address; please try again in an hour."))
        elif form.is_valid():
            d = form.cleaned_data
            app = services.application_register(
                unit=_office(), respondent=d["respondent"], act_description=d["act_description"],
                request=d["request"], reasons=d["reasons"], applicants=[form.party_data()], by=None,
                channel=Channel.ONLINE, act_kind=d["act_kind"].code, act_number=d["act_number"], act_date=d["act_date"],
                known_on=d["known_on"])
            for f in d["attachments"]:
                services.attachment_add(application=app, file=f, by=None)
            request.session["portal_receipt"] = app.receipt_number
            return redirect("portal:receipt")
    return render(request, "portal/apply.html", {"form": form}, status=429 if limited else 200)


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
    app = None
    status = 200
    if request.method == "POST":
        if _over_limit(request, "lookup", LOOKUP_LIMIT):
            form.add_error(None, _("Too many look-ups from your address; please try again in an hour."))
            status = 429
        elif form.is_valid():
            app = _lookup(form.cleaned_data["receipt_number"], form.cleaned_data["phone"])
            if app is None:
                form.add_error(None, _("No application matches this receipt number and mobile number."))
    context = {"form": form, "app": app}
    if app is not None:
        context.update({
            "documents": [d for d in app.documents.all() if d.kind in PUBLIC_DOCUMENTS],
            "corrections": list(app.corrections.all()) if app.state == State.CORRECTION_REQUESTED else [],
            "hearings": [h for h in app.hearings.all() if h.kind == "hearing" and h.state == "scheduled"],
        })
    return render(request, "portal/progress.html", context, status=status)


def _lookup(receipt_number: str, phone: str) -> Application | None:
    app = (Application.objects.filter(receipt_number=receipt_number).select_related("respondent")
           .prefetch_related("documents", "corrections", "hearings").first())
    if app is None:
        return None
    wanted = crypto.lookup_hash(phone.strip())
    if not app.parties.filter(role=PartyRole.APPLICANT, party__phone_hash=wanted).exists():
        return None
    return app

"""Two-factor sign-in (等保 2.0 level 3): after the password, a code from an authenticator app (TOTP, RFC 6238)
or one of ten single-use recovery codes. django-otp keeps the devices, checks the codes and throttles guessing.

Who must: everyone holding a role whose `requires_two_factor` is set (the security administrator sets it per
role), and always the three administrators, the bureau leader and superusers. Anyone else may enrol; once
enrolled, they are asked for a code at every log-in too.

The state is decided once per session, at log-in, and kept in the session: `PASSED` (nothing more to do),
`VERIFY` (has a device: enter a code) or `ENROL` (must set up a device first). Until it is `PASSED`,
`TwoFactorMiddleware` lets the user reach only the verification or enrolment page, logging out and static
files; every other page, /admin/ and the API included, sends them there. A session without a state (made
before this existed) is decided on its first request, so the check fails closed.
"""

from __future__ import annotations

from dataclasses import dataclass

import segno
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.signals import user_logged_in
from django.db import transaction
from django.db.models import Q
from django.dispatch import receiver
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp import verify_token as otp_verify_token
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice, default_key

from . import audit
from .models import Membership
from .roles import ALWAYS_TWO_FACTOR

RECOVERY_CODES = 10

SESSION_KEY = "_sifa_two_factor"
PASSED, VERIFY, ENROL = "passed", "verify", "enrol"


def required_for(user) -> bool:
    if user.is_superuser:
        return True
    return Membership.objects.filter(user=user).filter(
        Q(role__requires_two_factor=True) | Q(role__code__in=ALWAYS_TWO_FACTOR)).exists()


def totp_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def state_for(user) -> str:
    """Recovery codes go with an authenticator: a user whose authenticator was removed (a lost phone) enrols
    again, which replaces the codes too."""
    if TOTPDevice.objects.devices_for_user(user, confirmed=True).exists():
        return VERIFY
    return ENROL if required_for(user) else PASSED


@receiver(user_logged_in, dispatch_uid="sifa.core.two_factor")
def _decide_at_login(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_KEY] = state_for(user)


def passed(request, device) -> None:
    """The session has passed its second factor (with `device`)."""
    request.session[SESSION_KEY] = PASSED
    request.session[DEVICE_ID_SESSION_KEY] = device.persistent_id


# --- services --------------------------------------------------------------------------------------------

@dataclass
class Verification:
    device: object | None
    throttled: bool = False


def verify(*, user, code: str) -> Verification:
    """Check a code: six digits against the authenticator, anything else against the recovery codes (each
    usable once). Audited either way, without the code."""
    code = "".join(code.split()).lower()
    if len(code) == 6 and code.isdigit():
        devices = list(TOTPDevice.objects.devices_for_user(user, confirmed=True))
    else:
        devices = list(StaticDevice.objects.devices_for_user(user, confirmed=True))
    throttled = bool(devices) and not any(d.verify_is_allowed()[0] for d in devices)
    for device in devices:
        if otp_verify_token(user, device.persistent_id, code) is not None:
            kind = "recovery_code" if isinstance(device, StaticDevice) else "totp"
            payload = {"method": kind}
            if kind == "recovery_code":
                payload["left"] = StaticToken.objects.filter(device=device).count()
            audit.record(user, "auth.two_factor_passed", user, summary=str(user), payload=payload)
            return Verification(device)
    audit.record(user, "auth.two_factor_failed", user, summary=str(user), payload={"throttled": throttled})
    return Verification(None, throttled=throttled)


ENROL_KEY = "_sifa_two_factor_secret"


def enrolment_device(request) -> TOTPDevice:
    """The authenticator being set up, not yet saved: its secret waits in the session until a code from the app
    confirms it, so showing the enrolment page writes nothing."""
    key = request.session.get(ENROL_KEY)
    if key is None:
        key = request.session[ENROL_KEY] = default_key()
    return TOTPDevice(user=request.user, name=_("Authenticator app"), key=key, confirmed=False)


@transaction.atomic
def enrol_confirm(*, request, code: str) -> tuple[TOTPDevice, list[str]] | None:
    """Confirm the authenticator being set up with a code from it: it replaces the user's earlier devices, and
    ten new recovery codes are made and returned (shown once). None if the code is wrong."""
    user, device = request.user, enrolment_device(request)
    code = "".join(code.split())
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    if not (len(code) == device.digits and code.isdigit() and totp.verify(int(code), device.tolerance)):
        return None
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    device.confirmed, device.last_t = True, totp.t()  # the code just used is not accepted again
    device.save()
    recovery = StaticDevice.objects.create(user=user, name=_("Recovery codes"), confirmed=True)
    codes = [StaticToken.random_token() for _i in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=recovery, token=c) for c in codes)
    del request.session[ENROL_KEY]
    audit.record(user, "auth.two_factor_enrolled", user, summary=str(user),
                 payload={"recovery_codes": RECOVERY_CODES})
    return device, codes


def qr_data_uri(device: TOTPDevice) -> str:
    """The otpauth:// address as a QR code, an SVG in a data: URI (the CSP allows data: images only)."""
    return segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=2)


def secret_text(device: TOTPDevice) -> str:
    """The secret in base32, in groups of four, for typing into an app that cannot scan."""
    from base64 import b32encode

    text = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(text[i:i + 4] for i in range(0, len(text), 4))


# --- the gate ----------------------------------------------------------------------------------------------

def safe_next(request, default: str = "/") -> str:
    target = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME) or ""
    ok = url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                         require_https=request.is_secure())
    return target if ok else default


class TwoFactorMiddleware:
    """Until the session has passed its second factor, only the pages that get it there answer."""

    OPEN_PREFIXES = ("/static/", "/i18n/", "/healthz", "/readyz")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return self.get_response(request)
        state = request.session.get(SESSION_KEY)
        if state is None:
            state = request.session[SESSION_KEY] = state_for(user)
        if state == PASSED:
            return self.get_response(request)
        page = reverse("two_factor_verify" if state == VERIFY else "two_factor_enrol")
        if request.path in (page, reverse("logout")) or request.path.startswith(self.OPEN_PREFIXES):
            return self.get_response(request)
        if request.path.startswith("/api/") or getattr(request, "htmx", False):
            return JsonResponse({"detail": _("Two-factor sign-in is required first.")}, status=403)
        target = request.get_full_path() if request.method == "GET" else "/"
        if target.startswith("/") and not target.startswith("//"):
            return redirect(f"{page}?{urlencode({REDIRECT_FIELD_NAME: target})}")
        return redirect(page)

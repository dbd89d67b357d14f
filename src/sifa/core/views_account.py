"""One's own account: the second step of signing in (core.two_factor: enter a code, or set up an authenticator
app) and changing one's password (audited by core.signals, as every password change is)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from . import two_factor


class CodeForm(forms.Form):
    code = forms.CharField(label=gettext_lazy("Verification code"), max_length=20, strip=True,
                           widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True,
                                                         "inputmode": "text", "spellcheck": "false"}))


@never_cache
@login_required
def verify(request):
    """Enter the six-digit code from the authenticator app, or one of the recovery codes."""
    if request.session.get(two_factor.SESSION_KEY) == two_factor.PASSED:
        return redirect(two_factor.safe_next(request))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = two_factor.verify(user=request.user, code=form.cleaned_data["code"])
        if result.device is not None:
            two_factor.passed(request, result.device)
            request.session.cycle_key()
            return redirect(two_factor.safe_next(request))
        form.add_error("code", _("Too many wrong codes: wait a minute, then try again.") if result.throttled
                       else _("The code is not right. Enter the six digits the app shows now, or a recovery "
                              "code."))
    return render(request, "core/two_factor_verify.html", {"form": form, "next": two_factor.safe_next(request)})


@never_cache
@login_required
def enrol(request):
    """Set up an authenticator app: scan the QR code (or type the secret), confirm with a code; the ten
    recovery codes are shown once, on the page that answers the confirmation."""
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        enrolled = two_factor.enrol_confirm(request=request, code=form.cleaned_data["code"])
        if enrolled is not None:
            device, codes = enrolled
            two_factor.passed(request, device)
            request.session.cycle_key()
            return render(request, "core/two_factor_codes.html", {
                "codes": codes, "next": two_factor.safe_next(request)})
        form.add_error("code", _("The code is not right. Enter the six digits the app shows now."))
    device = two_factor.enrolment_device(request)
    return render(request, "core/two_factor_enrol.html", {
        "form": form, "qr": two_factor.qr_data_uri(device), "secret": two_factor.secret_text(device),
        "required": two_factor.required_for(request.user), "next": two_factor.safe_next(request),
        "enrolled": two_factor.totp_device(request.user) is not None})


class PasswordChangeView(auth_views.PasswordChangeView):
    """Change one's own password (the old one first); the session stays signed in."""

    template_name = "registration/password_change.html"
    success_url = reverse_lazy("home")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Your password has been changed."))
        return response
